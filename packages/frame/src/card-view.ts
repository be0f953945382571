import { LitElement, css, html, nothing } from 'lit';
import { viewStyles } from './view.styles.ts';
import type { ErrorInfo, FieldName } from '@cardframe/protocol';
import { maskedValue } from './format.ts';
import type { RevealedValues } from './reveal.ts';
import { TEST_IDS, valueTestId } from './test-ids.ts';

/** What the view shows; the frame app moves it between these. */
export type ViewState = 'loading' | 'ready' | 'revealing' | 'revealed' | 'error' | 'unavailable';

const LABELS: Record<FieldName, string> = { pan: 'Card number', expiry: 'Expiry', cvc: 'CVC', pin: 'PIN' };

const ERROR_TEXT: Partial<Record<ErrorInfo['code'], string>> = {
  ERR_ISSUER_REQUEST: 'Card details could not be loaded.',
  ERR_DECRYPT_FAILED: 'Card details could not be opened.',
  ERR_MALFORMED_RESPONSE: 'Card details arrived in an unexpected form.',
  ERR_CIPHERTEXT_INVALID: 'Card details arrived in an unexpected form.',
  ERR_CONFIG: 'Card details are unavailable right now.',
  ERR_RATE_LIMITED: 'Too many attempts. Please wait a minute and try again.',
  ERR_KEY_INVALID: 'Card details are unavailable right now.',
};

/**
 * The card as the cardholder sees it inside the frame: each field masked until
 * revealed, one button to reveal or hide, and an error line. Values are
 * rendered as text nodes only.
 *
 * @fires cardframe-reveal-request - the cardholder pressed Reveal (or Try again).
 * @fires cardframe-hide-request - the cardholder pressed Hide.
 * @csspart field - one label/value row.
 * @csspart value - a field's value, masked or revealed.
 * @csspart toggle - the reveal/hide button.
 * @csspart error - the error line.
 */
export class CardView extends LitElement {
  static override properties = {
    fields: { attribute: false },
    values: { attribute: false },
    state: { reflect: true },
    error: { attribute: false },
    testMode: { attribute: false },
  };

  declare fields: readonly FieldName[];
  declare values: RevealedValues;
  declare state: ViewState;
  declare error: ErrorInfo | undefined;
  /** Adds `data-testid`s (the frame config's `testMode`). */
  declare testMode: boolean;

  static override styles = [
    viewStyles,
    css`
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.25em 1em;
        margin: 0 0 0.75em;
      }
      dt {
        color: var(--cardframe-label-color, #555);
      }
      dd {
        margin: 0;
        font-variant-numeric: tabular-nums;
        letter-spacing: 0.04em;
        font-family: var(--cardframe-value-font, ui-monospace, monospace);
      }
    `,
  ];

  constructor() {
    super();
    this.fields = [];
    this.values = {};
    this.state = 'loading';
    this.error = undefined;
    this.testMode = false;
  }

  /** A `data-testid` value in test mode; no attribute otherwise. */
  #testId(id: string): string | typeof nothing {
    return this.testMode ? id : nothing;
  }

  protected override updated(): void {
    // The frame app measures on this: ResizeObserver does not fire in a
    // cross-origin frame the browser throttles (say, below the fold).
    this.dispatchEvent(new Event('cardframe-rendered', { bubbles: true, composed: true }));
  }

  override render() {
    const revealed = this.state === 'revealed';
    return html`
      <dl aria-live="polite" aria-busy=${this.state === 'revealing' ? 'true' : 'false'}>
        ${this.fields.map((field) => {
          const value = revealed ? this.values[field] : undefined;
          return html`<dt part="field">${LABELS[field]}</dt>
            ${value === undefined
              ? html`<dd part="value" data-field=${field} data-testid=${this.#testId(valueTestId(field))} aria-label="${LABELS[field]} hidden">${maskedValue(field)}</dd>`
              : html`<dd part="value" data-field=${field} data-testid=${this.#testId(valueTestId(field))}>${value}</dd>`}`;
        })}
      </dl>
      ${this.#renderButton()}
      ${this.error && (this.state === 'error' || this.state === 'unavailable')
        ? html`<p class="error" part="error" role="alert" data-testid=${this.#testId(TEST_IDS.error)}>${ERROR_TEXT[this.error.code] ?? 'Something went wrong.'} (${this.error.code})</p>`
        : nothing}
    `;
  }

  #renderButton() {
    if (this.state === 'unavailable') return nothing;
    const what = this.fields.length === 1 && this.fields[0] === 'pin' ? 'PIN' : 'card details';
    if (this.state === 'revealed') {
      return html`<button type="button" part="toggle" data-testid=${this.#testId(TEST_IDS.hide)} @click=${this.#onHide}>Hide ${what}</button>`;
    }
    const busy = this.state === 'revealing' || this.state === 'loading';
    const label = this.state === 'error' ? `Reveal ${what} (try again)` : `Reveal ${what}`;
    return html`<button type="button" part="toggle" data-testid=${this.#testId(TEST_IDS.reveal)} ?disabled=${busy} @click=${this.#onReveal}>${label}</button>`;
  }

  #onReveal(): void {
    this.dispatchEvent(new CustomEvent('cardframe-reveal-request', { bubbles: true, composed: true }));
  }

  #onHide(): void {
    this.dispatchEvent(new CustomEvent('cardframe-hide-request', { bubbles: true, composed: true }));
  }
}

if (!customElements.get('cardframe-card-view')) customElements.define('cardframe-card-view', CardView);

declare global {
  interface HTMLElementTagNameMap {
    'cardframe-card-view': CardView;
  }
}

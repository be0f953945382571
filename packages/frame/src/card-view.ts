import { css, html, nothing } from 'lit';
import { viewStyles } from './view.styles.ts';
import { fill, type Messages } from './i18n/en.ts';
import { frameSheet } from './style/frame-sheet.ts';
import type { ErrorInfo } from '@cardframe/protocol';
import { formatValue, maskedValue } from './format.ts';
import { RevealView } from './reveal-view.ts';
import { TEST_IDS, valueTestId } from './test-ids.ts';

export type { ViewState } from './reveal-view.ts';

/** Which catalogue text explains an error code; anything else gets `failed`. */
export const ERROR_TEXT: Partial<Record<ErrorInfo['code'], keyof Messages['card']>> = {
  ERR_ISSUER_REQUEST: 'loadFailed',
  ERR_DECRYPT_FAILED: 'openFailed',
  ERR_MALFORMED_RESPONSE: 'unexpected',
  ERR_CIPHERTEXT_INVALID: 'unexpected',
  ERR_CONFIG: 'unavailable',
  ERR_RATE_LIMITED: 'rateLimited',
  ERR_KEY_INVALID: 'unavailable',
  ERR_COPY_REFUSED: 'copyRefused',
};

/** What a reveal view asks of its flow when the cardholder presses one of its buttons. */
export type ViewRequest = 'reveal' | 'hide' | 'copy';

/** Tells the flow the cardholder asked for `what` (dispatched inside the click, so it keeps the user activation). */
export function requestFromView(view: HTMLElement, what: ViewRequest): void {
  view.dispatchEvent(new CustomEvent(`cardframe-${what}-request`, { bubbles: true, composed: true }));
}

/** The error line every reveal view shows: the catalogue's explanation and the code. */
export function errorLine(messages: Messages, error: ErrorInfo, testMode = false) {
  return html`<p class="error" part="error" role="alert" data-testid=${testMode ? TEST_IDS.error : nothing}>${messages.card[ERROR_TEXT[error.code] ?? 'failed']} (${error.code})</p>`;
}

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
export class CardView extends RevealView {


  // In a right-to-left document the values stay left to right: otherwise the
  // digit groups of a card number would be laid out in reverse order.
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
      :host(:dir(rtl)) dd {
        direction: ltr;
        text-align: right;
      }
    `,
    frameSheet,
  ];

  /** A `data-testid` value in test mode; no attribute otherwise. */
  #testId(id: string): string | typeof nothing {
    return this.testMode ? id : nothing;
  }

  override render() {
    const text = this.messages;
    const revealed = this.state === 'revealed';
    return html`
      ${this.fields.length === 0 ? nothing : this.#renderFields(revealed)}
      ${this.#renderButton()}
      ${this.error && (this.state === 'error' || this.state === 'unavailable') ? errorLine(text, this.error, this.testMode) : nothing}
    `;
  }

  #renderFields(revealed: boolean) {
    const text = this.messages;
    return html`
      <dl aria-live="polite" aria-busy=${this.state === 'revealing' ? 'true' : 'false'}>
        ${this.fields.map((field) => {
          const value = revealed ? this.values[field] : undefined;
          const label = text.field[field];
          return html`<dt part="field">${label}</dt>
            ${value === undefined
              ? html`<dd part="value" data-field=${field} data-testid=${this.#testId(valueTestId(field))} aria-label=${fill(text.hidden, { label })}>${maskedValue(field, this.hint)}</dd>`
              : html`<dd part="value" data-field=${field} data-testid=${this.#testId(valueTestId(field))}>${formatValue(field, value)}</dd>`}`;
        })}
      </dl>
    `;
  }

  #renderButton() {
    if (this.state === 'unavailable') return nothing;
    // No fields: the reveal/hide-all toggle of a group of field frames.
    const text = this.messages.card;
    const pinOnly = this.fields.length === 1 && this.fields[0] === 'pin';
    if (this.state === 'revealed') {
      return html`<button type="button" part="toggle" data-testid=${this.#testId(TEST_IDS.hide)} @click=${this.#onHide}>${pinOnly ? text.hidePin : text.hide}</button>`;
    }
    const busy = this.state === 'revealing' || this.state === 'loading';
    const label = this.state === 'error' ? (pinOnly ? text.retryPin : text.retry) : pinOnly ? text.revealPin : text.reveal;
    return html`<button type="button" part="toggle" data-testid=${this.#testId(TEST_IDS.reveal)} ?disabled=${busy} @click=${this.#onReveal}>${label}</button>`;
  }

  #onReveal(): void {
    requestFromView(this, 'reveal');
  }

  #onHide(): void {
    requestFromView(this, 'hide');
  }
}

if (!customElements.get('cardframe-card-view')) customElements.define('cardframe-card-view', CardView);

declare global {
  interface HTMLElementTagNameMap {
    'cardframe-card-view': CardView;
  }
}

import { html, nothing } from 'lit/html.js';
import { FrameElement, css } from './frame-element.ts';
import { viewStyles } from './view.styles.ts';
import { en, fill, type Messages, type PinMessages } from '../i18n/en.ts';
import { enPin } from '../i18n/en-pin.ts';
import { frameSheet } from '../style/frame-sheet.ts';
import type { ErrorCode, ErrorInfo } from '@cardframe/protocol';
import { TEST_IDS } from '../test-ids.ts';
import { testId } from './test-id.ts';

export type PinViewState = 'loading' | 'ready' | 'submitting' | 'unavailable';

/** What the view tells the cardholder after a submission: changed, or confirm elsewhere. */
export type PinNotice = 'changed' | 'confirm';

/**
 * PIN entry inside the frame: new PIN and confirmation, masked with a show
 * toggle, numeric keyboard on phones. The digits live only in the two input
 * elements; `read()` hands them to the PIN flow on submit and `clear()`
 * drops them.
 *
 * @fires cardframe-pin-input - the cardholder typed.
 * @fires cardframe-pin-submit-request - the cardholder pressed Set PIN (or Enter).
 * @csspart input - each PIN input.
 * @csspart submit - the Set PIN button.
 * @csspart error - the error line.
 */
export class PinView extends FrameElement {
  static override properties = {
    minLength: { attribute: false },
    maxLength: { attribute: false },
    state: { reflect: true },
    error: { attribute: false },
    notice: { attribute: false },
    showDigits: { attribute: false },
    messages: { attribute: false },
    testMode: { attribute: false },
  };

  /** The texts shown, in the configured language. */
  declare messages: Messages;
  declare minLength: number;
  declare maxLength: number;
  declare state: PinViewState;
  declare error: ErrorInfo | undefined;
  declare notice: PinNotice | undefined;
  declare showDigits: boolean;
  /** Adds `data-testid`s (the frame config's `testMode`). */
  declare testMode: boolean;

  static override styles = [
    viewStyles,
    css`
      .field {
        display: grid;
        gap: 0.2em;
        margin-block-end: 0.6em;
      }
      input {
        font: inherit;
        font-family: var(--cardframe-value-font, ui-monospace, monospace);
        /* iOS Safari zooms the page into an input under 16px on focus. */
        font-size: max(16px, 1em);
        letter-spacing: 0.3em;
        padding: 0.35em 0.5em;
        border: 1px solid #8a8a8a;
        border-radius: 6px;
        max-inline-size: 12em;
      }
      input[aria-invalid='true'] {
        border-color: var(--cardframe-error-color, #b42318);
      }
      .hint {
        color: var(--cardframe-label-color, #555);
        margin-block: 0 0.6em;
        font-size: 0.9em;
      }
      .actions {
        display: flex;
        gap: 0.5em;
      }
      .notice {
        color: var(--cardframe-success-color, #067647);
        margin-block: 0.5em 0;
      }
    `,
    frameSheet,
  ];

  constructor() {
    super();
    this.minLength = 4;
    this.maxLength = 4;
    this.state = 'loading';
    this.error = undefined;
    this.notice = undefined;
    this.showDigits = false;
    this.messages = en;
    this.testMode = false;
  }


  /** The two entries, for the PIN flow's submit only. */
  read(): { pin: string; confirm: string } {
    return { pin: this.#input('pin').value, confirm: this.#input('confirm').value };
  }

  /** Empties both inputs (after success, hide or teardown). */
  clear(): void {
    for (const id of ['pin', 'confirm'] as const) {
      const input = this.renderRoot.querySelector<HTMLInputElement>(`#${id}`);
      if (input) input.value = '';
    }
  }

  #input(id: 'pin' | 'confirm'): HTMLInputElement {
    return this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)!;
  }

  /** This language's PIN texts; English's come with this chunk, not with the catalogue. */
  get #text(): PinMessages {
    return this.messages.pin ?? enPin;
  }

  #digits(): string {
    const text = this.#text;
    return fill(this.minLength === this.maxLength ? text.digitsExact : text.digitsRange, { min: this.minLength, max: this.maxLength });
  }

  #message(code: ErrorCode): string {
    const text = this.#text;
    switch (code) {
      case 'ERR_PIN_DIGITS':
        return text.onlyDigits;
      case 'ERR_PIN_LENGTH':
        return fill(text.length, { digits: this.#digits() });
      case 'ERR_PIN_TRIVIAL':
        return text.trivial;
      case 'ERR_PIN_MISMATCH':
        return text.mismatch;
      case 'ERR_ISSUER_REQUEST':
        return text.notChanged;
      case 'ERR_RATE_LIMITED':
        return text.rateLimited;
      case 'ERR_CONFIG':
      case 'ERR_KEY_INVALID':
        return text.unavailable;
      default:
        return text.failed;
    }
  }

  protected override updated(): void {
    // The frame app measures on this: ResizeObserver does not fire in a
    // cross-origin frame the browser throttles (say, below the fold).
    this.dispatchEvent(new Event('cardframe-rendered', { bubbles: true, composed: true }));
  }

  override render() {
    const invalid = this.error !== undefined && this.error.code.startsWith('ERR_PIN_');
    const busy = this.state !== 'ready';
    const text = this.#text;
    const input = (id: 'pin' | 'confirm', label: string) => html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        part="input"
        data-testid=${testId(this, id === 'pin' ? TEST_IDS.pinNew : TEST_IDS.pinConfirm)}
        type=${this.showDigits ? 'text' : 'password'}
        inputmode="numeric"
        pattern="[0-9]*"
        autocomplete="off"
        spellcheck="false"
        maxlength=${this.maxLength}
        aria-describedby="hint error"
        aria-invalid=${invalid ? 'true' : 'false'}
        ?disabled=${this.state === 'unavailable' || this.state === 'loading'}
        @input=${this.#onInput}
        @keydown=${this.#onKeydown}
      />
    </div>`;
    return html`
      ${input('pin', text.newPin)} ${input('confirm', text.confirmPin)}
      <p class="hint" id="hint">${this.#digits()}</p>
      <div class="actions">
        <button type="button" data-testid=${testId(this, TEST_IDS.pinShow)} aria-pressed=${this.showDigits ? 'true' : 'false'} @click=${this.#toggleDigits}>${this.showDigits ? text.hideDigits : text.showDigits}</button>
        <button type="button" part="submit" data-testid=${testId(this, TEST_IDS.pinSubmit)} ?disabled=${busy} @click=${this.#requestSubmit}>${this.state === 'submitting' ? text.submitting : text.submit}</button>
      </div>
      <p class="error" part="error" id="error" role="alert" data-testid=${testId(this, TEST_IDS.pinError)}>${this.error ? this.#message(this.error.code) : nothing}</p>
      <p class="notice" role="status" data-testid=${testId(this, TEST_IDS.pinNotice)}>${this.notice ? text[this.notice] : nothing}</p>
    `;
  }

  #toggleDigits(): void {
    this.showDigits = !this.showDigits;
  }

  #onInput(): void {
    this.notice = undefined;
    this.dispatchEvent(new CustomEvent('cardframe-pin-input', { bubbles: true, composed: true }));
  }

  #onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter') this.#requestSubmit();
  }

  #requestSubmit(): void {
    if (this.state !== 'ready') return;
    this.dispatchEvent(new CustomEvent('cardframe-pin-submit-request', { bubbles: true, composed: true }));
  }
}

if (!customElements.get('cardframe-pin-view')) customElements.define('cardframe-pin-view', PinView);

declare global {
  interface HTMLElementTagNameMap {
    'cardframe-pin-view': PinView;
  }
}

import { LitElement, css, html, nothing } from 'lit';
import { viewStyles } from './view.styles.ts';
import type { ErrorCode, ErrorInfo } from '@cardframe/protocol';
import { TEST_IDS } from './test-ids.ts';

export type PinViewState = 'loading' | 'ready' | 'submitting' | 'unavailable';

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
export class PinView extends LitElement {
  static override properties = {
    minLength: { type: Number },
    maxLength: { type: Number },
    state: { reflect: true },
    error: { attribute: false },
    notice: { attribute: false },
    showDigits: { state: true },
    testMode: { attribute: false },
  };

  declare minLength: number;
  declare maxLength: number;
  declare state: PinViewState;
  declare error: ErrorInfo | undefined;
  declare notice: string | undefined;
  declare showDigits: boolean;
  /** Adds `data-testid`s (the frame config's `testMode`). */
  declare testMode: boolean;

  static override styles = [
    viewStyles,
    css`
      .field {
        display: grid;
        gap: 0.2em;
        margin-bottom: 0.6em;
      }
      input {
        font: inherit;
        font-family: var(--cardframe-value-font, ui-monospace, monospace);
        letter-spacing: 0.3em;
        padding: 0.35em 0.5em;
        border: 1px solid #8a8a8a;
        border-radius: 6px;
        max-width: 12em;
      }
      input[aria-invalid='true'] {
        border-color: var(--cardframe-error-color, #b42318);
      }
      .hint {
        color: var(--cardframe-label-color, #555);
        margin: 0 0 0.6em;
        font-size: 0.9em;
      }
      .actions {
        display: flex;
        gap: 0.5em;
      }
      .notice {
        color: var(--cardframe-success-color, #067647);
        margin: 0.5em 0 0;
      }
    `,
  ];

  constructor() {
    super();
    this.minLength = 4;
    this.maxLength = 4;
    this.state = 'loading';
    this.error = undefined;
    this.notice = undefined;
    this.showDigits = false;
    this.testMode = false;
  }

  /** A `data-testid` value in test mode; no attribute otherwise. */
  #testId(id: string): string | typeof nothing {
    return this.testMode ? id : nothing;
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

  #message(code: ErrorCode): string {
    const digits = this.minLength === this.maxLength ? `${this.minLength} digits` : `${this.minLength} to ${this.maxLength} digits`;
    switch (code) {
      case 'ERR_PIN_DIGITS':
        return 'Use digits only.';
      case 'ERR_PIN_LENGTH':
        return `The PIN must have ${digits}.`;
      case 'ERR_PIN_TRIVIAL':
        return 'Choose a less predictable PIN: no runs like 1234 or 4321, and no digit three times in a row.';
      case 'ERR_PIN_MISMATCH':
        return 'The two PINs do not match.';
      case 'ERR_ISSUER_REQUEST':
        return 'The PIN could not be changed. Please try again.';
      case 'ERR_RATE_LIMITED':
        return 'Too many attempts. Please wait a few minutes and try again.';
      case 'ERR_CONFIG':
      case 'ERR_KEY_INVALID':
        return 'Changing the PIN is unavailable right now.';
      default:
        return 'Something went wrong. Please try again.';
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
    const digits = this.minLength === this.maxLength ? `${this.minLength} digits` : `${this.minLength} to ${this.maxLength} digits`;
    const input = (id: 'pin' | 'confirm', label: string) => html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        part="input"
        data-testid=${this.#testId(id === 'pin' ? TEST_IDS.pinNew : TEST_IDS.pinConfirm)}
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
      ${input('pin', 'New PIN')} ${input('confirm', 'Confirm new PIN')}
      <p class="hint" id="hint">${digits}</p>
      <div class="actions">
        <button type="button" data-testid=${this.#testId(TEST_IDS.pinShow)} aria-pressed=${this.showDigits ? 'true' : 'false'} @click=${this.#toggleDigits}>${this.showDigits ? 'Hide PIN' : 'Show PIN'}</button>
        <button type="button" part="submit" data-testid=${this.#testId(TEST_IDS.pinSubmit)} ?disabled=${busy} @click=${this.#requestSubmit}>${this.state === 'submitting' ? 'Setting PIN…' : 'Set PIN'}</button>
      </div>
      <p class="error" part="error" id="error" role="alert" data-testid=${this.#testId(TEST_IDS.pinError)}>${this.error ? this.#message(this.error.code) : nothing}</p>
      <p class="notice" role="status" data-testid=${this.#testId(TEST_IDS.pinNotice)}>${this.notice ?? nothing}</p>
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

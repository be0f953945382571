import { html, nothing } from 'lit/html.js';
import { css } from './frame-element.ts';
import type { ErrorCode, ProvisionOutcome } from '@cardframe/protocol';
import { viewStyles } from './view.styles.ts';
import { valueStyles } from './value.styles.ts';
import { fill } from '../i18n/en.ts';
import { frameSheet } from '../style/frame-sheet.ts';
import { formatValue, maskedValue } from '../format.ts';
import { errorLine } from './error-line.ts';
import { RevealView } from './reveal-view.ts';
import { testId } from './test-id.ts';
import { requestHide, requestPasskey, requestProvision, requestReveal } from './view-request.ts';
import { TEST_IDS, valueTestId } from '../test-ids.ts';

/** Add to wallet's state: offered (`idle`), working, or how the last push ended. */
export interface WalletState {
  readonly status: 'idle' | 'adding' | ProvisionOutcome;
  readonly code?: ErrorCode;
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
 * @fires cardframe-provision-request - the cardholder clicked Add to wallet (a click the browser made, never a script's).
 * @csspart provision - the Add to wallet button, where the frame config enables it.
 * @csspart provision-status - Add to wallet's status line.
 */
export class CardView extends RevealView {
  /** Add to wallet, where the frame config names a wallet; absent otherwise. Not reactive: whoever sets it calls `requestUpdate()`. */
  wallet: WalletState | undefined;

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
      }
      :host(:dir(rtl)) dd {
        direction: ltr;
        text-align: right;
      }
    `,
    frameSheet,
    valueStyles,
  ];

  override render() {
    const revealed = this.state === 'revealed';
    return html`
      ${this.fields.length === 0 ? nothing : this.#renderFields(revealed)}
      ${this.#renderButton()}
      ${this.#renderWallet()}
      ${errorLine(this)}
    `;
  }

  #renderWallet() {
    const { wallet, messages } = this;
    if (!wallet || this.state === 'unavailable' || this.passkeyNeeded) return nothing;
    const { status, code } = wallet;
    return html`<button type="button" part="provision" data-testid=${testId(this, TEST_IDS.provision)} ?disabled=${status === 'adding'} @click=${requestProvision}>${messages.wallet.add}</button>
      <p part="provision-status" role="status" aria-live="polite" data-testid=${testId(this, TEST_IDS.provisionStatus)}>${status === 'idle' ? '' : messages.wallet[status]}${code ? ` (${code})` : ''}</p>`;
  }

  #renderFields(revealed: boolean) {
    const text = this.messages;
    return html`
      <dl aria-live="polite" aria-busy=${this.state === 'revealing' ? 'true' : 'false'}>
        ${this.fields.map((field) => {
          const value = revealed ? this.values[field] : undefined;
          const label = text.field[field];
          // Revealed, but the issuer's answer had no readable value for it (a plaintext profile member).
          const missing = revealed && value === undefined && this.unavailable.includes(field);
          return html`<dt part="field">${label}</dt>
            ${missing
              ? html`<dd part="value" data-field=${field} data-unavailable data-testid=${testId(this, valueTestId(field))}>${text.notAvailable}</dd>`
              : value === undefined
              ? html`<dd part="value" data-field=${field} data-testid=${testId(this, valueTestId(field))} aria-label=${fill(text.hidden, { label })}>${maskedValue(field, this.hint)}</dd>`
              : this.profileFields.includes(field)
                ? html`<dd part="value" data-field=${field} data-source="profile" aria-describedby="profile-note" data-testid=${testId(this, valueTestId(field))}>${formatValue(field, value)}</dd>`
                : html`<dd part="value" data-field=${field} data-testid=${testId(this, valueTestId(field))}>${formatValue(field, value)}</dd>`}`;
        })}
      </dl>
      ${revealed && this.fields.some((field) => this.profileFields.includes(field) && this.values[field] !== undefined)
        ? html`<p id="profile-note" class="profile-note sr-only">${text.fromProfile}</p>`
        : nothing}
    `;
  }

  #renderButton() {
    if (this.state === 'unavailable') return nothing;
    // No fields: the reveal/hide-all toggle of a group of field frames.
    const text = this.messages.card;
    if (this.passkeyNeeded) {
      const busy = this.state === 'revealing';
      return html`<p class="notice" aria-live="polite">${this.messages.passkey.needed}</p>
        <button type="button" part="toggle passkey" data-testid=${testId(this, TEST_IDS.passkeyCreate)} ?disabled=${busy} @click=${requestPasskey}>${this.messages.passkey.create}</button>`;
    }
    const pinOnly = this.fields.length === 1 && this.fields[0] === 'pin';
    if (this.state === 'revealed') {
      return html`<button type="button" part="toggle" data-testid=${testId(this, TEST_IDS.hide)} @click=${requestHide}>${pinOnly ? text.hidePin : text.hide}</button>`;
    }
    const busy = this.state === 'revealing' || this.state === 'loading';
    const label = this.state === 'error' ? (pinOnly ? text.retryPin : text.retry) : pinOnly ? text.revealPin : text.reveal;
    return html`<button type="button" part="toggle" data-testid=${testId(this, TEST_IDS.reveal)} ?disabled=${busy} @click=${requestReveal}>${label}</button>`;
  }
}

if (!customElements.get('cardframe-card-view')) customElements.define('cardframe-card-view', CardView);

declare global {
  interface HTMLElementTagNameMap {
    'cardframe-card-view': CardView;
  }
}

import { html, nothing } from 'lit/html.js';
import { FrameElement } from './frame-element.ts';
import type { ErrorInfo } from '@cardframe/protocol';
import { en, type Messages } from '../i18n/en.ts';
import { frameSheet } from '../style/frame-sheet.ts';
import { TEST_IDS } from '../test-ids.ts';
import { errorText } from './error-line.ts';
import { testId } from './test-id.ts';
import { viewStyles } from './view.styles.ts';

/** The binding scopes a view offers. */
export type BindScope = 'webauthn' | 'siwe';
export type BindViewState = 'loading' | 'ready' | 'working' | 'bound' | 'unavailable';

/**
 * Binds the card to its cardholder inside the frame: one button per enabled
 * scope (a passkey made or used here, the wallet on the host page), and a
 * status line screen readers announce.
 *
 * @fires cardframe-bind-request - the cardholder pressed a scope's button; `detail.scope` names it.
 * @csspart bind-passkey - the passkey button.
 * @csspart bind-wallet - the wallet button.
 * @csspart status - the status line.
 * @csspart error - the error line.
 */
export class BindView extends FrameElement {
  static override properties = {
    scopes: { attribute: false },
    state: { reflect: true },
    bound: { attribute: false },
    error: { attribute: false },
    messages: { attribute: false },
    testMode: { attribute: false },
  };

  static override styles = [viewStyles, frameSheet];

  /** The scopes the frame config enables, in its order. */
  declare scopes: readonly BindScope[];
  declare state: BindViewState;
  /** The scope bound last, for the success line. */
  declare bound: BindScope | undefined;
  declare error: ErrorInfo | undefined;
  declare messages: Messages;
  declare testMode: boolean;

  constructor() {
    super();
    this.scopes = [];
    this.state = 'loading';
    this.bound = undefined;
    this.error = undefined;
    this.messages = en;
    this.testMode = false;
  }

  override render() {
    const text = this.messages.passkey;
    const busy = this.state !== 'ready' && this.state !== 'bound';
    const status = this.state === 'working' ? text.working : this.state === 'bound' && this.bound ? (this.bound === 'webauthn' ? text.boundPasskey : text.boundWallet) : '';
    return html`
      ${this.scopes.map((scope) =>
        scope === 'webauthn'
          ? html`<button type="button" part="bind-passkey" data-testid=${testId(this, TEST_IDS.bindPasskey)} ?disabled=${busy} @click=${() => this.#request('webauthn')}>${text.bindPasskey}</button> `
          : html`<button type="button" part="bind-wallet" data-testid=${testId(this, TEST_IDS.bindWallet)} ?disabled=${busy} @click=${() => this.#request('siwe')}>${text.bindWallet}</button> `,
      )}
      <p part="status" role="status" aria-live="polite" data-testid=${testId(this, TEST_IDS.bindStatus)}>${status}</p>
      ${this.error ? html`<p class="error" part="error" role="alert" data-testid=${testId(this, TEST_IDS.error)}>${errorText(this.messages, this.error.code)} (${this.error.code})</p>` : nothing}
    `;
  }

  protected override updated(): void {
    this.dispatchEvent(new Event('cardframe-rendered', { bubbles: true, composed: true }));
  }

  // Dispatched inside the click, so the passkey prompt keeps the cardholder's activation.
  #request(scope: BindScope): void {
    this.dispatchEvent(new CustomEvent('cardframe-bind-request', { detail: { scope }, bubbles: true, composed: true }));
  }
}

if (!customElements.get('cardframe-bind-view')) customElements.define('cardframe-bind-view', BindView);

declare global {
  interface HTMLElementTagNameMap {
    'cardframe-bind-view': BindView;
  }
}

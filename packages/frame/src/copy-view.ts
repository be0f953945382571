import { LitElement, css, html, nothing } from 'lit';
import type { ErrorInfo, FieldName } from '@cardframe/protocol';
import { errorLine, requestFromView, type ViewState } from './card-view.ts';
import { en, type Messages } from './i18n/en.ts';
import { frameSheet } from './style/frame-sheet.ts';
import { TEST_IDS } from './test-ids.ts';
import { viewStyles } from './view.styles.ts';

/** Outcome of the last copy, shown next to the button until the next one. */
export type CopyStatus = 'idle' | 'copied' | 'refused';

/**
 * A copy button for one field. It never shows the value; the frame writes it
 * to the clipboard on the cardholder's click.
 *
 * @fires cardframe-copy-request - the cardholder pressed Copy (dispatched inside the click, so the clipboard call keeps its user activation).
 * @csspart button - the copy button.
 * @csspart status - "Copied" or why copying failed.
 */
export class CopyView extends LitElement {
  static override properties = {
    fields: { attribute: false },
    state: { reflect: true },
    error: { attribute: false },
    status: { reflect: true },
    messages: { attribute: false },
    testMode: { attribute: false },
  };

  /** Adds `data-testid`s (the frame config's `testMode`). */
  declare testMode: boolean;

  /** The texts shown, in the configured language. */
  declare messages: Messages;
  declare fields: readonly FieldName[];
  declare state: ViewState;
  declare error: ErrorInfo | undefined;
  declare status: CopyStatus;
  /** Unused: a copy button shows no values. Present so the reveal flow drives every view alike. */
  values = {};
  hint = {};

  static override styles = [
    viewStyles,
    css`
      :host {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5em;
      }
      p {
        margin: 0;
      }
    `,
    frameSheet,
  ];

  constructor() {
    super();
    this.fields = [];
    this.state = 'loading';
    this.error = undefined;
    this.status = 'idle';
    this.messages = en;
    this.testMode = false;
  }

  protected override updated(): void {
    this.dispatchEvent(new Event('cardframe-rendered', { bubbles: true, composed: true }));
  }

  override render() {
    const field = this.fields[0];
    if (!field) return nothing;
    const busy = this.state === 'revealing' || this.state === 'loading' || this.state === 'unavailable';
    const failed = this.error && (this.state === 'error' || this.state === 'unavailable' || this.status === 'refused');
    return html`
      <button type="button" part="button" data-testid=${this.testMode ? TEST_IDS.copy : nothing} ?disabled=${busy} @click=${this.#onCopy}>${this.messages.copy.button[field]}</button>
      <p part="status" aria-live="polite">${this.status === 'copied' ? this.messages.copy.copied : ''}</p>
      ${failed ? errorLine(this.messages, this.error!, this.testMode) : nothing}
    `;
  }

  #onCopy(): void {
    requestFromView(this, 'copy');
  }
}

if (!customElements.get('cardframe-copy-view')) customElements.define('cardframe-copy-view', CopyView);

declare global {
  interface HTMLElementTagNameMap {
    'cardframe-copy-view': CopyView;
  }
}

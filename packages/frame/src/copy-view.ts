import { LitElement, css, html, nothing } from 'lit';
import type { ErrorInfo, FieldName } from '@cardframe/protocol';
import { ERROR_TEXT, LABELS } from './card-view.ts';
import type { ViewState } from './card-view.ts';
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
  };

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
  ];

  constructor() {
    super();
    this.fields = [];
    this.state = 'loading';
    this.error = undefined;
    this.status = 'idle';
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
      <button type="button" part="button" ?disabled=${busy} @click=${this.#onCopy}>Copy ${LABELS[field].toLowerCase()}</button>
      <p part="status" aria-live="polite">${this.status === 'copied' ? 'Copied' : ''}</p>
      ${failed ? html`<p class="error" part="error" role="alert">${ERROR_TEXT[this.error!.code] ?? 'Something went wrong.'} (${this.error!.code})</p>` : nothing}
    `;
  }

  #onCopy(): void {
    this.dispatchEvent(new CustomEvent('cardframe-copy-request', { bubbles: true, composed: true }));
  }
}

if (!customElements.get('cardframe-copy-view')) customElements.define('cardframe-copy-view', CopyView);

declare global {
  interface HTMLElementTagNameMap {
    'cardframe-copy-view': CopyView;
  }
}

import { html, nothing } from 'lit/html.js';
import { css } from './frame-element.ts';
import { errorLine } from './error-line.ts';
import { testId } from './test-id.ts';
import { requestCopy } from './view-request.ts';
import { RevealView } from './reveal-view.ts';
import { frameSheet } from '../style/frame-sheet.ts';
import { TEST_IDS } from '../test-ids.ts';
import { viewStyles } from './view.styles.ts';

/** Outcome of the last copy, shown next to the button until the next one. */
/** `obscured`: refused because something on the page covered the button. */
export type CopyStatus = 'idle' | 'copied' | 'refused' | 'obscured';

/**
 * A copy button for one field. It never shows the value; the frame writes it
 * to the clipboard on the cardholder's click.
 *
 * @fires cardframe-copy-request - the cardholder pressed Copy (dispatched inside the click, so the clipboard call keeps its user activation).
 * @csspart button - the copy button.
 * @csspart status - "Copied" or why copying failed.
 */
export class CopyView extends RevealView {
  static override properties = {
    ...RevealView.properties,
    status: { reflect: true },
  };


  declare status: CopyStatus;

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
    this.status = 'idle';
  }

  override render() {
    const field = this.fields[0];
    if (!field) return nothing;
    const busy = this.state === 'revealing' || this.state === 'loading' || this.state === 'unavailable';
    return html`
      <button type="button" part="button" data-testid=${testId(this, TEST_IDS.copy)} ?disabled=${busy} @click=${requestCopy}>${this.messages.copy.button[field]}</button>
      <p part="status" aria-live="polite">${this.status === 'copied' ? this.messages.copy.copied : ''}</p>
      ${this.status === 'obscured'
        ? html`<p class="error" part="error" role="alert" data-testid=${testId(this, TEST_IDS.error)}>${this.messages.copy.obscured} (${this.error?.code ?? 'ERR_COPY_REFUSED'})</p>`
        : errorLine(this, this.state === 'error' || this.state === 'unavailable' || this.status === 'refused')}
    `;
  }
}

if (!customElements.get('cardframe-copy-view')) customElements.define('cardframe-copy-view', CopyView);

declare global {
  interface HTMLElementTagNameMap {
    'cardframe-copy-view': CopyView;
  }
}

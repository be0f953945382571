import { css, html, nothing } from 'lit';
import { errorLine, requestFromView } from './card-view.ts';
import { RevealView } from './reveal-view.ts';
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

import { html, nothing, svg } from 'lit/html.js';
import { css } from './frame-element.ts';
import type { FieldName } from '@cardframe/protocol';
import { errorLine } from './error-line.ts';
import { testId } from './test-id.ts';
import { requestHide, requestReveal } from './view-request.ts';
import { formatValue, maskedValue } from '../format.ts';
import { fill } from '../i18n/en.ts';
import { RevealView } from './reveal-view.ts';
import { frameSheet } from '../style/frame-sheet.ts';
import { TEST_IDS, valueTestId } from '../test-ids.ts';
import { viewStyles } from './view.styles.ts';
import { valueStyles } from './value.styles.ts';

const EYE = svg`<path d="M1 12s4-7 11-7 11 7 11 7-4 7-11 7S1 12 1 12z" /><circle cx="12" cy="12" r="3" />`;
const EYE_OFF = svg`<path d="M3 3l18 18M10.6 5.1A10.8 10.8 0 0 1 12 5c7 0 11 7 11 7a18 18 0 0 1-3.2 4M6.6 6.6C3 8.7 1 12 1 12s4 7 11 7a10.6 10.6 0 0 0 5.4-1.6M9.9 9.9a3 3 0 0 0 4.2 4.2" />`;

/**
 * One card field on its own (for a designer's artwork): the value, masked
 * until revealed, and an eye toggle for this field alone. The value is a
 * text node; its label is for screen readers.
 *
 * @fires cardframe-reveal-request - the cardholder asked to see this field.
 * @fires cardframe-hide-request - the cardholder asked to mask it again.
 * @csspart value - the value, masked or revealed.
 * @csspart toggle - the eye button.
 * @csspart error - the error line.
 */
export class FieldView extends RevealView {



  static override styles = [
    viewStyles,
    css`
      .field {
        display: flex;
        align-items: center;
        gap: 0.5em;
      }
      .value.revealed {
        animation: cardframe-fade-in 160ms ease-out;
      }
      @keyframes cardframe-fade-in {
        from {
          opacity: 0.2;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .value.revealed {
          animation: none;
        }
      }
      button {
        display: inline-flex;
        padding: 0.2em;
        border: none;
        line-height: 0;
      }
      svg {
        width: 1.1em;
        height: 1.1em;
        fill: none;
        stroke: currentColor;
        stroke-width: 2;
        stroke-linecap: round;
      }
      /* Card numbers read left to right in every language. */
      .value {
        direction: ltr;
        unicode-bidi: isolate;
      }
    `,
    frameSheet,
    valueStyles,
  ];

  override render() {
    const field = this.fields[0];
    if (!field) return nothing;
    const value = this.state === 'revealed' ? this.values[field] : undefined;
    const label = this.messages.field[field];
    // Revealed, but the issuer's answer had no readable value for it (a plaintext profile member).
    const missing = this.state === 'revealed' && value === undefined && this.unavailable.includes(field);
    return html`
      <div class="field" aria-live="polite" aria-busy=${this.state === 'revealing' ? 'true' : 'false'}>
        <span class="sr-only">${missing ? fill(this.messages.unavailableField, { label }) : value === undefined ? fill(this.messages.hidden, { label }) : label}</span>
        ${missing
          ? html`<span class="value" part="value" data-field=${field} data-unavailable data-testid=${testId(this, valueTestId(field))} aria-hidden="true">${this.messages.notAvailable}</span>`
          : value === undefined
          ? html`<span class="value" part="value" data-field=${field} data-testid=${testId(this, valueTestId(field))} aria-hidden="true">${maskedValue(field, this.hint)}</span>`
          : this.profileFields.includes(field)
            ? html`<span class="value revealed" part="value" data-field=${field} data-source="profile" aria-describedby="profile-note" data-testid=${testId(this, valueTestId(field))}>${formatValue(field, value)}</span
                ><span id="profile-note" class="sr-only">${this.messages.fromProfile}</span>`
            : html`<span class="value revealed" part="value" data-field=${field} data-testid=${testId(this, valueTestId(field))}>${formatValue(field, value)}</span>`}
        ${this.#renderToggle(field, value !== undefined || missing)}
      </div>
      ${errorLine(this)}
    `;
  }

  #renderToggle(field: FieldName, shown: boolean) {
    if (this.state === 'unavailable') return nothing;
    const busy = this.state === 'revealing' || this.state === 'loading';
    return html`<button
      type="button"
      part="toggle"
      data-testid=${testId(this, shown ? TEST_IDS.hide : TEST_IDS.show)}
      aria-pressed=${shown ? 'true' : 'false'}
      aria-label=${(shown ? this.messages.fieldView.hide : this.messages.fieldView.show)[field]}
      ?disabled=${busy}
      @click=${shown ? requestHide : requestReveal}
    ><svg viewBox="0 0 24 24" aria-hidden="true">${shown ? EYE_OFF : EYE}</svg></button>`;
  }
}

if (!customElements.get('cardframe-field-view')) customElements.define('cardframe-field-view', FieldView);

declare global {
  interface HTMLElementTagNameMap {
    'cardframe-field-view': FieldView;
  }
}

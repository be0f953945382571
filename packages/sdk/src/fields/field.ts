import { FIELD_NAMES, type FieldName } from '@cardframe/protocol';
import type { PropertyDeclarations } from '../base-element.ts';
import { frameStyles } from '../frame-element.styles.ts';
import { RevealElement } from '../reveal-element.ts';

const fieldConverter = {
  fromAttribute: (value: string | null): FieldName | undefined => ((FIELD_NAMES as readonly (string | null)[]).includes(value) ? (value as FieldName) : undefined),
};

/**
 * Sized for a line of card artwork rather than a form. The iframe starts at the height a field's
 * frame reports in its default look (12px of padding above and below a 1.5em eye at 16px), so the
 * host's layout does not move when the frame arrives: each move makes the browser place every
 * other frame on the page again.
 */
const fieldStyles = `
:host { display: inline-block; vertical-align: middle; min-width: 4em; }
iframe { height: var(--cardframe-initial-height, 48px); }
`;

const LABELS: Record<FieldName, string> = { pan: 'Card number', cvc: 'CVC', expiry: 'Expiry date', pin: 'PIN' };
/** As the frame's copy button reads: acronyms keep their capitals. */
const COPY_LABELS: Record<FieldName, string> = { pan: 'Copy card number', cvc: 'Copy CVC', expiry: 'Copy expiry date', pin: 'Copy PIN' };

/**
 * One card field in its own frame, with its own reveal toggle, to place
 * anywhere on the host's card artwork. Put several inside one
 * `<cardframe-group>` and they share one session: a reveal in any of them
 * fetches the card once and the values travel between the frames inside the
 * frame origin only.
 *
 * @tag cardframe-field
 * @fires cardframe-ready - the frame can reveal its field.
 * @fires cardframe-reveal - the cardholder revealed it.
 * @fires cardframe-hide - it was masked again; `detail.reason` says why.
 * @fires cardframe-focus - focus moved into the frame.
 * @fires cardframe-blur - focus left the frame.
 * @fires cardframe-error - something failed.
 * @csspart frame - the iframe.
 */
export class CardframeField extends RevealElement {
  static override styles = [frameStyles, fieldStyles];

  static override properties: PropertyDeclarations = {
    field: { converter: fieldConverter },
  };

  /** `pan`, `cvc`, `expiry` or `pin`. */
  declare field: FieldName | undefined;

  protected readonly view: 'field' | 'copy' = 'field';

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('field') && this.field && !this.hasAttribute('frame-title')) this.frameTitle = this.defaultTitle(this.field);
  }

  /** The iframe's title when the host sets none. */
  protected defaultTitle(field: FieldName): string {
    return LABELS[field];
  }

  get ownFields(): readonly FieldName[] | undefined {
    return this.field ? [this.field] : undefined;
  }

  protected override configureKeys(): readonly PropertyKey[] {
    return [...super.configureKeys(), 'field'];
  }
}

/**
 * `<cardframe-pan>`: the card number; a `<cardframe-field>` with `field="pan"`.
 *
 * @tag cardframe-pan
 * @fires cardframe-ready - the frame can reveal its field.
 * @fires cardframe-reveal - the cardholder revealed it.
 * @fires cardframe-hide - it was masked again; `detail.reason` says why.
 * @fires cardframe-focus - focus moved into the frame.
 * @fires cardframe-blur - focus left the frame.
 * @fires cardframe-error - something failed.
 * @csspart frame - the iframe.
 */
export class CardframePan extends CardframeField {
  constructor() {
    super();
    this.field = 'pan';
  }
}

/**
 * `<cardframe-cvc>`: the security code; a `<cardframe-field>` with `field="cvc"`.
 *
 * @tag cardframe-cvc
 * @fires cardframe-ready - the frame can reveal its field.
 * @fires cardframe-reveal - the cardholder revealed it.
 * @fires cardframe-hide - it was masked again; `detail.reason` says why.
 * @fires cardframe-focus - focus moved into the frame.
 * @fires cardframe-blur - focus left the frame.
 * @fires cardframe-error - something failed.
 * @csspart frame - the iframe.
 */
export class CardframeCvc extends CardframeField {
  constructor() {
    super();
    this.field = 'cvc';
  }
}

/**
 * `<cardframe-expiry>`: the expiry date, `MM/YY`; a `<cardframe-field>` with `field="expiry"`.
 *
 * @tag cardframe-expiry
 * @fires cardframe-ready - the frame can reveal its field.
 * @fires cardframe-reveal - the cardholder revealed it.
 * @fires cardframe-hide - it was masked again; `detail.reason` says why.
 * @fires cardframe-focus - focus moved into the frame.
 * @fires cardframe-blur - focus left the frame.
 * @fires cardframe-error - something failed.
 * @csspart frame - the iframe.
 */
export class CardframeExpiry extends CardframeField {
  constructor() {
    super();
    this.field = 'expiry';
  }
}

/**
 * A copy button for one field (`for="pan"`, the default). The frame writes
 * the value (the PAN without spaces) to the clipboard on the cardholder's
 * click and tells the host only that it happened. Where the browser refuses,
 * the frame says so and the host gets `ERR_COPY_REFUSED`.
 *
 * @tag cardframe-copy
 * @fires cardframe-copy - `{field}` was copied; the value is not in the event.
 * @fires cardframe-error - the copy (or the fetch before it) failed.
 * @csspart frame - the iframe.
 */
export class CardframeCopy extends CardframeField {
  static override properties: PropertyDeclarations = {
    field: { attribute: 'for', converter: fieldConverter },
  };

  protected override readonly view = 'copy' as const;
  protected override readonly allowClipboard = true;

  constructor() {
    super();
    this.field = 'pan';
  }

  protected override defaultTitle(field: FieldName): string {
    return COPY_LABELS[field];
  }
}

/**
 * One button that reveals or hides every field of its group at once, for
 * artwork with a single "show details" control.
 *
 * @tag cardframe-toggle
 * @fires cardframe-ready - the toggle is ready (`detail.fields` is empty).
 * @fires cardframe-focus - focus moved into the frame.
 * @fires cardframe-blur - focus left the frame.
 * @fires cardframe-error - the reveal failed.
 * @csspart frame - the iframe.
 */
export class CardframeToggle extends RevealElement {
  static override styles = [frameStyles, fieldStyles];
  protected readonly view = 'toggle' as const;

  constructor() {
    super();
    this.frameTitle = 'Show or hide card details';
  }

  get ownFields(): readonly FieldName[] | undefined {
    return undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cardframe-field': CardframeField;
    'cardframe-pan': CardframePan;
    'cardframe-cvc': CardframeCvc;
    'cardframe-expiry': CardframeExpiry;
    'cardframe-copy': CardframeCopy;
    'cardframe-toggle': CardframeToggle;
  }
}

import { FrameElement } from './frame-element.ts';
import type { ErrorInfo, FieldName } from '@cardframe/protocol';
import type { PanHint } from '../format.ts';
import { en, type Messages } from '../i18n/en.ts';
import type { RevealedValues } from '../reveal.ts';

/** What a reveal view shows; the reveal flow moves it between these. */
export type ViewState = 'loading' | 'ready' | 'revealing' | 'revealed' | 'error' | 'unavailable';

/**
 * What every view of the reveal flow (the card, one field, a copy button, the
 * group toggle) is driven by, so the flow treats them alike. Each view
 * decides what of it to render.
 */
export abstract class RevealView extends FrameElement {
  static override properties = {
    fields: { attribute: false },
    values: { attribute: false },
    unavailable: { attribute: false },
    state: { reflect: true },
    error: { attribute: false },
    messages: { attribute: false },
    hint: { attribute: false },
    profileFields: { attribute: false },
    testMode: { attribute: false },
    passkeyNeeded: { attribute: false },
  };

  /** The fields shown (for a copy button, the one it copies). */
  declare fields: readonly FieldName[];
  /** Values to show now; empty while masked. */
  declare values: RevealedValues;
  /** Fields revealed without a value: the issuer's answer held none readable (shown as "Not available"). */
  declare unavailable: readonly FieldName[];
  declare state: ViewState;
  declare error: ErrorInfo | undefined;
  /** The texts shown, in the configured language. */
  declare messages: Messages;
  /** Shape and last four of the PAN, for the masked placeholder. */
  declare hint: PanHint;
  /**
   * Shown fields that came from the issuer's plaintext card profile (seed
   * 001's expiry), which the host could read and alter on the way: the view
   * says so in their accessible description rather than present them as
   * protected like the encrypted fields.
   */
  declare profileFields: readonly FieldName[];
  /** Adds `data-testid`s (the frame config's `testMode`). */
  declare testMode: boolean;
  /** Bound mode: the card has no passkey yet, so the view offers to create one. */
  declare passkeyNeeded: boolean;

  constructor() {
    super();
    this.fields = [];
    this.values = {};
    this.unavailable = [];
    this.state = 'loading';
    this.error = undefined;
    this.messages = en;
    this.hint = {};
    this.profileFields = [];
    this.testMode = false;
    this.passkeyNeeded = false;
  }

  protected override updated(): void {
    // The frame app measures on this: ResizeObserver does not fire in a
    // cross-origin frame the browser throttles (say, below the fold).
    this.dispatchEvent(new Event('cardframe-rendered', { bubbles: true, composed: true }));
  }
}

import type { FieldName, HideReason, RevealModeName, RevealViewName, UnavailableFieldInfo } from '@cardframe/protocol';
import type { RevealGroup } from '../reveal-group.ts';
import type { RevealedValues } from '../reveal.ts';
import type { RevealView } from '../views/reveal-view.ts';
import type { FlowContext } from './flow.ts';
import type { RevealHeld } from './reveal-fetch.ts';

/**
 * What the reveal flow (flows/reveal-flow.ts) shares with its steps from a
 * click on (flows/reveal-steps.ts, in the reveal's acting chunk). Nothing
 * else reads or writes it.
 */
export interface RevealState {
  readonly element: RevealView;
  readonly view: RevealViewName;
  readonly context: FlowContext;
  /** Response keys, reply verifier and the WebAuthn chunk, kept from one fetch to the next. */
  readonly held: RevealHeld;
  readonly mode: RevealModeName;
  readonly fields: readonly FieldName[];
  readonly group: RevealGroup | undefined;
  readonly autoHideSeconds: number;
  readonly configured: boolean;
  /** Goes up whenever what is shown is dropped, so a step begun before that drops its result. */
  readonly generation: number;
  /** This frame's own fields from the last fetch; shown or merely held. */
  values: RevealedValues;
  /** This frame's own fields the last fetch could not show (a profile member the issuer's answer lacked). */
  unavailable: readonly UnavailableFieldInfo[];
  autoHide: ReturnType<typeof setTimeout> | undefined;
  hide(reason: HideReason): void;
  /** Reveal pressed (or a new passkey bound): busy at once, then fetches and shows. */
  reveal(): void;
  /** Shows why a reveal failed and tells the host, unless what it was for was dropped since `generation`. */
  fail(error: unknown, generation: number): void;
}

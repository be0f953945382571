import { CardframeError, type UnavailableFieldInfo } from '@cardframe/protocol';
import { PROFILE_FIELDS } from '../profile-fields.ts';
import type { GroupMessage } from '../reveal-group.ts';
import type { Statement } from '../binding/bound-request.ts';
import type { RevealedValues, RevealResult } from '../reveal.ts';
import type { CardView } from '../views/card-view.ts';
import type { CopyView } from '../views/copy-view.ts';
import { loadChunk } from '../load-chunk.ts';
import { endPush, walletFailure } from '../provisioning/wallet-outcome.ts';
import { startCopy, type CopyRequest } from './copy-action.ts';
import { createPasskey as registerPasskey, fetchReveal } from './reveal-fetch.ts';
import type { RevealState } from './reveal-state.ts';

// The reveal flow's steps from a cardholder's click (or a group's values) on:
// fetching, holding, showing, copying, a bound card's first passkey. The
// masked view and `ready` need none of them, so they ride in the reveal's
// acting chunk with the keys and formats they call.

/** Reveal pressed and the view already busy (RevealFlow.reveal): fetches and shows, unless what it was for is dropped since `generation`. */
export async function reveal(flow: RevealState, generation: number): Promise<void> {
  try {
    // The card view and the group toggle reveal the whole card; a field reveals itself only.
    await fetchAll(flow, flow.view !== 'field');
    if (generation !== flow.generation) return; // hidden or re-configured meanwhile: drop the result
    await show(flow);
  } catch (error) {
    flow.fail(error, generation);
  }
}

/**
 * One fetch for the whole group: opens every field the group shows, keeps
 * this frame's own, and hands the rest to the group. Resolves with this
 * frame's values and those of its fields the answer could not show.
 */
async function fetchAll(flow: RevealState, showEverywhere: boolean): Promise<RevealResult> {
  const generation = flow.generation;
  const fields = [...new Set([...flow.fields, ...(flow.group?.fields ?? [])])];
  const { values, unavailable } = await fetchReveal(flow.context, flow.mode, fields, flow.held);
  if (generation !== flow.generation) throw new CardframeError('ERR_DESTROYED', 'hidden while revealing');
  flow.group?.post(unavailable.length === 0 ? { type: 'values', values, show: showEverywhere } : { type: 'values', values, unavailable, show: showEverywhere });
  hold(flow, values, unavailable);
  return { values: flow.values, unavailable: flow.unavailable };
}

/** Keeps this frame's own fields from a fetch, until hidden or timed out. */
function hold(flow: RevealState, values: RevealedValues, unavailable: readonly UnavailableFieldInfo[]): void {
  const own: RevealedValues = {};
  for (const field of flow.fields) if (values[field] !== undefined) own[field] = values[field];
  flow.values = own;
  flow.unavailable = unavailable.filter((gap) => flow.fields.includes(gap.field));
  // Shape and last four stay after the values go (PCI DSS allows showing them).
  if (values.pan) flow.element.hint = { length: values.pan.length, prefix: values.pan.slice(0, 2), last4: values.pan.slice(-4) };
  clearTimeout(flow.autoHide);
  if (flow.autoHideSeconds > 0) flow.autoHide = setTimeout(() => flow.hide('timeout'), flow.autoHideSeconds * 1000);
}

/** Shows the values held, and tells the host once they are in the DOM. */
export async function show(flow: RevealState): Promise<void> {
  const generation = flow.generation;
  const { element } = flow;
  element.values = flow.view === 'copy' ? {} : flow.values;
  // Session-key reveals take expiry from the plaintext profile; key-pair replies carry it encrypted (and signed, where configured).
  element.profileFields = flow.mode === 'session-key' ? PROFILE_FIELDS : [];
  element.unavailable = flow.unavailable.map((gap) => gap.field);
  element.state = 'revealed';
  // Announce the reveal once the values are in the DOM, not before.
  await element.updateComplete;
  if (generation !== flow.generation || flow.view === 'copy' || flow.fields.length === 0) return;
  const unavailable = flow.unavailable;
  const fields = flow.fields.filter((field) => flow.values[field] !== undefined);
  flow.context.channel.emit('reveal', unavailable.length === 0 ? { fields } : { fields, unavailable });
}

/** Values another frame of the group fetched: held, and shown when that frame showed them. */
export function groupValues(flow: RevealState, message: Extract<GroupMessage, { type: 'values' }>): void {
  hold(flow, message.values, message.unavailable ?? []);
  if (message.show && flow.element.state !== 'unavailable') void show(flow);
}

/**
 * Copy (flows/copy-action.ts): called inside the click where this chunk is
 * already loaded, as WebKit's clipboard requires; a click that comes before
 * it waits for it.
 */
export function copy(flow: RevealState): void {
  const view = flow.element as CopyView;
  const field = flow.fields[0];
  if (!flow.configured || !field || view.state === 'revealing' || view.state === 'unavailable') return;
  const generation = flow.generation;
  view.status = 'idle';
  view.error = undefined;
  const request: CopyRequest = {
    view,
    field,
    channel: flow.context.channel,
    current: () => generation === flow.generation,
    held: () => flow.values[field],
    fetch: () => fetchAll(flow, false),
    fail: (error) => flow.fail(error, generation),
  };
  startCopy(request);
}

/**
 * Bound mode, card without a passkey, after the cardholder's click made the
 * view busy (RevealFlow): creates a passkey in the frame over `statement`,
 * binds it with `PATCH /`, and goes on with the reveal.
 */
export async function createPasskey(flow: RevealState, statement: Statement | undefined, generation: number): Promise<void> {
  const { element } = flow;
  try {
    const result = await registerPasskey(flow.context, statement, flow.held);
    if (generation !== flow.generation) return;
    element.passkeyNeeded = false;
    flow.context.channel.emit('bind', result.scope === 'webauthn' && result.credentialId ? { scope: 'webauthn', credentialId: result.credentialId } : { scope: 'webauthn' });
    element.state = 'ready';
    flow.reveal();
  } catch (error) {
    flow.fail(error, generation);
  }
}

/**
 * Add to wallet pressed (a click the browser made) on the card view: its code
 * loads on the first click. A file of it that does not download ends that
 * push as failed with `ERR_FRAME_LOAD`, like any other failed push, and the
 * next click fetches it again.
 */
export async function provision(flow: RevealState): Promise<void> {
  const view = flow.element as CardView;
  const { channel } = flow.context;
  let wallet: typeof import('../provisioning/add-to-wallet.ts');
  try {
    wallet = await loadChunk(import('../provisioning/add-to-wallet.ts'));
  } catch (error) {
    endPush(view, channel, walletFailure(channel, error));
    return;
  }
  await wallet.addToWallet(view, flow.context);
}

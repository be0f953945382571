import { FIELD_NAMES, HIDE_REASONS, type FieldName, type HideReason, type UnavailableFieldInfo } from '@cardframe/protocol';
import type { RevealedValues } from './reveal.ts';

/** What one frame of a group tells the others. */
export type GroupMessage =
  /** Values from one fetch, and the fields it could not show; `show` says whether every frame should display them or only hold them. */
  | { readonly type: 'values'; readonly values: RevealedValues; readonly unavailable?: readonly UnavailableFieldInfo[]; readonly show: boolean }
  /** Every frame masks and drops what it holds. */
  | { readonly type: 'hide'; readonly reason: HideReason };

const VALUE_PATTERN = /^[0-9/ ]{1,32}$/;
const GAP_CODES: readonly unknown[] = ['ERR_PROFILE_MISSING', 'ERR_PROFILE_MALFORMED'];

/**
 * A message from the channel, checked: the channel is the frame origin's own,
 * but a stale build in another tab of the same site could share it.
 */
function parseGroupMessage(data: unknown): GroupMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const message = data as Record<string, unknown>;
  if (message['type'] === 'hide') {
    return (HIDE_REASONS as readonly unknown[]).includes(message['reason']) ? { type: 'hide', reason: message['reason'] as HideReason } : undefined;
  }
  if (message['type'] !== 'values' || typeof message['show'] !== 'boolean') return undefined;
  const raw = message['values'];
  if (typeof raw !== 'object' || raw === null) return undefined;
  const values: RevealedValues = {};
  for (const field of FIELD_NAMES) {
    const value = (raw as Record<string, unknown>)[field];
    if (typeof value === 'string' && VALUE_PATTERN.test(value)) values[field] = value;
  }
  const gaps = Array.isArray(message['unavailable']) ? (message['unavailable'] as unknown[]) : [];
  const unavailable = gaps.filter(
    (gap): gap is UnavailableFieldInfo =>
      typeof gap === 'object' && gap !== null && (FIELD_NAMES as readonly unknown[]).includes((gap as Record<string, unknown>)['field']) && GAP_CODES.includes((gap as Record<string, unknown>)['code']),
  );
  return unavailable.length === 0
    ? { type: 'values', values, show: message['show'] }
    : { type: 'values', values, unavailable: unavailable.map(({ field, code }) => ({ field, code })), show: message['show'] };
}

/**
 * The frames of one card (one per field, a copy button, a toggle) on the
 * same page. They talk over a BroadcastChannel, which only documents of the
 * frame's own origin can join, so the values never pass through the host.
 * The channel name is the host element's random group id: two cards on a
 * page are two groups and never see each other's values.
 */
export class RevealGroup {
  readonly fields: readonly FieldName[];
  readonly #channel: BroadcastChannel;

  constructor(id: string, fields: readonly FieldName[], onMessage: (message: GroupMessage) => void) {
    this.fields = fields;
    this.#channel = new BroadcastChannel(`cardframe-group:${id}`);
    this.#channel.onmessage = (event: MessageEvent) => {
      const message = parseGroupMessage(event.data);
      if (message) onMessage(message);
    };
  }

  /** Sends to every other frame of the group (a BroadcastChannel never echoes to its sender). */
  post(message: GroupMessage): void {
    this.#channel.postMessage(message);
  }

  close(): void {
    this.#channel.close();
  }
}

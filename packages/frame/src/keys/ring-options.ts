import type { KeySetShare, KeyRingOptions, RingKey } from '@cardframe/crypto';
import type { FrameConfig } from '../config.ts';
import { sharedKeySets } from './shared-key-sets.ts';

let share: KeySetShare | undefined;

/**
 * The frame's settings for an issuer key ring: the config's refresh timings,
 * refused keys reported by kid, and, where the config asks, fetched sets
 * shared with the other frames of this origin on the page.
 */
export function ringOptions(config: FrameConfig, purpose: 'session' | 'PIN' | 'reply-signing'): Pick<KeyRingOptions<RingKey>, 'ttlMs' | 'maxAgeMs' | 'cooldownMs' | 'timeoutMs' | 'onSkipped' | 'share'> {
  const { ttlSeconds, maxAgeSeconds, cooldownSeconds, timeoutSeconds, shareAcrossFrames } = config.issuer.keyRefresh;
  return {
    ttlMs: ttlSeconds * 1000,
    maxAgeMs: maxAgeSeconds * 1000,
    cooldownMs: cooldownSeconds * 1000,
    timeoutMs: timeoutSeconds * 1000,
    ...(shareAcrossFrames ? { share: (share ??= sharedKeySets()) } : {}),
    onSkipped(skipped) {
      // Kids and reasons only: nothing here is secret or card data.
      for (const { kid, reason } of skipped) console.warn(`cardframe: skipped issuer ${purpose} key ${kid ?? '(no kid)'}: ${reason}`);
    },
  };
}

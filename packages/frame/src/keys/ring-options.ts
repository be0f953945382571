import type { KeyRingOptions, RingKey } from '@cardframe/crypto';
import type { FrameConfig } from '../config.ts';

/** The frame's settings for an issuer key ring: the config's refresh timings, and refused keys reported by kid. */
export function ringOptions(config: FrameConfig, purpose: 'session' | 'PIN' | 'reply-signing'): Pick<KeyRingOptions<RingKey>, 'ttlMs' | 'maxAgeMs' | 'cooldownMs' | 'timeoutMs' | 'onSkipped'> {
  const { ttlSeconds, maxAgeSeconds, cooldownSeconds, timeoutSeconds } = config.issuer.keyRefresh;
  return {
    ttlMs: ttlSeconds * 1000,
    maxAgeMs: maxAgeSeconds * 1000,
    cooldownMs: cooldownSeconds * 1000,
    timeoutMs: timeoutSeconds * 1000,
    onSkipped(skipped) {
      // Kids and reasons only: nothing here is secret or card data.
      for (const { kid, reason } of skipped) console.warn(`cardframe: skipped issuer ${purpose} key ${kid ?? '(no kid)'}: ${reason}`);
    },
  };
}

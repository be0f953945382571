import type { FrameConfig } from './config.ts';
import { RateLimit } from './rate-limit.ts';

interface Limits {
  readonly reveal: RateLimit;
  readonly pin: RateLimit;
}

const limits = new WeakMap<FrameConfig, Limits>();

function limitsOf(config: FrameConfig): Limits {
  let held = limits.get(config);
  if (!held) {
    held = {
      reveal: new RateLimit(config.flows.reveal?.maxPerMinute ?? 10, 60_000),
      pin: new RateLimit(config.flows.pin?.maxAttempts ?? 5, 10 * 60_000),
    };
    limits.set(config, held);
  }
  return held;
}

/**
 * The reveal budget of this frame config. One per config (so one per frame
 * document), not per flow: a host that re-configures between flows must not
 * get a fresh budget each time.
 */
export function revealLimit(config: FrameConfig): RateLimit {
  return limitsOf(config).reveal;
}

/** The PIN-submission budget of this frame config, shared by every PIN flow the host configures. */
export function pinLimit(config: FrameConfig): RateLimit {
  return limitsOf(config).pin;
}

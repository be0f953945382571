import type { KeyRing } from '@cardframe/crypto';
import type { FrameConfig } from '../config.ts';

/** An issuer session key (RSA) for wrapping sessionids, named by kid. */
export interface SessionKey {
  readonly kid: string;
  readonly key: CryptoKey;
}

/** What the reveal flow asks of the session key ring. */
export type SessionKeyRing = Pick<KeyRing<SessionKey>, 'preferred' | 'run'>;

const sessionRings = new WeakMap<FrameConfig, SessionKeyRing>();

/**
 * The session key ring from the config, or undefined where none is
 * configured: one per config, so the frame can fetch the key set as soon as
 * it has its config, while the host is still connecting. The ring (its
 * fetching, checks and sharing with the other frames) is a chunk of its own,
 * loaded on that first call, so it stays out of the initial bundle.
 */
export function sessionKeyRing(config: FrameConfig): SessionKeyRing | undefined {
  const source = config.issuer.sessionKeys;
  if (!source) return undefined;
  let ring = sessionRings.get(config);
  if (!ring) {
    const loaded = import('./session-key-import.ts').then((module) => module.newSessionKeyRing(config, source));
    ring = {
      preferred: async () => (await loaded).preferred(),
      run: async (operation, keyWasRejected) => (await loaded).run(operation, keyWasRejected),
    };
    sessionRings.set(config, ring);
  }
  return ring;
}

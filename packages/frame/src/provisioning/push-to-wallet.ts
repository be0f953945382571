import { createRevealSession, type KeyRing } from '@cardframe/crypto';
import { isErrorCode, type HostResult, type ProfileMapping } from '@cardframe/protocol';
import type { HostChannel } from '../host-channel.ts';
import { keyWasRejected } from '../keys/key-rejected.ts';
import type { SessionKey } from '../keys/session-key-ring.ts';
import { readCardDisplay, readProvisioning } from './provisioning-credentials.ts';
import type { WalletAdapter, WalletResult } from './wallet-adapter.ts';

type Binding = typeof import('../binding/bound-request.ts');

export interface PushToWallet {
  readonly channel: HostChannel;
  readonly sessionKeys: KeyRing<SessionKey>;
  readonly adapter: WalletAdapter;
  readonly profile?: ProfileMapping;
  /** Bound mode: the WebAuthn chunk and the passkeys' RP ID, so the request goes with an assertion committing to its sessionid. */
  readonly binding?: { readonly module: Binding; readonly rpId: string };
}

/**
 * One Add to wallet: a fresh session secret, `GET /card?scope=provisioning`
 * with its sessionid through the host (bound like a reveal where the issuer
 * binds), the credentials read (and opened, when sealed to the secret) here,
 * handed to the adapter, and dropped when it settles. Nothing of them goes
 * back over the channel: the caller reports only the outcome.
 */
export async function pushToWallet({ channel, sessionKeys, adapter, profile, binding }: PushToWallet): Promise<WalletResult> {
  const fetched = await sessionKeys.run(async (key) => {
    const { sessionId, fieldKey } = await createRevealSession(key.key);
    let answer: HostResult;
    if (binding) {
      const { module, rpId } = binding;
      const assertion = await module.boundAssertion(channel, rpId, () => module.commitments.session(sessionId));
      answer = await module.boundCall(() => channel.request('session', { sessionId, scope: ['provisioning'], headers: { 'cardframe-assertion': module.assertionHeader(assertion) } }));
    } else {
      answer = await channel.request('session', { sessionId, scope: ['provisioning'] });
    }
    return { body: answer.body, fieldKey };
  }, keyWasRejected);
  const credentials = await readProvisioning(fetched.body, fetched.fieldKey);
  const card = readCardDisplay(fetched.body, profile);
  try {
    const result = await adapter.push(credentials, card);
    // One of the three outcomes, rebuilt: whatever else an adapter's answer holds stays here.
    if (result.outcome === 'added' || result.outcome === 'cancelled') return { outcome: result.outcome };
    if (result.outcome === 'failed' && isErrorCode(result.code)) return { outcome: 'failed', code: result.code };
  } catch {
    // An adapter's own error may describe what it sent: only the code goes on.
  }
  return { outcome: 'failed', code: 'ERR_PROVISIONING_FAILED' };
}

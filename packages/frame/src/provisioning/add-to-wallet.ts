// What a trusted click on Add to wallet sets going, loaded on the first one.
import { CardframeError } from '@cardframe/protocol';
import type { FlowContext } from '../flows/flow.ts';
import { revealLimit } from '../frame-limits.ts';
import { loadChunk } from '../load-chunk.ts';
import { sessionKeyRing } from '../keys/session-key-ring.ts';
import type { CardView } from '../views/card-view.ts';
import { pushToWallet } from './push-to-wallet.ts';
import type { WalletResult } from './wallet-adapter.ts';
import { WALLET_ADAPTERS } from './wallet-adapters.ts';
import { endPush, showWallet, walletFailure } from './wallet-outcome.ts';

/**
 * One push from the card view: the card request with `scope=provisioning`
 * through the host (bound like a reveal in bound mode, counted against the
 * reveal budget), the credentials to the configured adapter only, and the
 * outcome on the view and to the host, never the credentials. Bound mode
 * with no passkey yet: the view offers to create one first.
 */
export async function addToWallet(view: CardView, { config, channel }: FlowContext): Promise<void> {
  const provisioning = config.provisioning;
  if (!provisioning || view.state === 'loading' || view.wallet?.status === 'adding') return;
  showWallet(view, { status: 'adding' });
  let result: WalletResult;
  try {
    revealLimit(config).take('reveal');
    const binding = config.issuer.binding?.mode === 'bound' ? await loadChunk(import('../binding/bound-request.ts')) : undefined;
    result = await pushToWallet({
      channel,
      sessionKeys: sessionKeyRing(config)!,
      adapter: WALLET_ADAPTERS[provisioning.adapter]({ endpoint: provisioning.endpoint }),
      ...(config.issuer.profile ? { profile: config.issuer.profile } : {}),
      ...(binding ? { binding: { module: binding, rpId: binding.frameRpId(config.issuer.binding?.rpId) } } : {}),
    });
  } catch (error) {
    if (error instanceof CardframeError && 'statement' in error) {
      showWallet(view, { status: 'idle' });
      view.passkeyNeeded = true;
      return;
    }
    result = walletFailure(channel, error);
  }
  endPush(view, channel, result);
}

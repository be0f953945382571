import { toCardframeError } from '@cardframe/protocol';
import type { HostChannel } from '../host-channel.ts';
import type { CardView } from '../views/card-view.ts';
import type { WalletResult } from './wallet-adapter.ts';

/** Puts Add to wallet's state on the card view (not a reactive property, so it asks for the render). */
export function showWallet(view: CardView, wallet: CardView['wallet']): void {
  view.wallet = wallet;
  view.requestUpdate();
}

/** A push that could not go on: the error to the host, and the failed outcome to end the push with. */
export function walletFailure(channel: HostChannel, error: unknown): WalletResult {
  const failure = toCardframeError(error, 'ERR_PROVISIONING_FAILED', 'the card could not be added to the wallet');
  channel.emit('error', failure.toInfo());
  return { outcome: 'failed', code: failure.code };
}

/** How a push ended: on the view's status line, and to the host as `provision` (never the credentials). */
export function endPush(view: CardView, channel: HostChannel, result: WalletResult): void {
  showWallet(view, result.outcome === 'failed' ? { status: 'failed', code: result.code } : { status: result.outcome });
  channel.emit('provision', result.outcome === 'failed' ? { outcome: 'failed', code: result.code } : { outcome: result.outcome });
}

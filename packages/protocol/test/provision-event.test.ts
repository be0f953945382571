import { expect } from 'chai';
import { describe, it, thrownCode } from '@cardframe/test-env';
import { parseFrameMessage } from '../src/index.ts';

const provision = (detail: unknown) => ({ v: 1, kind: 'event', event: 'provision', detail });

describe('the provision event (Add to wallet ended)', () => {
  it('carries an outcome, and an error code for a failure only', () => {
    expect(parseFrameMessage(provision({ outcome: 'added' }))).to.deep.include({ event: 'provision', detail: { outcome: 'added' } });
    expect(parseFrameMessage(provision({ outcome: 'cancelled' }))).to.deep.include({ detail: { outcome: 'cancelled' } });
    expect(parseFrameMessage(provision({ outcome: 'failed', code: 'ERR_PROVISIONING_FAILED' }))).to.deep.include({ detail: { outcome: 'failed', code: 'ERR_PROVISIONING_FAILED' } });
  });

  it('refuses anything more: credentials, card ids, unknown outcomes, a code on success or one not in ERROR_CODES', () => {
    for (const detail of [
      { outcome: 'added', otp: 'otp_0123' },
      { outcome: 'added', cardId: 'card_1' },
      { outcome: 'failed', code: 'ERR_PROVISIONING_FAILED', provisioning: {} },
      { outcome: 'pushed' },
      { outcome: 'added', code: 'ERR_PROVISIONING_FAILED' },
      { outcome: 'failed', code: 'challenge_used' },
      {},
      'added',
    ]) {
      expect(thrownCode(() => parseFrameMessage(provision(detail))), JSON.stringify(detail)).to.equal('ERR_BAD_MESSAGE');
    }
  });
});

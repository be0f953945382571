import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/index.ts';
import type { CardframeCard } from '../../src/index.ts';
import { BLANK, connectFake } from './fake-frame.ts';

describe('Add to wallet on the host', () => {
  it('fires cardframe-provision (bubbling, composed) with the frame\'s outcome and a failure\'s code', async () => {
    const card = await fixture<CardframeCard>(html`<cardframe-card frame-url=${BLANK}></cardframe-card>`);
    const frame = await connectFake(card);
    const added = oneEvent(document, 'cardframe-provision');
    frame.emit('provision', { outcome: 'added' });
    const event = await added;
    expect([event.detail, event.bubbles, event.composed, event.target]).to.deep.equal([{ outcome: 'added' }, true, true, card]);
    const failed = oneEvent(card, 'cardframe-provision');
    frame.emit('provision', { outcome: 'failed', code: 'ERR_PROVISIONING_FAILED' });
    expect((await failed).detail).to.deep.equal({ outcome: 'failed', code: 'ERR_PROVISIONING_FAILED' });
    card.remove();
  });

  it('never passes on credentials: a provision event with anything beyond outcome and code is refused as ERR_BAD_MESSAGE', async () => {
    const card = await fixture<CardframeCard>(html`<cardframe-card frame-url=${BLANK}></cardframe-card>`);
    const frame = await connectFake(card);
    let provisioned = 0;
    card.addEventListener('cardframe-provision', () => provisioned++);
    const error = oneEvent(card, 'cardframe-error');
    frame.emit('provision', { outcome: 'added', otp: 'otp_0123456789abcdef0123456789abcdef', cardId: 'card_1' } );
    expect((await error).detail.code).to.equal('ERR_BAD_MESSAGE');
    expect(provisioned).to.equal(0);
    card.remove();
  });
});

import { expect, fixture, oneEvent } from '@open-wc/testing';
import '../../src/index.ts';
import type { FrameElement } from '../../src/index.ts';
import { BLANK, connectFake } from './fake-frame.ts';

// Alone in its file: the events after ready are checked by a part of the SDK
// that loads once a frame is ready, and this test needs it still loading.
describe('frame events', () => {
  it('reach the host in the order the frame sent them while the checks of the later ones still load', async () => {
    const holder = await fixture<HTMLDivElement>('<div></div>');
    const el = document.createElement('cardframe-card') as FrameElement;
    el.frameUrl = `${BLANK}?${crypto.randomUUID()}`;
    holder.append(el);
    const frame = await connectFake(el);
    await frame.configured;
    const heard: string[] = [];
    for (const name of ['cardframe-reveal', 'cardframe-blur', 'cardframe-hide', 'cardframe-focus']) el.addEventListener(name, () => heard.push(name));
    const focused = oneEvent(el, 'cardframe-focus');
    // In one go, before the page has had a moment to load the later events' checks.
    frame.ready(['pan']);
    frame.emit('reveal', { fields: ['pan'] });
    frame.emit('blur', {});
    frame.emit('hide', { reason: 'host' });
    frame.emit('focus', {});
    await focused;
    expect(heard).to.deep.equal(['cardframe-reveal', 'cardframe-blur', 'cardframe-hide', 'cardframe-focus']);
    el.destroy();
  });
});

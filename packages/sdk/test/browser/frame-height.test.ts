import { expect, fixture, oneEvent } from '@open-wc/testing';
import '../../src/index.ts';
import type { FrameElement } from '../../src/index.ts';
import { BLANK, connectFake, connectRefusing, iframeOf, rejectionCode, type FakeFrame } from './fake-frame.ts';

// The iframe takes the height its frame reports, but not the height of the
// frame's page before its view is on it: sizing to that first would move the
// host's layout twice (and every other frame on the page with it).

async function mounted(tag: string): Promise<{ el: FrameElement; iframe: HTMLIFrameElement }> {
  const holder = await fixture<HTMLDivElement>('<div></div>');
  const el = document.createElement(tag) as FrameElement;
  el.frameUrl = `${BLANK}?${crypto.randomUUID()}`;
  holder.append(el);
  await el.updateComplete;
  return { el, iframe: await iframeOf(el) };
}

/**
 * Resolves once the element has handled everything the fake frame posted so far: the port keeps
 * order, so a `focus` posted after them is re-dispatched only after they were handled.
 */
async function handled(el: FrameElement, frame: FakeFrame): Promise<void> {
  const marker = oneEvent(el, 'cardframe-focus');
  frame.emit('focus', {});
  await marker;
  await el.updateComplete;
}

describe('iframe height', () => {
  it('starts a field at the height of a field frame in its default look', async () => {
    const { iframe } = await mounted('cardframe-pan');
    expect(iframe.getBoundingClientRect().height).to.equal(48);
  });

  it('keeps the initial height while the frame reports its empty page, then follows every height once the view is placed', async () => {
    const { el, iframe } = await mounted('cardframe-pan');
    const frame = await connectFake(el);
    await frame.configured;
    frame.emit('resize', { height: 24 });
    await handled(el, frame);
    expect(iframe.style.height).to.equal('');
    frame.emit('progress', { stage: 'loading' });
    frame.emit('resize', { height: 52 });
    await handled(el, frame);
    expect(iframe.style.height).to.equal('52px');
    frame.ready(['pan']);
    frame.emit('resize', { height: 60 });
    await handled(el, frame);
    expect(iframe.style.height).to.equal('60px');
  });

  it('takes the last reported height at ready from a frame that reports no progress (as older frames do)', async () => {
    const { el, iframe } = await mounted('cardframe-card');
    const frame = await connectFake(el);
    await frame.configured;
    frame.emit('resize', { height: 30 });
    frame.emit('resize', { height: 120 });
    await handled(el, frame);
    expect(iframe.style.height).to.equal('');
    frame.ready(['pan']);
    await handled(el, frame);
    expect(iframe.style.height).to.equal('120px');
  });

  it('shows a frame that refuses its configure at the last height it reported', async () => {
    const { el, iframe } = await mounted('cardframe-card');
    await connectRefusing(el, 'ERR_NOT_ALLOWED', { height: 90 });
    expect(await rejectionCode(el.whenReady())).to.equal('ERR_NOT_ALLOWED');
    await el.updateComplete;
    expect(iframe.style.height).to.equal('90px');
  });
});

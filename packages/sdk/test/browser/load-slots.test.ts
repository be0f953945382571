import { expect, fixture } from '@open-wc/testing';
import '../../src/index.ts';
import type { FrameElement } from '../../src/index.ts';
import { LOADING_AT_ONCE, takeLoadSlot } from '../../src/load-slots.ts';
import { BLANK, loaded } from './fake-frame.ts';

const navigating = (elements: readonly FrameElement[]): number => elements.filter((el) => el.shadowRoot?.querySelector('iframe[src]')?.isConnected).length;

async function mountPans(count: number, holder: HTMLElement): Promise<FrameElement[]> {
  const elements = Array.from({ length: count }, () => {
    const el = document.createElement('cardframe-pan');
    // A query of its own: no iframe shares another's navigation.
    el.frameUrl = `${BLANK}?${crypto.randomUUID()}`;
    return el;
  });
  holder.append(...elements);
  await Promise.all(elements.map((el) => el.updateComplete));
  return elements;
}

describe('frames of one origin load a few at a time', () => {
  it('gives turns in the order asked, a freed turn to the next waiting, and a cancelled wait none', () => {
    const origin = `https://frames-${crypto.randomUUID()}.example`;
    const started: number[] = [];
    const done = Array.from({ length: LOADING_AT_ONCE + 3 }, (_, i) => takeLoadSlot(origin, () => started.push(i)));
    expect(started).to.deep.equal([...Array(LOADING_AT_ONCE).keys()]);
    // The first waiting frame leaves before its turn; the one after it starts when a loading frame is done.
    done[LOADING_AT_ONCE]!();
    done[0]!();
    expect(started.at(-1)).to.equal(LOADING_AT_ONCE + 1);
    // Giving a turn back twice frees one turn only.
    done[0]!();
    expect(started).to.have.length(LOADING_AT_ONCE + 1);
    done[1]!();
    expect(started.at(-1)).to.equal(LOADING_AT_ONCE + 2);
    // Another origin never waits on this one's frames.
    const other: number[] = [];
    takeLoadSlot(`https://other-${crypto.randomUUID()}.example`, () => other.push(1))();
    expect(other).to.deep.equal([1]);
    for (const give of done) give();
  });

  it('navigates at most LOADING_AT_ONCE iframes of an origin at once, and every one of them as the others load', async () => {
    const holder = await fixture<HTMLDivElement>('<div></div>');
    const elements = await mountPans(LOADING_AT_ONCE + 4, holder);
    // Nothing has loaded yet: only the first frames navigate, the rest have no iframe on the page.
    expect(navigating(elements)).to.equal(LOADING_AT_ONCE);
    expect(elements.slice(LOADING_AT_ONCE).every((el) => !el.shadowRoot!.querySelector('iframe'))).to.equal(true);
    const iframes = await Promise.all(
      elements.map(async (el) => {
        while (!el.shadowRoot!.querySelector('iframe[src]')) await new Promise((resolve) => setTimeout(resolve, 10));
        return el.shadowRoot!.querySelector('iframe')!;
      }),
    );
    await Promise.all(iframes.map((iframe) => loaded(iframe)));
    expect(navigating(elements)).to.equal(elements.length);
    for (const el of elements) el.destroy();
  });

  it('navigates the same iframe in place to a new frame URL, after its turn', async () => {
    const holder = await fixture<HTMLDivElement>('<div></div>');
    const [el] = await mountPans(1, holder);
    const iframe = el!.shadowRoot!.querySelector('iframe')!;
    await loaded(iframe);
    const moves: MutationRecord[] = [];
    const observer = new MutationObserver((records) => moves.push(...records));
    observer.observe(el!.shadowRoot!, { childList: true });
    el!.frameUrl = `${BLANK}?${crypto.randomUUID()}`;
    await el!.updateComplete;
    await loaded(iframe);
    observer.disconnect();
    // Taken out and put back, an iframe would load twice.
    expect(moves).to.deep.equal([]);
    expect(el!.shadowRoot!.querySelector('iframe')).to.equal(iframe);
    el!.destroy();
  });

  it('takes a frame waiting for its turn out of the line when it is removed, and puts it back when it returns', async () => {
    const holder = await fixture<HTMLDivElement>('<div></div>');
    const elements = await mountPans(LOADING_AT_ONCE + 1, holder);
    const last = elements.at(-1)!;
    expect(last.shadowRoot!.querySelector('iframe')).to.equal(null);
    last.remove();
    await Promise.all(elements.slice(0, LOADING_AT_ONCE).map((el) => loaded(el.shadowRoot!.querySelector('iframe')!)));
    // Its turn came while it was off the page: nothing navigated for it.
    expect(last.shadowRoot!.querySelector('iframe')).to.equal(null);
    holder.append(last);
    await last.updateComplete;
    await loaded(last.shadowRoot!.querySelector('iframe')!);
    for (const el of elements) el.destroy();
  });
});

import { expect, fixture, html } from '@open-wc/testing';
import type { ConfigureParams } from '@cardframe/protocol';
import '../../src/index.ts';
import type { CardframeCard } from '../../src/index.ts';
import { BLANK, connectFake, type FakeFrame } from './fake-frame.ts';

async function nthConfigure(frame: FakeFrame, n: number, timeoutMs = 2000): Promise<ConfigureParams | undefined> {
  const until = Date.now() + timeoutMs;
  while (frame.configures.length < n && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
  return frame.configures[n - 1];
}

describe('reveal options on a ready card', () => {
  it('re-send configure when an option is first set, changed or removed, carrying the new value', async () => {
    const el = await fixture<CardframeCard>(html`<cardframe-card frame-url=${BLANK}></cardframe-card>`);
    const frame = await connectFake(el);
    expect(await frame.configured).to.not.have.property('autoHideSeconds');
    frame.ready(['pan']);
    await el.whenReady();

    el.setAttribute('auto-hide-seconds', '5');
    expect(await nthConfigure(frame, 2)).to.include({ autoHideSeconds: 5 });
    el.autoHideSeconds = 9;
    expect(await nthConfigure(frame, 3)).to.include({ autoHideSeconds: 9 });
    el.removeAttribute('auto-hide-seconds');
    expect(await nthConfigure(frame, 4)).to.not.have.property('autoHideSeconds');
    el.hideOnBlur = true;
    expect(await nthConfigure(frame, 5)).to.include({ hideOnBlur: true });
  });
});

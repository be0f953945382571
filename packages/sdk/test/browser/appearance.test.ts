import { expect, fixture, html } from '@open-wc/testing';
import { APPEARANCE_KEYS } from '@cardframe/protocol';
import '../../src/index.ts';
import type { CardframeCard } from '../../src/index.ts';
import { APPEARANCE_PROPERTIES } from '../../src/appearance-properties.ts';
import { BLANK, connectFake, type FakeFrame } from './fake-frame.ts';

async function configureCount(frame: FakeFrame, count: number, timeoutMs = 2000): Promise<number> {
  const until = Date.now() + timeoutMs;
  const sent = (): number => frame.methods.filter((method) => method === 'configure').length;
  while (sent() < count && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
  return sent();
}

describe('appearance properties', () => {
  it('carry every appearance key the protocol defines, each on its own element property', () => {
    expect(new Set(APPEARANCE_PROPERTIES).size).to.equal(APPEARANCE_KEYS.length);
    expect([...APPEARANCE_PROPERTIES]).to.have.members(APPEARANCE_KEYS.map((key) => (key === 'style' ? 'frameStyle' : key)));
  });

  it('re-send configure once ready when the theme, locale or frame style changes', async () => {
    const el = await fixture<CardframeCard>(html`<cardframe-card frame-url=${BLANK}></cardframe-card>`);
    const frame = await connectFake(el);
    await frame.configured;
    frame.ready(['pan']);
    await el.whenReady();
    el.theme = 'dark';
    expect(await configureCount(frame, 2)).to.equal(2);
    el.locale = 'de';
    expect(await configureCount(frame, 3)).to.equal(3);
    el.frameStyle = { base: { color: '#111111' } };
    expect(await configureCount(frame, 4)).to.equal(4);
  });
});

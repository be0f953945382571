import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/index.ts';
import type { CardframeCard } from '../../src/index.ts';

describe('cardframe-card', () => {
  it('mounts a sandboxed, no-referrer iframe with an accessible name and no extra permissions', async () => {
    const el = await fixture<CardframeCard>(html`<cardframe-card frame-url="${location.origin}/__blank__"></cardframe-card>`);
    const iframe = el.shadowRoot!.querySelector('iframe')!;
    expect(iframe.getAttribute('sandbox')).to.equal('allow-scripts allow-same-origin');
    expect(iframe.getAttribute('referrerpolicy')).to.equal('no-referrer');
    expect(iframe.hasAttribute('allow')).to.equal(false);
    expect(iframe.title).to.equal('Card details');
    expect(iframe.getAttribute('part')).to.equal('frame');
    await expect(el).to.be.accessible();
  });

  it('refuses a frame-url that is not an absolute http(s) URL with ERR_BAD_OPTION and renders no iframe', async () => {
    const el = document.createElement('cardframe-card');
    const error = oneEvent(el, 'cardframe-error');
    el.frameUrl = 'javascript:alert(1)';
    document.body.append(el);
    expect((await error).detail).to.include({ code: 'ERR_BAD_OPTION' });
    expect(el.shadowRoot!.querySelector('iframe')).to.equal(null);
    el.remove();
  });

  it('reports ERR_FRAME_TIMEOUT when the page at frame-url never answers the connect', async () => {
    const el = document.createElement('cardframe-card');
    el.readyTimeout = 300;
    const error = oneEvent(el, 'cardframe-error');
    el.frameUrl = `${location.origin}/__blank__`;
    document.body.append(el);
    const detail = (await error).detail;
    expect(detail).to.include({ code: 'ERR_FRAME_TIMEOUT' });
    expect(detail.message).to.contain('allowedHostOrigins');
    el.remove();
  });

  it('posts connect to the frame origin only, with one port and no other data', async () => {
    const el = document.createElement('cardframe-card');
    el.frameUrl = `${location.origin}/__blank__`;
    el.readyTimeout = 60_000;
    document.body.append(el);
    await el.updateComplete;
    const iframe = el.shadowRoot!.querySelector('iframe')!;
    await new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
    const posted = await new Promise<{ data: unknown; origin: string; ports: number }>((resolve) => {
      iframe.contentWindow!.addEventListener('message', (event) => resolve({ data: event.data, origin: event.origin, ports: event.ports.length }), { once: true });
      iframe.dispatchEvent(new Event('load'));
    });
    expect(posted).to.deep.equal({ data: { cardframe: 'connect', v: 1 }, origin: location.origin, ports: 1 });
    el.remove();
  });
});

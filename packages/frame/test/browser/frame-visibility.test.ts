import { expect, fixture, html } from '@open-wc/testing';
import { frameVisibility } from '../../src/flows/frame-visibility.ts';
import '../../src/views/copy-view.ts';
import type { CopyView } from '../../src/views/copy-view.ts';

function cover(target: Element, opacity: string): HTMLElement {
  const rect = target.getBoundingClientRect();
  const overlay = document.createElement('div');
  Object.assign(overlay.style, { position: 'fixed', left: `${rect.left}px`, top: `${rect.top}px`, width: `${rect.width}px`, height: `${rect.height}px`, background: 'white', opacity, pointerEvents: 'none' });
  document.body.append(overlay);
  return overlay;
}

describe('frame visibility', () => {
  it('finds an uncovered, fully shown button visible', async () => {
    const button = await fixture(html`<button type="button">Copy card number</button>`);
    expect(await frameVisibility(button)).to.deep.equal({ visible: true });
  });

  // Only Intersection Observer v2 (Chromium) sees what is drawn over an element; Firefox and
  // WebKit have no such signal, so there a click-through overlay goes unnoticed (docs/browsers.md).
  const observerV2 = typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;

  it('finds a button under an opaque or faint overlay that lets clicks through obscured where the engine has Intersection Observer v2, and cannot tell elsewhere', async () => {
    const button = await fixture(html`<button type="button">Copy card number</button>`);
    for (const opacity of ['1', '0.05']) {
      const overlay = cover(button, opacity);
      expect(await frameVisibility(button), opacity).to.deep.equal(observerV2 ? { visible: false, reason: 'obscured' } : { visible: true });
      overlay.remove();
    }
  });

  it('finds a button scrolled out of view offscreen', async () => {
    const button = await fixture(html`<button type="button" style="position: absolute; top: -500px">Copy card number</button>`);
    expect(await frameVisibility(button)).to.deep.equal({ visible: false, reason: 'offscreen' });
  });

  it('says in the copy view that something covered the button', async () => {
    const el = await fixture<CopyView>(html`<cardframe-copy-view .fields=${['pan']} state="ready"></cardframe-copy-view>`);
    el.error = { code: 'ERR_COPY_REFUSED', message: 'x' };
    el.status = 'obscured';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.equal('Something on the page is covering this button, so nothing was copied. (ERR_COPY_REFUSED)');
    await expect(el).to.be.accessible();
  });
});

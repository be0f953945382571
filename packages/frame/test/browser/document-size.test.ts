import { expect } from '@open-wc/testing';
import { watchDocumentSize } from '../../src/document-size.ts';

// Each test file has a page of its own, so no observer exists before this one.

describe('watchDocumentSize', () => {
  it('gives every listener of a document one shared ResizeObserver, and calls each when the document grows', async () => {
    const Platform = window.ResizeObserver;
    let made = 0;
    window.ResizeObserver = class extends Platform {
      constructor(callback: ResizeObserverCallback) {
        super(callback);
        made++;
      }
    };
    const calls = [0, 0, 0];
    try {
      for (const index of [0, 1, 2]) watchDocumentSize(() => calls[index]!++);
    } finally {
      window.ResizeObserver = Platform;
    }
    expect(made).to.equal(1);
    // The first observation reports the size the document has.
    const until = async (check: () => boolean) => {
      for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(check()).to.equal(true);
    };
    await until(() => calls.every((count) => count >= 1));
    const before = [...calls];
    const tall = Object.assign(document.createElement('div'), { style: 'height: 700px' });
    document.body.append(tall);
    await until(() => calls.every((count, index) => count > before[index]!));
    tall.remove();
  });
});

import { expect } from '@open-wc/testing';
import { CardframeError } from '@cardframe/protocol';
import { copyField } from '../../src/flows/copy-field.ts';

/** Replaces the page's clipboard for one test: records what is written, or refuses. */
function fakeClipboard(refuse = false) {
  const written: string[] = [];
  const clipboard = {
    writeText: async (text: string) => {
      if (refuse) throw new DOMException('denied', 'NotAllowedError');
      written.push(text);
    },
    write: async (items: ClipboardItem[]) => {
      const blob = await items[0]!.getType('text/plain');
      if (refuse) throw new DOMException('denied', 'NotAllowedError');
      written.push(await blob.text());
    },
  };
  Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
  return written;
}

describe('copyField', () => {
  afterEach(() => {
    delete (navigator as { clipboard?: unknown }).clipboard;
  });

  it('writes a held value as copy text without fetching', async () => {
    const written = fakeClipboard();
    let fetched = false;
    expect(await copyField('pan', '4242424242424242', async () => ((fetched = true), {}))).to.equal(true);
    expect(written).to.deep.equal(['4242424242424242']);
    expect(fetched).to.equal(false);
  });

  it('hands the clipboard a promise of a value it fetches', async () => {
    const written = fakeClipboard();
    expect(await copyField('cvc', undefined, async () => ({ cvc: '123' }))).to.equal(true);
    expect(written).to.deep.equal(['123']);
  });

  it('tells a failed fetch apart from the browser refusing the clipboard', async () => {
    fakeClipboard();
    const failure = new CardframeError('ERR_ISSUER_REQUEST', 'issuer said no');
    expect(await copyField('pan', undefined, () => Promise.reject(failure)).catch((error: unknown) => error)).to.equal(failure);
    const written = fakeClipboard(true);
    expect(await copyField('pan', '4242424242424242', async () => ({}))).to.equal(false);
    expect(written).to.deep.equal([]);
  });
});

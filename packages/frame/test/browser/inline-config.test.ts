import { expect } from '@open-wc/testing';
import { parseFrameConfig } from '../../src/config.ts';
import { loadFrameConfig } from '../../src/load-config.ts';
import { inlineFrameConfig } from '../../src/deploy/inline-config.ts';

// The browser's own HTML parser reads the written page: the config stays one inert data block whatever its values say.
const HOSTILE = '</script><script>window.__ran = true</script><!--<script>';
const config = parseFrameConfig({
  allowedHostOrigins: ['https://shop.example'],
  issuer: { sessionKeys: { keys: [{ kty: 'RSA', kid: HOSTILE, n: 'AQAB', e: 'AQAB' }] } },
  flows: { reveal: { fields: ['pan'] } },
});
const BUILT = '<!doctype html><html><head><link rel="preload" href="/cardframe.config.json" as="fetch" crossorigin="anonymous" /><script type="module" src="/assets/index-1.js"></script></head><body></body></html>';

describe('the inline config in a parsed frame page', () => {
  it('is one application/json block before the entry script, and the frame reads it back whole without fetching', async () => {
    const doc = new DOMParser().parseFromString(await inlineFrameConfig(BUILT, config), 'text/html');
    const scripts = [...doc.querySelectorAll('script')];
    expect(scripts.map((s) => [s.type, s.id, s.getAttribute('src')])).to.deep.equal([
      ['application/json', 'cardframe-config', null],
      ['module', '', '/assets/index-1.js'],
    ]);
    expect(doc.querySelector('link[rel=preload]')).to.equal(null);
    const fetched: string[] = [];
    const loaded = await loadFrameConfig((async (path: RequestInfo | URL) => {
      fetched.push(String(path));
      return new Response('{}');
    }) as typeof fetch, doc);
    expect(loaded).to.deep.equal(config);
    expect(fetched).to.deep.equal([]);
  });

  it('is never run when the page is rendered', async () => {
    const frame = document.createElement('iframe');
    frame.srcdoc = await inlineFrameConfig(BUILT.replace('<script type="module" src="/assets/index-1.js"></script>', '<script>window.__loaded = true</script>'), config);
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await loaded;
    const win = frame.contentWindow as Window & { __ran?: boolean; __loaded?: boolean };
    expect(win.__loaded).to.equal(true);
    expect(win.__ran).to.equal(undefined);
    frame.remove();
  });
});

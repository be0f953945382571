// The config written into the frame's HTML: where the block goes, what it
// replaces, that its JSON cannot end the block, and how the frame reads it.
import { expect } from 'chai';
import { describe, it } from '@cardframe/test-env';
import { CardframeError } from '@cardframe/protocol';
import { FRAME_CONFIG_ELEMENT_ID, parseFrameConfig, parseInlineFrameConfig, type FrameConfig } from '../../src/config.ts';
import { configDigest, loadFrameConfig, type ConfigDocument } from '../../src/load-config.ts';
import { configBlockJson, inlineFrameConfig } from '../../src/deploy/inline-config.ts';
import { pinEntry } from '../../src/deploy/pin-entry.ts';
import { deployConfig } from './deploy-fixture.ts';

// The frame's HTML as Vite builds it.
const BUILT = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Card details</title>
    <!-- Fetched while the script downloads: the frame needs its config before it can accept a connect. -->
    <link rel="preload" href="/cardframe.config.json" as="fetch" crossorigin="anonymous" />
    <script type="module" crossorigin src="/assets/index-1.js" integrity="sha384-x"></script>
    <!-- The config checker, for the fetched file: a config written into this page was checked as it was written -->
    <link rel="modulepreload" crossorigin href="/assets/config-1.js" data-config-checker integrity="sha384-z">
    <link rel="modulepreload" crossorigin href="/assets/jwe-policy-1.js" data-config-checker integrity="sha384-w">
  </head>
  <body></body>
</html>`;

const HOSTILE = '</script><script>alert(1)</script><!--<script>';
const hostileConfig = parseFrameConfig({
  allowedHostOrigins: ['https://shop.example'],
  issuer: { sessionKeys: { keys: [{ kty: 'RSA', kid: HOSTILE, n: 'AQAB', e: 'AQAB', note: '\u2028&amp;' }] } },
  flows: { reveal: { fields: ['pan'] } },
});

function blockText(html: string): string {
  return new RegExp(`<script type="application/json" id="${FRAME_CONFIG_ELEMENT_ID}" data-checked-sha256="[^"]+">([^<]*)</script>`).exec(html)![1]!;
}

/** A document with one element by id, as the frame's own page offers it; `digest` is its data-checked-sha256. */
function page(element?: { localName: string; type?: string; textContent: string; digest?: string }): ConfigDocument {
  const found = element && { ...element, getAttribute: (name: string) => (name === 'data-checked-sha256' ? (element.digest ?? null) : null) };
  return { getElementById: (id: string) => (id === FRAME_CONFIG_ELEMENT_ID && found ? (found as unknown as HTMLElement) : null) };
}

const noFetch = (async () => {
  throw new Error('fetched although the config is inline');
}) as typeof fetch;

async function configError(run: () => Promise<FrameConfig>): Promise<string> {
  try {
    await run();
  } catch (error) {
    expect(error).to.be.instanceOf(CardframeError);
    expect((error as CardframeError).code).to.equal('ERR_CONFIG');
    return (error as Error).message;
  }
  return 'accepted';
}

describe('config inlined in the frame HTML', () => {
  it('goes before the entry script as a JSON data block with the digest of the checked text, and the preloads of the config file and of its checker (with their comments) go away', async () => {
    const html = await inlineFrameConfig(BUILT, deployConfig);
    expect(html).not.to.contain('cardframe.config.json');
    expect(html).not.to.contain('<!--');
    expect(html).not.to.contain('modulepreload');
    const json = configBlockJson(deployConfig);
    expect(html).to.contain(`    <script type="application/json" id="cardframe-config" data-checked-sha256="${await configDigest(json)}">${json}</script>\n    <script type="module" crossorigin src="/assets/index-1.js" integrity="sha384-x"></script>\n  </head>`);
    expect(parseInlineFrameConfig(blockText(html))).to.deep.equal(deployConfig);
  });

  it('checks the config it writes: an invalid one is ERR_CONFIG and nothing is written, and a raw one is written with its defaults filled in', async () => {
    expect(await configError(() => inlineFrameConfig(BUILT, { allowedHostOrigins: ['https://shop.example/path'], issuer: {} }).then(() => deployConfig))).to.match(/allowedHostOrigins\[0\]/);
    const raw = { allowedHostOrigins: ['https://shop.example'], issuer: { sessionKeys: { jwksUrl: 'https://issuer.example/keys' } }, flows: { reveal: { fields: ['pan'] } } };
    expect(JSON.parse(blockText(await inlineFrameConfig(BUILT, raw)))).to.deep.equal(parseFrameConfig(raw));
  });

  it('writes a config that checks as itself, so the frame may read it as written', () => {
    for (const config of [deployConfig, hostileConfig]) expect(parseFrameConfig(JSON.parse(configBlockJson(config)))).to.deep.equal(config);
  });

  it('replaces the block written before, so running it again with a new config leaves one block', async () => {
    const next = parseFrameConfig({ ...deployConfig, allowedHostOrigins: ['https://other.example'] });
    const html = await inlineFrameConfig(await inlineFrameConfig(BUILT, deployConfig), next);
    expect(html.match(/application\/json/g)).to.have.length(1);
    expect(parseInlineFrameConfig(blockText(html)).allowedHostOrigins).to.deep.equal(['https://other.example']);
  });

  it('writes no "<", ">" or "&" inside the block, so no </script> or <!-- in a config value can end or change it, and reads every value back', async () => {
    const json = configBlockJson(hostileConfig);
    expect(json).not.to.match(/[<>&\u2028\u2029]/);
    const html = await inlineFrameConfig(BUILT, hostileConfig);
    expect(html.match(/<\/script>/g)).to.have.length(2);
    expect(html).not.to.contain('alert(1)</script>');
    expect(parseInlineFrameConfig(blockText(html))).to.deep.equal(hostileConfig);
  });

  it('passes the SRI pinning, which still refuses an inline script that would run', async () => {
    const html = await inlineFrameConfig('<!doctype html><head><script type="module" src="/assets/index-1.js"></script></head>', deployConfig);
    expect(pinEntry(html, () => 'sha384-y')).to.contain('id="cardframe-config"');
    expect(() => pinEntry(`${html}<script>alert(1)</script>`, () => 'sha384-y')).to.throw(/inline script/);
    expect(() => pinEntry(`${html}<script type="module">alert(1)</script>`, () => 'sha384-y')).to.throw(/inline script/);
  });

  it('is what the frame loads, without fetching, as written where its digest matches', async () => {
    const json = configBlockJson(hostileConfig);
    const loaded = await loadFrameConfig(noFetch, page({ localName: 'script', type: 'application/json', textContent: json, digest: await configDigest(json) }));
    expect(loaded).to.deep.equal(hostileConfig);
  });

  it('is checked in the frame, defaults filled in and errors refused, where the block has no digest or one that does not match its text', async () => {
    const raw = JSON.stringify({ allowedHostOrigins: ['https://shop.example'], issuer: { sessionKeys: { jwksUrl: 'https://issuer.example/keys' } }, flows: { reveal: { fields: ['pan'] } } });
    const checked = parseFrameConfig(JSON.parse(raw));
    expect(await loadFrameConfig(noFetch, page({ localName: 'script', type: 'application/json', textContent: raw }))).to.deep.equal(checked);
    const digestOfAnother = await configDigest(configBlockJson(deployConfig));
    expect(await loadFrameConfig(noFetch, page({ localName: 'script', type: 'application/json', textContent: raw, digest: digestOfAnother }))).to.deep.equal(checked);
    const invalid = JSON.stringify({ allowedHostOrigins: ['https://shop.example/path'], issuer: {} });
    expect(await configError(() => loadFrameConfig(noFetch, page({ localName: 'script', type: 'application/json', textContent: invalid, digest: digestOfAnother })))).to.match(/allowedHostOrigins\[0\]/);
  });

  it('refuses a malformed block with ERR_CONFIG instead of fetching the file', async () => {
    const block = (textContent: string, type = 'application/json', localName = 'script') => page({ localName, type, textContent });
    expect(await configError(() => loadFrameConfig(noFetch, block('{"allowedHostOrigins": [')))).to.equal('frame config: inline block is not JSON');
    expect(await configError(() => loadFrameConfig(noFetch, block('')))).to.equal('frame config: inline block is not JSON');
    expect(await configError(() => loadFrameConfig(noFetch, block('{"allowedHostOrigins": []}')))).to.match(/allowedHostOrigins must be a non-empty array/);
    expect(await configError(() => loadFrameConfig(noFetch, block(configBlockJson(deployConfig), 'module')))).to.match(/must be a <script type="application\/json"> block/);
    expect(await configError(() => loadFrameConfig(noFetch, block(configBlockJson(deployConfig), '', 'div')))).to.match(/must be a <script type="application\/json"> block/);
  });

  it('falls back to fetching /cardframe.config.json where the HTML has no block', async () => {
    const asked: string[] = [];
    const fetcher = (async (path: RequestInfo | URL) => {
      asked.push(String(path));
      return new Response(JSON.stringify(deployConfig));
    }) as typeof fetch;
    expect(await loadFrameConfig(fetcher, page())).to.deep.equal(deployConfig);
    expect(await loadFrameConfig(fetcher, undefined)).to.deep.equal(deployConfig);
    expect(asked).to.deep.equal(['/cardframe.config.json', '/cardframe.config.json']);
  });
});

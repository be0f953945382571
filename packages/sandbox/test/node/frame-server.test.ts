import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from '@cardframe/test-env';
import { parseFrameConfig, parseInlineFrameConfig } from '@cardframe/frame/config';
import { configDigest } from '@cardframe/frame/deploy';
import { frameSecurityHeaders } from '@cardframe/frame/headers';
import { startFrameServer } from '../../src/index.ts';

const HTML = `<!doctype html><html><head>
<link rel="preload" href="/cardframe.config.json" as="fetch" crossorigin="anonymous" />
<script type="module" src="/assets/index-1.js"></script>
</head><body></body></html>`;

const config = parseFrameConfig({
  allowedHostOrigins: ['http://localhost:5173'],
  issuer: { sessionKeys: { jwksUrl: 'http://127.0.0.1:9/keys/session/jwks.json' } },
  flows: { reveal: { fields: ['pan', 'cvc'] } },
});

describe('sandbox frame server', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  async function site(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'cardframe-frame-site-'));
    dirs.push(dir);
    await writeFile(join(dir, 'index.html'), HTML);
    return dir;
  }

  it('serves the frame HTML with its config written in (no preload), under the frame CSP, and follows a new config', async () => {
    const server = await startFrameServer({ distDir: await site() });
    try {
      server.setConfig(config);
      for (const path of ['', 'index.html']) {
        const response = await fetch(new URL(path, server.url));
        const html = await response.text();
        expect(response.headers.get('content-security-policy')).to.equal(frameSecurityHeaders(config)['Content-Security-Policy']);
        expect(response.headers.get('cache-control')).to.equal('no-cache');
        expect(html).not.to.contain('rel="preload"');
        const block = /<script type="application\/json" id="cardframe-config" data-checked-sha256="([^"]+)">([^<]*)<\/script>\n<script type="module" src="\/assets\/index-1.js">/.exec(html);
        expect(parseInlineFrameConfig(block![2]!)).to.deep.equal(config);
        // The digest of the checked text, so the frame reads it without checking it again.
        expect(block![1]).to.equal(await configDigest(block![2]!));
      }
      const next = parseFrameConfig({ ...config, allowedHostOrigins: ['http://localhost:5174'] });
      server.setConfig(next);
      const html = await (await fetch(server.url)).text();
      expect(parseInlineFrameConfig(/id="cardframe-config"[^>]*>([^<]*)</.exec(html)![1]!)).to.deep.equal(next);
      // The file stays, for frames built before the config moved into the HTML.
      expect(await (await fetch(new URL('cardframe.config.json', server.url))).json()).to.deep.equal(next);
    } finally {
      await server.close();
    }
  });

  it('serves the HTML as built with inlineConfig: false, and nothing before a config is set', async () => {
    const server = await startFrameServer({ distDir: await site(), inlineConfig: false });
    try {
      expect((await fetch(server.url)).status).to.equal(503);
      server.setConfig(config);
      expect(await (await fetch(server.url)).text()).to.equal(HTML);
    } finally {
      await server.close();
    }
  });
});

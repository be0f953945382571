// Each target's file is compared with a snapshot in deploy-snapshots/ (after a
// deliberate header change, regenerate them with
// `CARDFRAME_UPDATE_SNAPSHOTS=1 pnpm exec node --test packages/frame/test/node/deploy-targets.test.ts`)
// and parsed by the rules of its documented format, which is what must hold
// whatever the header values become.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from '@cardframe/test-env';
import { frameSecurityHeaders } from '../../src/headers.ts';
import { frameResponseRules } from '../../src/deploy/response-rules.ts';
import { DEPLOY_TARGETS, renderTarget, TARGET_FILES, type DeployTarget } from '../../src/deploy/targets/index.ts';
import { deployConfig } from './deploy-fixture.ts';

const rules = frameResponseRules(deployConfig);
const expected = frameSecurityHeaders(deployConfig);
const snapshots = join(import.meta.dirname, 'deploy-snapshots');

function matchesSnapshot(target: DeployTarget, text: string): void {
  const file = join(snapshots, `${target}.${TARGET_FILES[target].replace(/^_/, '')}`);
  if (process.env['CARDFRAME_UPDATE_SNAPSHOTS']) writeFileSync(file, text);
  expect(text, `${file} is out of date: regenerate it (see the top of this file)`).to.equal(readFileSync(file, 'utf8'));
}

/** nginx: a block's directives as [name, ...args] with nginx's quoting undone. */
function nginxDirectives(block: string): string[][] {
  const tokens = [...block.matchAll(/"((?:[^"\\]|\\.)*)"|([{};])|([^\s"{};]+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3]!)));
  const out: string[][] = [];
  let current: string[] = [];
  for (const token of tokens) {
    if (token === ';' || token === '{' || token === '}') {
      if (current.length) out.push([...current, token]);
      current = [];
    } else current.push(token);
  }
  return out;
}

describe('frame deployment targets', () => {
  for (const target of DEPLOY_TARGETS) {
    it(`writes ${TARGET_FILES[target]} for ${target} as in its snapshot`, () => {
      matchesSnapshot(target, renderTarget(target, rules));
    });
  }

  it('nginx: a balanced server block whose every location adds every frame header, always', () => {
    const text = renderTarget('nginx', rules, { listen: '127.0.0.1:8080', root: '/srv/frame' });
    expect(text.split('{').length).to.equal(text.split('}').length);
    const directives = nginxDirectives(text);
    expect(directives[0]).to.deep.equal(['server', '{']);
    expect(directives).to.deep.include(['listen', '127.0.0.1:8080', ';']);
    expect(directives).to.deep.include(['root', '/srv/frame', ';']);
    const locations = directives.filter((d) => d[0] === 'location').map((d) => d[1]);
    expect(locations).to.deep.equal(['/', '/assets/']);
    const adds = directives.filter((d) => d[0] === 'add_header');
    for (const [name, value] of Object.entries(expected)) {
      expect(adds.filter((d) => d[1] === name && d[2] === value && d[3] === 'always'), name).to.have.length(2);
    }
    expect(adds.filter((d) => d[1] === 'Cache-Control').map((d) => d[2])).to.deep.equal(['no-cache', 'public, max-age=31536000, immutable']);
  });

  it('nginx: refuses a value that nginx would read as a variable', () => {
    expect(() => renderTarget('nginx', frameResponseRules({ ...deployConfig, reportTo: 'https://r.example/$host' }))).to.throw(/nginx/);
  });

  it('caddy: a site block Caddy itself adapts, carrying every frame header', () => {
    const text = renderTarget('caddy', rules, { listen: 'http://127.0.0.1:8080', root: '/srv/frame' });
    const dir = mkdtempSync(join(tmpdir(), 'cardframe-caddy-'));
    writeFileSync(join(dir, 'Caddyfile'), text);
    const adapted = spawnSync('caddy', ['adapt', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], { encoding: 'utf8' });
    if (adapted.error) {
      // Without caddy (setup installs it for the tests), check the block's shape by hand.
      for (const [name, value] of Object.entries(expected)) expect(text).to.contain(`\t\t${name} \`${value}\``);
      return;
    }
    expect(adapted.status, adapted.stderr).to.equal(0);
    const json = JSON.stringify(JSON.parse(adapted.stdout));
    for (const [name, value] of Object.entries(expected)) expect(json, name).to.contain(JSON.stringify({ [name]: [value] }).slice(1, -1));
    expect(json).to.contain('"Cache-Control":["public, max-age=31536000, immutable"]');
    expect(json).to.contain('"Cache-Control":["no-cache"]');
  });

  for (const target of ['netlify', 'cloudflare'] as const) {
    it(`${target}: a _headers file of path lines and indented "Name: value" lines, within Cloudflare's limits`, () => {
      const text = renderTarget(target, rules);
      const parsed = new Map<string, Map<string, string[]>>();
      let path: string | undefined;
      for (const line of text.split('\n').filter(Boolean)) {
        expect(line.length, 'Cloudflare refuses lines over 2000 characters').to.be.at.most(2000);
        if (!line.startsWith(' ')) {
          expect(line).to.match(/^\/\S*$/);
          path = line;
          parsed.set(path, new Map());
          continue;
        }
        const header = /^ {2}([!#$%&'*+.^_`|~0-9A-Za-z-]+): (\S.*\S|\S)$/.exec(line);
        expect(header, line).to.not.equal(null);
        const values = parsed.get(path!)!;
        values.set(header![1]!, [...(values.get(header![1]!) ?? []), header![2]!]);
      }
      expect(parsed.size, 'Cloudflare applies at most 100 rules').to.be.at.most(100);
      expect(Object.fromEntries([...parsed.get('/*')!].map(([k, v]) => [k, v.join(', ')]))).to.deep.equal(expected);
      // Every matching rule applies: a path must get Cache-Control from one rule only.
      const cacheRules = [...parsed].filter(([, headers]) => headers.has('Cache-Control')).map(([p]) => p);
      expect(cacheRules).to.deep.equal(['/assets/*', '/', '/index.html', '/cardframe.config.json']);
    });
  }

  it('vercel: vercel.json whose headers rules have a source and key/value pairs, the catch-all carrying every frame header', () => {
    const json = JSON.parse(renderTarget('vercel', rules)) as { headers: { source: string; headers: { key: string; value: string }[] }[] };
    expect(json.headers.length).to.be.at.most(1024);
    for (const rule of json.headers) {
      expect(rule.source).to.match(/^\//);
      expect(Object.keys(rule).sort()).to.deep.equal(['headers', 'source']);
      for (const header of rule.headers) {
        expect(Object.keys(header).sort()).to.deep.equal(['key', 'value']);
        expect(header.key).to.match(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/);
      }
    }
    const all = json.headers.find((rule) => rule.source === '/(.*)')!;
    expect(Object.fromEntries(all.headers.map((h) => [h.key, h.value]))).to.deep.equal(expected);
  });

  it('cloudfront: a ResponseHeadersPolicyConfig with the CSP, nosniff and referrer policy as security headers and the rest as custom ones', () => {
    const policy = JSON.parse(renderTarget('cloudfront', rules)) as {
      Name: string;
      Comment: string;
      SecurityHeadersConfig: Record<string, Record<string, unknown>>;
      CustomHeadersConfig: { Quantity: number; Items: { Header: string; Value: string; Override: boolean }[] };
    };
    expect(policy.Name).to.match(/^[A-Za-z0-9_-]{1,128}$/);
    expect(policy.Comment.length).to.be.at.most(128);
    const security = policy.SecurityHeadersConfig;
    expect(Object.keys(security).every((key) => ['ContentSecurityPolicy', 'ContentTypeOptions', 'ReferrerPolicy', 'FrameOptions', 'StrictTransportSecurity', 'XSSProtection'].includes(key))).to.equal(true);
    const csp = security['ContentSecurityPolicy']!['ContentSecurityPolicy'] as string;
    expect(csp).to.equal(expected['Content-Security-Policy']);
    expect(csp.length, "CloudFront's CSP limit").to.be.at.most(1783);
    expect(security['ContentTypeOptions']).to.deep.equal({ Override: true });
    expect(['no-referrer', 'no-referrer-when-downgrade', 'origin', 'origin-when-cross-origin', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin', 'unsafe-url']).to.include(security['ReferrerPolicy']!['ReferrerPolicy']);
    expect(security['ReferrerPolicy']!['ReferrerPolicy']).to.equal(expected['Referrer-Policy']);
    const custom = policy.CustomHeadersConfig;
    expect(custom.Quantity).to.equal(custom.Items.length);
    const refused = ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'strict-transport-security', 'x-frame-options', 'x-xss-protection'];
    expect(custom.Items.filter((item) => refused.includes(item.Header.toLowerCase()))).to.deep.equal([]);
    const rest = Object.fromEntries(Object.entries(expected).filter(([name]) => !refused.includes(name.toLowerCase())));
    expect(Object.fromEntries(custom.Items.map((item) => [item.Header, item.Value]))).to.deep.equal(rest);
    expect(custom.Items.every((item) => item.Override)).to.equal(true);
  });
});

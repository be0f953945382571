import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { listen, readBody, sendJson, sendStatic, type RunningServer } from '@cardframe/sandbox';
import { signWithSandboxWallet, sandboxWalletAddress } from './sandbox-wallet.ts';

/** How the merchant's backend reaches the issuer. */
export interface IssuerTarget {
  /** Base URL; the backend calls `${url}${cardPath}`. */
  readonly url: string;
  /** Path of the card endpoint (default `/card`). */
  readonly cardPath?: string;
  /** Sent as the `Authorization` header, for issuers that need an API key. */
  readonly authorization?: string;
  /** The card whose PIN the demo changes (the change-PIN routes' `card_account_id`). */
  readonly cardId?: string;
}

export interface MerchantServerOptions {
  host?: string;
  port?: number;
  /** Where the merchant page's static files are (demo/merchant). */
  pageDir: string;
  /** The SDK's script-tag build (packages/sdk/dist/cardframe.js). */
  sdkFile: string;
  /** The built React and Vue host pages (demo/dist), served under /react/ and /vue/. */
  appsDir?: string;
  frameUrl(): string;
  /** The frame deployed for the sandbox's OpenPGP programme, if any. */
  pgpFrameUrl?(): string | undefined;
  issuer(): IssuerTarget;
  /** What the issuer's sealed messages are, shown on the page. */
  messageFormat?: 'jwe' | 'pgp';
  /** Serve the stand-in wallet (`/api/sandbox-wallet`): only beside the sandbox issuer. */
  sandboxWallet?: boolean;
}

export interface MerchantServer extends RunningServer {
  /** `http://localhost:<port>/`: a different site from the frame's `frame.localhost`. */
  readonly url: string;
}

const ASSERTION_HEADER = 'cardframe-assertion';
const ISSUER_TIMEOUT_MS = 10_000;
const MAX_BODY_BYTES = 32 * 1024;

/** Calls the issuer and passes its status and body back untouched. */
async function forward(res: ServerResponse, target: IssuerTarget, path: string, init: { method: string; headers?: Record<string, string>; body?: string }, headers: Record<string, string>): Promise<void> {
  try {
    const response = await fetch(`${target.url.replace(/\/$/, '')}${path}`, {
      method: init.method,
      headers: {
        accept: 'application/json',
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(target.authorization ? { authorization: target.authorization } : {}),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: init.body }),
      signal: AbortSignal.timeout(ISSUER_TIMEOUT_MS),
    });
    const body = response.status === 204 ? '' : await response.text();
    res.writeHead(response.status, {
      ...(body ? { 'Content-Type': response.headers.get('content-type') ?? 'application/json' } : {}),
      'Cache-Control': 'no-store',
      ...headers,
    });
    res.end(body);
  } catch {
    sendJson(res, 502, { error: { code: 'issuer_unreachable', message: 'the issuer could not be reached' } }, headers);
  }
}

/** A bound request's passkey assertion, relayed in the body as it came. */
function withAssertion(body: Record<string, unknown>): { assertion?: unknown } {
  return body['assertion'] === undefined ? {} : { assertion: body['assertion'] };
}

/** Pages served with the frame URL (and the SDK's SRI hash) filled in: static ones, and the built apps. */
const PAGES: Record<string, string> = { '/': 'index.html', '/index.html': 'index.html', '/artwork.html': 'artwork.html' };
const APP_PAGES: Record<string, string> = { '/react/': 'react/index.html', '/vue/': 'vue/index.html' };

/** The `integrity` value of the script-tag build, as its build wrote it next to the file. */
async function sdkIntegrity(sdkFile: string): Promise<string> {
  try {
    return (await readFile(`${sdkFile}.sri`, 'utf8')).trim();
  } catch {
    return '';
  }
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * The merchant: a page that embeds `<cardframe-card>` and a backend route
 * that forwards the frame's sessionid to the issuer and returns the issuer's
 * answer untouched. The backend sees only ciphertext.
 */
export async function startMerchantServer(options: MerchantServerOptions): Promise<MerchantServer> {
  const running = await listen(async (req, res, url) => {
    const pgpFrameUrl = options.pgpFrameUrl?.();
    const frameOrigin = [options.frameUrl(), ...(pgpFrameUrl ? [pgpFrameUrl] : [])].map((u) => new URL(u).origin).join(' ');
    // The host page's own CSP: it may frame only the cardframe origin.
    const headers = {
      'Content-Security-Policy': `default-src 'self'; script-src 'self'; style-src 'self'; frame-src ${frameOrigin}; connect-src 'self'; base-uri 'none'; form-action 'none'`,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    };
    const target = options.issuer();
    // `?card=<id>` picks another of the issuer's cards (the sandbox has an Amex and an OpenPGP-programme card too).
    const other = url.searchParams.get('card');
    const picked = other && /^[A-Za-z0-9_-]{1,64}$/.test(other) ? other : undefined;
    const cardId = picked ?? target.cardId ?? 'card_default';
    if (url.pathname === '/api/card' && req.method !== 'PATCH') {
      // Seed 001's sessionid and scope, and a bound request's assertion, go to the issuer as they came.
      const forwarded: Record<string, string> = {};
      for (const name of ['sessionid', ASSERTION_HEADER]) {
        const value = req.headers[name];
        if (typeof value === 'string') forwarded[name] = value;
      }
      const query = new URLSearchParams();
      for (const name of ['scope', 'address']) for (const value of url.searchParams.getAll(name)) query.append(name, value);
      const path = `${picked ? `/cards/${picked}` : (target.cardPath ?? '/card')}${query.size > 0 ? `?${query}` : ''}`;
      return forward(res, target, path, { method: 'GET', headers: forwarded }, headers);
    }
    if (url.pathname === '/api/card' && req.method === 'PATCH') {
      // PATCH / binds the card to the cardholder's passkey or wallet; the merchant only relays the signed result.
      let text: string;
      try {
        text = await readBody(req, MAX_BODY_BYTES);
        JSON.parse(text);
      } catch {
        return sendJson(res, 400, { error: { code: 'invalid_request', message: 'body must be JSON' } }, headers);
      }
      return forward(res, target, picked ? `/cards/${picked}` : '/', { method: 'PATCH', body: text }, headers);
    }
    if (url.pathname === '/api/sandbox-wallet' && options.sandboxWallet && req.method === 'GET') {
      return sendJson(res, 200, { address: sandboxWalletAddress(), test: true }, headers);
    }
    if (url.pathname.startsWith('/api/') && req.method === 'POST') {
      // The merchant backend's own rules: JSON bodies only, bounded.
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(await readBody(req, MAX_BODY_BYTES)) as Record<string, unknown>;
        if (typeof body !== 'object' || body === null) throw new Error('not an object');
      } catch {
        return sendJson(res, 400, { error: { code: 'invalid_request', message: 'body must be a JSON object' } }, headers);
      }
      if (url.pathname === '/api/pin') {
        // Signed submissions go to the direct route; unsigned ones become change requests.
        const path = typeof body['device_id'] === 'string' ? `/v1/cards/${cardId}/pin` : `/v1/cards/${cardId}/pin_change_requests`;
        return forward(res, target, path, { method: 'POST', body: JSON.stringify(body) }, headers);
      }
      if (url.pathname === '/api/card-details') {
        // Key-pair reveal: the frame's public key, nonce and (bound mode) assertion go to the issuer; a JWE (of the issuer's signed reply) comes back.
        return forward(res, target, `/v1/cards/${cardId}/details`, { method: 'POST', body: JSON.stringify({ public_key: body['public_key'], nonce: body['nonce'], ...withAssertion(body) }) }, headers);
      }
      if (url.pathname === '/api/devices') {
        return forward(res, target, '/v1/devices', { method: 'POST', body: JSON.stringify({ card_account_id: cardId, public_key: body['public_key'], ...withAssertion(body) }) }, headers);
      }
      if (url.pathname === '/api/sandbox-wallet/sign' && options.sandboxWallet) {
        // The demo's stand-in for the cardholder's browser wallet (none exists here): a fixed test account.
        if (typeof body['message'] !== 'string' || body['message'].length > 4096) return sendJson(res, 400, { error: { code: 'invalid_request', message: 'message must be text' } }, headers);
        return sendJson(res, 200, { signature: await signWithSandboxWallet(body['message']), address: sandboxWalletAddress() }, headers);
      }
      if (url.pathname === '/api/sandbox/rotate') {
        // Demo only: a real merchant page would never reach an issuer's key administration.
        return forward(res, target, '/sandbox/rotate', { method: 'POST', body: '{}' }, headers);
      }
      const confirm = /^\/api\/change-requests\/([A-Za-z0-9_-]{1,64})\/confirm$/.exec(url.pathname);
      if (confirm) return forward(res, target, `/v1/change_requests/${confirm[1]}/confirm`, { method: 'POST', body: '{}' }, headers);
    }
    const page = PAGES[url.pathname] ? join(options.pageDir, PAGES[url.pathname]!) : APP_PAGES[url.pathname] && options.appsDir ? join(options.appsDir, APP_PAGES[url.pathname]!) : undefined;
    if (page) {
      let text: string;
      try {
        text = await readFile(page, 'utf8');
      } catch {
        return sendJson(res, 404, { error: { code: 'not_found', message: 'not found' } }, headers);
      }
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
      const format = options.messageFormat === 'pgp' ? 'OpenPGP' : 'JWE';
      return res.end(
        text
          .replaceAll('{{FRAME_URL}}', escapeAttribute(options.frameUrl()))
          .replaceAll('{{PGP_FRAME_URL}}', escapeAttribute(pgpFrameUrl ?? ''))
          .replaceAll('{{SDK_INTEGRITY}}', escapeAttribute(await sdkIntegrity(options.sdkFile)))
          .replaceAll('{{MESSAGE_FORMAT}}', format),
      );
    }
    // cardframe.js loads cardframe-requests.js from beside itself once a frame is ready.
    if (url.pathname === '/cardframe.js' || url.pathname === '/cardframe-requests.js' || url.pathname === '/cardframe.mjs') {
      return sendStatic(res, join(options.sdkFile, '..'), url.pathname, { ...headers, 'Cache-Control': 'no-cache' });
    }
    if (url.pathname.startsWith('/assets/') && options.appsDir) return sendStatic(res, options.appsDir, url.pathname, headers);
    return sendStatic(res, options.pageDir, url.pathname, headers);
  }, options.host ?? '127.0.0.1', options.port ?? 0);
  return { ...running, url: `http://localhost:${running.port}/` };
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listen, sendJson, sendStatic, type RunningServer } from './http.ts';

/** How the merchant's backend reaches the issuer. */
export interface IssuerTarget {
  /** Base URL; the backend calls `${url}${cardPath}`. */
  readonly url: string;
  /** Path of the card endpoint (default `/card`). */
  readonly cardPath?: string;
  /** Sent as the `Authorization` header, for issuers that need an API key. */
  readonly authorization?: string;
}

export interface MerchantServerOptions {
  host?: string;
  port?: number;
  /** Where the merchant page's static files are (demo/merchant). */
  pageDir: string;
  /** The SDK's script-tag build (packages/sdk/dist/cardframe.js). */
  sdkFile: string;
  frameUrl(): string;
  issuer(): IssuerTarget;
}

export interface MerchantServer extends RunningServer {
  /** `http://localhost:<port>/`: a different origin from the frame's 127.0.0.1. */
  readonly url: string;
}

const ISSUER_TIMEOUT_MS = 10_000;

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
    const frameOrigin = new URL(options.frameUrl()).origin;
    // The host page's own CSP: it may frame only the cardframe origin.
    const headers = {
      'Content-Security-Policy': `default-src 'self'; script-src 'self'; style-src 'self'; frame-src ${frameOrigin}; connect-src 'self'; base-uri 'none'; form-action 'none'`,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    };
    if (url.pathname === '/api/card') {
      const sessionId = req.headers['sessionid'];
      const target = options.issuer();
      const upstream = new URL(`${target.url.replace(/\/$/, '')}${target.cardPath ?? '/card'}`);
      try {
        const response = await fetch(upstream, {
          headers: {
            accept: 'application/json',
            ...(typeof sessionId === 'string' ? { sessionid: sessionId } : {}),
            ...(target.authorization ? { authorization: target.authorization } : {}),
          },
          signal: AbortSignal.timeout(ISSUER_TIMEOUT_MS),
        });
        const body = await response.text();
        res.writeHead(response.status, { 'Content-Type': response.headers.get('content-type') ?? 'application/json', 'Cache-Control': 'no-store', ...headers });
        return res.end(body);
      } catch {
        return sendJson(res, 502, { error: { code: 'issuer_unreachable', message: 'the issuer could not be reached' } }, headers);
      }
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      const page = await readFile(join(options.pageDir, 'index.html'), 'utf8');
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
      return res.end(page.replaceAll('{{FRAME_URL}}', escapeAttribute(options.frameUrl())));
    }
    if (url.pathname === '/cardframe.js') {
      return sendStatic(res, join(options.sdkFile, '..'), '/cardframe.js', { ...headers, 'Cache-Control': 'no-cache' });
    }
    return sendStatic(res, options.pageDir, url.pathname, headers);
  }, options.host ?? '127.0.0.1', options.port ?? 0);
  return { ...running, url: `http://localhost:${running.port}/` };
}

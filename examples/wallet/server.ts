import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

/**
 * The wallet's server: the built page, plus a backend that forwards the
 * frame's requests to the card issuer. It only ever handles ciphertext.
 */
export interface WalletOptions {
  /** 0 picks a free port. */
  readonly port?: number;
  /** The issuer's API base URL. */
  readonly issuerUrl: string;
  /** Where the issuer's card frame is deployed. */
  readonly frameUrl: string;
  /** The cardholder's card at the issuer. */
  readonly cardId: string;
}

export interface Wallet {
  /** `http://localhost:PORT/` */
  readonly url: string;
  close(): Promise<void>;
}

const DIST = join(import.meta.dirname, 'dist');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

async function forward(res: ServerResponse, url: string, init: RequestInit): Promise<void> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  const body = response.status === 204 ? '' : await response.text();
  res.writeHead(response.status, body ? { 'content-type': response.headers.get('content-type') ?? 'application/json', 'cache-control': 'no-store' } : {});
  res.end(body);
}

export async function startWallet(options: WalletOptions): Promise<Wallet> {
  const frameOrigin = new URL(options.frameUrl).origin;
  const headers = {
    // The page may frame only the issuer's card frame and talk only to its own backend.
    'content-security-policy': `default-src 'self'; frame-src ${frameOrigin}; connect-src 'self'; base-uri 'none'; form-action 'none'`,
    'referrer-policy': 'no-referrer',
  };
  const post = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://wallet');
    void (async () => {
      if (url.pathname === '/api/card') {
        const sessionId = req.headers['sessionid'];
        return forward(res, `${options.issuerUrl}/cards/${options.cardId}`, { headers: typeof sessionId === 'string' ? { sessionid: sessionId } : {} });
      }
      if (url.pathname === '/api/pin' && req.method === 'POST') {
        const submission = await readJson(req);
        return forward(res, `${options.issuerUrl}/v1/cards/${options.cardId}/pin`, post(submission));
      }
      if (url.pathname === '/api/devices' && req.method === 'POST') {
        const { public_key } = await readJson(req);
        return forward(res, `${options.issuerUrl}/v1/devices`, post({ card_account_id: options.cardId, public_key }));
      }
      const path = normalize(url.pathname === '/' ? '/index.html' : url.pathname);
      const file = join(DIST, path);
      if (!file.startsWith(DIST)) throw new Error('outside dist');
      let body: string | Buffer = await readFile(file);
      if (path === '/index.html') body = body.toString('utf8').replaceAll('{{CARDFRAME_FRAME_URL}}', options.frameUrl.replace(/"/g, '&quot;'));
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...headers });
      res.end(body);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(404, headers);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

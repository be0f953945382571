import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { after, before, describe, it } from '@cardframe/test-env';
import { CardframeError } from '@cardframe/protocol';
import { KeyRing, importIssuerEncryptionKey, type IssuerEncryptionKey } from '../../src/index.ts';

const CHUNK = Buffer.alloc(16 * 1024, 0x20);

describe('issuer key ring against a real HTTP server', () => {
  let server: Server;
  let base: string;
  const written = { endless: 0 };
  let closed: Promise<void> = Promise.resolve();

  before(async () => {
    server = createServer((request, response) => {
      if (request.url === '/endless') {
        // A key set that never ends: written as fast as the client takes it, until it hangs up.
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"keys":[');
        let done: () => void = () => {};
        closed = new Promise((resolve) => (done = resolve));
        const pump = (): void => {
          while (!response.destroyed && !response.writableEnded) {
            written.endless += CHUNK.length;
            if (!response.write(CHUNK)) return void response.once('drain', pump);
          }
        };
        response.on('close', () => done());
        pump();
        return;
      }
      // Says 100 MiB up front, sends a first chunk and never the rest.
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(100 * 1024 * 1024) });
      response.write(CHUNK);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const ring = (path: string) =>
    new KeyRing<IssuerEncryptionKey>({ source: { jwksUrl: `${base}${path}` }, importKey: (jwk) => importIssuerEncryptionKey(jwk), timeoutMs: 10_000 });

  it('cuts off an endless key set body at the cap and hangs up, without buffering it', async () => {
    const keys = ring('/endless');
    const error = await keys.preferred().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(CardframeError);
    expect((error as CardframeError).code).to.equal('ERR_KEY_NOT_FOUND');
    expect(keys.skipped[0]?.reason).to.match(/too large/);
    // The connection is closed from our side, so the server stops writing.
    await closed;
    const total = written.endless;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(written.endless).to.equal(total);
    // What it wrote is the cap plus what the sockets' buffers held, not an ever-growing body.
    expect(total).to.be.below(8 * 1024 * 1024);
  });

  it('refuses a key set whose Content-Length is past the cap before reading its body', async () => {
    const keys = ring('/declared');
    await keys.preferred().catch(() => undefined);
    expect(keys.skipped[0]?.reason).to.match(/too large/);
  });
});

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** The floor: a bare cross-origin page that posts one message on load and echoes what it is sent. */
const FLOOR_PAGE = `<!doctype html><title>floor</title><script>
addEventListener('message', (e) => e.source.postMessage(e.data, '*'));
parent.postMessage('ready', '*');
</script>`;

/** The floor server on loopback: the floor page at any path, and the built in-page crypto bench. */
export interface FloorServer {
  /** Base URL, ending in `/`. */
  readonly url: string;
  close(): void;
}

export async function startFloorServer(): Promise<FloorServer> {
  const cryptoModule = () => readFileSync(join(import.meta.dirname, 'dist/crypto-page.js'));
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/crypto-page.js')) {
      res.writeHead(200, { 'content-type': 'text/javascript', 'access-control-allow-origin': '*' });
      return res.end(cryptoModule());
    }
    res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-cache' });
    res.end(FLOOR_PAGE);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FRAME_CONFIG_PATH, type FrameConfig } from '@cardframe/frame/config';
import { inlineFrameConfig } from '@cardframe/frame/deploy';
import { frameSecurityHeaders } from '@cardframe/frame/headers';
import { listen, sendJson, sendStatic, type RunningServer } from './http.ts';

export interface FrameServerOptions {
  host?: string;
  port?: number;
  /** The built frame (packages/frame/dist). */
  distDir: string;
  /**
   * The host name the frame is served as, e.g. `frame.localhost`: WebAuthn
   * refuses an IP address as relying party, so passkeys need a name. Browsers
   * resolve `*.localhost` to loopback themselves; the server still listens on
   * `host`. Default: `host`.
   */
  publicHost?: string;
  /**
   * Writes the config into the frame's HTML, so the frame reads it without
   * a request (default true); false serves the HTML as built, and the frame
   * fetches `/cardframe.config.json` as on a plain static host.
   */
  inlineConfig?: boolean;
}

export interface FrameServer extends RunningServer {
  readonly url: string;
  /** Sets the deployment config: written into the frame's HTML, served at /cardframe.config.json, and used for the headers. */
  setConfig(config: FrameConfig): void;
}

/**
 * The frame origin: the static frame build with its deployment config
 * written into the HTML (and served as a file too), every response with the
 * frame's CSP and security headers. Until a config is set
 * it answers 503, so no host can embed a frame that has no allowlist.
 */
export async function startFrameServer(options: FrameServerOptions): Promise<FrameServer> {
  let config: FrameConfig | undefined;
  // The HTML with the config written in, made once per config (each frame on a page asks for it).
  let page: Promise<string> | undefined;
  const host = options.host ?? '127.0.0.1';
  const running = await listen(async (req, res, url) => {
    if (!config) return sendJson(res, 503, { error: { code: 'not_configured', message: 'frame is not configured' } });
    const headers = frameSecurityHeaders(config);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: { code: 'method_not_allowed', message: 'use GET' } }, headers);
    if (url.pathname === FRAME_CONFIG_PATH) return sendJson(res, 200, config, headers);
    const path = url.pathname === '/' ? '/index.html' : url.pathname;
    if (path === '/index.html' && options.inlineConfig !== false) {
      const html = await (page ??= readFile(join(options.distDir, 'index.html'), 'utf8').then((built) => inlineFrameConfig(built, config)));
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...headers, 'Cache-Control': 'no-cache' });
      return res.end(html);
    }
    const cache = path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    return sendStatic(res, options.distDir, path, { ...headers, 'Cache-Control': cache });
  }, host, options.port ?? 0);
  return {
    ...running,
    url: `http://${options.publicHost ?? host}:${running.port}/`,
    setConfig(next) {
      config = next;
      page = undefined;
    },
  };
}

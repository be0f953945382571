import type { FrameConfig } from '../config.ts';
import { frameSecurityHeaders } from '../headers.ts';

/** Where Vite puts the fingerprinted files: their names change with their content, so they may be cached for good. */
export const ASSETS_PREFIX = '/assets/';

/** The files that must be revalidated on every load: the entry HTML and the deployment config. */
export const REVALIDATED_PATHS = ['/', '/index.html', '/cardframe.config.json'] as const;

/**
 * What a frame origin sends with its responses, for whichever server or host
 * serves it: the security headers from `frameSecurityHeaders` (the one
 * source; no target writes its own copy) and the cache policy.
 */
export interface FrameResponseRules {
  /** Headers every response carries. */
  readonly headers: Readonly<Record<string, string>>;
  /** `Cache-Control` for files under `ASSETS_PREFIX`. */
  readonly assetsCache: string;
  /** `Cache-Control` for everything else (the HTML and the config must be revalidated). */
  readonly otherCache: string;
}

export function frameResponseRules(config: Pick<FrameConfig, 'allowedHostOrigins' | 'issuer' | 'style' | 'reportTo'>): FrameResponseRules {
  return { headers: frameSecurityHeaders(config), assetsCache: 'public, max-age=31536000, immutable', otherCache: 'no-cache' };
}

/**
 * Refuses a header value a target's file format could not carry verbatim
 * (line breaks always; plus what that format would read as syntax), so a
 * generated file never means something other than the headers it was made from.
 */
export function plainHeaderValue(name: string, value: string, forbidden: RegExp, target: string): string {
  if (/[\r\n\0]/.test(value) || forbidden.test(value)) throw new Error(`${name} has a character a ${target} config cannot carry verbatim`);
  return value;
}

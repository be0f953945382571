import { CardframeError, parseFieldNames, type FieldName } from '@cardframe/protocol';
import type { IssuerKeySource, OaepHash } from '@cardframe/crypto';

/**
 * The frame's deployment config: a JSON file served from the frame's own
 * origin. Nothing the host sends can change it; the host can only narrow it.
 */
export interface FrameConfig {
  /** Exact origins allowed to embed the frame and connect to it (`https://shop.example`). */
  readonly allowedHostOrigins: readonly string[];
  readonly issuer: {
    /** The issuer's RSA public key that sessionids are encrypted to. */
    readonly sessionKey: IssuerKeySource;
    /** OAEP hash the issuer decrypts with; `SHA-1` matches Node's `publicEncrypt` default. */
    readonly oaepHash: OaepHash;
  };
  readonly flows: {
    /** Fields the reveal flow may show; absent means reveal is disabled. */
    readonly reveal?: { readonly fields: readonly FieldName[] };
  };
}

/** Path of the config file on the frame origin. */
export const FRAME_CONFIG_PATH = '/cardframe.config.json';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
// A plain DNS name or IP literal. The URL parser accepts `*` in hostnames, and
// the origins also become the CSP's frame-ancestors, where `*` is a wildcard.
const HOSTNAME = /^(?:(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?|\[[0-9a-f:.]+\])$/;

function bad(message: string): CardframeError {
  return new CardframeError('ERR_CONFIG', `frame config: ${message}`);
}

function object(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad(`${path} must be an object`);
  return value as Record<string, unknown>;
}

/**
 * An origin the frame may be embedded by: exactly `scheme://host[:port]`,
 * https, or http on a loopback host (both are secure contexts).
 */
function parseOrigin(value: unknown, path: string): string {
  if (typeof value !== 'string') throw bad(`${path} must be a string`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw bad(`${path} is not a URL`);
  }
  if (url.origin !== value) throw bad(`${path} must be an exact origin with no path or trailing slash`);
  if (!HOSTNAME.test(url.hostname)) throw bad(`${path} must name one host, without wildcards`);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw bad(`${path} must be https (or http on localhost)`);
  }
  return value;
}

function parseKeySource(value: unknown): IssuerKeySource {
  const source = object(value, 'issuer.sessionKey');
  const keys = Object.keys(source);
  if (keys.length === 1 && typeof source['pem'] === 'string') return { pem: source['pem'] };
  if (keys.length === 1 && typeof source['jwk'] === 'object' && source['jwk'] !== null) return { jwk: source['jwk'] as JsonWebKey };
  throw bad('issuer.sessionKey must be {"pem": "..."} or {"jwk": {...}}');
}

/** Validates a parsed config file. Throws `ERR_CONFIG` naming the first problem. */
export function parseFrameConfig(value: unknown): FrameConfig {
  const config = object(value, 'config');
  const origins = config['allowedHostOrigins'];
  if (!Array.isArray(origins) || origins.length === 0) throw bad('allowedHostOrigins must be a non-empty array');
  const issuer = object(config['issuer'], 'issuer');
  const oaepHash = issuer['oaepHash'] ?? 'SHA-1';
  if (oaepHash !== 'SHA-1' && oaepHash !== 'SHA-256') throw bad('issuer.oaepHash must be "SHA-1" or "SHA-256"');
  const flows = object(config['flows'] ?? {}, 'flows');
  let reveal: { fields: FieldName[] } | undefined;
  if (flows['reveal'] !== undefined) {
    try {
      reveal = { fields: parseFieldNames(object(flows['reveal'], 'flows.reveal')['fields'], 'flows.reveal.fields') };
    } catch (error) {
      throw error instanceof CardframeError && error.code === 'ERR_CONFIG' ? error : bad('flows.reveal.fields must list known field names');
    }
  }
  return {
    allowedHostOrigins: origins.map((origin, i) => parseOrigin(origin, `allowedHostOrigins[${i}]`)),
    issuer: { sessionKey: parseKeySource(issuer['sessionKey']), oaepHash },
    flows: reveal ? { reveal } : {},
  };
}

/** Fetches and validates the config from the frame's own origin. */
export async function loadFrameConfig(fetcher: typeof fetch = fetch): Promise<FrameConfig> {
  let response: Response;
  try {
    response = await fetcher(FRAME_CONFIG_PATH, { credentials: 'omit', cache: 'no-store' });
  } catch {
    throw bad('could not be fetched');
  }
  if (!response.ok) throw bad(`fetch failed with HTTP ${response.status}`);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw bad('is not JSON');
  }
  return parseFrameConfig(json);
}

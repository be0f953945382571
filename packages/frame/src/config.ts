import { CardframeError, parseFieldNames, type FieldName } from '@cardframe/protocol';
import { JWE_ENCS, type EncryptionPolicy, type IssuerKeySource, type JweEnc, type OaepHash } from '@cardframe/crypto';

/**
 * The frame's deployment config: a JSON file served from the frame's own
 * origin. Nothing the host sends can change it; the host can only narrow it.
 */
export interface FrameConfig {
  /** Exact origins allowed to embed the frame and connect to it (`https://shop.example`). */
  readonly allowedHostOrigins: readonly string[];
  readonly issuer: {
    /** The issuer's RSA public key that sessionids are encrypted to (needed for reveal). */
    readonly sessionKey?: IssuerKeySource;
    /** OAEP hash the issuer decrypts sessionids with; `SHA-1` matches Node's `publicEncrypt` default. */
    readonly oaepHash: OaepHash;
    /** The issuer's public JWK that PINs are sealed to (needed for the PIN flow). */
    readonly pinKey?: { readonly jwk: JsonWebKey };
    /** Algorithms for sealing to the issuer: RSA-OAEP only where the issuer needs it. */
    readonly encryption: EncryptionPolicy;
  };
  readonly flows: {
    /** Fields the reveal flow may show; absent means reveal is disabled. */
    readonly reveal?: { readonly fields: readonly FieldName[] };
    /** PIN entry; absent means it is disabled. */
    readonly pin?: PinFlowConfig;
  };
}

/** The PIN flow's policy. */
export interface PinFlowConfig {
  /** Shortest PIN accepted (4–12, default 4). */
  readonly minLength: number;
  /** Longest PIN accepted (minLength–12, default minLength). */
  readonly maxLength: number;
  /** `direct` changes the PIN at once; `change-request` needs the cardholder to confirm elsewhere. */
  readonly variant: 'direct' | 'change-request';
  /** Sign `encrypted_pin` with the frame's device-binding key (default: on for `direct`). */
  readonly deviceBinding: boolean;
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

function parseEnc(value: unknown, path: string): JweEnc | undefined {
  if (value === undefined) return undefined;
  if (!(JWE_ENCS as readonly unknown[]).includes(value)) throw bad(`${path} must be one of ${JWE_ENCS.join(', ')}`);
  return value as JweEnc;
}

function parseEncryption(value: unknown): EncryptionPolicy {
  const policy = object(value ?? {}, 'issuer.encryption');
  const rsaAlg = policy['rsaAlg'];
  if (rsaAlg !== undefined && rsaAlg !== 'RSA-OAEP-256' && rsaAlg !== 'RSA-OAEP') throw bad('issuer.encryption.rsaAlg must be "RSA-OAEP-256" or "RSA-OAEP"');
  const rsaEnc = parseEnc(policy['rsaEnc'], 'issuer.encryption.rsaEnc');
  const ecEnc = parseEnc(policy['ecEnc'], 'issuer.encryption.ecEnc');
  return {
    ...(rsaAlg === undefined ? {} : { rsaAlg }),
    ...(rsaEnc === undefined ? {} : { rsaEnc }),
    ...(ecEnc === undefined ? {} : { ecEnc }),
  };
}

function parseLength(value: unknown, fallback: number, min: number, path: string): number {
  const n = value ?? fallback;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > 12) throw bad(`${path} must be a whole number from ${min} to 12`);
  return n;
}

function parsePinFlow(value: unknown): PinFlowConfig {
  const pin = object(value, 'flows.pin');
  const minLength = parseLength(pin['minLength'], 4, 4, 'flows.pin.minLength');
  const maxLength = parseLength(pin['maxLength'], minLength, minLength, 'flows.pin.maxLength');
  const variant = pin['variant'] ?? 'direct';
  if (variant !== 'direct' && variant !== 'change-request') throw bad('flows.pin.variant must be "direct" or "change-request"');
  const deviceBinding = pin['deviceBinding'] ?? variant === 'direct';
  if (typeof deviceBinding !== 'boolean') throw bad('flows.pin.deviceBinding must be true or false');
  return { minLength, maxLength, variant, deviceBinding };
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
  const pin = flows['pin'] === undefined ? undefined : parsePinFlow(flows['pin']);
  const sessionKey = issuer['sessionKey'] === undefined ? undefined : parseKeySource(issuer['sessionKey']);
  if (reveal && !sessionKey) throw bad('issuer.sessionKey is needed for the reveal flow');
  let pinKey: { jwk: JsonWebKey } | undefined;
  if (issuer['pinKey'] !== undefined) {
    const source = object(issuer['pinKey'], 'issuer.pinKey');
    if (Object.keys(source).length !== 1 || typeof source['jwk'] !== 'object' || source['jwk'] === null) throw bad('issuer.pinKey must be {"jwk": {...}}');
    pinKey = { jwk: source['jwk'] as JsonWebKey };
  }
  if (pin && !pinKey) throw bad('issuer.pinKey is needed for the PIN flow');
  return {
    allowedHostOrigins: origins.map((origin, i) => parseOrigin(origin, `allowedHostOrigins[${i}]`)),
    issuer: {
      ...(sessionKey ? { sessionKey } : {}),
      oaepHash,
      ...(pinKey ? { pinKey } : {}),
      encryption: parseEncryption(issuer['encryption']),
    },
    flows: { ...(reveal ? { reveal } : {}), ...(pin ? { pin } : {}) },
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

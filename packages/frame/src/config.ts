import { CardframeError, PROFILE_MEMBERS, PROFILE_PATH_PATTERN, parseFieldNames, type FieldName, type ProfileMapping } from '@cardframe/protocol';
import { JWE_ENCS, type EncryptionPolicy, type JweEnc, type KeyRingSource, type MessageFormat, type OaepHash } from '@cardframe/crypto';
import { WALLET_ADAPTER_NAMES, type WalletAdapterName } from './provisioning/wallet-adapter-names.ts';

/**
 * The frame's deployment config: a JSON file served from the frame's own
 * origin. Nothing the host sends can change it; the host can only narrow it.
 */
export interface FrameConfig {
  /** Exact origins allowed to embed the frame and connect to it (`https://shop.example`). */
  readonly allowedHostOrigins: readonly string[];
  readonly issuer: {
    /**
     * The issuer's RSA keys that sessionids are encrypted to (needed for the
     * session-key reveal): pinned keys (JWKs, or `{pem}` for one SPKI PEM) or
     * a JWKS URL the frame fetches itself. Written `sessionKey: {pem}|{jwk}`
     * for one pinned key.
     */
    readonly sessionKeys?: KeyRingSource;
    /** OAEP hash the issuer decrypts sessionids with; `SHA-1` matches Node's `publicEncrypt` default. */
    readonly oaepHash: OaepHash;
    /**
     * The sealed-message format the issuer speaks (seeds 003/004: "either PGP
     * or JWE"): `jwe` (default) or `pgp`. It decides how PINs are sealed and,
     * in key-pair reveals, what key the frame holds. OpenPGP code is loaded
     * only when this is `pgp`.
     */
    readonly messageFormat: MessageFormat;
    /**
     * The issuer's keys PINs are sealed to (needed for the PIN flow);
     * `pinKey: {jwk}` (or `{pgp: "<armored>"}` for `pgp`) for one pinned key.
     * A PGP key set has the JWKS shape, each entry `{kid, use: "enc", pgp}`.
     */
    readonly pinKeys?: KeyRingSource;
    /**
     * The issuer's public keys that sign key-pair replies (JWKs with `use:
     * "sig"`, ES256, or RS256/PS256 named by `alg`): pinned, or a JWKS URL the
     * frame fetches itself. Written `responseSigningKey: {jwk}` for one pinned
     * key. An OpenPGP issuer gives armored OpenPGP public keys instead
     * (`responseSigningKey: {pgp: "<armored>"}`, or key-set entries `{kid,
     * use: "sig", pgp}`), checked with OpenPGP.js when the config loads.
     * With them, key-pair reveals accept only signed replies.
     */
    readonly responseSigningKeys?: KeyRingSource;
    /** Algorithms for sealing to the issuer: RSA-OAEP only where the issuer needs it. */
    readonly encryption: EncryptionPolicy;
    /** How fetched key sets are cached and refreshed. */
    readonly keyRefresh: KeyRefresh;
    /**
     * Where this issuer keeps its plaintext card profile, when it spells it
     * in none of the ways the frame reads by itself: dotted paths,
     * `{"expiryMonth": "card.validThru.mm", "expiryYear": "…", "last4": "…"}`
     * or `{"expiry": "card.validThru"}` for one string or `{month, year}`.
     */
    readonly profile?: ProfileMapping;
    /**
     * Whether requests are bound to the cardholder (`bound`: every sessionid,
     * response key, device key and PIN change goes with a fresh passkey
     * assertion committing to it) or not (`plain`, default: seed 001's flow).
     */
    readonly binding?: BindingConfig;
  };
  readonly flows: {
    /** Fields the reveal flow may show and how it may get them; absent means reveal is disabled. */
    readonly reveal?: RevealFlowConfig;
    /** PIN entry; absent means it is disabled. */
    readonly pin?: PinFlowConfig;
    /** The binding view (passkey and/or wallet); absent means it is disabled. */
    readonly bind?: BindFlowConfig;
  };

  /**
   * Tags the frame's controls and values with stable `data-testid`s (see
   * `TEST_IDS`) for integrators' end-to-end tests; for sandbox deployments.
   * It changes nothing else: the host still cannot read the frame, and only
   * this file can turn it on (default false).
   */
  readonly testMode: boolean;
  /** What host styles may load; absent means no web fonts. */
  readonly style?: StyleConfig;
  /**
   * Add to wallet (seed 001's `scope=provisioning`) on the card view: the
   * wallet adapter this frame build registers under `adapter`, and the
   * `endpoint` it talks to (its origin joins the CSP's `connect-src`).
   * Absent means no Add to wallet. Only this file can turn it on.
   */
  readonly provisioning?: ProvisioningConfig;
  /**
   * Where browsers send the frame's CSP violation reports (an https URL, or
   * http on loopback): `Reporting-Endpoints` plus `report-to` in the CSP.
   * Absent means no reports.
   */
  readonly reportTo?: string;
}

/** Push provisioning: which built-in wallet adapter, and where its wallet is. */
export interface ProvisioningConfig {
  /** A name in the frame build's adapter registry (`sandbox`). */
  readonly adapter: WalletAdapterName;
  /** The wallet endpoint the adapter calls: https, or http on loopback. */
  readonly endpoint: string;
}

/** The frame's style policy. Host styles are always checked against the frame's fixed allowlist. */
export interface StyleConfig {
  /** Exact origins (`https://fonts.example`) host styles may load fonts from; they join the CSP's `font-src`. */
  readonly fontOrigins: readonly string[];
}

/** Timings for key sets the frame fetches (seconds). */
export interface KeyRefresh {
  /** How long a fetched set is used before fetching again (default 600). */
  readonly ttlSeconds: number;
  /** Least time between fetches, however often the issuer rejects a key (default 30). */
  readonly cooldownSeconds: number;
  /** Time allowed for one fetch (default 5). */
  readonly timeoutSeconds: number;
  /**
   * The oldest a fetched set may be used while refreshes keep failing; past
   * it the frame stops sealing to those keys and reports `ERR_KEY_NOT_FOUND`
   * (default three TTLs, at least one TTL).
   */
  readonly maxAgeSeconds: number;
  /**
   * Whether the frames of this origin on a page share fetched key sets through
   * a SharedWorker of the frame origin (one fetch per page) instead of each
   * fetching its own (default true).
   */
  readonly shareAcrossFrames: boolean;
}

/** How the reveal flow gets card data. */
export type RevealMode =
  /** Seed 001: a session secret wrapped to the issuer's key; `{data, iv}` fields back. */
  | 'session-key'
  /** Seed 000: the frame's own key pair; one JWE of `{"pan","cvc","expiry"}` back. */
  | 'key-pair';

export interface RevealFlowConfig {
  readonly fields: readonly FieldName[];
  /** Seconds after which revealed values are masked again and dropped (default 120; 0 = never). */
  readonly autoHideSeconds: number;
  /** Reveals allowed per minute in one frame session (default 10). */
  readonly maxPerMinute: number;
  /** Modes the host may pick from; the first is the default (default `["session-key"]`). */
  readonly modes: readonly RevealMode[];
  /** Algorithm of the frame's response keys in key-pair mode (default `ECDH-ES`); an OpenPGP issuer gets a Curve25519 OpenPGP key instead. */
  readonly responseKeyAlg: 'ECDH-ES' | 'RSA-OAEP-256';
  /**
   * Key-pair replies: `required` accepts only a reply signed by one of
   * `issuer.responseSigningKeys` over the card data, the frame key's kid and
   * the request's nonce; `off` accepts seed 000's unsigned JWE, which anyone
   * holding the frame's public key (the host too) can make. Default:
   * `required` when signing keys are configured, else `off`.
   */
  readonly responseSigning: 'required' | 'off';
  /** Whether the cardholder may copy revealed fields to the clipboard (default true). */
  readonly copy: boolean;
  /** Mask as soon as the frame loses focus, whatever the host says (default false; a host may still ask for it). */
  readonly hideOnBlur: boolean;
}

/** The PIN flow's policy. */
export interface PinFlowConfig {
  /** Shortest PIN accepted (4–12, default 4). */
  readonly minLength: number;
  /** Longest PIN accepted (minLength–12, default minLength). */
  readonly maxLength: number;
  /** PIN submissions allowed per 10 minutes in one frame session (default 5). */
  readonly maxAttempts: number;
  /** `direct` changes the PIN at once; `change-request` needs the cardholder to confirm elsewhere. */
  readonly variant: 'direct' | 'change-request';
  /** Sign `encrypted_pin` with the frame's device-binding key (default: on for `direct`). */
  readonly deviceBinding: boolean;
}

/** How the frame binds requests to the cardholder. */
export interface BindingConfig {
  readonly mode: 'plain' | 'bound';
  /** The passkeys' relying party: the frame's own host name (default) or a registrable suffix of it. */
  readonly rpId?: string;
}

/** The binding view: one button per enabled scope. */
export interface BindFlowConfig {
  readonly scopes: readonly ('webauthn' | 'siwe')[];
}

export { FRAME_CONFIG_CHECKED_ATTRIBUTE, FRAME_CONFIG_ELEMENT_ID, FRAME_CONFIG_PATH } from './config-location.ts';

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

/** One pinned key: `{pem}` (sessionids only), `{jwk}`, or `{pgp}` (an OpenPGP issuer's armored PIN or reply-signing key). */
function parsePinnedKey(value: unknown, path: string, form: 'pem' | 'jwk' | 'pgp'): unknown {
  const source = object(value, path);
  const keys = Object.keys(source);
  if (form === 'pem' && keys.length === 1 && typeof source['pem'] === 'string') return { pem: source['pem'] };
  if (form === 'pgp' && keys.length === 1 && typeof source['pgp'] === 'string') return { pgp: source['pgp'] };
  if (form !== 'pgp' && keys.length === 1 && typeof source['jwk'] === 'object' && source['jwk'] !== null) return source['jwk'];
  throw bad(`${path} must be ${form === 'pem' ? '{"pem": "..."} or ' : ''}{"${form === 'pgp' ? 'pgp' : 'jwk'}": ...}${form === 'pgp' ? ' (jwk: JWE issuers only)' : ''}`);
}

/** A key ring source: `{jwksUrl}` (https, or http on loopback) or `{keys: [...]}`. */
function parseRingSource(value: unknown, path: string): KeyRingSource {
  const source = object(value, path);
  if (Object.keys(source).length === 1 && typeof source['jwksUrl'] === 'string') return { jwksUrl: parseUrl(source['jwksUrl'], `${path}.jwksUrl`) };
  if (Object.keys(source).length === 1 && Array.isArray(source['keys']) && source['keys'].length > 0) return { keys: source['keys'] };
  throw bad(`${path} must be {"jwksUrl": "..."} or {"keys": [...]}`);
}

function parseKeys(issuer: Record<string, unknown>, one: string, many: string, form: 'pem' | 'jwk' | 'pgp'): KeyRingSource | undefined {
  if (issuer[one] !== undefined && issuer[many] !== undefined) throw bad(`give issuer.${one} or issuer.${many}, not both`);
  if (issuer[one] !== undefined) return { keys: [parsePinnedKey(issuer[one], `issuer.${one}`, form)] };
  if (issuer[many] !== undefined) return parseRingSource(issuer[many], `issuer.${many}`);
  return undefined;
}

function parseSeconds(value: unknown, fallback: number, min: number, max: number, path: string): number {
  const n = value ?? fallback;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < min || n > max) throw bad(`${path} must be a number from ${min} to ${max}`);
  return n;
}

function parseKeyRefresh(value: unknown): KeyRefresh {
  const refresh = object(value ?? {}, 'issuer.keyRefresh');
  const ttlSeconds = parseSeconds(refresh['ttlSeconds'], 600, 1, 86_400, 'issuer.keyRefresh.ttlSeconds');
  return {
    ttlSeconds,
    cooldownSeconds: parseSeconds(refresh['cooldownSeconds'], 30, 1, 3_600, 'issuer.keyRefresh.cooldownSeconds'),
    timeoutSeconds: parseSeconds(refresh['timeoutSeconds'], 5, 0.1, 60, 'issuer.keyRefresh.timeoutSeconds'),
    maxAgeSeconds: parseSeconds(refresh['maxAgeSeconds'], 3 * ttlSeconds, ttlSeconds, 7 * 86_400, 'issuer.keyRefresh.maxAgeSeconds'),
    shareAcrossFrames: parseFlag(refresh['shareAcrossFrames'], true, 'issuer.keyRefresh.shareAcrossFrames'),
  };
}

/** `value` (`fallback` when absent), which must be one of `choices`: one check and one message for every choice in the file. */
function oneOf<T extends string, F extends T | undefined>(value: unknown, fallback: F, choices: readonly T[], path: string): T | F {
  const chosen = value ?? fallback;
  if (chosen !== undefined && !(choices as readonly unknown[]).includes(chosen)) throw bad(`${path} must be "${choices.join('" or "')}"`);
  return chosen as T | F;
}

function parseFlag(value: unknown, fallback: boolean, path: string): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw bad(`${path} must be true or false`);
  return value;
}

function parseRevealFlow(value: unknown, hasSigningKeys: boolean): RevealFlowConfig {
  const reveal = object(value, 'flows.reveal');
  let fields: FieldName[];
  try {
    fields = parseFieldNames(reveal['fields'], 'flows.reveal.fields');
  } catch {
    throw bad('flows.reveal.fields must list known field names');
  }
  const modes = reveal['modes'] ?? ['session-key'];
  if (!Array.isArray(modes) || modes.length === 0 || modes.some((m) => m !== 'session-key' && m !== 'key-pair') || new Set(modes).size !== modes.length) {
    throw bad('flows.reveal.modes must list "session-key" and/or "key-pair"');
  }
  const responseKeyAlg = oneOf(reveal['responseKeyAlg'], 'ECDH-ES', ['ECDH-ES', 'RSA-OAEP-256'], 'flows.reveal.responseKeyAlg');
  const responseSigning = oneOf(reveal['responseSigning'], hasSigningKeys ? 'required' : 'off', ['required', 'off'], 'flows.reveal.responseSigning');
  if (responseSigning === 'required' && !hasSigningKeys) throw bad('flows.reveal.responseSigning "required" needs issuer.responseSigningKey(s)');
  return {
    fields,
    modes: modes as RevealMode[],
    responseKeyAlg,
    responseSigning,
    autoHideSeconds: parseSeconds(reveal['autoHideSeconds'], 120, 0, 86_400, 'flows.reveal.autoHideSeconds'),
    maxPerMinute: parseSeconds(reveal['maxPerMinute'], 10, 1, 1000, 'flows.reveal.maxPerMinute'),
    copy: parseFlag(reveal['copy'], true, 'flows.reveal.copy'),
    hideOnBlur: parseFlag(reveal['hideOnBlur'], false, 'flows.reveal.hideOnBlur'),
  };
}

function parseEnc(value: unknown, path: string): JweEnc | undefined {
  if (value === undefined) return undefined;
  if (!(JWE_ENCS as readonly unknown[]).includes(value)) throw bad(`${path} must be one of ${JWE_ENCS.join(', ')}`);
  return value as JweEnc;
}

function parseEncryption(value: unknown): EncryptionPolicy {
  const policy = object(value ?? {}, 'issuer.encryption');
  const rsaAlg = oneOf(policy['rsaAlg'], undefined, ['RSA-OAEP-256', 'RSA-OAEP'], 'issuer.encryption.rsaAlg');
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
  const variant = oneOf(pin['variant'], 'direct', ['direct', 'change-request'], 'flows.pin.variant');
  const deviceBinding = pin['deviceBinding'] ?? variant === 'direct';
  if (typeof deviceBinding !== 'boolean') throw bad('flows.pin.deviceBinding must be true or false');
  const maxAttempts = parseSeconds(pin['maxAttempts'], 5, 1, 100, 'flows.pin.maxAttempts');
  return { minLength, maxLength, variant, deviceBinding, maxAttempts };
}

function parseBinding(value: unknown): BindingConfig {
  const binding = object(value ?? {}, 'issuer.binding');
  if (Object.keys(binding).some((key) => key !== 'mode' && key !== 'rpId')) throw bad('issuer.binding must be {"mode", "rpId"}');
  const mode = oneOf(binding['mode'], 'plain', ['plain', 'bound'], 'issuer.binding.mode');
  const rpId = binding['rpId'];
  // The frame checks at run time that this is its own host name or a suffix of it.
  if (rpId !== undefined && (typeof rpId !== 'string' || !HOSTNAME.test(rpId) || rpId.startsWith('['))) throw bad('issuer.binding.rpId must be a host name');
  return { mode, ...(rpId === undefined ? {} : { rpId }) };
}

function parseBindFlow(value: unknown): BindFlowConfig {
  const bind = object(value, 'flows.bind');
  const scopes = bind['scopes'];
  if (
    Object.keys(bind).some((key) => key !== 'scopes') ||
    !Array.isArray(scopes) ||
    scopes.length === 0 ||
    scopes.some((scope) => scope !== 'webauthn' && scope !== 'siwe') ||
    new Set(scopes).size !== scopes.length
  ) {
    throw bad('flows.bind must be {"scopes": ["webauthn" and/or "siwe"]}');
  }
  return { scopes: scopes as BindFlowConfig['scopes'] };
}

function parseStyleConfig(value: unknown): StyleConfig {
  const style = object(value, 'style');
  const fontOrigins = style['fontOrigins'] ?? [];
  if (Object.keys(style).some((key) => key !== 'fontOrigins') || !Array.isArray(fontOrigins)) throw bad('style must be {"fontOrigins": [...]}');
  return { fontOrigins: fontOrigins.map((origin, i) => parseOrigin(origin, `style.fontOrigins[${i}]`)) };
}

function parseProfileMapping(value: unknown): ProfileMapping {
  const profile = object(value, 'issuer.profile');
  for (const [key, path] of Object.entries(profile)) {
    if (!(PROFILE_MEMBERS as readonly string[]).includes(key) || typeof path !== 'string' || !PROFILE_PATH_PATTERN.test(path)) {
      throw bad(`issuer.profile may map ${PROFILE_MEMBERS.join(', ')}, each to a dotted path of member names (letters, digits, _ - $), at most 8 deep`);
    }
  }
  const { expiry, expiryMonth, expiryYear } = profile;
  // Month and year come together, or the expiry as one value: never half, never both.
  if ((expiryMonth === undefined) !== (expiryYear === undefined) || (expiry !== undefined && expiryMonth !== undefined)) throw bad('issuer.profile maps expiry, or expiryMonth with expiryYear');
  return profile as ProfileMapping;
}

/** A report or wallet endpoint: an absolute https URL (http on loopback), no credentials or fragment. */
function parseUrl(value: unknown, path: string): string {
  if (typeof value !== 'string') throw bad(`${path} must be a URL string`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw bad(`${path} is not a URL`);
  }
  parseOrigin(url.origin, path);
  // A report endpoint is written into a quoted header parameter: nothing may end the quotes.
  if (url.username || url.password || url.hash || /["\\\s]/.test(value)) throw bad(`${path} must be a plain URL without credentials, fragment, quotes or spaces`);
  return url.href;
}

function parseProvisioning(value: unknown): ProvisioningConfig {
  const { adapter, endpoint, ...rest } = object(value, 'provisioning');
  if (Object.keys(rest).length > 0 || !WALLET_ADAPTER_NAMES.includes(adapter as never)) throw bad(`provisioning must be {"adapter", "endpoint"}, adapter one of: ${WALLET_ADAPTER_NAMES}`);
  return { adapter: adapter as WalletAdapterName, endpoint: parseUrl(endpoint, 'provisioning.endpoint') };
}

/**
 * Validates a parsed config file and fills in its defaults. Throws
 * `ERR_CONFIG` naming the first problem. What it returns reads back as
 * itself, so a config checked once can be written out and used as it stands.
 */
export function parseFrameConfig(value: unknown): FrameConfig {
  const config = object(value, 'config');
  const origins = config['allowedHostOrigins'];
  if (!Array.isArray(origins) || origins.length === 0) throw bad('allowedHostOrigins must be a non-empty array');
  const issuer = object(config['issuer'], 'issuer');
  const oaepHash = oneOf(issuer['oaepHash'], 'SHA-1', ['SHA-1', 'SHA-256'], 'issuer.oaepHash');
  const binding = parseBinding(issuer['binding']);
  const messageFormat = oneOf(issuer['messageFormat'], 'jwe', ['jwe', 'pgp'], 'issuer.messageFormat');
  const responseSigningKeys = parseKeys(issuer, 'responseSigningKey', 'responseSigningKeys', messageFormat === 'pgp' ? 'pgp' : 'jwk');
  const flows = object(config['flows'] ?? {}, 'flows');
  const reveal = flows['reveal'] === undefined ? undefined : parseRevealFlow(flows['reveal'], responseSigningKeys !== undefined);
  const pin = flows['pin'] === undefined ? undefined : parsePinFlow(flows['pin']);
  const bind = flows['bind'] === undefined ? undefined : parseBindFlow(flows['bind']);
  const sessionKeys = parseKeys(issuer, 'sessionKey', 'sessionKeys', 'pem');
  const pinKeys = parseKeys(issuer, 'pinKey', 'pinKeys', messageFormat === 'pgp' ? 'pgp' : 'jwk');
  if (reveal?.modes.includes('session-key') && !sessionKeys) throw bad('issuer.sessionKey(s) is needed for the session-key reveal');
  if (pin && !pinKeys) throw bad('issuer.pinKey(s) is needed for the PIN flow');
  const provisioning = config['provisioning'] === undefined ? undefined : parseProvisioning(config['provisioning']);
  // Add to wallet sits on the card view and fetches with a sessionid like a session-key reveal.
  if (provisioning && !(reveal && sessionKeys)) throw bad('provisioning needs flows.reveal and issuer.sessionKey(s)');
  const testMode = parseFlag(config['testMode'], false, 'testMode');
  return {
    allowedHostOrigins: origins.map((origin, i) => parseOrigin(origin, `allowedHostOrigins[${i}]`)),
    issuer: {
      ...(sessionKeys ? { sessionKeys } : {}),
      oaepHash,
      messageFormat,
      ...(pinKeys ? { pinKeys } : {}),
      ...(responseSigningKeys ? { responseSigningKeys } : {}),
      encryption: parseEncryption(issuer['encryption']),
      keyRefresh: parseKeyRefresh(issuer['keyRefresh']),
      ...(issuer['profile'] === undefined ? {} : { profile: parseProfileMapping(issuer['profile']) }),
      binding,
    },
    flows: { ...(reveal ? { reveal } : {}), ...(pin ? { pin } : {}), ...(bind ? { bind } : {}) },
    ...(config['style'] === undefined ? {} : { style: parseStyleConfig(config['style']) }),
    ...(config['reportTo'] === undefined ? {} : { reportTo: parseUrl(config['reportTo'], 'reportTo') }),
    ...(provisioning ? { provisioning } : {}),
    testMode,
  };
}

/** Origins the frame fetches keys from, for its CSP `connect-src`. */
export function keySourceOrigins(config: Pick<FrameConfig, 'issuer'>): string[] {
  const origins = [config.issuer.sessionKeys, config.issuer.pinKeys, config.issuer.responseSigningKeys].flatMap((source) => (source && 'jwksUrl' in source ? [new URL(source.jwksUrl).origin] : []));
  return [...new Set(origins)];
}

/** Every origin the frame connects to, for its CSP `connect-src`: the key hosts and the wallet endpoint's origin. */
export function connectOrigins(config: Pick<FrameConfig, 'issuer' | 'provisioning'>): string[] {
  return [...new Set([...keySourceOrigins(config), ...(config.provisioning ? [new URL(config.provisioning.endpoint).origin] : [])])];
}

/** Reads and validates the text of an inline config block. Throws `ERR_CONFIG` if it is not a valid config. */
export function parseInlineFrameConfig(text: string): FrameConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw bad('inline block is not JSON');
  }
  return parseFrameConfig(json);
}

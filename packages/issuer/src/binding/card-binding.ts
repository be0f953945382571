// The issuer side of card binding as route-level calls: each takes what an
// HTTP handler already has (card id, parsed query, headers, JSON body) and
// returns plain JSON or throws an IssuerError with the contract's code.
import { createHash, randomBytes } from 'node:crypto';
import { bindingChallenge, encodeBase64Url, jwkThumbprint, pinCommitment, type BindingCommitment } from '@cardframe/crypto';
import { IssuerError } from '../errors.ts';
import { MemoryBindingStore, type BindingStore, type BoundPasskey } from './binding-store.ts';
import { MemoryChallengeStore, type ChallengePurpose, type ChallengeRecord, type ChallengeStore } from './challenge-store.ts';
import { isAuthenticationResponse, isRegistrationResponse, verifyPasskeyAssertion, verifyPasskeyRegistration, type RelyingParty } from './passkey-verification.ts';
import type { BindingScope } from './scopes.ts';
import { checksumAddress, formatSiweMessage, readSiweMessage, recoverSiweSigner, type SiweConfig } from './siwe-message.ts';
import { formatWebauthnStatement, parseWebauthnStatement } from './statement.ts';

/** `bound`: every sessionid, response key, device key and PIN change needs a passkey assertion; `plain`: seed 001's flow. */
export type BindingMode = 'bound' | 'plain';

export interface CardBindingOptions {
  /** Named in the webauthn statement, e.g. "Sandbox Issuer". */
  readonly issuerName: string;
  /** The frame's origins, e.g. `http://frame.localhost:5174`: the only origins whose passkeys count. */
  readonly origins: readonly string[];
  /** The frame's host names (WebAuthn RP IDs), e.g. `frame.localhost`. */
  readonly rpIds: readonly string[];
  /** Default `plain`. */
  readonly binding?: BindingMode;
  /** Needed for `scope=siwe`. */
  readonly siwe?: SiweConfig;
  /** Default: an in-memory store (one process only). */
  readonly challenges?: ChallengeStore;
  /** Default: an in-memory store (lost on restart). */
  readonly bindings?: BindingStore;
  /** Lifetime of webauthn and siwe challenges; default 5 minutes. */
  readonly challengeTtlMs?: number;
  /** Lifetime of a provisioning one-time code; default 5 minutes. */
  readonly provisioningTtlMs?: number;
  /** The `webauthn.timeout` hint for the frame; default 2 minutes. */
  readonly webauthnTimeoutMs?: number;
  /** The card id a wallet knows the card by; default `card_` + a digest of the issuer's card id. */
  readonly walletCardId?: (cardId: string) => string;
  readonly now?: () => number;
}

/** The `webauthn` member of a `scope=webauthn` answer (our extension). */
export interface WebauthnHints {
  readonly allowCredentials: readonly { readonly id: string; readonly type: 'public-key'; readonly transports?: readonly string[] }[];
  readonly user: { readonly id: string; readonly name: string; readonly displayName: string };
  readonly timeout?: number;
}

/** Seed 001's `provisioning` member, in the sandbox's shape. */
export interface ProvisioningCredentials {
  readonly cardId: string;
  readonly otp: string;
  readonly expiresAt: string;
}

/** What `scope` adds to a `GET /card` answer. */
export interface ScopeFields {
  challenge?: string;
  webauthn?: WebauthnHints;
  provisioning?: ProvisioningCredentials;
}

/** A successful `PATCH /`. */
export type BindResult = { readonly bound: true; readonly scope: 'webauthn'; readonly credentialId: string } | { readonly bound: true; readonly scope: 'siwe'; readonly address: string };

/** Request headers as Node (`IncomingHttpHeaders`) or fetch (`Headers`) give them. */
export type HeaderSource = { get(name: string): string | null } | Readonly<Record<string, string | readonly string[] | undefined>>;

/** The header that carries a bound `GET /card`'s assertion. */
export const ASSERTION_HEADER = 'cardframe-assertion';

const MINUTE = 60_000;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === 'function') return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return typeof value === 'string' ? value : value?.[0];
}

/** An assertion object from a body member (object) or the header (base64url of its JSON); `undefined` when absent. */
function readAssertion(raw: unknown): { challenge: unknown; credential: unknown } | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    } catch {
      throw new IssuerError('invalid_assertion', 401, 'assertion is not base64url JSON');
    }
  }
  if (!isRecord(value)) throw new IssuerError('invalid_assertion', 401, 'assertion must be {challenge, credential}');
  return { challenge: value['challenge'], credential: value['credential'] ?? value['response'] };
}

/**
 * Card binding for one issuer: `scope=webauthn|siwe|provisioning` on
 * `GET /card`, `PATCH /`, and (in `bound` mode) the passkey assertion every
 * sessionid, response key, device key and PIN change must carry.
 */
export class CardBinding {
  readonly mode: BindingMode;
  readonly challenges: ChallengeStore;
  readonly bindings: BindingStore;
  readonly #options: CardBindingOptions;
  readonly #rp: RelyingParty;
  readonly #now: () => number;

  constructor(options: CardBindingOptions) {
    if (options.origins.length === 0 || options.rpIds.length === 0) throw new TypeError('CardBinding needs the frame origins and RP IDs');
    if (/[\r\n]/.test(options.issuerName) || !options.issuerName) throw new TypeError('issuerName must be one line');
    this.#options = options;
    this.mode = options.binding ?? 'plain';
    this.#now = options.now ?? Date.now;
    this.challenges = options.challenges ?? new MemoryChallengeStore({ now: this.#now });
    this.bindings = options.bindings ?? new MemoryBindingStore();
    this.#rp = { origins: options.origins, rpIds: options.rpIds };
  }

  /** What `scopes` add to the `GET /card` answer for `cardId`; `address` is the `address` query parameter (siwe). */
  async scopeFields(cardId: string, scopes: readonly BindingScope[], query: { readonly address?: unknown } = {}): Promise<ScopeFields> {
    const fields: ScopeFields = {};
    if (scopes.includes('webauthn')) Object.assign(fields, await this.webauthnChallenge(cardId));
    if (scopes.includes('siwe')) fields.challenge = await this.siweChallenge(cardId, query.address);
    if (scopes.includes('provisioning')) fields.provisioning = await this.provisioningCredentials(cardId);
    return fields;
  }

  /** A fresh webauthn statement for `cardId`, and the passkeys the frame may use. */
  async webauthnChallenge(cardId: string): Promise<{ challenge: string; webauthn: WebauthnHints }> {
    if (!/^\S{1,200}$/.test(cardId)) throw new IssuerError('invalid_request', 400, 'card id must be one word');
    const now = this.#now();
    const nonce = randomBytes(16).toString('hex');
    const expiresAt = now + (this.#options.challengeTtlMs ?? 5 * MINUTE);
    await this.challenges.put(nonce, { cardId, purpose: 'webauthn', expiresAt });
    const challenge = formatWebauthnStatement({ issuerName: this.#options.issuerName, cardId, nonce, issuedAt: new Date(now), expiresAt: new Date(expiresAt) });
    const passkeys = await this.bindings.passkeys(cardId);
    const webauthn: WebauthnHints = {
      allowCredentials: passkeys.map((p) => ({ id: p.credentialId, type: 'public-key' as const, ...(p.transports ? { transports: p.transports } : {}) })),
      user: { id: await this.bindings.userHandle(cardId), name: cardId, displayName: `${this.#options.issuerName} card` },
      timeout: this.#options.webauthnTimeoutMs ?? 2 * MINUTE,
    };
    return { challenge, webauthn };
  }

  /** A fresh EIP-4361 message for `cardId`: to the card's bound wallet, else to `address` (then required). */
  async siweChallenge(cardId: string, address?: unknown): Promise<string> {
    const config = this.#options.siwe;
    if (!config) throw new IssuerError('invalid_scope', 400, 'this issuer does not offer siwe');
    const bound = await this.bindings.walletAddress(cardId);
    const to = bound ? checksumAddress(bound) : checksumAddress(address);
    if (!to) throw new IssuerError('invalid_request', 400, 'scope=siwe needs an address query parameter holding an Ethereum address');
    const now = this.#now();
    const nonce = randomBytes(16).toString('hex');
    const expiresAt = now + (this.#options.challengeTtlMs ?? 5 * MINUTE);
    const statement = config.statement ?? `${this.#options.issuerName} asks you to bind card ${cardId} to this wallet.`;
    const message = formatSiweMessage({ config, statement, address: to, nonce, issuedAt: new Date(now), expiresAt: new Date(expiresAt) });
    await this.challenges.put(nonce, { cardId, purpose: 'siwe', expiresAt, data: { message } });
    return message;
  }

  /** Push-provisioning credentials for `cardId`: the wallet's card id and a single-use code. */
  async provisioningCredentials(cardId: string): Promise<ProvisioningCredentials> {
    const walletCardId = this.#walletCardId(cardId);
    const otp = `otp_${randomBytes(16).toString('hex')}`;
    const expiresAt = this.#now() + (this.#options.provisioningTtlMs ?? 5 * MINUTE);
    await this.challenges.put(otp, { cardId: walletCardId, purpose: 'provisioning', expiresAt, data: { issuerCardId: cardId } });
    return { cardId: walletCardId, otp, expiresAt: new Date(expiresAt).toISOString() };
  }

  /**
   * Redeems `{cardId, otp}` as a wallet sends it (the sandbox's
   * `POST /sandbox/wallet/cards`): single use; `challenge_unknown`,
   * `challenge_used` or `challenge_expired` otherwise.
   */
  async redeemProvisioning(body: unknown): Promise<{ cardId: string; walletCardId: string }> {
    if (!isRecord(body) || typeof body['cardId'] !== 'string' || typeof body['otp'] !== 'string') throw new IssuerError('invalid_request', 400, 'body must be {cardId, otp}');
    const record = await this.#take(body['otp'], body['cardId'], 'provisioning');
    return { cardId: record.data?.['issuerCardId'] ?? '', walletCardId: body['cardId'] };
  }

  /**
   * `GET /card`: in bound mode a `sessionid` needs the `cardframe-assertion`
   * header committing to it. In plain mode an assertion that is sent is still
   * checked. Nothing to check without a sessionid.
   */
  async checkSession(cardId: string, headers: HeaderSource): Promise<void> {
    const sessionId = headerValue(headers, 'sessionid');
    if (sessionId === undefined) return;
    await this.#checkBound(cardId, headerValue(headers, ASSERTION_HEADER), async () => ({ purpose: 'session', value: sessionId }));
  }

  /**
   * `GET /card` with `scope=provisioning`: in bound mode the credentials are
   * handed out only with a sessionid (which {@link checkSession} holds to its
   * assertion), so they travel sealed to the frame's secret. Without one, a
   * script on the host page could take them to a wallet of its own.
   */
  checkScopes(scopes: readonly BindingScope[], headers: HeaderSource): void {
    if (this.mode === 'bound' && scopes.includes('provisioning') && headerValue(headers, 'sessionid') === undefined) {
      throw new IssuerError('binding_required', 401, 'scope=provisioning needs a sessionid with its passkey assertion');
    }
  }

  /** `POST /v1/cards/{id}/details` `{public_key, assertion}`: the assertion commits to the JWK's thumbprint or the OpenPGP key's real fingerprint. */
  async checkPublicKey(cardId: string, body: unknown): Promise<void> {
    const record = isRecord(body) ? body : {};
    await this.#checkBound(cardId, record['assertion'], async () => ({ purpose: 'public-key', value: await publicKeyValue(record['public_key']) }));
  }

  /** `POST /v1/devices` `{card_account_id, public_key, assertion}`: the assertion commits to the device key's thumbprint. */
  async checkDeviceKey(cardId: string, body: unknown): Promise<void> {
    const record = isRecord(body) ? body : {};
    await this.#checkBound(cardId, record['assertion'], async () => ({ purpose: 'device-key', value: await jwkValue(record['public_key']) }));
  }

  /** `POST /v1/cards/{id}/pin` and `…/pin_change_requests`: the assertion commits to the digest of `encrypted_pin`. */
  async checkPin(cardId: string, body: unknown): Promise<void> {
    const record = isRecord(body) ? body : {};
    await this.#checkBound(cardId, record['assertion'], async () => {
      if (typeof record['encrypted_pin'] !== 'string') throw new IssuerError('invalid_request', 400, 'encrypted_pin is required');
      return { purpose: 'pin', value: await pinCommitment(record['encrypted_pin']) };
    });
  }

  /**
   * Checks one bound-request assertion (`{challenge, credential}`, or the
   * header's base64url form) in the contract's order and updates the
   * passkey's counter. Returns the passkey that made it.
   */
  verifyAssertion(cardId: string, raw: unknown, commitment: BindingCommitment): Promise<BoundPasskey> {
    return this.#verify(cardId, raw, async () => commitment);
  }

  // The commitment is worked out only after the challenge is spent and the
  // passkey found, in the contract's order, so a bad key or PIN cannot probe
  // challenges without spending them.
  async #verify(cardId: string, raw: unknown, commitment: () => Promise<BindingCommitment>): Promise<BoundPasskey> {
    const assertion = readAssertion(raw);
    if (!assertion) throw new IssuerError('binding_required', 401, 'this request needs a passkey assertion');
    const statement = assertion.challenge;
    const parsed = parseWebauthnStatement(statement);
    if (!parsed || parsed.cardId !== cardId) throw new IssuerError('challenge_unknown', 401, 'the challenge was not issued for this card');
    await this.#take(parsed.nonce, cardId, 'webauthn');
    return this.#assert(cardId, assertion.credential, async () => expectedChallenge(statement as string, await commitment()));
  }

  /** `PATCH /`: binds the card to a passkey (registration or assertion) or a wallet (SIWE). */
  async bind(cardId: string, body: unknown): Promise<BindResult> {
    if (!isRecord(body)) throw new IssuerError('invalid_request', 400, 'body must be a JSON object');
    const scope = body['scope'] ?? (body['signature'] !== undefined ? 'siwe' : 'webauthn');
    if (scope === 'webauthn') return this.#bindPasskey(cardId, body);
    if (scope === 'siwe') return this.#bindWallet(cardId, body);
    throw new IssuerError('invalid_scope', 400, 'scope must be webauthn or siwe');
  }

  async #bindPasskey(cardId: string, body: Record<string, unknown>): Promise<BindResult> {
    const statement = body['challenge'];
    const credential = body['credential'] ?? body['response'];
    if (!isRecord(credential)) throw new IssuerError('invalid_request', 400, 'credential is required');
    const parsed = parseWebauthnStatement(statement);
    if (!parsed || parsed.cardId !== cardId) throw new IssuerError('challenge_unknown', 401, 'the challenge was not issued for this card');
    await this.#take(parsed.nonce, cardId, 'webauthn');
    const expected = await expectedChallenge(statement as string);
    if (!isRegistrationResponse(credential)) {
      const passkey = await this.#assert(cardId, credential, async () => expected);
      return { bound: true, scope: 'webauthn', credentialId: passkey.credentialId };
    }
    const made = await verifyPasskeyRegistration(credential, expected, this.#rp);
    if (await this.bindings.passkey(made.credentialId)) throw new IssuerError('invalid_registration', 400, 'this passkey is bound already');
    const first = (await this.bindings.passkeys(cardId)).length === 0;
    if (!first) {
      // Only the first passkey is trusted on first use; later ones need a bound passkey's consent.
      if (readAssertion(body['assertion']) === undefined) throw new IssuerError('binding_required', 403, 'a further passkey needs an assertion by a bound passkey');
      await this.verifyAssertion(cardId, body['assertion'], { purpose: 'register', value: made.credentialId });
    }
    try {
      await this.bindings.addPasskey({ ...made, cardId, createdAt: new Date(this.#now()).toISOString() }, { first });
    } catch {
      // Another first registration for this card won the race, or the credential was bound meanwhile.
      throw new IssuerError('binding_required', 403, 'the card was bound meanwhile: a further passkey needs an assertion by a bound passkey');
    }
    return { bound: true, scope: 'webauthn', credentialId: made.credentialId };
  }

  async #bindWallet(cardId: string, body: Record<string, unknown>): Promise<BindResult> {
    const text = body['message'] ?? body['challenge'];
    const message = readSiweMessage(text);
    const config = this.#options.siwe;
    if (!config) throw new IssuerError('invalid_scope', 400, 'this issuer does not offer siwe');
    const take = await this.challenges.take(message.nonce, { cardId, purpose: 'siwe' }, this.#now());
    if (take.status === 'unknown') throw new IssuerError('siwe_invalid_message', 400, 'this message was not issued for this card');
    if (take.status === 'used') throw new IssuerError('challenge_used', 401, 'this message was used before');
    if (take.status === 'expired') throw new IssuerError('siwe_expired', 401, 'this message has expired');
    const issued = readSiweMessage(take.record.data?.['message']);
    if (message.domain !== config.domain || message.uri !== config.uri || message.chainId !== (config.chainId ?? 1) || message.domain !== issued.domain || message.uri !== issued.uri || message.chainId !== issued.chainId) {
      throw new IssuerError('siwe_wrong_domain', 401, 'domain, URI or chain differ from what was issued');
    }
    const now = this.#now();
    if (message.expirationTime && now > message.expirationTime.getTime()) throw new IssuerError('siwe_expired', 401, 'this message has expired');
    if (message.notBefore && now < message.notBefore.getTime()) throw new IssuerError('siwe_invalid_message', 400, 'this message is not valid yet');
    if (text !== take.record.data?.['message']) {
      if (getAddressOf(message) !== getAddressOf(issued)) throw new IssuerError('siwe_wrong_signer', 401, 'the message names another address than was issued');
      throw new IssuerError('siwe_invalid_message', 400, 'the message differs from what was issued');
    }
    const signer = await recoverSiweSigner(text as string, body['signature']);
    if (signer !== getAddressOf(message)) throw new IssuerError('siwe_wrong_signer', 401, 'the signature is not by the message\'s address');
    const wallet = await this.bindings.walletAddress(cardId);
    if (wallet && checksumAddress(wallet) !== signer) throw new IssuerError('siwe_wrong_signer', 401, 'the card is bound to another wallet');
    if (!wallet) await this.bindings.setWalletAddress(cardId, signer);
    return { bound: true, scope: 'siwe', address: signer };
  }

  async #checkBound(cardId: string, raw: unknown, commitment: () => Promise<BindingCommitment>): Promise<void> {
    if (readAssertion(raw) === undefined) {
      if (this.mode === 'bound') throw new IssuerError('binding_required', 401, 'this request needs a passkey assertion');
      return;
    }
    await this.#verify(cardId, raw, commitment);
  }

  /** Consumes a challenge: `challenge_unknown`, `challenge_used` or `challenge_expired` unless it is fresh. */
  async #take(key: string, cardId: string, purpose: ChallengePurpose): Promise<ChallengeRecord> {
    const take = await this.challenges.take(key, { cardId, purpose }, this.#now());
    if (take.status === 'taken') return take.record;
    if (take.status === 'used') throw new IssuerError('challenge_used', 401, 'the challenge was used before');
    if (take.status === 'expired') throw new IssuerError('challenge_expired', 401, 'the challenge has expired');
    throw new IssuerError('challenge_unknown', 401, 'the challenge was not issued for this card');
  }

  /** Checks an assertion by one of the card's passkeys over `expected`, then stores its counter. */
  async #assert(cardId: string, credential: unknown, expectedFor: () => Promise<string>): Promise<BoundPasskey> {
    if (!isAuthenticationResponse(credential)) throw new IssuerError('invalid_assertion', 401, 'credential is not a passkey assertion');
    const passkey = await this.bindings.passkey(credential.id);
    if (!passkey || passkey.cardId !== cardId) throw new IssuerError('unknown_credential', 401, 'this passkey is not bound to this card');
    const userHandle = credential.response.userHandle;
    if (userHandle && userHandle !== (await this.bindings.userHandle(cardId))) throw new IssuerError('invalid_assertion', 401, 'the passkey answers for another user');
    const counter = await verifyPasskeyAssertion(credential, passkey, await expectedFor(), this.#rp);
    await this.bindings.updateCounter(passkey.credentialId, counter);
    return { ...passkey, counter };
  }

  #walletCardId(cardId: string): string {
    return this.#options.walletCardId?.(cardId) ?? `card_${createHash('sha256').update(cardId).digest('base64url').slice(0, 22)}`;
  }
}

function getAddressOf(message: { address: string }): string | undefined {
  return checksumAddress(message.address);
}

async function expectedChallenge(statement: string, commitment?: BindingCommitment): Promise<string> {
  try {
    return encodeBase64Url(await bindingChallenge(statement, commitment));
  } catch {
    // A value that cannot be committed to (say, one with a line break) cannot match any assertion.
    throw new IssuerError('commitment_mismatch', 401, 'the request cannot be committed to');
  }
}

async function jwkValue(publicKey: unknown): Promise<string> {
  try {
    return await jwkThumbprint(publicKey);
  } catch {
    throw new IssuerError('invalid_key', 400, 'public_key must be a JWK');
  }
}

async function publicKeyValue(publicKey: unknown): Promise<string> {
  if (!isRecord(publicKey) || publicKey['kty'] !== 'PGP') return jwkValue(publicKey);
  // Loaded only for OpenPGP keys; the commitment is the key's real fingerprint, not the kid it claims.
  const { importIssuerPgpKey } = await import('@cardframe/crypto/pgp');
  const key = await importIssuerPgpKey(publicKey).catch(() => {
    throw new IssuerError('invalid_key', 400, 'public_key must be an OpenPGP encryption key');
  });
  return key.fingerprint;
}

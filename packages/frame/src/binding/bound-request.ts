// Bound requests and passkey binding over the host channel: fetch the
// issuer's statement, have the cardholder's passkey sign it (committing to
// one request), bind a new passkey with `PATCH /`. Loaded lazily with the
// WebAuthn code.
import { encodeBase64Url, pinCommitment, publicKeyCommitment, jwkThumbprint, type BindingCommitment } from '@cardframe/crypto';
import {
  BINDING_ISSUER_CODES,
  CardframeError,
  parseBindingResult,
  parseScopedCard,
  type BindingAssertion,
  type BindingResult,
  type HostResult,
  type WebauthnHints,
} from '@cardframe/protocol';
import type { HostChannel } from '../host-channel.ts';
import { createPasskey, getPasskeyAssertion } from './passkey.ts';

export { frameRpId } from './passkey.ts';

/** The issuer codes of a refused binding or bound request (`unknown_credential` is told apart first). */
const BINDING_CODES: ReadonlySet<string> = new Set(BINDING_ISSUER_CODES);

/** An issuer's refusal as the cardholder's error: unknown passkey, a binding refusal with its code, or as it was. */
export function bindingRefusal(error: unknown): unknown {
  if (!(error instanceof CardframeError) || error.code !== 'ERR_ISSUER_REQUEST' || !error.issuerCode) return error;
  if (error.issuerCode === 'unknown_credential') return new CardframeError('ERR_PASSKEY_UNKNOWN', 'this passkey is not bound to this card', { status: error.status });
  if (BINDING_CODES.has(error.issuerCode)) return new CardframeError('ERR_BINDING_REFUSED', 'the issuer refused the passkey or wallet binding', { status: error.status, issuerCode: error.issuerCode });
  return error;
}

/** Runs a host request; an issuer refusal becomes a typed binding error. */
export async function boundCall(call: () => Promise<HostResult>): Promise<HostResult> {
  try {
    return await call();
  } catch (error) {
    throw bindingRefusal(error);
  }
}

/** A fresh statement for this card and the issuer's passkey hints. */
export interface Statement {
  readonly statement: string;
  readonly hints: WebauthnHints | undefined;
}

/** Raised when the card has no passkey yet: the frame offers to create one (on the cardholder's click). */
export class PasskeyNeeded extends CardframeError {
  readonly statement: Statement;
  constructor(statement: Statement) {
    super('ERR_PASSKEY_UNKNOWN', 'this card has no passkey yet');
    this.statement = statement;
  }
}

/** `GET /card?scope=webauthn` through the host: one single-use statement. */
export async function fetchStatement(channel: HostChannel): Promise<Statement> {
  const { body } = await boundCall(() => channel.request('card', { scope: ['webauthn'] }));
  const scoped = parseScopedCard(body);
  if (!scoped.challenge) throw new CardframeError('ERR_MALFORMED_RESPONSE', 'the issuer sent no passkey statement');
  return { statement: scoped.challenge, hints: scoped.webauthn };
}

/**
 * The assertion a bound request carries: a fresh statement, signed by one of
 * the card's passkeys with `commitment` in its challenge. Throws
 * {@link PasskeyNeeded} when the issuer says the card has none.
 */
export async function boundAssertion(channel: HostChannel, rpId: string, commitment: () => Promise<BindingCommitment>): Promise<BindingAssertion> {
  const statement = await fetchStatement(channel);
  if (statement.hints && statement.hints.allowCredentials.length === 0) throw new PasskeyNeeded(statement);
  const credential = await getPasskeyAssertion({ ...statement, rpId }, await commitment());
  return { challenge: statement.statement, credential };
}

/** The `cardframe-assertion` header value: base64url of the assertion object's UTF-8 JSON. */
export function assertionHeader(assertion: BindingAssertion): string {
  return encodeBase64Url(new TextEncoder().encode(JSON.stringify(assertion)));
}

/**
 * Creates a passkey for the card and binds it with `PATCH /`. Uses `statement`
 * when the caller already holds an unused one, else fetches one. Call it only
 * from the cardholder's click.
 */
export async function registerPasskey(channel: HostChannel, rpId: string, rpName: string, statement?: Statement): Promise<BindingResult> {
  const fresh = statement ?? (await fetchStatement(channel));
  const credential = await createPasskey({ ...fresh, rpId }, rpName);
  const { body } = await boundCall(() => channel.request('bind', { body: { scope: 'webauthn', challenge: fresh.statement, credential } }));
  const result = parseBindingResult(body, 'webauthn');
  return result.scope === 'webauthn' && !result.credentialId ? { scope: 'webauthn', credentialId: credential.id } : result;
}

/** Confirms an existing passkey's binding with `PATCH /` (a plain assertion over the statement). */
export async function confirmPasskey(channel: HostChannel, rpId: string, statement: Statement): Promise<BindingResult> {
  const credential = await getPasskeyAssertion({ ...statement, rpId });
  const { body } = await boundCall(() => channel.request('bind', { body: { scope: 'webauthn', challenge: statement.statement, credential } }));
  const result = parseBindingResult(body, 'webauthn');
  return result.scope === 'webauthn' && !result.credentialId ? { scope: 'webauthn', credentialId: credential.id } : result;
}

/** Commitment helpers: what each bound request's assertion commits to. */
export const commitments = {
  session: async (sessionId: string): Promise<BindingCommitment> => ({ purpose: 'session', value: sessionId }),
  publicKey: async (publicKey: unknown): Promise<BindingCommitment> => ({ purpose: 'public-key', value: await publicKeyCommitment(publicKey) }),
  deviceKey: async (publicKey: unknown): Promise<BindingCommitment> => ({ purpose: 'device-key', value: await jwkThumbprint(publicKey) }),
  pin: async (encryptedPin: string): Promise<BindingCommitment> => ({ purpose: 'pin', value: await pinCommitment(encryptedPin) }),
};

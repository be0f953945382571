// The WebAuthn ceremonies of card binding, in the frame: a lazy chunk, loaded
// only when a frame binds or makes a bound request.
import { bindingChallenge, encodeBase64Url, type BindingCommitment } from '@cardframe/crypto';
import { CardframeError, type AuthenticationCredentialJson, type RegistrationCredentialJson, type WebauthnHints } from '@cardframe/protocol';
import { credentialsPort } from './credentials-port.ts';

const DEFAULT_TIMEOUT_MS = 120_000;

/** What one ceremony needs: the issuer's statement, the hints it sent, the relying party. */
export interface PasskeyRequest {
  readonly statement: string;
  readonly hints: WebauthnHints | undefined;
  /** The frame's own host name, or a registrable suffix of it. */
  readonly rpId: string;
}

/** The relying party id the frame uses: the config's, which must be its own host name or a suffix of it. */
export function frameRpId(configured: string | undefined, hostname: string = location.hostname): string {
  const rpId = configured ?? hostname;
  if (hostname !== rpId && !hostname.endsWith(`.${rpId}`)) throw new CardframeError('ERR_CONFIG', 'frame config: issuer.binding.rpId must be this frame\'s host name or a suffix of it');
  return rpId;
}

function bytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function b64u(buffer: ArrayBuffer | ArrayBufferView): string {
  return encodeBase64Url(buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
}

function available(): NonNullable<ReturnType<typeof credentialsPort>> {
  const port = credentialsPort();
  if (!port) throw new CardframeError('ERR_PASSKEY_UNSUPPORTED', 'passkeys are not available in this browser');
  return port;
}

/** Maps what WebAuthn throws to a typed error; the DOMException's text is not passed on. */
export function passkeyError(error: unknown, startedAt: number, timeoutMs: number, creating: boolean): CardframeError {
  if (error instanceof CardframeError) return error;
  const name = error instanceof DOMException || (typeof error === 'object' && error !== null) ? String((error as { name?: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
      // Chromium reports a timeout and a dismissal alike: the clock tells them apart.
      return Date.now() - startedAt >= timeoutMs
        ? new CardframeError('ERR_PASSKEY_TIMEOUT', 'the passkey prompt timed out')
        : new CardframeError('ERR_PASSKEY_CANCELLED', 'the passkey prompt was dismissed');
    case 'AbortError':
      return new CardframeError('ERR_PASSKEY_CANCELLED', 'the passkey prompt was cancelled');
    case 'SecurityError':
    case 'NotSupportedError':
      return new CardframeError('ERR_PASSKEY_UNSUPPORTED', 'passkeys are not available for this frame');
    case 'InvalidStateError':
      return creating
        ? new CardframeError('ERR_BINDING_REFUSED', 'this authenticator already holds a passkey for this card', { issuerCode: 'already_registered' })
        : new CardframeError('ERR_PASSKEY_UNKNOWN', 'the authenticator has no passkey for this card');
    default:
      return new CardframeError('ERR_PASSKEY_UNSUPPORTED', 'the passkey prompt failed');
  }
}

type Json = { toJSON?: () => unknown };

function authenticationJson(credential: PublicKeyCredential): AuthenticationCredentialJson {
  const response = credential.response as AuthenticatorAssertionResponse;
  if (typeof (credential as Json).toJSON === 'function') return (credential as Json).toJSON!() as AuthenticationCredentialJson;
  return {
    id: credential.id,
    rawId: b64u(credential.rawId),
    type: 'public-key',
    response: {
      clientDataJSON: b64u(response.clientDataJSON),
      authenticatorData: b64u(response.authenticatorData),
      signature: b64u(response.signature),
      ...(response.userHandle ? { userHandle: b64u(response.userHandle) } : {}),
    },
    clientExtensionResults: {},
    ...(credential.authenticatorAttachment ? { authenticatorAttachment: credential.authenticatorAttachment as 'platform' | 'cross-platform' } : {}),
  };
}

function registrationJson(credential: PublicKeyCredential): RegistrationCredentialJson {
  const response = credential.response as AuthenticatorAttestationResponse;
  if (typeof (credential as Json).toJSON === 'function') return (credential as Json).toJSON!() as RegistrationCredentialJson;
  const transports = typeof response.getTransports === 'function' ? response.getTransports() : undefined;
  return {
    id: credential.id,
    rawId: b64u(credential.rawId),
    type: 'public-key',
    response: { clientDataJSON: b64u(response.clientDataJSON), attestationObject: b64u(response.attestationObject), ...(transports ? { transports } : {}) },
    clientExtensionResults: {},
    ...(credential.authenticatorAttachment ? { authenticatorAttachment: credential.authenticatorAttachment as 'platform' | 'cross-platform' } : {}),
  };
}

/**
 * Asks the cardholder for an assertion by one of the card's passkeys over
 * `bindingChallenge(statement, commitment)` (no commitment: a plain binding).
 * Call it only from the cardholder's click in the frame.
 */
export async function getPasskeyAssertion(request: PasskeyRequest, commitment?: BindingCommitment): Promise<AuthenticationCredentialJson> {
  const port = available();
  const timeout = request.hints?.timeout ?? DEFAULT_TIMEOUT_MS;
  const challenge = await bindingChallenge(request.statement, commitment);
  const allow = request.hints?.allowCredentials ?? [];
  const startedAt = Date.now();
  let credential: Credential | null;
  try {
    credential = await port.get({
      publicKey: {
        challenge: challenge as Uint8Array<ArrayBuffer>,
        rpId: request.rpId,
        timeout,
        userVerification: 'required',
        allowCredentials: allow.map((entry) => ({ id: bytes(entry.id), type: 'public-key', ...(entry.transports ? { transports: entry.transports as AuthenticatorTransport[] } : {}) })),
      },
    });
  } catch (error) {
    throw passkeyError(error, startedAt, timeout, false);
  }
  if (!credential || credential.type !== 'public-key') throw new CardframeError('ERR_PASSKEY_UNKNOWN', 'no passkey answered for this card');
  return authenticationJson(credential as PublicKeyCredential);
}

/**
 * Creates a passkey for this card on the frame's relying party, over the
 * statement's plain challenge. Call it only from the cardholder's click.
 */
export async function createPasskey(request: PasskeyRequest, rpName: string): Promise<RegistrationCredentialJson> {
  const port = available();
  const timeout = request.hints?.timeout ?? DEFAULT_TIMEOUT_MS;
  const user = request.hints?.user;
  if (!user) throw new CardframeError('ERR_MALFORMED_RESPONSE', 'the issuer sent no passkey user for this card');
  const challenge = await bindingChallenge(request.statement);
  const startedAt = Date.now();
  let credential: Credential | null;
  try {
    credential = await port.create({
      publicKey: {
        challenge: challenge as Uint8Array<ArrayBuffer>,
        rp: { id: request.rpId, name: rpName },
        user: { id: bytes(user.id), name: user.name, displayName: user.displayName },
        pubKeyCredParams: [
          { type: 'public-key', alg: -7 },
          { type: 'public-key', alg: -257 },
        ],
        timeout,
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
        excludeCredentials: (request.hints?.allowCredentials ?? []).map((entry) => ({ id: bytes(entry.id), type: 'public-key' as const })),
        attestation: 'none',
      },
    });
  } catch (error) {
    throw passkeyError(error, startedAt, timeout, true);
  }
  if (!credential || credential.type !== 'public-key') throw new CardframeError('ERR_PASSKEY_CANCELLED', 'no passkey was created');
  return registrationJson(credential as PublicKeyCredential);
}

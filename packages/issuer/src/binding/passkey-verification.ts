// The two WebAuthn ceremonies an issuer checks, on @simplewebauthn/server,
// with every failure mapped to the binding contract's error codes.
import {
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { IssuerError } from '../errors.ts';
import type { BoundPasskey } from './binding-store.ts';

/** Where passkeys for the frame are made: its origins and RP IDs (the frame's host names). */
export interface RelyingParty {
  readonly origins: readonly string[];
  readonly rpIds: readonly string[];
}

/** A verified registration, ready to store. */
export interface RegisteredPasskey {
  readonly credentialId: string;
  readonly publicKey: string;
  readonly counter: number;
  readonly transports?: readonly string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a credential JSON is a registration (`attestationObject`) rather than an assertion. */
export function isRegistrationResponse(credential: unknown): credential is RegistrationResponseJSON {
  return isRecord(credential) && isRecord(credential['response']) && typeof credential['response']['attestationObject'] === 'string';
}

/** Whether a credential JSON has an assertion's shape. */
export function isAuthenticationResponse(credential: unknown): credential is AuthenticationResponseJSON {
  if (!isRecord(credential) || !isRecord(credential['response']) || typeof credential['id'] !== 'string') return false;
  const response = credential['response'];
  return typeof response['authenticatorData'] === 'string' && typeof response['clientDataJSON'] === 'string' && typeof response['signature'] === 'string';
}

/** The challenge in a response's clientDataJSON, or `undefined` when it cannot be read. */
export function clientDataChallenge(credential: { response: { clientDataJSON: string } }): string | undefined {
  try {
    const clientData = JSON.parse(Buffer.from(credential.response.clientDataJSON, 'base64url').toString('utf8')) as { challenge?: unknown };
    return typeof clientData.challenge === 'string' ? clientData.challenge : undefined;
  } catch {
    return undefined;
  }
}

/** Verifies a registration made for `expectedChallenge`; `invalid_registration` (400) otherwise. */
export async function verifyPasskeyRegistration(credential: RegistrationResponseJSON, expectedChallenge: string, rp: RelyingParty): Promise<RegisteredPasskey> {
  let result: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    result = await verifyRegistrationResponse({
      response: credential,
      expectedChallenge,
      expectedOrigin: [...rp.origins],
      expectedRPID: [...rp.rpIds],
      requireUserVerification: true,
    });
  } catch {
    throw new IssuerError('invalid_registration', 400, 'passkey registration does not verify');
  }
  if (!result.verified || !result.registrationInfo) throw new IssuerError('invalid_registration', 400, 'passkey registration does not verify');
  const { credential: made } = result.registrationInfo;
  const transports = made.transports ?? credential.response.transports;
  return {
    credentialId: made.id,
    publicKey: Buffer.from(made.publicKey).toString('base64url'),
    counter: made.counter,
    ...(transports ? { transports } : {}),
  };
}

/**
 * Verifies an assertion by `passkey` over `expectedChallenge`; returns the
 * new signature counter. `commitment_mismatch` when the signed challenge is
 * another one, `invalid_assertion` for anything else that fails.
 */
export async function verifyPasskeyAssertion(credential: AuthenticationResponseJSON, passkey: BoundPasskey, expectedChallenge: string, rp: RelyingParty): Promise<number> {
  const signed = clientDataChallenge(credential);
  if (signed === undefined) throw new IssuerError('invalid_assertion', 401, 'assertion has no readable client data');
  if (signed !== expectedChallenge) throw new IssuerError('commitment_mismatch', 401, 'assertion does not commit to this request');
  let result: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    result = await verifyAuthenticationResponse({
      response: credential,
      expectedChallenge,
      expectedOrigin: [...rp.origins],
      expectedRPID: [...rp.rpIds],
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
        counter: passkey.counter,
        ...(passkey.transports ? { transports: passkey.transports as AuthenticatorTransportFuture[] } : {}),
      },
      requireUserVerification: true,
    });
  } catch {
    throw new IssuerError('invalid_assertion', 401, 'passkey assertion does not verify');
  }
  if (!result.verified) throw new IssuerError('invalid_assertion', 401, 'passkey assertion does not verify');
  return result.authenticationInfo.newCounter;
}

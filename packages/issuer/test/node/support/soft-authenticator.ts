// A software passkey authenticator for tests: what a browser would hand the
// frame after navigator.credentials.create/get, made with Node's crypto (a
// P-256 key per credential, authenticatorData, clientDataJSON, a DER ECDSA
// signature and a "none" attestation in CBOR), so that the issuer's real
// @simplewebauthn/server verification runs against it.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { encodeCBOR, type CBORType } from '@levischuck/tiny-cbor';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';

interface HeldCredential {
  readonly privateKey: KeyObject;
  readonly rpId: string;
  readonly userHandle: string;
  counter: number;
}

export interface CeremonyOptions {
  /** The origin the browser would put in clientDataJSON. */
  readonly origin?: string;
  /** The RP ID whose hash goes into authenticatorData. */
  readonly rpId?: string;
  /** Whether the authenticator reports user verification; default true. */
  readonly userVerified?: boolean;
}

const b64u = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string): Buffer => createHash('sha256').update(data).digest();

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

export class SoftAuthenticator {
  readonly #credentials = new Map<string, HeldCredential>();
  readonly origin: string;
  readonly rpId: string;

  constructor(origin: string, rpId: string) {
    this.origin = origin;
    this.rpId = rpId;
  }

  #authData(rpId: string, flags: number, counter: number, attested?: Uint8Array): Buffer {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), count, ...(attested ? [attested] : [])]);
  }

  #clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: true }), 'utf8');
  }

  /** `navigator.credentials.create` for `challenge` (base64url). */
  register(challenge: string, userHandle: string, options: CeremonyOptions = {}): RegistrationResponseJSON {
    const rpId = options.rpId ?? this.rpId;
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const id = randomBytes(16);
    const cose = encodeCBOR(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]),
    );
    const length = Buffer.alloc(2);
    length.writeUInt16BE(id.length);
    const attested = Buffer.concat([Buffer.alloc(16), length, id, cose]);
    const flags = FLAG_UP | FLAG_AT | (options.userVerified === false ? 0 : FLAG_UV);
    const authData = this.#authData(rpId, flags, 0, attested);
    const attestationObject = encodeCBOR(new Map<string, CBORType>([['fmt', 'none'], ['attStmt', new Map<string, CBORType>()], ['authData', authData]]));
    this.#credentials.set(b64u(id), { privateKey, rpId, userHandle, counter: 0 });
    return {
      id: b64u(id),
      rawId: b64u(id),
      type: 'public-key',
      response: {
        clientDataJSON: b64u(this.#clientData('webauthn.create', challenge, options.origin ?? this.origin)),
        attestationObject: b64u(attestationObject),
        transports: ['internal'],
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  /** `navigator.credentials.get` for `challenge` (base64url) with the credential `credentialId`. */
  assert(credentialId: string, challenge: string, options: CeremonyOptions & { counter?: number } = {}): AuthenticationResponseJSON {
    const held = this.#credentials.get(credentialId);
    if (!held) throw new Error('the soft authenticator holds no such credential');
    held.counter = options.counter ?? held.counter + 1;
    const flags = FLAG_UP | (options.userVerified === false ? 0 : FLAG_UV);
    const authData = this.#authData(options.rpId ?? held.rpId, flags, held.counter);
    const clientData = this.#clientData('webauthn.get', challenge, options.origin ?? this.origin);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientData)]), { key: held.privateKey, dsaEncoding: 'der' });
    return {
      id: credentialId,
      rawId: credentialId,
      type: 'public-key',
      response: {
        clientDataJSON: b64u(clientData),
        authenticatorData: b64u(authData),
        signature: b64u(signature),
        userHandle: held.userHandle,
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }
}

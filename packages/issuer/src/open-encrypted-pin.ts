import { openJwe, type JweAlg } from '@cardframe/crypto';
import { CardframeError, isGuessablePin } from '@cardframe/protocol';
import { IssuerError } from './errors.ts';
import type { PinKey } from './pin-keys.ts';

const PIN = /^[0-9]{4,12}$/;

// Converting a KeyObject to a CryptoKey costs more than the decryption it is
// for; each key's CryptoKey is made once per algorithm and kept with the key.
const cryptoKeys = new WeakMap<object, Map<JweAlg, CryptoKey>>();

function cryptoKeyFor(key: PinKey, alg: JweAlg): CryptoKey {
  let byAlg = cryptoKeys.get(key.privateKey);
  if (!byAlg) cryptoKeys.set(key.privateKey, (byAlg = new Map()));
  let cryptoKey = byAlg.get(alg);
  if (!cryptoKey) {
    const usages: KeyUsage[] = alg === 'ECDH-ES' ? ['deriveBits'] : ['decrypt'];
    const algorithm = alg === 'ECDH-ES' ? { name: 'ECDH', namedCurve: 'P-256' } : { name: 'RSA-OAEP', hash: alg === 'RSA-OAEP' ? 'SHA-1' : 'SHA-256' };
    // Node's CryptoKey type lists usages the DOM lib does not know yet; it is the same object.
    cryptoKey = key.privateKey.toCryptoKey(algorithm, false, usages) as CryptoKey;
    byAlg.set(alg, cryptoKey);
  }
  return cryptoKey;
}

export interface OpenPinOptions {
  /** Key management algorithms accepted; RSA-OAEP (SHA-1) only if this issuer wants it. */
  readonly algorithms?: readonly JweAlg[];
  /**
   * Refuse PINs an attacker tries first (`guessable_pin`), by the same list
   * and rules the frame applies (`isGuessablePin` from `@cardframe/protocol`).
   * Off by default, so a PIN a cardholder already holds is not refused by an
   * upgrade; an issuer turns it on for new PINs.
   */
  readonly refuseGuessable?: boolean;
}

/**
 * Opens a change-PIN `encrypted_pin` with the PIN key its `kid` names, checks
 * that `key_id` agrees, and returns the PIN from `{"pin":"<digits>"}`.
 * `findKey` may throw an `IssuerError` of its own (such as `retired_key`).
 */
export async function openEncryptedPin(
  encryptedPin: unknown,
  keyId: unknown,
  findKey: (kid: string) => PinKey | undefined,
  options: OpenPinOptions = {},
): Promise<string> {
  if (typeof keyId !== 'string' || !findKey(keyId)) throw new IssuerError('unknown_key', 400, 'key_id names no current PIN key');
  let plaintext: Uint8Array;
  try {
    ({ plaintext } = await openJwe(
      encryptedPin,
      ({ kid, alg }) => {
        if (kid !== keyId) throw new IssuerError('key_id_mismatch', 400, 'key_id does not match the JWE kid');
        const key = findKey(kid);
        return key ? cryptoKeyFor(key, alg) : undefined;
      },
      { algorithms: options.algorithms ?? ['RSA-OAEP-256', 'ECDH-ES'] },
    ));
  } catch (error) {
    if (error instanceof IssuerError) throw error;
    const code = error instanceof CardframeError ? error.code : 'unknown';
    throw new IssuerError('invalid_encrypted_pin', 400, `encrypted_pin could not be opened (${code})`);
  }
  return pinFromPayload(plaintext, options);
}

/**
 * The PIN in a decrypted `{"pin":"<4-12 digits>"}`, JSON whitespace allowed
 * (the frame pads every PIN to one length with it); the plaintext is zeroed
 * afterwards. Shared by the JWE and OpenPGP openers.
 */
export function pinFromPayload(plaintext: Uint8Array, options: Pick<OpenPinOptions, 'refuseGuessable'> = {}): string {
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext));
  } catch {
    throw new IssuerError('invalid_pin', 400, 'encrypted_pin does not hold JSON');
  } finally {
    plaintext.fill(0);
  }
  const pin = (payload as { pin?: unknown } | null)?.pin;
  if (typeof payload !== 'object' || payload === null || Object.keys(payload).length !== 1 || typeof pin !== 'string' || !PIN.test(pin)) {
    throw new IssuerError('invalid_pin', 400, 'encrypted_pin must hold {"pin":"<4-12 digits>"}');
  }
  if (options.refuseGuessable && isGuessablePin(pin)) throw new IssuerError('guessable_pin', 400, 'the PIN is too easy to guess');
  return pin;
}

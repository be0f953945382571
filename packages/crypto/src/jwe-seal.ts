import { CompactEncrypt } from 'jose';
import { CardframeError } from '@cardframe/protocol';
import type { IssuerEncryptionKey } from './issuer-encryption-key.ts';

/**
 * Seals `plaintext` as a compact JWE to the issuer's key, with `alg`, `enc`
 * and `kid` in the protected header (ECDH-ES adds its `epk`); `cty` names
 * nested content, such as `JWT` for a signed reply.
 */
export async function sealJwe(plaintext: Uint8Array, key: IssuerEncryptionKey, options: { readonly cty?: string } = {}): Promise<string> {
  try {
    const header = { alg: key.alg, enc: key.enc, kid: key.kid, ...(options.cty ? { cty: options.cty } : {}) };
    return await new CompactEncrypt(plaintext).setProtectedHeader(header).encrypt(key.key);
  } catch {
    throw new CardframeError('ERR_KEY_INVALID', 'the issuer key cannot seal a JWE');
  }
}

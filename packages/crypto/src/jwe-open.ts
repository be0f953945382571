import { compactDecrypt, decodeProtectedHeader, errors, type CompactJWEHeaderParameters } from 'jose';
import { CardframeError } from '@cardframe/protocol';
import { JWE_ENCS, type JweAlg, type JweEnc } from './issuer-encryption-key.ts';

/** What a JWE may use to be opened. */
export interface JweOpenPolicy {
  /** Key management algorithms accepted (RSA1_5, AES key wrap and `dir` are never accepted). */
  readonly algorithms: readonly JweAlg[];
  /** Content encryption accepted; default A256GCM and A256CBC-HS512. */
  readonly encryptions?: readonly JweEnc[];
}

export interface OpenedJwe {
  readonly plaintext: Uint8Array;
  readonly kid: string | undefined;
  readonly alg: JweAlg;
  readonly enc: JweEnc;
}

/** Finds the private key a JWE's header names; undefined when none is held. */
export type JweKeyResolver = (header: { kid: string | undefined; alg: JweAlg }) => CryptoKey | undefined | Promise<CryptoKey | undefined>;

const MAX_JWE_CHARS = 64 * 1024;
const ALLOWED_HEADER = new Set(['alg', 'enc', 'kid', 'epk', 'apu', 'apv', 'typ', 'cty']);

function refused(message: string): CardframeError {
  return new CardframeError('ERR_ALG_NOT_ALLOWED', message);
}

/**
 * Opens a compact JWE after checking its protected header against fixed
 * allowlists (RFC 8725): `alg` and `enc` from `policy`, no `zip`, no `crit`,
 * no header members outside a known set. The key is chosen by `kid`.
 */
export async function openJwe(compact: unknown, resolveKey: JweKeyResolver, policy: JweOpenPolicy): Promise<OpenedJwe> {
  if (typeof compact !== 'string' || compact.length > MAX_JWE_CHARS || compact.split('.').length !== 5) {
    throw new CardframeError('ERR_CIPHERTEXT_INVALID', 'not a compact JWE');
  }
  let header: CompactJWEHeaderParameters;
  try {
    header = decodeProtectedHeader(compact) as CompactJWEHeaderParameters;
  } catch {
    throw new CardframeError('ERR_CIPHERTEXT_INVALID', 'JWE protected header is malformed');
  }
  const alg = header.alg as JweAlg;
  const enc = header.enc as JweEnc;
  const encryptions = policy.encryptions ?? JWE_ENCS;
  if (!policy.algorithms.includes(alg)) throw refused('JWE "alg" is not allowed');
  if (!encryptions.includes(enc)) throw refused('JWE "enc" is not allowed');
  if ('zip' in header) throw refused('compressed JWEs are refused');
  if ('crit' in header) throw refused('JWE "crit" extensions are not understood');
  if (Object.keys(header).some((name) => !ALLOWED_HEADER.has(name))) throw refused('JWE header has unexpected members');
  if (header.kid !== undefined && typeof header.kid !== 'string') throw new CardframeError('ERR_CIPHERTEXT_INVALID', 'JWE "kid" must be a string');

  const kid = header.kid;
  const key = await resolveKey({ kid, alg });
  if (!key) throw new CardframeError('ERR_KEY_NOT_FOUND', 'no held key matches the JWE "kid"');
  try {
    const { plaintext } = await compactDecrypt(compact, key, { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [...encryptions] });
    return { plaintext, kid, alg, enc };
  } catch (error) {
    if (error instanceof errors.JWEInvalid) throw new CardframeError('ERR_CIPHERTEXT_INVALID', 'JWE is malformed');
    throw new CardframeError('ERR_DECRYPT_FAILED', 'JWE could not be decrypted');
  }
}

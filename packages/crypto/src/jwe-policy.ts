// The JWE algorithm names and policy on their own, so a config check can name them without importing jose.

/** Key management algorithms cardframe seals with. `RSA-OAEP` (SHA-1) only when an issuer's config asks. */
export type JweAlg = 'RSA-OAEP-256' | 'RSA-OAEP' | 'ECDH-ES';
/** Content encryption algorithms cardframe accepts. */
export type JweEnc = 'A256GCM' | 'A256CBC-HS512';

export const JWE_ENCS: readonly JweEnc[] = ['A256GCM', 'A256CBC-HS512'];

/** How the frame's config turns an issuer key into algorithms. */
export interface EncryptionPolicy {
  /** For RSA keys: `RSA-OAEP-256` (default) or, where the issuer needs it, `RSA-OAEP`. */
  readonly rsaAlg?: 'RSA-OAEP-256' | 'RSA-OAEP';
  /** Content encryption with RSA keys (default `A256CBC-HS512`, as seed 002 asks). */
  readonly rsaEnc?: JweEnc;
  /** Content encryption with EC keys (default `A256GCM`, as seed 000 asks). */
  readonly ecEnc?: JweEnc;
}

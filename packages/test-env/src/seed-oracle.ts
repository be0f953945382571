// The issuer's reference code from seed 001, run with Node's own crypto. Tests
// check the frame's WebCrypto against it, so the two implementations are
// independent: nothing here imports cardframe code.
import crypto from 'node:crypto';
import { independentOpenJwe, type IndependentlyOpened } from './independent-jose.ts';

const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

export type OracleHash = 'sha1' | 'sha256';

// Issuer PIN keys, published as the change-PIN API shows them (RSA with "alg": "RS256").
const pinRsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const pinEc = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pinPrivate: Record<string, crypto.KeyObject> = { 'oracle-rsa': pinRsa.privateKey, 'oracle-ec': pinEc.privateKey };
const pinPublic = {
  rsa: { ...pinRsa.publicKey.export({ format: 'jwk' }), kid: 'oracle-rsa', use: 'enc', alg: 'RS256' },
  ec: { ...pinEc.publicKey.export({ format: 'jwk' }), kid: 'oracle-ec', use: 'enc' },
};

export interface SeedOracle {
  /** The oracle issuer's RSA public key (SPKI PEM). */
  publicKeyPem(): Promise<string>;
  /** Inverse of the seed's `session()`: the hex secret inside a sessionid, or null if it does not open. */
  openSessionId(sessionId: string, hash: OracleHash): Promise<string | null>;
  /** The seed's `session()`, verbatim: a sessionid and its hex secret. */
  session(): Promise<{ sessionid: string; secret: string }>;
  /** Seals a field as the issuer does for the seed's `decrypt()`: aes-128-gcm, tag appended. */
  sealField(secretHex: string, plaintext: string): Promise<{ data: string; iv: string }>;
  /** The seed's `decrypt()`, verbatim. */
  decrypt(base64Secret: string, base64Iv: string, secretKey: string): Promise<string>;
  /** The oracle issuer's PIN keys as public JWKs. */
  pinKeys(): Promise<{ rsa: JsonWebKey & { kid: string }; ec: JsonWebKey & { kid: string } }>;
  /** Opens a JWE to one of the PIN keys with Node's crypto alone (no jose). */
  openJwe(compact: string): Promise<IndependentlyOpened>;
  /** Verifies a hex DER ECDSA P-256/SHA-256 signature with Node's crypto. */
  verifyDer(publicJwk: JsonWebKey, message: string, signatureHex: string): Promise<boolean>;
}

export function openJwe(compact: string): IndependentlyOpened {
  const header = JSON.parse(Buffer.from(compact.split('.')[0]!, 'base64url').toString('utf8')) as { kid?: string };
  const key = pinPrivate[header.kid ?? ''];
  if (!key) throw new Error('unknown kid');
  return independentOpenJwe(compact, key);
}

export function verifyDer(publicJwk: JsonWebKey, message: string, signatureHex: string): boolean {
  const key = crypto.createPublicKey({ key: publicJwk as crypto.JsonWebKey, format: 'jwk' });
  return crypto.verify('sha256', Buffer.from(message, 'utf8'), { key, dsaEncoding: 'der' }, Buffer.from(signatureHex, 'hex'));
}

export function openSessionId(sessionId: string, hash: OracleHash): string | null {
  try {
    const secretKeyBase64 = crypto
      .privateDecrypt({ key: privateKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, Buffer.from(sessionId, 'base64'))
      .toString('utf8');
    return Buffer.from(secretKeyBase64, 'base64').toString('hex');
  } catch {
    return null;
  }
}

export function session(): { sessionid: string; secret: string } {
  const secret = crypto.randomUUID().replaceAll('-', '');
  const secretKeyBase64 = Buffer.from(secret, 'hex').toString('base64');
  const secretKeyBase64Buffer = Buffer.from(secretKeyBase64, 'utf8');
  const secretKeyBase64BufferEncrypted = crypto.publicEncrypt(
    { key: pem, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING },
    secretKeyBase64Buffer,
  );
  return { sessionid: secretKeyBase64BufferEncrypted.toString('base64'), secret };
}

export function sealField(secretHex: string, plaintext: string): { data: string; iv: string } {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-128-gcm', Buffer.from(secretHex, 'hex'), iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { data: data.toString('base64'), iv: iv.toString('base64') };
}

export function decrypt(base64Secret: string, base64Iv: string, secretKey: string): string {
  const secret = Buffer.from(base64Secret, 'base64');
  const iv = Buffer.from(base64Iv, 'base64');
  const decipher = crypto.createDecipheriv('aes-128-gcm', Buffer.from(secretKey, 'hex'), iv);
  decipher.setAutoPadding(false);
  decipher.setAuthTag(secret.subarray(-16));
  return Buffer.concat([decipher.update(secret.subarray(0, -16)), decipher.final()]).toString('utf8');
}

/** Dispatches one oracle call by name; the browser reaches it through a test-runner server command. */
export function callOracle(op: string, args: readonly unknown[]): unknown {
  const s = (i: number): string => String(args[i]);
  switch (op) {
    case 'publicKeyPem': return pem;
    case 'openSessionId': return openSessionId(s(0), s(1) as OracleHash);
    case 'session': return session();
    case 'sealField': return sealField(s(0), s(1));
    case 'decrypt': return decrypt(s(0), s(1), s(2));
    case 'pinKeys': return pinPublic;
    case 'openJwe': return openJwe(s(0));
    case 'verifyDer': return verifyDer(args[0] as JsonWebKey, s(1), s(2));
    default: throw new Error(`unknown oracle op ${op}`);
  }
}

export const nodeOracle: SeedOracle = {
  publicKeyPem: async () => pem,
  openSessionId: async (sessionId, hash) => openSessionId(sessionId, hash),
  session: async () => session(),
  sealField: async (secretHex, plaintext) => sealField(secretHex, plaintext),
  decrypt: async (a, b, c) => decrypt(a, b, c),
  pinKeys: async () => pinPublic as Awaited<ReturnType<SeedOracle['pinKeys']>>,
  openJwe: async (compact) => openJwe(compact),
  verifyDer: async (jwk, message, signature) => verifyDer(jwk, message, signature),
};

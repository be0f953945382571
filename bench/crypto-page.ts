// Loaded into the benchmark page: the frame's crypto through cardframe's own
// API against the same work done with jose / WebCrypto directly.
import { CompactEncrypt, compactDecrypt, importJWK } from 'jose';
import { compare, type Comparison } from './ops.ts';
import { createRevealSession, importFieldKey, importIssuerEncryptionKey, importIssuerSessionKey, openField, openJwe, sealJwe } from '@cardframe/crypto';

const b64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));

export async function runCryptoBench(): Promise<Record<string, Comparison>> {
  const payload = new TextEncoder().encode('{"pin":"4821"}');
  const ecPair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair;
  const ecJwk = { ...(await crypto.subtle.exportKey('jwk', ecPair.publicKey)), kid: 'bench', use: 'enc' };
  const issuerKey = await importIssuerEncryptionKey(ecJwk);
  const rawKey = (await importJWK({ kty: 'EC', crv: 'P-256', x: ecJwk.x!, y: ecJwk.y! }, 'ECDH-ES')) as CryptoKey;
  const jwe = await sealJwe(payload, issuerKey);

  const rsaPair = (await crypto.subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-1' }, true, ['encrypt', 'decrypt'])) as CryptoKeyPair;
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', rsaPair.publicKey));
  const pem = `-----BEGIN PUBLIC KEY-----\n${b64(spki)}\n-----END PUBLIC KEY-----`;
  const sessionKey = await importIssuerSessionKey({ pem }, 'SHA-1');

  const secret = crypto.getRandomValues(new Uint8Array(16));
  const fieldKey = await importFieldKey(secret);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await crypto.subtle.importKey('raw', secret, 'AES-GCM', false, ['encrypt']), new TextEncoder().encode('4242424242424242')));
  const field = { data: b64(sealed), iv: b64(iv) };
  const decoder = new TextDecoder();

  return {
    'JWE seal (ECDH-ES + A256GCM)': await compare(
      () => sealJwe(payload, issuerKey),
      () => new CompactEncrypt(payload).setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM', kid: 'bench' }).encrypt(rawKey),
    ),
    'JWE open (ECDH-ES + A256GCM)': await compare(
      () => openJwe(jwe, () => ecPair.privateKey, { algorithms: ['ECDH-ES'] }),
      () => compactDecrypt(jwe, ecPair.privateKey),
    ),
    'sessionid wrap (RSA-OAEP 2048)': await compare(
      () => createRevealSession(sessionKey),
      async () => {
        const s = crypto.getRandomValues(new Uint8Array(16));
        await crypto.subtle.importKey('raw', s, 'AES-GCM', false, ['decrypt']);
        b64(new Uint8Array(await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, rsaPair.publicKey, new TextEncoder().encode(b64(s)))));
      },
    ),
    'field open (AES-128-GCM)': await compare(
      () => openField(fieldKey, field),
      async () => {
        const bytes = Uint8Array.from(atob(field.data), (c) => c.charCodeAt(0));
        const ivBytes = Uint8Array.from(atob(field.iv), (c) => c.charCodeAt(0));
        decoder.decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: ivBytes }, fieldKey, bytes));
      },
    ),
  };
}

// A second JOSE implementation for tests, on Node's own crypto and nothing
// else: JWEs cardframe seals (with jose) must open here too. Covers what the
// frame seals: RSA-OAEP-256 or ECDH-ES, with A256CBC-HS512 or A256GCM.
import crypto, { type KeyObject } from 'node:crypto';

const b64u = (text: string): Buffer => Buffer.from(text, 'base64url');

function lengthPrefixed(data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, data]);
}

/** RFC 7518 §4.6.2 Concat KDF with SHA-256. */
function concatKdf(z: Buffer, keyBits: number, algorithmId: string, apu: Buffer, apv: Buffer): Buffer {
  const rounds = Math.ceil(keyBits / 256);
  const suppPubInfo = Buffer.alloc(4);
  suppPubInfo.writeUInt32BE(keyBits);
  const parts: Buffer[] = [];
  for (let i = 1; i <= rounds; i++) {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(i);
    parts.push(crypto.createHash('sha256').update(Buffer.concat([counter, z, lengthPrefixed(Buffer.from(algorithmId)), lengthPrefixed(apu), lengthPrefixed(apv), suppPubInfo])).digest());
  }
  return Buffer.concat(parts).subarray(0, keyBits / 8);
}

export interface IndependentlyOpened {
  header: Record<string, unknown>;
  plaintext: string;
}

export function independentOpenJwe(compact: string, privateKey: KeyObject): IndependentlyOpened {
  const [protectedB64, encryptedKey, ivB64, ciphertextB64, tagB64] = compact.split('.');
  if (tagB64 === undefined) throw new Error('not a compact JWE');
  const header = JSON.parse(b64u(protectedB64!).toString('utf8')) as Record<string, unknown>;
  const aad = Buffer.from(protectedB64!, 'ascii');
  const enc = header['enc'];
  const keyBits = enc === 'A256CBC-HS512' ? 512 : enc === 'A256GCM' ? 256 : 0;
  if (!keyBits) throw new Error(`unsupported enc ${String(enc)}`);

  let cek: Buffer;
  if (header['alg'] === 'RSA-OAEP-256') {
    cek = crypto.privateDecrypt({ key: privateKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, b64u(encryptedKey!));
  } else if (header['alg'] === 'ECDH-ES') {
    if (encryptedKey !== '') throw new Error('ECDH-ES has an empty encrypted key');
    const epk = crypto.createPublicKey({ key: header['epk'] as crypto.JsonWebKey, format: 'jwk' });
    const z = crypto.diffieHellman({ privateKey, publicKey: epk });
    const apu = typeof header['apu'] === 'string' ? b64u(header['apu']) : Buffer.alloc(0);
    const apv = typeof header['apv'] === 'string' ? b64u(header['apv']) : Buffer.alloc(0);
    cek = concatKdf(z, keyBits, enc as string, apu, apv);
  } else {
    throw new Error(`unsupported alg ${String(header['alg'])}`);
  }
  if (cek.length !== keyBits / 8) throw new Error('wrong CEK length');

  const iv = b64u(ivB64!);
  const ciphertext = b64u(ciphertextB64!);
  const tag = b64u(tagB64);
  let plaintext: Buffer;
  if (enc === 'A256CBC-HS512') {
    const macKey = cek.subarray(0, 32);
    const encKey = cek.subarray(32);
    const al = Buffer.alloc(8);
    al.writeBigUInt64BE(BigInt(aad.length * 8));
    const mac = crypto.createHmac('sha512', macKey).update(Buffer.concat([aad, iv, ciphertext, al])).digest().subarray(0, 32);
    if (tag.length !== 32 || !crypto.timingSafeEqual(mac, tag)) throw new Error('authentication tag mismatch');
    const decipher = crypto.createDecipheriv('aes-256-cbc', encKey, iv);
    plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } else {
    const decipher = crypto.createDecipheriv('aes-256-gcm', cek, iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  }
  return { header, plaintext: plaintext.toString('utf8') };
}

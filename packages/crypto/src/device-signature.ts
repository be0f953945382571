import { CardframeError, type DevicePublicKeyJson } from '@cardframe/protocol';

const P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;
const COORD = 32;

function bad(message: string): CardframeError {
  return new CardframeError('ERR_SIGNATURE_INVALID', message);
}

/** A fresh device-binding key pair: ECDSA P-256, the private half non-extractable. */
export function generateDeviceKeyPair(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(P256, false, ['sign', 'verify']) as Promise<CryptoKeyPair>;
}

/** The device's public key as a JWK, for binding registration with the issuer. */
export async function exportDevicePublicKey(publicKey: CryptoKey): Promise<DevicePublicKeyJson> {
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', publicKey);
  // A key from generateDeviceKeyPair, so a P-256 point.
  return { kty, crv, x, y } as DevicePublicKeyJson;
}

function derInteger(bytes: Uint8Array): number[] {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const body = Array.from(bytes.subarray(start));
  if (body[0]! & 0x80) body.unshift(0);
  return [0x02, body.length, ...body];
}

/** WebCrypto's raw `r || s` signature as ASN.1 DER `SEQUENCE { INTEGER r, INTEGER s }`. */
export function p1363ToDer(raw: Uint8Array): Uint8Array {
  if (raw.length !== 2 * COORD) throw bad(`a P-256 signature is ${2 * COORD} bytes`);
  const body = [...derInteger(raw.subarray(0, COORD)), ...derInteger(raw.subarray(COORD))];
  return Uint8Array.from([0x30, body.length, ...body]);
}

function readInteger(der: Uint8Array, offset: number): { value: Uint8Array; next: number } {
  if (der[offset] !== 0x02) throw bad('DER signature: expected an INTEGER');
  const length = der[offset + 1];
  if (length === undefined || length === 0 || length > COORD + 1 || offset + 2 + length > der.length) throw bad('DER signature: bad INTEGER length');
  const value = der.subarray(offset + 2, offset + 2 + length);
  if (value[0]! & 0x80) throw bad('DER signature: negative INTEGER');
  if (value.length > 1 && value[0] === 0 && !(value[1]! & 0x80)) throw bad('DER signature: INTEGER not minimally encoded');
  const unsigned = value[0] === 0 && value.length > 1 ? value.subarray(1) : value;
  if (unsigned.length > COORD) throw bad('DER signature: INTEGER too large');
  return { value: unsigned, next: offset + 2 + length };
}

/** Strict DER → raw `r || s`: one definite short-form SEQUENCE of two minimal INTEGERs, nothing after. */
export function derToP1363(der: Uint8Array): Uint8Array {
  if (der.length < 8 || der[0] !== 0x30 || der[1]! & 0x80 || der[1] !== der.length - 2) throw bad('DER signature: bad SEQUENCE');
  const r = readInteger(der, 2);
  const s = readInteger(der, r.next);
  if (s.next !== der.length) throw bad('DER signature: trailing data');
  const raw = new Uint8Array(2 * COORD);
  raw.set(r.value, COORD - r.value.length);
  raw.set(s.value, 2 * COORD - s.value.length);
  return raw;
}

const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

function fromHex(hex: string): Uint8Array {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) throw bad('signature is not hex');
  return Uint8Array.from(hex.match(/../g)!, (b) => parseInt(b, 16));
}

/** Signs `message` (UTF-8) with the device key: ECDSA P-256 / SHA-256, DER, hex — the change-PIN `signature`. */
export async function signDeviceMessage(privateKey: CryptoKey, message: string): Promise<string> {
  const raw = new Uint8Array(await crypto.subtle.sign(SIGN, privateKey, new TextEncoder().encode(message)));
  return toHex(p1363ToDer(raw));
}

/** Verifies a hex DER device signature over `message`. Malformed DER is an error, a wrong signature is `false`. */
export async function verifyDeviceMessage(publicKey: CryptoKey, message: string, signatureHex: string): Promise<boolean> {
  const raw = derToP1363(fromHex(signatureHex));
  return crypto.subtle.verify(SIGN, publicKey, raw as BufferSource, new TextEncoder().encode(message));
}

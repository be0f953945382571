/**
 * Whether (x, y) is a point on P-256: 32-byte coordinates below the field
 * prime that satisfy y² = x³ − 3x + b. A public-key check with no secret in
 * it. WebCrypto is meant to refuse such keys on import, and Chromium and
 * Firefox do; WebKit (WebKitGTK 2.50) imports an off-curve ECDH key, which
 * is the invalid-curve attack's way in, so the import rules check it here.
 */
const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;

const toBigInt = (bytes: Uint8Array): bigint => bytes.reduce((n, byte) => (n << 8n) | BigInt(byte), 0n);
const mod = (n: bigint): bigint => ((n % P) + P) % P;

export function isOnP256(x: Uint8Array, y: Uint8Array): boolean {
  if (x.length !== 32 || y.length !== 32) return false;
  const X = toBigInt(x);
  const Y = toBigInt(y);
  if (X >= P || Y >= P) return false;
  return mod(Y * Y) === mod(X * X * X - 3n * X + B);
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isOnP256 } from '../../src/p256-point.ts';

const fromBase64Url = (text: string): Uint8Array => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

test('a generated P-256 public key is on the curve, and moving its y by one takes it off', async () => {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const x = fromBase64Url(jwk.x!);
  const y = fromBase64Url(jwk.y!);
  assert.equal(isOnP256(x, y), true);
  const moved = Uint8Array.from(y);
  moved[31] = moved[31]! ^ 1;
  assert.equal(isOnP256(x, moved), false);
});

test('coordinates of the wrong length or not below the field prime are refused', () => {
  assert.equal(isOnP256(new Uint8Array(31), new Uint8Array(32)), false);
  assert.equal(isOnP256(new Uint8Array(32).fill(0xff), new Uint8Array(32).fill(0xff)), false);
});

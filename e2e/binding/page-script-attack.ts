// What a script injected into the merchant page (an XSS, a compromised
// dependency) can do with no frame at all: it holds the issuer's public
// session key and the merchant backend's relay, exactly as the host does.
import type { Page } from '@playwright/test';

export interface AttackResult {
  readonly status: number;
  readonly code: string | undefined;
  /** The PAN the script decrypted itself, if the issuer served its sessionid. */
  readonly pan: string | undefined;
}

/**
 * In the page: a sessionid of the script's own (seed 001's recipe with
 * WebCrypto RSA-OAEP over the issuer's public key), sent to the merchant
 * backend's `/api/card` as `fetchCardData` would; decrypts `encryptedPan`
 * itself when it comes back.
 */
export function ownSessionId(page: Page, sessionKeyPem: string, oaepHash: 'SHA-1' | 'SHA-256'): Promise<AttackResult> {
  return page.evaluate(
    async ([pem, hash]) => {
      const der = Uint8Array.from(atob(pem!.replace(/-----[^-]+-----|\s/g, '')), (c) => c.charCodeAt(0));
      const key = await crypto.subtle.importKey('spki', der, { name: 'RSA-OAEP', hash: hash! }, false, ['encrypt']);
      const secret = crypto.getRandomValues(new Uint8Array(16));
      const wrapped = await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, key, new TextEncoder().encode(btoa(String.fromCharCode(...secret))));
      const sessionid = btoa(String.fromCharCode(...new Uint8Array(wrapped)));
      const response = await fetch('/api/card', { headers: { sessionid } });
      const body = (await response.json()) as { error?: { code: string }; encryptedPan?: { data: string; iv: string } };
      let pan: string | undefined;
      if (body.encryptedPan) {
        const aes = await crypto.subtle.importKey('raw', secret, 'AES-GCM', false, ['decrypt']);
        const data = Uint8Array.from(atob(body.encryptedPan.data), (c) => c.charCodeAt(0));
        const iv = Uint8Array.from(atob(body.encryptedPan.iv), (c) => c.charCodeAt(0));
        pan = new TextDecoder().decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, aes, data));
      }
      return { status: response.status, code: body.error?.code, pan };
    },
    [sessionKeyPem, oaepHash] as const,
  );
}

/** In the page: the script's own response key pair (seed 000's second flow) sent to `/api/card-details`. */
export function ownResponseKey(page: Page): Promise<{ status: number; code: string | undefined; contentType: string | null }> {
  return page.evaluate(async () => {
    const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const public_key = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, kid: 'page-script', use: 'enc', alg: 'ECDH-ES' };
    const response = await fetch('/api/card-details', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ public_key }) });
    const type = response.headers.get('content-type');
    const code = type?.startsWith('application/json') ? ((await response.json()) as { error?: { code: string } }).error?.code : undefined;
    return { status: response.status, code, contentType: type };
  });
}

/** In the page: the script's own device key registered through `/api/devices` (which would let it sign PIN changes). */
export function ownDeviceKey(page: Page): Promise<{ status: number; code: string | undefined }> {
  return page.evaluate(async () => {
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const response = await fetch('/api/devices', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ public_key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y } }),
    });
    return { status: response.status, code: ((await response.json()) as { error?: { code: string } }).error?.code };
  });
}

/**
 * In the page: a PIN of the script's choosing sealed as seed 002 says
 * (compact JWE, RSA-OAEP-256 + A256CBC-HS512, `kid` in the header) to the
 * issuer's public PIN key with WebCrypto alone, and sent to `/api/pin`
 * (unsigned: a change request), with `assertion` if given. Resolves with
 * the answer and the JWE it sent.
 */
export function ownSealedPin(page: Page, pinKey: JsonWebKey & { kid: string }, pin: string, assertion?: unknown): Promise<{ status: number; code: string | undefined; encryptedPin: string }> {
  return page.evaluate(
    async ([jwk, digits, extra]) => {
      const b64u = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      const text = new TextEncoder();
      const header = b64u(text.encode(JSON.stringify({ alg: 'RSA-OAEP-256', enc: 'A256CBC-HS512', kid: jwk.kid })));
      // A256CBC-HS512 (RFC 7518 5.2): a 64-byte key, the first half for HMAC-SHA-512, the second for AES-256-CBC.
      const cek = crypto.getRandomValues(new Uint8Array(64));
      const publicJwk: JsonWebKey = { kty: 'RSA', n: jwk.n!, e: jwk.e!, alg: 'RSA-OAEP-256', ext: true };
      const wrapKey = await crypto.subtle.importKey('jwk', publicJwk, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['encrypt']);
      const encryptedKey = new Uint8Array(await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, wrapKey, cek));
      const iv = crypto.getRandomValues(new Uint8Array(16));
      const aes = await crypto.subtle.importKey('raw', cek.slice(32), 'AES-CBC', false, ['encrypt']);
      const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, aes, text.encode(JSON.stringify({ pin: digits }))));
      const aad = text.encode(header);
      const al = new Uint8Array(8);
      new DataView(al.buffer).setBigUint64(0, BigInt(aad.length * 8));
      const mac = await crypto.subtle.importKey('raw', cek.slice(0, 32), { name: 'HMAC', hash: 'SHA-512' }, false, ['sign']);
      const signed = new Uint8Array(await crypto.subtle.sign('HMAC', mac, new Uint8Array([...aad, ...iv, ...ciphertext, ...al])));
      const encryptedPin = [header, b64u(encryptedKey), b64u(iv), b64u(ciphertext), b64u(signed.slice(0, 32))].join('.');
      const response = await fetch('/api/pin', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ encrypted_pin: encryptedPin, key_id: jwk.kid, ...(extra === undefined ? {} : { assertion: extra }) }),
      });
      return { status: response.status, code: ((await response.json()) as { error?: { code: string } }).error?.code, encryptedPin };
    },
    [pinKey, pin, assertion] as const,
  );
}

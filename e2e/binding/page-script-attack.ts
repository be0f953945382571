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

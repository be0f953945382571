import { createPublicKey, randomUUID, verify, type JsonWebKey as NodeJsonWebKey, type KeyObject } from 'node:crypto';
import { IssuerError } from './errors.ts';

interface BoundDevice {
  readonly cardId: string;
  readonly publicKey: KeyObject;
}

/** Devices bound to cards, each with its ECDSA P-256 public key. */
export class DeviceRegistry {
  readonly #devices = new Map<string, BoundDevice>();

  /** Binds a device key (public JWK, P-256) to a card; returns the new `device_id`. */
  bind(cardId: string, publicJwk: unknown): string {
    let publicKey: KeyObject;
    try {
      const jwk = publicJwk as Record<string, unknown>;
      if (jwk['kty'] !== 'EC' || jwk['crv'] !== 'P-256' || 'd' in jwk) throw new Error('not a P-256 public key');
      publicKey = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk['x'], y: jwk['y'] } as NodeJsonWebKey, format: 'jwk' });
    } catch {
      throw new IssuerError('invalid_key', 400, 'device key must be a P-256 public JWK');
    }
    const id = randomUUID();
    this.#devices.set(id, { cardId, publicKey });
    return id;
  }

  /**
   * Checks that `deviceId` is bound to `cardId` and that `signatureHex` (DER,
   * hex) signs `message` with its key.
   */
  verify(cardId: string, deviceId: unknown, message: string, signatureHex: unknown): void {
    const device = typeof deviceId === 'string' ? this.#devices.get(deviceId) : undefined;
    if (!device || device.cardId !== cardId) throw new IssuerError('device_not_bound', 403, 'device is not bound to this card');
    if (typeof signatureHex !== 'string' || !/^(?:[0-9a-fA-F]{2}){8,80}$/.test(signatureHex)) {
      throw new IssuerError('invalid_signature', 403, 'signature must be hex DER');
    }
    let ok = false;
    try {
      ok = verify('sha256', Buffer.from(message, 'utf8'), { key: device.publicKey, dsaEncoding: 'der' }, Buffer.from(signatureHex, 'hex'));
    } catch {
      ok = false;
    }
    if (!ok) throw new IssuerError('invalid_signature', 403, 'device signature does not verify');
  }
}

import { constants, sign, type KeyObject } from 'node:crypto';
import { IssuerError } from './errors.ts';

/** The card data a key-pair reply carries (seed 000's `{"pan","cvc","expiry"}`, plus the PIN where asked). */
export interface CardReplyData {
  readonly pan: string;
  readonly cvc: string;
  readonly expiry: string;
  readonly pin?: string | undefined;
}

/** What the frame's request named: its response key's `kid` and the one-use `nonce` it sent. */
export interface CardReplyRequest {
  readonly kid: string;
  readonly nonce: string;
}

/** The issuer's reply-signing key: EC P-256 signs ES256, RSA signs PS256. */
export interface ReplySigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
}

const NONCE = /^[A-Za-z0-9_-]{22}$/;

const base64url = (bytes: Buffer | string): string => Buffer.from(bytes).toString('base64url');

/**
 * Signs a key-pair reply before it is encrypted to the frame (sign, then
 * encrypt): a compact JWS over the card data, the frame key's `kid`, the
 * request's `nonce` and `iat`. The frame accepts only this, so a host that
 * holds the frame's public key can neither forge card data nor replay an
 * old reply. Seal the result with `sealJwe(…, { cty: 'JWT' })`.
 */
export function signCardReply(card: CardReplyData, request: CardReplyRequest, key: ReplySigningKey, now = Date.now()): string {
  if (typeof request.kid !== 'string' || request.kid.length === 0 || request.kid.length > 200) throw new IssuerError('invalid_request', 400, 'the frame key has no kid');
  if (typeof request.nonce !== 'string' || !NONCE.test(request.nonce)) throw new IssuerError('invalid_request', 400, 'nonce must be 22 base64url characters');
  const ec = key.privateKey.asymmetricKeyType === 'ec';
  if (!ec && key.privateKey.asymmetricKeyType !== 'rsa') throw new IssuerError('invalid_key', 500, 'reply-signing key must be EC P-256 or RSA');
  const header = { alg: ec ? 'ES256' : 'PS256', kid: key.kid, cty: 'JSON' };
  const claims = { ...card, kid: request.kid, nonce: request.nonce, iat: Math.floor(now / 1000) };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = ec
    ? sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' })
    : sign('sha256', Buffer.from(input), { key: key.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
  return `${input}.${base64url(signature)}`;
}

// The issuer toolkit in Node against raw jose / node:crypto doing the same work.
import { constants, generateKeyPairSync, privateDecrypt, publicEncrypt } from 'node:crypto';
import { compactDecrypt } from 'jose';
import { importIssuerEncryptionKey, sealJwe } from '@cardframe/crypto';
import { generatePinKey, openEncryptedPin, unwrapSessionId } from '@cardframe/issuer';
import { compare, opsRows, type OpsRow } from '../ops.ts';
import { step } from '../progress.ts';

export async function issuerToolkitInNode(): Promise<Record<string, OpsRow>> {
  step('issuer toolkit in Node');
  const pinKey = generatePinKey('RSA');
  const pinJwe = await sealJwe(new TextEncoder().encode('{"pin":"4821"}'), await importIssuerEncryptionKey(pinKey.publicJwk));
  const pinCryptoKey = pinKey.privateKey.toCryptoKey({ name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['decrypt']);
  const { privateKey: sessionPrivate, publicKey: sessionPublic } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const sessionId = publicEncrypt({ key: sessionPublic, padding: constants.RSA_PKCS1_OAEP_PADDING }, Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64')).toString('base64');
  return opsRows({
    'PIN JWE open (RSA-OAEP-256 + A256CBC-HS512)': await compare(
      () => openEncryptedPin(pinJwe, pinKey.kid, () => pinKey),
      () => compactDecrypt(pinJwe, pinCryptoKey as CryptoKey),
      5,
      400,
    ),
    'sessionid unwrap (RSA-OAEP 2048)': await compare(
      () => unwrapSessionId(sessionPrivate, sessionId),
      () => Buffer.from(privateDecrypt({ key: sessionPrivate, padding: constants.RSA_PKCS1_OAEP_PADDING }, Buffer.from(sessionId, 'base64')).toString('utf8'), 'base64'),
      5,
      400,
    ),
  });
}

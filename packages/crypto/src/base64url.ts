import { CardframeError } from '@cardframe/protocol';

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Decodes unpadded base64url (JOSE's encoding); `what` labels errors. */
export function decodeBase64Url(text: unknown, what: string): Uint8Array {
  if (typeof text !== 'string' || !BASE64URL.test(text) || text.length % 4 === 1) {
    throw new CardframeError('ERR_KEY_INVALID', `${what} is not base64url`);
  }
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '='));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

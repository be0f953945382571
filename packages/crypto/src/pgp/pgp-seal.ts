import { createMessage, encrypt, type PrivateKey } from 'openpgp';
import { CardframeError } from '@cardframe/protocol';
import type { IssuerPgpKey } from './issuer-pgp-key.ts';
import { pgpConfig } from './pgp-config.ts';

/**
 * Seals `plaintext` as an armored OpenPGP message to one or more issuer keys
 * (each recipient's key id is in its own session-key packet, so any of them
 * opens it). Binary literal data, not compressed, integrity-protected
 * (SEIPD v1 for v4 keys, which gpg 2.2 and later read; v2 where every key
 * asks for it). With `signingKey` the message is signed inside the
 * encryption (sign, then encrypt), as signed key-pair replies are.
 */
export async function sealPgp(plaintext: Uint8Array, keys: IssuerPgpKey | readonly IssuerPgpKey[], options: { readonly signingKey?: PrivateKey } = {}): Promise<string> {
  const recipients = Array.isArray(keys) ? keys : [keys as IssuerPgpKey];
  if (recipients.length === 0) throw new CardframeError('ERR_KEY_NOT_FOUND', 'no issuer OpenPGP key to seal to');
  try {
    const message = await createMessage({ binary: plaintext, format: 'binary' });
    return await encrypt({ message, encryptionKeys: recipients.map((key) => key.key), ...(options.signingKey ? { signingKeys: options.signingKey } : {}), format: 'armored', config: pgpConfig() });
  } catch {
    throw new CardframeError('ERR_KEY_INVALID', 'the issuer OpenPGP key cannot seal a message');
  }
}

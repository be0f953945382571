import type { FrameConfig } from '../config.ts';

/**
 * `config`, once an OpenPGP issuer's pinned reply-signing keys are imported
 * (in the OpenPGP chunk, fetched only for such a config): a private, expired
 * or revoked key, or one that cannot sign, fails the config's load with
 * `ERR_CONFIG`, not the first reveal. Apart from the format loader, whose
 * other work (PIN sealing, response keys) only chunks need.
 */
export async function withCheckedSigningKeys(config: FrameConfig): Promise<FrameConfig> {
  if (config.issuer.messageFormat === 'pgp' && config.issuer.responseSigningKeys) await (await import('./formats/pgp.ts')).replyVerifier(config);
  return config;
}

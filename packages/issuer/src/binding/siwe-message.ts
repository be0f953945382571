// Sign-In with Ethereum (EIP-4361) for card binding, on viem's SIWE helpers:
// the issuer writes the whole message, the wallet signs it, and the issuer
// checks that what comes back is what it wrote, signed by that address.
import { getAddress, isAddress, recoverMessageAddress, type Hex } from 'viem';
import { createSiweMessage, parseSiweMessage, type SiweMessage } from 'viem/siwe';
import { IssuerError } from '../errors.ts';

/** Where the SIWE message says it comes from: the merchant site's host, its URI, and the chain. */
export interface SiweConfig {
  /** RFC 3986 authority, e.g. `shop.example` (the site whose page holds the wallet). */
  readonly domain: string;
  /** e.g. `https://shop.example/`. */
  readonly uri: string;
  /** EIP-155 chain id; default 1. */
  readonly chainId?: number;
  /** The message's statement line; default "<issuer> asks you to bind card <card id> to this wallet." */
  readonly statement?: string;
}

/** An EIP-55 address, or `undefined` when `value` is not an address. */
export function checksumAddress(value: unknown): `0x${string}` | undefined {
  return typeof value === 'string' && isAddress(value, { strict: false }) ? getAddress(value) : undefined;
}

/** The EIP-4361 text for one binding challenge. */
export function formatSiweMessage(fields: { config: SiweConfig; statement: string; address: `0x${string}`; nonce: string; issuedAt: Date; expiresAt: Date }): string {
  return createSiweMessage({
    domain: fields.config.domain,
    address: fields.address,
    statement: fields.statement,
    uri: fields.config.uri,
    version: '1',
    chainId: fields.config.chainId ?? 1,
    nonce: fields.nonce,
    issuedAt: fields.issuedAt,
    expirationTime: fields.expiresAt,
  });
}

/** The parsed fields of an EIP-4361 message; `siwe_invalid_message` (400) for anything else. */
export function readSiweMessage(text: unknown): SiweMessage {
  if (typeof text !== 'string' || text.length > 4096) throw new IssuerError('siwe_invalid_message', 400, 'message is not an EIP-4361 message');
  let parsed: ReturnType<typeof parseSiweMessage>;
  try {
    parsed = parseSiweMessage(text);
  } catch {
    throw new IssuerError('siwe_invalid_message', 400, 'message is not an EIP-4361 message');
  }
  const { address, domain, uri, version, chainId, nonce } = parsed;
  if (!address || !domain || !uri || version !== '1' || typeof chainId !== 'number' || !nonce || !checksumAddress(address)) {
    throw new IssuerError('siwe_invalid_message', 400, 'message lacks an EIP-4361 field');
  }
  return parsed as SiweMessage;
}

/** The address `signature` (0x + 65 bytes hex, EIP-191) recovers to over `message`; `siwe_wrong_signer` when none. */
export async function recoverSiweSigner(message: string, signature: unknown): Promise<`0x${string}`> {
  if (typeof signature !== 'string' || !/^0x[0-9a-fA-F]{130}$/.test(signature)) throw new IssuerError('siwe_wrong_signer', 401, 'signature must be 0x and 65 bytes of hex');
  try {
    return getAddress(await recoverMessageAddress({ message, signature: signature as Hex }));
  } catch {
    throw new IssuerError('siwe_wrong_signer', 401, 'signature does not recover to an address');
  }
}

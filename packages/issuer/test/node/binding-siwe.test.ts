import { expect } from 'chai';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { parseSiweMessage } from 'viem/siwe';
import { beforeEach, describe, it, rejectionCode } from '@cardframe/test-env';
import { CardBinding } from '../../src/index.ts';

const T0 = Date.UTC(2026, 10, 30, 23, 0, 0);
const SIWE = { domain: 'shop.localhost:5173', uri: 'http://shop.localhost:5173/', chainId: 1 };

describe('card binding with Sign-In with Ethereum', () => {
  let clock: number;
  let binding: CardBinding;
  const wallet = privateKeyToAccount(generatePrivateKey());
  const stranger = privateKeyToAccount(generatePrivateKey());

  beforeEach(() => {
    clock = T0;
    binding = new CardBinding({ issuerName: 'Sandbox Issuer', origins: ['http://frame.localhost:5174'], rpIds: ['frame.localhost'], siwe: SIWE, now: () => clock });
  });

  it('issues a full EIP-4361 message for the address given, expiring five minutes later', async () => {
    const message = await binding.siweChallenge('card_1', wallet.address.toLowerCase());
    const fields = parseSiweMessage(message);
    expect(message.split('\n')[0]).to.equal('shop.localhost:5173 wants you to sign in with your Ethereum account:');
    expect(fields).to.include({ domain: SIWE.domain, address: wallet.address, uri: SIWE.uri, version: '1', chainId: 1 });
    expect(fields.nonce).to.match(/^[A-Za-z0-9]{8,}$/);
    expect(fields.issuedAt?.toISOString()).to.equal('2026-11-30T23:00:00.000Z');
    expect(fields.expirationTime?.toISOString()).to.equal('2026-11-30T23:05:00.000Z');
    expect(fields.statement).to.equal('Sandbox Issuer asks you to bind card card_1 to this wallet.');
  });

  it('needs an address for a card without a wallet, and uses the bound wallet afterwards', async () => {
    expect(await binding.scopeFields('card_1', ['siwe']).catch((e: unknown) => e)).to.include({ code: 'invalid_request', status: 400 });
    expect(await rejectionCode(binding.siweChallenge('card_1', 'not-an-address'))).to.equal('invalid_request');
    const message = await binding.siweChallenge('card_1', wallet.address);
    await binding.bind('card_1', { scope: 'siwe', message, signature: await wallet.signMessage({ message }) });
    const { challenge } = await binding.scopeFields('card_1', ['siwe'], { address: stranger.address });
    expect(parseSiweMessage(challenge!).address).to.equal(wallet.address);
  });

  it('binds the card to the wallet whose signature recovers to the message\'s address, once', async () => {
    const message = await binding.siweChallenge('card_1', wallet.address);
    const signature = await wallet.signMessage({ message });
    expect(await binding.bind('card_1', { scope: 'siwe', message, signature })).to.deep.equal({ bound: true, scope: 'siwe', address: wallet.address });
    expect(await binding.bindings.walletAddress('card_1')).to.equal(wallet.address);
    expect(await rejectionCode(binding.bind('card_1', { scope: 'siwe', challenge: message, signature }))).to.equal('challenge_used');
  });

  it('refuses a signature by another wallet: siwe_wrong_signer', async () => {
    const message = await binding.siweChallenge('card_1', wallet.address);
    expect(await rejectionCode(binding.bind('card_1', { scope: 'siwe', message, signature: await stranger.signMessage({ message }) }))).to.equal('siwe_wrong_signer');
    const other = await binding.siweChallenge('card_1', wallet.address);
    const forAnother = other.replace(wallet.address, stranger.address);
    expect(await rejectionCode(binding.bind('card_1', { scope: 'siwe', message: forAnother, signature: await stranger.signMessage({ message: forAnother }) }))).to.equal('siwe_wrong_signer');
    const third = await binding.siweChallenge('card_1', wallet.address);
    expect(await rejectionCode(binding.bind('card_1', { scope: 'siwe', message: third, signature: '0x1234' }))).to.equal('siwe_wrong_signer');
    expect(await binding.bindings.walletAddress('card_1')).to.equal(undefined);
  });

  it('refuses a message for another domain, URI or chain: siwe_wrong_domain', async () => {
    for (const [from, to] of [
      ['shop.localhost:5173 wants', 'evil.localhost:5173 wants'],
      ['URI: http://shop.localhost:5173/', 'URI: http://evil.localhost:5173/'],
      ['Chain ID: 1', 'Chain ID: 137'],
    ] as const) {
      const message = (await binding.siweChallenge('card_1', wallet.address)).replace(from, to);
      expect(await rejectionCode(binding.bind('card_1', { scope: 'siwe', message, signature: await wallet.signMessage({ message }) })), to).to.equal('siwe_wrong_domain');
    }
  });

  it('refuses an expired message: siwe_expired', async () => {
    const message = await binding.siweChallenge('card_1', wallet.address);
    const signature = await wallet.signMessage({ message });
    clock += 5 * 60_000 + 1;
    expect(await rejectionCode(binding.bind('card_1', { scope: 'siwe', message, signature }))).to.equal('siwe_expired');
  });

  it('refuses text that is not an EIP-4361 message, or one it never issued: siwe_invalid_message', async () => {
    expect(await rejectionCode(binding.bind('card_1', { scope: 'siwe', message: 'hello', signature: '0x' }))).to.equal('siwe_invalid_message');
    const message = await binding.siweChallenge('card_1', wallet.address);
    expect(await rejectionCode(binding.bind('card_2', { scope: 'siwe', message, signature: await wallet.signMessage({ message }) }))).to.equal('siwe_invalid_message');
    const restated = message.replace('to this wallet.', 'to this wallet, forever.');
    expect(await rejectionCode(binding.bind('card_1', { scope: 'siwe', message: restated, signature: await wallet.signMessage({ message: restated }) }))).to.equal('siwe_invalid_message');
  });

  it('refuses siwe when the issuer has no SIWE config: invalid_scope', async () => {
    const none = new CardBinding({ issuerName: 'X', origins: ['http://frame.localhost'], rpIds: ['frame.localhost'] });
    expect(await rejectionCode(none.siweChallenge('card_1', wallet.address))).to.equal('invalid_scope');
  });
});

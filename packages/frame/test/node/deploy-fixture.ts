import { parseFrameConfig } from '../../src/config.ts';

/** A deployment config with every header-shaping member set: key hosts, a wallet endpoint, font origins, a report endpoint. */
export const deployConfig = parseFrameConfig({
  allowedHostOrigins: ['https://shop.example', 'https://app.shop.example'],
  issuer: { sessionKeys: { jwksUrl: 'https://keys.issuer.example/session/jwks.json' }, pinKeys: { jwksUrl: 'https://keys.issuer.example/pin/jwks.json' } },
  flows: { reveal: { fields: ['pan', 'expiry', 'cvc'] }, pin: {} },
  style: { fontOrigins: ['https://fonts.example'] },
  reportTo: 'https://reports.shop.example/csp',
  provisioning: { adapter: 'sandbox', endpoint: 'https://wallet.issuer.example/sandbox/wallet/cards' },
});

// `npm start` / `pnpm dev`: the whole demo on loopback, until Ctrl-C.
import { fileURLToPath } from 'node:url';
import { DEFAULT_BINDING, externalIssuerFromEnv, startDemo } from './index.ts';

const port = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);

const issuer = await externalIssuerFromEnv();
const format = process.env['CARDFRAME_ISSUER_FORMAT'] ?? 'jwe';
if (format !== 'jwe' && format !== 'pgp') throw new Error('CARDFRAME_ISSUER_FORMAT must be jwe or pgp');
const binding = process.env['CARDFRAME_BINDING'] ?? DEFAULT_BINDING;
if (binding !== 'plain' && binding !== 'bound') throw new Error('CARDFRAME_BINDING must be bound or plain');
const demo = await startDemo({
  hostPort: port('CARDFRAME_HOST_PORT', 5173),
  framePort: port('CARDFRAME_FRAME_PORT', 5174),
  issuerPort: port('CARDFRAME_ISSUER_PORT', 5175),
  pgpFramePort: port('CARDFRAME_PGP_FRAME_PORT', 5176),
  dataDir: process.env['CARDFRAME_DATA_DIR'] ?? fileURLToPath(new URL('../.data', import.meta.url)),
  ...(issuer ? { issuer } : {}),
  ...(process.env['CARDFRAME_PIN_VARIANT'] === 'change-request' ? { pinVariant: 'change-request' as const } : {}),
  messageFormat: format,
  binding,
  ...(process.env['CARDFRAME_REDIS_URL'] ? { redisUrl: process.env['CARDFRAME_REDIS_URL'] } : {}),
});

console.log(`
  cardframe demo

  Merchant page:  ${demo.merchantUrl}
  Frame origin:   ${demo.frameUrl}${demo.pgpFrameUrl ? `\n  OpenPGP frame:  ${demo.pgpFrameUrl} (the page's JWE/OpenPGP switch)` : ''}
  Issuer:         ${demo.issuer ? `${demo.issuer.url} (sandbox, ${format === 'pgp' ? 'OpenPGP' : 'JWE'} programme, ${binding} binding)` : issuer!.url}

  Open ${demo.merchantUrl} and press "Reveal card details".
  Sandbox card: 4242 4242 4242 4242, CVC 123, expires 12/30.
  Ctrl-C stops.
`);

const stop = async (): Promise<void> => {
  await demo.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());

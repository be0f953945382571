export {};

// `pnpm rotate`: rotates the running sandbox issuer's keys, as an issuer's
// key administration would, and prints the stages.
const url = process.env['CARDFRAME_ISSUER_ADMIN_URL'] ?? `http://127.0.0.1:${process.env['CARDFRAME_ISSUER_PORT'] ?? 5175}`;
const response = await fetch(`${url}/sandbox/rotate`, { method: 'POST' }).catch(() => undefined);
if (!response?.ok) {
  console.error(`Could not rotate: is the demo running with its sandbox issuer at ${url}?`);
  process.exit(1);
}
const stages = (await response.json()) as Record<string, Record<string, string>>;
for (const [ring, keys] of Object.entries(stages)) {
  console.log(`${ring} keys:`);
  for (const [kid, stage] of Object.entries(keys)) console.log(`  ${stage.padEnd(9)} ${kid}`);
}

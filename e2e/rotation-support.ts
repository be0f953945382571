import { expect, type HostPage } from './fixtures.ts';
import type { DemoOptions } from '@cardframe/demo';

/**
 * Frame settings for rotation runs: key sets cached for the default 10
 * minutes, but a 1 s refresh cooldown (a real rotation comes hours after page
 * load, these come seconds after it), and raised per-session limits since the
 * loops run more reveals and PIN changes than a cardholder would.
 */
export const rotationFrameConfig: NonNullable<DemoOptions['frameConfig']> = (config) => ({
  ...config,
  issuer: { ...config.issuer, keyRefresh: { ...config.issuer.keyRefresh, cooldownSeconds: 1 } },
  flows: { ...config.flows, reveal: { ...config.flows.reveal!, maxPerMinute: 100 }, pin: { ...config.flows.pin!, maxAttempts: 100 } },
});

export const PINS = ['4821', '5937', '6048', '7159', '8260', '9371'];

/** Opens the demo and waits until the card element `card` and the PIN entry can act. */
export async function ready(host: HostPage, card: string): Promise<void> {
  await host.open();
  await expect(host.page.frameLocator(`${card} iframe`).getByRole('button', { name: /Reveal/ })).toBeEnabled();
  await expect(host.pinFrame.getByRole('button', { name: 'Set PIN' })).toBeEnabled();
}

/** Reveals the card element `card`, checks the PAN, and hides it again. */
export async function revealOnce(host: HostPage, card: string): Promise<void> {
  const frame = host.page.frameLocator(`${card} iframe`);
  await frame.getByRole('button', { name: /Reveal/ }).click();
  await expect(frame.locator('[data-field=pan]')).toHaveText('4242 4242 4242 4242');
  await frame.getByRole('button', { name: /Hide/ }).click();
  await expect(frame.locator('[data-field=pan]')).toHaveText('•••• •••• •••• 4242');
}

/** Sets a PIN; resolves with the key ids of every submission the host forwarded (a retry adds one). */
export async function setPinOnce(host: HostPage, pin: string): Promise<string[]> {
  const kids: string[] = [];
  const record = (request: import('@playwright/test').Request): void => {
    if (request.url().endsWith('/api/pin')) kids.push((request.postDataJSON() as { key_id: string }).key_id);
  };
  host.page.on('request', record);
  const done = host.nextEvent('cardframe-submit', '#pin');
  await host.fillPin(pin);
  await host.pinFrame.getByRole('button', { name: 'Set PIN' }).click();
  await done;
  host.page.off('request', record);
  return kids;
}

/**
 * Twelve rounds of reveal-then-set-PIN on `card`, with `rotate` called twice
 * while they run (after the third and the sixth round), without waiting for
 * the loop. Resolves with the number of rounds that completed.
 */
export async function loopWhileRotating(host: HostPage, card: string, rotate: () => Promise<unknown>, pinOf: () => string | undefined, pollMs: number): Promise<number> {
  let operations = 0;
  const loop = (async () => {
    for (let i = 0; i < 12; i++) {
      await revealOnce(host, card);
      await setPinOnce(host, PINS[i % PINS.length]!);
      expect(pinOf()).toBe(PINS[i % PINS.length]);
      operations++;
    }
  })();
  const rotations = (async () => {
    await expect.poll(() => operations, { timeout: pollMs }).toBeGreaterThanOrEqual(3);
    await rotate();
    await expect.poll(() => operations, { timeout: pollMs }).toBeGreaterThanOrEqual(6);
    // The key the frame started with is retired here, mid-run.
    await rotate();
  })();
  await Promise.all([loop, rotations]);
  return operations;
}

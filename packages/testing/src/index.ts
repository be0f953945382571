/**
 * Playwright fixtures and helpers for testing a page that embeds cardframe:
 * a sandbox issuer and frame origin on free ports, frames found through
 * their elements, the cardholder's clicks and keystrokes inside them, and
 * one assertion that the host page never saw the card data.
 *
 * ```ts
 * import { test, expect } from '@cardframe/testing';
 *
 * test('reveals the card without the page seeing it', async ({ page, sandbox, cardframe }) => {
 *   await page.goto(myAppUrl);
 *   await cardframe.reveal('#card');
 *   expect(await cardframe.read('#card')).toMatchObject({ pan: '4242 4242 4242 4242' });
 *   await cardframe.expectHostNeverSaw([sandbox.card().pan, sandbox.card().cvc]);
 * });
 * ```
 * @packageDocumentation
 */

/** `test` with the `sandbox` (per worker) and `cardframe` (per test) fixtures, and Playwright's `expect`. */
export { test, expect } from './fixtures.ts';
export type { CardframeFixtures, CardframeWorkerFixtures } from './fixtures.ts';

/** Starts the sandbox issuer (your cards, your key types) and a test-mode frame origin on free loopback ports. */
export { startSandbox, DEFAULT_SANDBOX_CARDS } from './sandbox.ts';
export type { Sandbox, SandboxCard, SandboxOptions } from './sandbox.ts';

/** Finds frames, waits for ready, drives reveal/hide/copy/PIN entry, reads what the frame shows. */
export { CardframePage, CardframeEventError, cardframeFrame, cardframeFrames, FRAME_SELECTOR, TEST_IDS, VALUE_TEST_ID_PREFIX } from './cardframe-page.ts';
export type { ShownValues, WaitOptions } from './cardframe-page.ts';

/** Everything the host page handled, and the assertion that it never had card data. */
export { HostWatch, HostSawSecretError, IncompleteObservationError } from './host-watch.ts';
export type { ExpectHostNeverSawOptions, Observation, Sighting } from './host-watch.ts';

/** The value matcher behind the assertion: a PAN in any common formatting, short values as whole tokens. */
export { secretPattern } from './values.ts';
export type { SecretPattern } from './values.ts';

/** A passkey authenticator Chromium simulates for a page, answering the card frames' passkey requests. */
export { addVirtualAuthenticator } from './virtual-authenticator.ts';
export type { VirtualAuthenticator } from './virtual-authenticator.ts';

/** Launch options that use a system Chromium (`CARDFRAME_CHROMIUM`, `CHROMIUM_PATH`, /usr/bin/chromium). */
export { chromiumLaunchOptions, chromiumPath } from './chromium.mjs';

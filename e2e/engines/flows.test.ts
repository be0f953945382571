// The flows that matter, in the engine CARDFRAME_ENGINE names (firefox or
// webkit), against the real demo servers: one demo and one browser for the
// whole file, one test per flow, every click a trusted one inside the
// cross-origin frame. Chromium runs the full Playwright suites (e2e/*.spec.ts).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, type Demo } from '@cardframe/demo';
import { launch, type EngineDriver, type EngineName } from './driver.ts';
import { expectHostNeverSaw, PAGE_SPY_SOURCE } from './host-watch.ts';
import { SPY_API } from '../../packages/testing/src/host-watch.ts';
import { rotationFrameConfig } from '../rotation-support.ts';

const engine = (process.env.CARDFRAME_ENGINE ?? 'firefox') as EngineName;
const CARD = { pan: '4242424242424242', cvc: '123' };
const PGP_PAN = '5555555555554444';
const PINS = ['4821', '5937'];
const MASKED = '•••• •••• •••• 4242';

let demo: Demo;
let driver: EngineDriver;
const consoleLines: string[] = [];

/** Where the page spy keeps the events it recorded; `after` is a sequence number from `seq()`. */
interface Spy {
  seq(): number;
  next(element: Element, names: readonly string[], after: number, timeoutMs: number): Promise<{ name: string; detail: unknown } | null>;
}

const seq = (): Promise<number> => driver.host((api: string) => (window as unknown as Record<symbol, Spy>)[Symbol.for(api)]!.seq(), SPY_API);

/** The next of `names` that element `selector` fired after `since` (the spy's sequence number), or null after 20 s. */
function nextEvent(selector: string, names: readonly string[], since: number): Promise<{ name: string; detail: unknown } | null> {
  return driver.host(
    (api: string, target: string, wanted: string[], after: number) => (window as unknown as Record<symbol, Spy>)[Symbol.for(api)]!.next(document.querySelector(target)!, wanted, after, 20000),
    SPY_API,
    selector,
    [...names],
    since,
  );
}

/** Clicks in the frame and resolves with the event it led to (a `cardframe-error` instead fails with its detail). */
async function clickFor(selector: string, css: string, text: string | undefined, event: string): Promise<unknown> {
  const since = await seq();
  await driver.click(selector, css, text);
  const fired = await nextEvent(selector, [event, 'cardframe-error'], since);
  assert.ok(fired, `no ${event} on ${selector}`);
  assert.equal(fired.name, event, `${selector} fired ${fired.name} ${JSON.stringify(fired.detail)} instead of ${event}`);
  return fired.detail;
}

const fieldText = (selector: string, field: string): Promise<string> =>
  driver.inFrame(
    selector,
    (name: string) => {
      const roots: (Document | ShadowRoot)[] = [document];
      for (let i = 0; i < roots.length; i++) for (const el of roots[i]!.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
      for (const root of roots) {
        const found = root.querySelector(`[data-field="${name}"]`);
        if (found) return found.textContent ?? '';
      }
      return '';
    },
    field,
  );

async function waitForText(selector: string, field: string, expected: string): Promise<void> {
  const deadline = Date.now() + 15000;
  let last = '';
  while (Date.now() < deadline) {
    last = await fieldText(selector, field);
    if (last === expected) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(last, expected, `${selector} ${field}`);
}

async function ready(selector: string): Promise<void> {
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    const state = await driver.host((target: string) => (document.querySelector(target) as HTMLElement & { ready?: boolean } | null)?.getAttribute('data-ready') ?? null, selector);
    const enabled = await driver
      .inFrame(selector, () => {
        const roots: (Document | ShadowRoot)[] = [document];
        for (let i = 0; i < roots.length; i++) for (const el of roots[i]!.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
        return roots.some((root) => [...root.querySelectorAll('button')].some((button) => !button.disabled && /Reveal|Set PIN|Copy/.test(button.textContent ?? '')));
      })
      .catch(() => false);
    if (enabled || state === 'true') return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${selector} never became ready`);
}

async function typePin(pin: string): Promise<void> {
  await driver.type('#pin', 'input', pin, 'New PIN');
  await driver.type('#pin', 'input', pin, 'Confirm new PIN');
}

describe(`cardframe in ${engine}`, () => {
  before(async () => {
    // Seed 001's plain flow: WebKitGTK has no WebAuthn and Firefox no virtual authenticator here (docs/browsers.md).
    demo = await startDemo({ binding: 'plain', frameConfig: rotationFrameConfig });
    driver = await launch(engine, PAGE_SPY_SOURCE);
    driver.onConsole?.((line) => consoleLines.push(line));
    console.log(`# engine: ${driver.version}`);
  });

  after(async () => {
    await driver?.close();
    await demo?.close();
  });

  test('ready: the card connects and says so to the host', async () => {
    const since = 0;
    await driver.goto(demo.merchantUrl);
    await ready('#card');
    const fired = await nextEvent('#card', ['cardframe-ready'], since);
    assert.equal(fired?.name, 'cardframe-ready');
    assert.equal(await fieldText('#card', 'pan'), '•••• •••• •••• ••••');
  });

  test('reveal: a click in the frame shows PAN, CVC and expiry there, and the host gets only the field names', async () => {
    assert.deepEqual(await clickFor('#card', 'button', 'Reveal', 'cardframe-reveal'), { fields: ['pan', 'expiry', 'cvc'] });
    await waitForText('#card', 'pan', '4242 4242 4242 4242');
    assert.equal(await fieldText('#card', 'cvc'), CARD.cvc);
    assert.equal(await fieldText('#card', 'expiry'), '12/30');
  });

  test('key sets: the page\'s frames fetch the issuer session key set once between them, through the frame origin\'s SharedWorker', async () => {
    const origin = new URL(demo.frameUrl).origin;
    const sessionSets = (): number => demo.issuer!.stats.keySetRequests[origin]?.['/keys/session/jwks.json'] ?? 0;
    // The frames fetch while idle after ready: count once no request has come for a second.
    for (let last = -1; last !== sessionSets(); ) {
      last = sessionSets();
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const frames = await driver.host((url: string) => [...document.querySelectorAll('*')].filter((el) => el.shadowRoot?.querySelector(`iframe[src^="${url}"]`)).length, demo.frameUrl);
    assert.ok(frames >= 3, `${frames} frames of the frame origin on the page`);
    assert.equal(sessionSets(), 1);
  });

  test('hide: the frame button masks the fields again', async () => {
    assert.deepEqual(await clickFor('#card', 'button', 'Hide', 'cardframe-hide'), { reason: 'user' });
    await waitForText('#card', 'pan', MASKED);
  });

  test('auto-hide: a host-narrowed auto-hide, set on the ready card, masks the values after the time', async () => {
    const setAutoHide = (seconds: string | null) =>
      driver.host((value: string | null) => {
        const card = document.querySelector('#card')!;
        if (value === null) card.removeAttribute('auto-hide-seconds');
        else card.setAttribute('auto-hide-seconds', value);
      }, seconds);
    await ready('#card');
    await setAutoHide('1');
    const since = await seq();
    await driver.click('#card', 'button', 'Reveal');
    const revealed = await nextEvent('#card', ['cardframe-reveal', 'cardframe-error'], since);
    assert.equal(revealed?.name, 'cardframe-reveal');
    const hidden = await nextEvent('#card', ['cardframe-hide', 'cardframe-error'], since);
    assert.deepEqual(hidden, { ...hidden, name: 'cardframe-hide', detail: { reason: 'timeout' } });
    await waitForText('#card', 'pan', MASKED);
    await setAutoHide(null);
  });

  test('key-pair reveal: the frame opens a JWE sealed to its own key pair', async () => {
    await ready('#card-keypair');
    assert.deepEqual(await clickFor('#card-keypair', 'button', 'Reveal', 'cardframe-reveal'), { fields: ['pan', 'expiry', 'cvc'] });
    await waitForText('#card-keypair', 'pan', '4242 4242 4242 4242');
  });

  test('PIN change with device binding: the issuer takes the PIN and binds the frame’s device key', async () => {
    const before = { ...demo.issuer!.stats };
    await ready('#pin');
    await typePin(PINS[0]!);
    assert.deepEqual(await clickFor('#pin', 'button', 'Set PIN', 'cardframe-submit'), { flow: 'pin', status: 'COMPLETED' });
    assert.equal(demo.issuer!.pinOf('card_default'), PINS[0]);
    assert.equal(demo.issuer!.stats.deviceBindings, before.deviceBindings + 1);
  });

  test('PIN reveal: the new PIN shows in its own frame', async () => {
    await ready('#pin-reveal');
    await clickFor('#pin-reveal', 'button', 'Reveal', 'cardframe-reveal');
    await waitForText('#pin-reveal', 'pin', PINS[0]!);
  });

  test('rotation with retry: after the issuer rotates twice, the frame refreshes its keys once and the reveal and PIN change succeed', async () => {
    const issuer = demo.issuer!;
    await issuer.rotate();
    await issuer.rotate();
    // Past the 1 s refresh cooldown of rotationFrameConfig.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const before = { ...issuer.stats };
    await clickFor('#card', 'button', 'Reveal', 'cardframe-reveal');
    await waitForText('#card', 'pan', '4242 4242 4242 4242');
    assert.equal(issuer.stats.retiredKeyRejections - before.retiredKeyRejections, 1);
    assert.equal(issuer.stats.jwksRequests - before.jwksRequests, 1);
    await typePin(PINS[1]!);
    assert.deepEqual(await clickFor('#pin', 'button', 'Set PIN', 'cardframe-submit'), { flow: 'pin', status: 'COMPLETED' });
    assert.equal(issuer.pinOf('card_default'), PINS[1]);
  });

  test('the OpenPGP programme: switched to it, the key-pair card reveals an OpenPGP-sealed card', async () => {
    await driver.host(() => {
      const pgp = document.querySelector('#issuer-switch input[value=pgp]') as HTMLInputElement;
      pgp.click();
    });
    await ready('#card-keypair');
    await clickFor('#card-keypair', 'button', 'Reveal', 'cardframe-reveal');
    await waitForText('#card-keypair', 'pan', '5555 5555 5555 4444');
  });

  test('leak check: across every flow above the host never had a PAN, CVC or PIN, in any form', async () => {
    const seen = await expectHostNeverSaw(driver, consoleLines, [CARD.pan, CARD.cvc, PGP_PAN, ...PINS]);
    // The watch really saw the traffic: the frames' events on their ports, and the host's DOM.
    assert.ok(seen.some(({ where, text }) => where === 'MessagePort message' && /^event: reveal$/m.test(text)), 'no reveal event seen on a port');
    assert.ok(seen.some(({ where }) => where.startsWith('host DOM')), 'no host DOM seen');
  });
  test('copy: the copy button either copies (an event) or, where the engine refuses, says so in the frame with a typed error', async () => {
    await driver.goto(new URL('artwork.html', demo.merchantUrl).href);
    await ready('cardframe-copy');
    const since = await seq();
    await driver.click('cardframe-copy', 'button', 'Copy');
    const fired = await nextEvent('cardframe-copy', ['cardframe-copy', 'cardframe-error'], since);
    assert.ok(fired, 'no copy outcome');
    const expected = COPY_OUTCOME[engine];
    if (expected === 'copied') {
      assert.deepEqual(fired, { ...fired, name: 'cardframe-copy', detail: { field: 'pan' } });
    } else {
      assert.equal(fired.name, 'cardframe-error');
      assert.equal((fired.detail as { code: string }).code, 'ERR_COPY_REFUSED');
    }
    await expectHostNeverSaw(driver, consoleLines, [CARD.pan, CARD.cvc]);
  });

  test('quiet console: through every flow above, no frame and no page script wrote a line', (t) => {
    if (!driver.onConsole) return t.skip('this engine\'s driver does not read the console');
    assert.deepEqual(consoleLines, []);
  });
});

/** What copy from a cross-origin frame does in each engine (docs/browsers.md). */
const COPY_OUTCOME: Record<EngineName, 'copied' | 'refused'> = { firefox: 'copied', webkit: 'copied' };

// Bound reveal: the demo's default, where every reveal carries a fresh
// passkey assertion committing to its sessionid (issue 16). A bound sandbox
// issuer of its own, a page with Chromium's virtual authenticator (CDP
// WebAuthn) standing in for the cardholder, and, alternating with it, a plain
// reveal on the bench's plain demo: both timed from the frame's first
// request to the host to the `cardframe-reveal` event.
//
// Alone (after `pnpm run build`): `pnpm exec node bench/phases/bound-reveal.ts [runs]`.
import type { Browser, Page } from '@playwright/test';
import { startDemo, type DemoOptions } from '@cardframe/demo';
import { addVirtualAuthenticator } from '../../packages/testing/src/virtual-authenticator.ts';
import { median, round } from '../ops.ts';
import type { BenchPage } from '../page-actions.ts';
import { step } from '../progress.ts';

export interface BoundReveal {
  /** Median ms, plain issuer: `fetchCardData` called → `cardframe-reveal`. */
  plainMs: number;
  /** Median ms, bound issuer: `fetchCard` called (the statement) → `cardframe-reveal`. */
  boundMs: number;
  /** `boundMs / plainMs`. */
  ratio: number;
  /** Medians of the bound reveal's steps: the statement through the relay, the passkey assertion, the sessionid request to the reveal. */
  steps: { statementMs: number; passkeyMs: number; sessionMs: number };
  runs: number;
}

/** The reveal budget and auto-hide the bench's own demo uses, so runs back to back are not rate limited. */
export const benchFrameConfig: NonNullable<DemoOptions['frameConfig']> = (config) => ({ ...config, flows: { ...config.flows, reveal: { ...config.flows.reveal!, maxPerMinute: 1000, autoHideSeconds: 0 } } });

const ID = 'bench-bound-reveal';

/** Marks of one reveal, in ms on the host page's clock. */
type Marks = { first?: number; statementIn?: number; sessionAsked?: number; reveal?: number };

/**
 * Mounts one `<cardframe-card>` whose callbacks go through the page's
 * merchant relay and note when the frame asks and when answers arrive. The
 * binding callbacks are set before `frameUrl`: the iframe's passkey
 * permission is fixed when it is made.
 */
async function mountTimedCard(page: Page, frameUrl: string, bound: boolean): Promise<void> {
  await page.evaluate(
    async ([url, withPasskeys, id]) => {
      const w = window as unknown as { __boundBench: Record<string, number> };
      w.__boundBench = {};
      const marks = w.__boundBench;
      const text = async (response: Promise<Response>): Promise<string> => (await response).text();
      const card = document.createElement('cardframe-card') as unknown as HTMLElement & Record<string, unknown> & { whenReady(): Promise<unknown> };
      card.id = id!;
      card['fields'] = ['pan', 'expiry', 'cvc'];
      card['fetchCardData'] = async (sessionId: string, request?: { headers: Record<string, string> }) => {
        marks['first'] ??= performance.now();
        marks['sessionAsked'] = performance.now();
        return text(fetch('/api/card', { headers: { sessionid: sessionId, ...request?.headers } }));
      };
      if (withPasskeys) {
        card['fetchCard'] = async ({ scope, headers }: { scope: readonly string[]; headers: Record<string, string> }) => {
          marks['first'] ??= performance.now();
          const body = await text(fetch(`/api/card?${scope.map((s) => `scope=${encodeURIComponent(s)}`).join('&')}`, { headers }));
          marks['statementIn'] = performance.now();
          return body;
        };
        card['bindCard'] = (body: unknown) => fetch('/api/card', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      }
      card['frameUrl'] = url;
      document.body.append(card);
      await card.whenReady();
    },
    [frameUrl, bound, ID] as const,
  );
}

/** Clicks Reveal (and, the first time on a bound card, Create a passkey) and resolves with the reveal's marks; hides the card again. */
async function timedReveal(page: Page, createPasskey = false): Promise<Marks> {
  await page.evaluate(() => {
    const w = window as unknown as { __boundBench: Record<string, number> };
    for (const key of Object.keys(w.__boundBench)) delete w.__boundBench[key];
  });
  const revealed = page.evaluate(
    (id) =>
      new Promise<Marks>((resolve, reject) => {
        const card = document.getElementById(id)!;
        const timer = setTimeout(() => reject(new Error('no cardframe-reveal within 20 s')), 20_000);
        card.addEventListener('cardframe-error', (event) => reject(new Error(`cardframe-error ${JSON.stringify((event as CustomEvent).detail)}`)), { once: true });
        card.addEventListener(
          'cardframe-reveal',
          () => {
            clearTimeout(timer);
            resolve({ ...(window as unknown as { __boundBench: Marks }).__boundBench, reveal: performance.now() });
          },
          { once: true },
        );
      }),
    ID,
  );
  const frame = page.frameLocator(`#${ID} iframe`);
  await frame.getByRole('button', { name: /Reveal/ }).click({ timeout: 10_000 });
  if (createPasskey) await frame.getByRole('button', { name: 'Create a passkey' }).click({ timeout: 10_000 });
  const marks = await revealed;
  await page.evaluate((id) => (document.getElementById(id) as HTMLElement & { hide(): Promise<void> }).hide(), ID);
  return marks;
}

/**
 * Starts a bound sandbox issuer with its demo, opens its merchant page in a
 * new context of `browser` with a virtual authenticator, creates the card's
 * passkey in the frame, then alternates `runs` bound reveals there with
 * `runs` plain reveals on `plain` (the bench's plain demo page).
 */
export async function boundReveal(browser: Browser, plain: BenchPage, runs: number): Promise<BoundReveal> {
  step(`bound reveal (passkey, virtual authenticator) beside the plain reveal: ${runs} runs each`);
  const demo = await startDemo({ binding: 'bound', frameConfig: benchFrameConfig });
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  try {
    const page = await context.newPage();
    await addVirtualAuthenticator(page);
    await page.goto(demo.merchantUrl);
    await mountTimedCard(page, demo.frameUrl, true);
    await mountTimedCard(plain.page, plain.frameUrl, false);
    // The card's first reveal creates its passkey (and PATCH / binds it); it is not timed.
    await timedReveal(page, true);
    await timedReveal(plain.page);
    const bound: Required<Marks>[] = [];
    const plainRuns: Required<Marks>[] = [];
    const stats = demo.issuer!.stats;
    const challenges = stats.bindingChallenges;
    for (let i = 0; i < runs; i++) {
      plainRuns.push((await timedReveal(plain.page)) as Required<Marks>);
      bound.push((await timedReveal(page)) as Required<Marks>);
    }
    // Each timed bound reveal asked for its own statement, and the issuer refused none of them.
    if (stats.bindingChallenges - challenges !== runs || Object.keys(stats.bindingRefusals).length > 0) {
      throw new Error(`bound reveal: ${stats.bindingChallenges - challenges} statements for ${runs} reveals, refusals ${JSON.stringify(stats.bindingRefusals)}`);
    }
    await plain.page.evaluate((id) => document.getElementById(id)?.remove(), ID);
    const plainMs = median(plainRuns.map((m) => m.reveal - m.first));
    const boundMs = median(bound.map((m) => m.reveal - m.first));
    return {
      plainMs: round(plainMs),
      boundMs: round(boundMs),
      ratio: round(boundMs / plainMs),
      steps: {
        statementMs: round(median(bound.map((m) => m.statementIn - m.first))),
        passkeyMs: round(median(bound.map((m) => m.sessionAsked - m.statementIn))),
        sessionMs: round(median(bound.map((m) => m.reveal - m.sessionAsked))),
      },
      runs,
    };
  } finally {
    await context.close();
    await demo.close();
  }
}

if (import.meta.main) {
  const { chromium } = await import('@playwright/test');
  const { chromiumLaunchOptions } = await import('../../packages/testing/src/chromium.mjs');
  const { boundRevealSection } = await import('../report.ts');
  const runs = Number(process.argv[2] ?? 21);
  const demo = await startDemo({ binding: 'plain', frameConfig: benchFrameConfig });
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
    await page.goto(demo.merchantUrl);
    const result = await boundReveal(browser, { page, frameUrl: demo.frameUrl, floorUrl: '' }, runs);
    console.log(JSON.stringify(result));
    console.log(boundRevealSection(result));
  } finally {
    await browser.close();
    await demo.close();
  }
}

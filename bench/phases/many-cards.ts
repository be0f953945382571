// Many cards: N cards mounted at once, as <cardframe-card>s and as groups of
// three field frames; time to ready and to reveal all against bare iframes,
// issuer requests, memory per card, and the issuer and key-set requests one
// fresh page with that many cards makes.
import { median, round } from '../ops.ts';
import { benchFrames, floorFrames, GROUP_MEMBERS, mountCards, removeCards, revealAll, settle, type BenchPage, type Variant } from '../page-actions.ts';
import { memoryDelta, type Memory, type Probes } from '../probes.ts';
import { step } from '../progress.ts';

interface ManyRun {
  readyMs: number;
  failed: number;
  failedCodes: string[];
  revealed: number;
  floorReadyMs: number;
  revealAllMs: number;
  floorRoundTripMs: number;
  frames: number;
  issuerRequests: number;
  delta: Memory;
}

/** One variant at one count: medians over the runs, per card where it says so. */
export interface ManyCardsRow {
  variant: Variant;
  cards: number;
  readyMs: number;
  floorReadyMs: number;
  readyRatio: number;
  readyMsPerCard: number;
  /** Each run's time to ready and its floor's, in run order (absent from results made before they were kept). */
  readyMsPerRun?: number[];
  floorReadyMsPerRun?: number[];
  revealAllMs: number;
  floorRoundTripMs: number;
  revealAllRatio: number;
  revealAllMsPerCard: number;
  framesPerCard: number;
  failedFramesPerRun: number[];
  /** The codes the failed frames of each run gave, as `ERR_FRAME_TIMEOUT×3` (empty where none failed). */
  failedCodesPerRun: string[][];
  revealEventsPerRun: number[];
  issuerRequestsPerCard: number;
  /** On a fresh page (its own browser context) with this many cards mounted and revealed: requests to the issuer's card routes. */
  issuerRequestsPerPage: number;
  /** The same page's key-set (JWKS) requests, every set together: the frames of one origin share one fetch per set. */
  keySetFetchesPerPage: number;
  /** The same on a page in a browser profile like a default one (cross-site frames may use storage, so the frames' key-set worker can start), when measured. */
  keySetFetchesPerPageDefaultProfile: number | null;
  /** Frame elements on that page that did not become ready (they still fetched or were given their keys). */
  failedFramesOnFreshPage: number;
  hostJsHeapPerCardKb: number | null;
  hostDomHeapPerCardKb: number | null;
  hostProcessPssPerCardKb: number | null;
  frameJsHeapPerCardKb: number | null;
  frameDomHeapPerCardKb: number | null;
  frameProcessPssPerCardKb: number | null;
}

/** Cost per card at 50 cards over cost per card at 10: about 1 or below means it grows no faster than linearly. */
export interface ManyCardsGrowth {
  variant: Variant;
  readyPerCard50over10: number | null;
  floorReadyPerCard50over10: number | null;
  readyRatio50over10: number | null;
  revealAllPerCard50over10: number | null;
  framePssPerCard50over10: number | null;
  frameJsHeapPerCard50over10: number | null;
  hostJsHeapPerCard50over10: number | null;
}

/** Where the issuer's card and key-set requests are counted. */
export interface IssuerStats {
  readonly cardRequests: number;
  readonly jwksRequests: number;
}

/** A page on the demo's merchant site in a browser context of its own, so nothing of another page's frames is shared with it. */
export interface FreshPage {
  readonly stage: BenchPage;
  close(): Promise<void>;
}

export interface ManyCardsOptions {
  readonly runs: number;
  readonly counts: readonly number[];
  /** Which ways of showing a card to measure (both by default). */
  readonly variants?: readonly Variant[];
  /** Opens the merchant page in a new browser context (resolving once it has loaded). */
  readonly freshPage: () => Promise<FreshPage>;
  /** Opens it in a browser profile that lets cross-site frames use storage, as a default profile does (the bench's contexts, like an incognito window, refuse it). */
  readonly freshDefaultProfilePage?: () => Promise<FreshPage>;
}

interface PageRequests {
  issuerRequests: number;
  keySetFetches: number;
  /** Frame elements that did not become ready on that page. */
  failed: number;
}

/** What one page costs the issuer: card and key-set requests from opening it through mounting and revealing `count` cards. */
async function requestsPerPage(open: () => Promise<FreshPage>, issuerStats: IssuerStats, count: number, variant: Variant): Promise<PageRequests> {
  const before = { card: issuerStats.cardRequests, jwks: issuerStats.jwksRequests };
  const fresh = await open();
  let failed = 0;
  try {
    // A frame that misses the SDK's ready timeout on this cold page (a new renderer process) has still asked for its keys; it is counted below.
    failed = (await mountCards(fresh.stage, count, variant)).failed;
    await revealAll(fresh.stage, variant);
  } finally {
    await fresh.close();
  }
  return { issuerRequests: issuerStats.cardRequests - before.card, keySetFetches: issuerStats.jwksRequests - before.jwks, failed };
}

export async function manyCards(stage: BenchPage, probes: Probes, issuerStats: IssuerStats, { runs, counts, freshPage, freshDefaultProfilePage, variants = ['card', 'group'] }: ManyCardsOptions): Promise<{ many: ManyCardsRow[]; growth: ManyCardsGrowth[] }> {
  step(`many cards: ${counts.join(', ')} cards × ${runs} runs, as <cardframe-card> and as a <cardframe-group> of pan, expiry and cvc`);
  const manyRuns: Record<Variant, Record<number, ManyRun[]>> = { card: {}, group: {} };
  // Counted on a page of their own: on the bench's long-lived page the demo's own frames fetched the key set long before.
  const perPage: Record<Variant, Record<number, PageRequests>> = { card: {}, group: {} };
  const perPageDefaultProfile: Record<Variant, Record<number, PageRequests>> = { card: {}, group: {} };
  for (const count of counts) {
    for (const variant of variants) {
      step(`  requests of one fresh page with ${count} × ${variant}`);
      perPage[variant][count] = await requestsPerPage(freshPage, issuerStats, count, variant);
      if (freshDefaultProfilePage) perPageDefaultProfile[variant][count] = await requestsPerPage(freshDefaultProfilePage, issuerStats, count, variant);
    }
  }
  for (let run = 0; run < runs; run++) {
    for (const count of counts) {
      for (const variant of variants) {
        const perCard = variant === 'card' ? 1 : GROUP_MEMBERS.length;
        if (run === 0) step(`  ${count} × ${variant}`);
        const floorResult = await floorFrames(stage, count * perCard, `${variant}-${count}-${run}`);
        await settle(stage, count * perCard);
        const before = await probes.memory();
        const requestsBefore = issuerStats.cardRequests;
        const mounted = await mountCards(stage, count, variant);
        const frames = await benchFrames(stage);
        const revealed = await revealAll(stage, variant);
        const after = await probes.memory();
        (manyRuns[variant][count] ??= []).push({
          readyMs: mounted.ms,
          failed: mounted.failed,
          failedCodes: mounted.failedCodes,
          floorReadyMs: floorResult.readyMs,
          revealAllMs: revealed.ms,
          revealed: revealed.revealed,
          floorRoundTripMs: floorResult.roundTripMs,
          frames,
          issuerRequests: issuerStats.cardRequests - requestsBefore,
          delta: memoryDelta(after, before),
        });
        await removeCards(stage, 'destroy');
        await settle(stage, count * perCard);
      }
    }
  }
  const many = variants.flatMap((variant) => counts.map((cards) => summarise(variant, cards, manyRuns[variant][cards]!, perPage[variant][cards]!, perPageDefaultProfile[variant][cards])));
  return { many, growth: variants.map((variant) => growthOf(many, variant)) };
}

const kib = (bytes: number | undefined): number | null => (bytes === undefined ? null : round(bytes / 1024, 1));

function summarise(variant: Variant, cards: number, runs: readonly ManyRun[], page: PageRequests, pageDefaultProfile: PageRequests | undefined): ManyCardsRow {
  const m = (pick: (run: ManyRun) => number | undefined): number | undefined => {
    const values = runs.map(pick).filter((v): v is number => v !== undefined);
    return values.length ? median(values) : undefined;
  };
  const perCard = (pick: (run: ManyRun) => number | undefined): number | null => kib(m(pick) === undefined ? undefined : m(pick)! / cards);
  return {
    variant,
    cards,
    readyMs: round(m((r) => r.readyMs)!),
    floorReadyMs: round(m((r) => r.floorReadyMs)!),
    readyRatio: round(m((r) => r.readyMs)! / m((r) => r.floorReadyMs)!),
    readyMsPerCard: round(m((r) => r.readyMs)! / cards),
    readyMsPerRun: runs.map((r) => round(r.readyMs)),
    floorReadyMsPerRun: runs.map((r) => round(r.floorReadyMs)),
    revealAllMs: round(m((r) => r.revealAllMs)!),
    floorRoundTripMs: round(m((r) => r.floorRoundTripMs)!),
    revealAllRatio: round(m((r) => r.revealAllMs)! / m((r) => r.floorRoundTripMs)!),
    revealAllMsPerCard: round(m((r) => r.revealAllMs)! / cards),
    framesPerCard: round(m((r) => r.frames)! / cards),
    failedFramesPerRun: runs.map((r) => r.failed),
    failedCodesPerRun: runs.map((r) => r.failedCodes),
    revealEventsPerRun: runs.map((r) => r.revealed),
    issuerRequestsPerCard: round(m((r) => r.issuerRequests)! / cards),
    issuerRequestsPerPage: page.issuerRequests,
    keySetFetchesPerPage: page.keySetFetches,
    keySetFetchesPerPageDefaultProfile: pageDefaultProfile?.keySetFetches ?? null,
    failedFramesOnFreshPage: page.failed,
    hostJsHeapPerCardKb: perCard((r) => r.delta.hostJs),
    hostDomHeapPerCardKb: perCard((r) => r.delta.hostDom),
    hostProcessPssPerCardKb: perCard((r) => r.delta.hostPss),
    frameJsHeapPerCardKb: perCard((r) => r.delta.frameJs),
    frameDomHeapPerCardKb: perCard((r) => r.delta.frameDom),
    frameProcessPssPerCardKb: perCard((r) => r.delta.framePss),
  };
}

function growthOf(many: readonly ManyCardsRow[], variant: Variant): ManyCardsGrowth {
  const at = (cards: number) => many.find((m) => m.variant === variant && m.cards === cards);
  // A run with other counts (`pnpm bench --only=many-cards --counts=…`) has no growth to show.
  const ratio = (pick: (m: ManyCardsRow) => number | null): number | null => {
    const [ten, fifty] = [at(10), at(50)];
    const a = ten && pick(ten);
    const b = fifty && pick(fifty);
    return a === null || a === undefined || b === null || b === undefined || a <= 0 ? null : round(b / a);
  };
  return {
    variant,
    readyPerCard50over10: ratio((m) => m.readyMsPerCard),
    floorReadyPerCard50over10: ratio((m) => m.floorReadyMs / m.cards),
    readyRatio50over10: ratio((m) => m.readyRatio),
    revealAllPerCard50over10: ratio((m) => m.revealAllMsPerCard),
    framePssPerCard50over10: ratio((m) => m.frameProcessPssPerCardKb),
    frameJsHeapPerCard50over10: ratio((m) => m.frameJsHeapPerCardKb),
    hostJsHeapPerCard50over10: ratio((m) => m.hostJsHeapPerCardKb),
  };
}

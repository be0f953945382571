// The report: results.json's shape, and BENCHMARKS.md written from it alone.
import { round, type OpsRow } from './ops.ts';
import { GROUP_MEMBERS, QUIET_CPU_MS, QUIET_WINDOW_MS, type Variant } from './page-actions.ts';
import type { LeakSample, LeakSummary, Leaks } from './phases/leaks.ts';
import type { ManyCardsGrowth, ManyCardsRow } from './phases/many-cards.ts';
import type { TimeToReady } from './phases/time-to-ready.ts';
import type { GroupReady } from './phases/group-ready.ts';
import type { TimeToReveal } from './phases/time-to-reveal.ts';
import type { BoundReveal } from './phases/bound-reveal.ts';
import type { SizeEntry } from './sizes.ts';
import { beforeAfterSection, type BaselineResults } from './baseline.ts';

/** Failed frames per run, with the codes they failed with where any did: `0, 150 (ERR_FRAME_TIMEOUT×150), 0`. */
function failedRuns(counts: readonly number[], codes: readonly (readonly string[])[] | undefined): string {
  return counts.map((n, run) => (n > 0 && codes?.[run]?.length ? `${n} (${codes[run]!.join(', ')})` : String(n))).join(', ');
}

/** Everything one `pnpm bench` measured, as written to bench/results.json. */
export interface BenchResults {
  command: string;
  date: string;
  machine: { os: string; cpus: number; cpu: string; memoryGb: number; loadAverage: number[] };
  node: string;
  chromium: string;
  chromiumPath: string;
  quick: boolean;
  runs: number;
  manyRuns: number;
  sizes: (SizeEntry & { budget: number | undefined })[];
  otherSizes: SizeEntry[];
  timeToReady: TimeToReady;
  /** Groups of three field frames: ready against their floor, and where the time goes; absent in results written before it was measured. */
  groupReady?: GroupReady;
  timeToReveal: TimeToReveal;
  /** The bound reveal beside the plain one; absent in results written before it was measured. */
  boundReveal?: BoundReveal;
  /** Firefox and WebKit (bench/engines.ts); absent in results written before they were measured. */
  otherEngines?: ({ engine: string; ready: { cardMs: number; floorMs: number; ratio: number }; reveal: { cardMs: number; floorMs: number; ratio: number } } | { engine: string; error: string })[];
  crypto: Record<string, OpsRow>;
  issuerNode: Record<string, OpsRow>;
  processes: { hostRendererPid: number | null; frameRendererPid: number | null; frameSharesHostProcess: boolean; pssAvailable: boolean };
  manyCards: ManyCardsRow[];
  manyCardsGrowth: ManyCardsGrowth[];
  leaks: Leaks;
}

/** BENCHMARKS.md for `results`: tables, and the readings worked out from them. */
export function benchmarksMarkdown(results: BenchResults, before?: BaselineResults): string {
  const { runs, manyRuns, manyCards: many, manyCardsGrowth: growth } = results;
  const leakCycles = results.leaks.cycles;
  const { frameSharesHostProcess, hostRendererPid: hostPid, frameRendererPid: framePid } = results.processes;
  const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
  const orDash = (n: number | null | undefined, unit = ''): string => (n === null || n === undefined ? '–' : `${n}${unit}`);
  const split = results.timeToReady.split;
  const at = (mark: string): number => split.find((m) => m.mark === mark)?.medianMs ?? Number.NaN;
  const span = (from: string, to: string): number => round(at(to) - at(from));
  const biggest = [...split].sort((a, b) => b.stepMs - a.stepMs).slice(0, 3);
  const manyRow = (m: (typeof many)[number]): string =>
    `| ${m.variant === 'card' ? '`<cardframe-card>`' : 'group'} | ${m.cards} | ${m.framesPerCard} | ${m.readyMs} ms (${m.readyMsPerCard}/card) | ${m.floorReadyMs} ms | **${m.readyRatio}×** | ${m.revealAllMs} ms (${m.revealAllMsPerCard}/card) | ${m.floorRoundTripMs} ms | ${m.revealAllRatio}× | ${m.issuerRequestsPerCard} | ${failedRuns(m.failedFramesPerRun, m.failedCodesPerRun)} |`;
  const pageRow = (m: (typeof many)[number]): string =>
    `| ${m.variant === 'card' ? '`<cardframe-card>`' : 'group'} | ${m.cards} | ${round(m.cards * m.framesPerCard)} | ${orDash(m.issuerRequestsPerPage)} | ${orDash(m.keySetFetchesPerPageDefaultProfile)} | ${orDash(m.keySetFetchesPerPage)} | ${orDash(m.failedFramesOnFreshPage)} |`;
  const memRow = (m: (typeof many)[number]): string =>
    `| ${m.variant === 'card' ? '`<cardframe-card>`' : 'group'} | ${m.cards} | ${orDash(m.hostJsHeapPerCardKb, ' KB')} | ${orDash(m.hostDomHeapPerCardKb, ' KB')} | ${orDash(m.hostProcessPssPerCardKb, ' KB')} | ${orDash(m.frameJsHeapPerCardKb, ' KB')} | ${orDash(m.frameDomHeapPerCardKb, ' KB')} | ${orDash(m.frameProcessPssPerCardKb, ' KB')} |`;
  const leakTable = (samples: readonly LeakSample[]): string =>
    `| cycle | host JS heap after GC | frame process JS heap after GC | live cardframe iframes (DOM) | frames Playwright still lists | host ports created / closed / open |
| --- | --- | --- | --- | --- | --- |
${samples.map((s) => `| ${s.cycle} | ${s.heapKb} KB | ${s.frameHeapKb} KB | ${s.frames} | ${s.playwrightFrames} | ${s.portsCreated} / ${s.portsClosed} / ${s.openPorts} |`).join('\n')}`;
  const leakLine = (summary: LeakSummary, requests: number): string =>
    `Over ${leakCycles} cycles: host heap ${summary.hostHeapGrowthKb >= 0 ? '+' : ''}${summary.hostHeapGrowthKb} KB (${summary.hostHeapGrowthPerCycleKb} KB per cycle), frame process heap ${summary.frameHeapGrowthKb >= 0 ? '+' : ''}${summary.frameHeapGrowthKb} KB (${summary.frameHeapGrowthPerCycleKb} KB per cycle); live iframes ${summary.framesBefore} → ${summary.framesAfter}; ports: ${summary.portsCreated} created, ${summary.portsClosed} closed, open ${summary.openPortsBefore} → ${summary.openPortsAfter}; ${requests} issuer requests (${round(requests / leakCycles, 2)} per cycle).`;
  const g = (variant: Variant) => growth.find((x) => x.variant === variant)!;
  /** Says where faster-than-linear growth of the time to ready comes from, as far as the floor tells. */
  const readyGrowthReading = (variant: Variant): string => {
    const x = g(variant);
    const name = variant === 'card' ? 'For cards' : 'For groups';
    if (x.readyPerCard50over10 === null || x.readyPerCard50over10 <= 1.2) return '';
    if (x.readyRatio50over10 !== null && x.readyRatio50over10 <= 1.2) return `${name} the growth follows the floor's: it is the browser loading many frames into one renderer process.`;
    return `${name} the growth goes beyond the floor's: the frames' own start-up work (script, config and key-set fetches, key import, ${variant === 'card' ? 'one frame' : `${GROUP_MEMBERS.length} frames`} per card, all in one renderer process) gets slower per frame as more start at once; the marks above are per single card and do not split this further.`;
  };
  // Runs without a config request (it is in the frame's HTML) or a key-set request (another frame of the page fetched it) have no such marks.
  const configReading = (ms: number): string =>
    Number.isNaN(ms) ? 'The config is written into the frame\'s HTML, so the frame reads it without a request' : `The frame's HTML asks the browser to preload its config; the config fetch\n(${ms} ms, requested → received) ends soon after the script arrives`;
  const keySetReading = (ms: number): string =>
    Number.isNaN(ms) ? "the issuer's key set is not on this path: the frame fetches it while idle after \`ready\`" : `the issuer's key set is fetched as soon as the\nconfig is in (${ms} ms)`;
  const linear = (x: number | null): string => (x === null ? 'not measured' : x <= 1.2 ? `${x} (no faster than linear)` : `${x} (faster than linear)`);

  return `# Benchmarks

Produced by \`${results.command}\` on ${results.date.slice(0, 10)}: ${results.machine.os}, ${results.machine.cpus} × ${results.machine.cpu}, ${results.machine.memoryGb} GB, load average ${results.machine.loadAverage.join(' / ')} at the end;
Node ${results.node}, Chromium ${results.chromium} (${results.chromiumPath}), headless, all servers on loopback. Every timing is the median of
${runs} runs (many cards: ${manyRuns} runs), shown beside a floor measured in the same run; this machine is shared, so compare ratios, not
milliseconds. Between measurements the bench waits until the browser is quiet (all its processes together at most ${QUIET_CPU_MS} ms
of CPU in each of two ${QUIET_WINDOW_MS} ms windows): a renderer goes on tearing down 150 removed frames for seconds, and the next
measurement should not share the machine with that. Raw numbers, every run's split included: \`bench/results.json\`.

## Size (min, then compressed; budgets fail \`npm test\`)

| bundle | raw | gzip | brotli | gzip budget |
| --- | --- | --- | --- | --- |
${results.sizes.map((s) => `| ${s.name} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} | ${kb(s.budget ?? 0)} |`).join('\n')}

The wrapper rows are each wrapper's own bytes: \`bench/wrappers/*.ts\` re-exports the whole wrapper and is bundled
and minified with react, react-dom, vue and \`@cardframe/sdk\` left external (so @lit/react counts for React).
The size test bundles them itself, in memory, so it never reads a stale file.

Built but not budgeted (downloaded only when a feature needs them; \`cardframe.mjs\` replaces \`cardframe.js\`, it is not added to it):

| file | raw | gzip | brotli |
| --- | --- | --- | --- |
${results.otherSizes.map((s) => `| ${s.name} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`).join('\n')}

## Time to ready

Element connected → frame ready to reveal (one \`<cardframe-card>\`), against a bare cross-origin iframe whose page posts one message on load.

| | median |
| --- | --- |
| \`<cardframe-card>\` ready | ${results.timeToReady.cardMs} ms |
| floor | ${results.timeToReady.floorMs} ms |
| **ratio** | **${results.timeToReady.ratio}×** (target ≤ 1.15×) |

### Where the time goes

Timing marks, set by a script the bench injects before any page script (the SDK and the frame are measured
as built): on the host page \`performance.mark\` at the SDK's \`createElement('iframe')\`, the iframe's load event,
the \`MessageChannel\` that \`connect\` posts and the first reply on it; in the frame, marks when \`connect\`
and \`configure\` arrive and when \`ready\` is posted, beside the frame's own navigation and resource timing.
Frame times are moved to the host's clock through \`performance.timeOrigin\`. Each row is the median over the
runs of that mark's time since the element was connected; the frame fetches its config while its load event
travels to the host, so rows from the two sides interleave.

| mark | median since connected | step from the row above |
| --- | --- | --- |
${split.map((m) => `| ${m.label} | ${m.medianMs} ms | ${m.stepMs} ms |`).join('\n')}

Reading (medians of ${runs} runs; the ready total above is ${results.timeToReady.cardMs} ms against a ${results.timeToReady.floorMs} ms floor):
the largest steps are ${biggest.map((b) => `"${b.label}" (+${b.stepMs} ms)`).join(', ')}.
The host's own share is small: ${span('cf:connected', 'cf:iframe-created')} ms to create the iframe and ${span('cf:iframe-load', 'cf:connect-posted')} ms from its load event to \`connect\`.
Fetching the frame document and its files takes ${span('cf:iframe-created', 'frame:script-css-received')} ms (iframe created → script and CSS received),
the part the floor also pays, for its much smaller page. ${configReading(span('frame:config-requested', 'frame:config-received'))}; ${keySetReading(span('frame:jwks-requested', 'frame:jwks-received'))},
while the load event goes to the host and \`connect\` comes back (load → connect received:
${span('frame:load-event', 'frame:connect-received')} ms); from \`configure\` to \`ready\` the frame checks the request and renders the masked view: ${span('frame:configure-received', 'frame:ready-sent')} ms.
What the frame adds over the floor is therefore mostly its script (download and start-up), not the host SDK.

${results.groupReady ? groupReadySection(results.groupReady) : ''}${before ? beforeAfterSection(results, before) : ''}## Time to reveal

Host callback resolves (ciphertext in hand) → the frame's \`reveal\` event, sent once the values are rendered. Floor: one message round trip to a cross-origin frame.

| | median |
| --- | --- |
| reveal | ${results.timeToReveal.cardMs} ms (target ≤ 10 ms) |
| floor (message round trip) | ${results.timeToReveal.floorMs} ms |
| **ratio** | **${results.timeToReveal.ratio}×** |
| of which crypto (field open, in-page) | ${round((1000 / (results.crypto['field open (AES-128-GCM)']?.apiOpsPerSec ?? 1)) * 2, 3)} ms for two fields |

${results.boundReveal ? boundRevealSection(results.boundReveal) : ''}${otherEnginesSection(results)}## Crypto overhead (cardframe's API vs jose / WebCrypto directly, same page)

Eleven rounds of 250 ms each way, the two back to back and which goes first alternating; ops/s are the medians of the
rounds, the ratio the median of the rounds' own ratios (so load that changes between rounds cancels out).

| operation | cardframe ops/s | raw ops/s | ratio (target ≥ 0.9) |
| --- | --- | --- | --- |
${Object.entries(results.crypto).map(([k, v]) => `| ${k} | ${v.apiOpsPerSec} | ${v.rawOpsPerSec} | ${v.ratio} |`).join('\n')}

Issuer toolkit in Node (vs raw jose / node:crypto):

| operation | toolkit ops/s | raw ops/s | ratio |
| --- | --- | --- | --- |
${Object.entries(results.issuerNode).map(([k, v]) => `| ${k} | ${v.apiOpsPerSec} | ${v.rawOpsPerSec} | ${v.ratio} |`).join('\n')}

## Many cards

Two ways to show N cards, mounted all at once: one \`<cardframe-card>\` each (pan, expiry and cvc in one frame), or a
\`<cardframe-group>\` each holding \`<cardframe-pan>\`, \`<cardframe-expiry>\` and \`<cardframe-cvc>\` (one frame each, so
three per card). Ready: first append → every frame element ready (or failed: counted below); floor: as many bare
cross-origin iframes as the cards have frames, all loaded. Reveal all: in-frame clicks dispatched in parallel, first
click → last \`cardframe-reveal\`. A card: its Reveal button. A group: every PAN's eye (the card's one issuer request;
the expiry and CVC frames get their values over the group's channel), then, once the PANs show, every expiry and CVC
eye (held values, no request). It includes the host callback's fetch through the merchant backend to the issuer.
Floor: one message round trip to each of the bare frames, in parallel. Issuer requests are counted by the sandbox issuer.

| variant | cards | frames per card | all ready | floor | ready ratio | reveal all | floor | reveal ratio | issuer requests per card | failed frames per run |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${many.map(manyRow).join('\n')}

Requests per page: the merchant page opened in a browser context of its own, that many cards mounted and revealed,
counted at the sandbox issuer from opening the page to the last reveal (the demo page's own frames included; a frame
that misses the SDK's ready timeout on this cold page still loads its keys, and shows no Reveal button to click). Each
frame imports the issuer's keys itself. With \`issuer.keyRefresh.shareAcrossFrames\` (on by default) the frames of one
origin on a page fetch each key set once between them (a SharedWorker of the frame origin asks one to fetch; the others
take its checked copy); where the browser refuses the worker to cross-site frames (third-party storage blocked, as in an
incognito window and in the bench's browser contexts), they share over the frame origin's BroadcastChannel instead;
without \`shareAcrossFrames\`, each frame fetches its own. So key-set fetches are counted twice: on the same page in a
Chromium profile that lets cross-site frames use storage (like a default profile), and in the bench's context (storage
refused).

| variant | cards | frames mounted | issuer card requests per page | key-set fetches per page (default profile) | key-set fetches per page (storage refused) | frames not ready in time |
| --- | --- | --- | --- | --- | --- | --- |
${many.map(pageRow).join('\n')}

Memory per card, after revealing every card and a garbage collection, against the same before mounting (medians of the
runs). JS heap and DOM (Blink's garbage-collected heap) from CDP \`Runtime.getHeapUsage\` in the host page and in one of
the frame origin's frames (every frame of the frame origin shares that renderer process${frameSharesHostProcess ? '; here it shares the host page\'s process too' : ''}); process memory is the
renderer's proportional set size from \`/proc/<pid>/smaps_rollup\`, the renderer found through CDP
\`SystemInfo.getProcessInfo\` (host renderer ${orDash(hostPid)}, frame renderer ${orDash(framePid)}).

| variant | cards | host JS heap | host DOM heap | host process (PSS) | frame process JS heap | frame process DOM heap | frame process (PSS) |
| --- | --- | --- | --- | --- | --- | --- | --- |
${many.map(memRow).join('\n')}

Growth, cost per card at 50 cards over cost per card at 10 (≤ 1.2 read as no faster than linear):

| variant | time to ready | its floor (same frames, bare) | ready ratio against the floor | reveal all | frame process PSS | frame process JS heap | host JS heap |
| --- | --- | --- | --- | --- | --- | --- | --- |
${growth.map((x) => `| ${x.variant === 'card' ? '`<cardframe-card>`' : 'group'} | ${orDash(x.readyPerCard50over10)} | ${orDash(x.floorReadyPerCard50over10)} | ${orDash(x.readyRatio50over10)} | ${orDash(x.revealAllPerCard50over10)} | ${orDash(x.framePssPerCard50over10)} | ${orDash(x.frameJsHeapPerCard50over10)} | ${orDash(x.hostJsHeapPerCard50over10)} |`).join('\n')}

Reading, 10 → 50 cards, cost per card: time to ready ${linear(g('card').readyPerCard50over10)} for cards and ${linear(g('group').readyPerCard50over10)} for groups;
bare iframes in the same numbers grow by ${g('card').floorReadyPerCard50over10} and ${g('group').floorReadyPerCard50over10} per frame, and the ratio against that floor moves by ${g('card').readyRatio50over10}× and ${g('group').readyRatio50over10}×.
${(['card', 'group'] as const).map(readyGrowthReading).filter(Boolean).join(' ')}
Reveal all ${linear(g('card').revealAllPerCard50over10)} and ${linear(g('group').revealAllPerCard50over10)}; frame process memory ${linear(g('card').framePssPerCard50over10)} and ${linear(g('group').framePssPerCard50over10)};
host JS heap ${linear(g('card').hostJsHeapPerCard50over10)} and ${linear(g('group').hostJsHeapPerCard50over10)}. Figures at one card are single differences of a few hundred KB and
are dominated by allocator and GC noise (some are negative); read memory from the 10- and 50-card rows.

## Leaks

### ${leakCycles} mount → reveal → \`remove()\` cycles of one \`<cardframe-card>\`

${leakTable(results.leaks.card.samples)}

${leakLine(results.leaks.card, results.leaks.card.issuerRequests)}

### ${leakCycles} mount → reveal → \`destroy()\` cycles of a \`<cardframe-group>\` of \`<cardframe-pan>\`, \`<cardframe-expiry>\`, \`<cardframe-cvc>\`

Reveal is a click on the PAN's eye (one issuer request for the card; the other two frames receive their values over the group's channel).

${leakTable(results.leaks.group.samples)}

${leakLine(results.leaks.group, results.leaks.group.issuerRequests)}

Live iframes count the demo page's own cardframe elements, which stay. Ports are the host ends of the SDK's \`MessageChannel\`s:
"created" counts channels, "closed" counts \`MessagePort.close()\` calls, so "open" is what the SDK has not closed.
`;
}

/** The group rows measured with no debugger on the frames. */
function unobservedSection(rows: NonNullable<GroupReady['unobserved']>): string {
  return `The same mounts in a second Chromium driven over a bare DevTools pipe (bench/unobserved-page.ts), attached to the
merchant page alone, so no debugger watches the frames, as on a cardholder's machine. Playwright attaches to every
out-of-process iframe (its network, page and runtime domains in each); the difference between the two tables is what
that costs our frames beyond what it costs bare ones. The browser is quiet before each floor and each mount. Time only:
the marks and CPU above need Playwright.

| groups | frames | runs | all ready | floor | ratio | failed frames per run |
| --- | --- | --- | --- | --- | --- | --- |
${rows.map((r) => `| ${r.groups} | ${r.frames} | ${r.runs} | ${r.readyMs} ms | ${r.floorMs} ms | **${r.ratio}×** | ${r.failedPerRun.join(', ')} |`).join('\n')}

`;
}

/** Groups of three field frames: ready against as many bare iframes, and where the time goes for one group and for fifty. */
export function groupReadySection(group: GroupReady): string {
  const cpu = (ms: number | null): string => (ms === null ? '–' : `${ms} ms`);
  const whole = ({ browserCpuMsPerFrame: ours, floorBrowserCpuMsPerFrame: floor }: GroupReady['rows'][number]): string =>
    `${cpu(ours)} | ${cpu(floor)} | ${ours !== null && floor !== null && floor > 0 ? `${round(ours / floor)}×` : '–'}`;
  const rows = group.rows.map((r) => `| ${r.groups} | ${r.frames} | ${r.runs} | ${r.readyMs} ms | ${r.floorMs} ms | **${r.ratio}×** | ${cpu(r.frameCpuMsPerFrame)} | ${cpu(r.hostCpuMsPerFrame)} | ${whole(r)} | ${failedRuns(r.failedPerRun, r.failedCodesPerRun)} |`);
  const split = (row: GroupReady['rows'][number]): string => `### Where the time goes: ${row.groups === 1 ? 'one group' : `${row.groups} groups`} (${row.frames} frames)

| mark | how many | first | median | last |
| --- | --- | --- | --- | --- |
${row.split.map((m) => `| ${m.label} | ${m.count} | ${m.firstMs} ms | ${m.medianMs} ms | ${m.lastMs} ms |`).join('\n')}
`;
  return `### Time to ready of a group

\`<cardframe-group>\`s of \`<cardframe-pan>\`, \`<cardframe-expiry>\` and \`<cardframe-cvc>\` (three frames each), appended at once → every
member ready, against as many bare cross-origin iframes all loaded, measured just before each run. CPU: main-thread
time of the frame origin's renderer (which every frame of that origin shares) and of the host page's, from the append
to the last member ready, per frame (\`/proc/<pid>/task/<pid>/schedstat\`; it does not depend on how busy the machine is).
Whole browser: CPU time of every process of the browser (browser, GPU, network, every renderer, whatever the site;
\`/proc/<pid>/stat\`, a renderer that exited counted through its parent), per frame, from the append to the last member
ready, and for the floor from the append to the last bare iframe loaded. With every process busy, time to ready can be no
shorter than this sum over the machine's cores.

| groups | frames | runs | all ready | floor | ratio | frame renderer CPU per frame | host CPU per frame | whole browser CPU per frame | the floor's | CPU ratio | failed frames per run |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

${group.unobserved?.length ? unobservedSection(group.unobserved) : ''}The same marks as for one card, set for every frame and every frame element (bench/instrument.ts), in ms since the
groups were appended: when the first frame (or element) reached each mark, the median one, and the last (medians over
the runs). A wide first-to-last spread at a step means the frames pass it one after another (they share one renderer
process and its main thread); "how many" counts the frames or elements that reached it.

${group.rows.map(split).join('\n')}
`;
}

/** Time to ready and to reveal in Firefox and WebKit, each against its own floors (issuer response end → reveal there, by resource timing). */
function otherEnginesSection(results: BenchResults): string {
  if (!results.otherEngines?.length) return '';
  const rows = results.otherEngines.map((row) =>
    'error' in row
      ? `| ${row.engine} | ${row.error} | | | | | |`
      : `| ${row.engine} | ${row.ready.cardMs} ms | ${row.ready.floorMs} ms | ${row.ready.ratio}× | ${row.reveal.cardMs} ms | ${row.reveal.floorMs} ms | ${row.reveal.ratio}× |`,
  );
  return `## Other engines

Time to ready (element connected → \`cardframe-ready\`; floor: a bare cross-origin iframe loads and posts once) and to reveal (the host's issuer response ends → \`cardframe-reveal\`; floor: one message round trip), medians, each engine against its own floors (docs/browsers.md).

| engine | ready | floor | ratio | reveal | floor | ratio |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

`;
}

/** The bound reveal (a passkey assertion per reveal) against the plain reveal, both measured in the same run. */
export function boundRevealSection(bound: BoundReveal): string {
  return `## Bound reveal (passkey)

The demo's default issuer binds every reveal to the cardholder: the frame fetches a fresh statement through the host
(\`fetchCard\`, \`GET /card?scope=webauthn\`), has a passkey sign it with the sessionid committed to, and sends the
assertion with the sessionid. Chromium's virtual authenticator (CDP \`WebAuthn.addVirtualAuthenticator\`, presence and
user verification answered at once) stands in for the cardholder, so no human time is in these figures. Both reveals
are timed from the frame's first request to the host (bound: \`fetchCard\`; plain: \`fetchCardData\`) to the
\`cardframe-reveal\` event, through the merchant relay to a sandbox issuer (a bound one and a plain one), alternating,
${bound.runs} runs each in the same run.

| | median |
| --- | --- |
| plain reveal | ${bound.plainMs} ms |
| bound reveal | ${bound.boundMs} ms |
| **ratio** | **${bound.ratio}×** |
| bound step: statement through the relay | ${bound.steps.statementMs} ms |
| bound step: statement in → sessionid sent (challenge hash, passkey assertion) | ${bound.steps.passkeyMs} ms |
| bound step: sessionid sent with the assertion → reveal (issuer checks it) | ${bound.steps.sessionMs} ms |

`;
}

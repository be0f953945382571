import { expect } from '@open-wc/testing';
import type { KeySetShare } from '@cardframe/crypto';
import { broadcastKeySets, type BroadcastKeySetOptions } from '../../src/keys/broadcast-key-sets.ts';
import { sharedKeySets } from '../../src/keys/shared-key-sets.ts';
import { downloads, load, pageChannels, slowPageChannels } from './key-set-downloads.ts';

// Each share stands for one frame with its own BroadcastChannel objects, as each
// frame document has; a channel name per test keeps the tests apart.
const URL_A = 'https://issuer.example/keys/session/jwks.json';
const SET = JSON.stringify({ keys: [{ kid: 'k1' }] });
const NEWER = JSON.stringify({ keys: [{ kid: 'k2' }] });

let channelNames = 0;
/** `count` frames of one page; `channels` opens that page's channels (by default as the browser does). */
function frames(
  count: number,
  options: Omit<BroadcastKeySetOptions, 'openChannel'> = {},
  channels: (page: string) => NonNullable<BroadcastKeySetOptions['openChannel']> = pageChannels,
) {
  const name = `key-sets-test-${Date.now()}-${channelNames++}`;
  const openChannel = channels(name);
  const shares = Array.from({ length: count }, () => broadcastKeySets({ ...options, openChannel }));
  return { answers: `${name}:cardframe-key-sets`, asks: `${name}:cardframe-key-sets-asks`, openChannel, shares };
}


/** Another frame of the page as a test plays it: its end of both channels, closed once `body` settles. */
async function asOtherFrame(page: ReturnType<typeof frames>, body: (frame: { asks: BroadcastChannel; answers: BroadcastChannel }) => Promise<void>): Promise<void> {
  const frame = { asks: new BroadcastChannel(page.asks), answers: new BroadcastChannel(page.answers) };
  try {
    await body(frame);
  } finally {
    frame.asks.close();
    frame.answers.close();
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** Keeps the event loop late on every turn for `ms`, as a renderer mounting many frames does: 300 ms tasks back to back. */
function busyFor(ms: number): Promise<void> {
  const until = performance.now() + ms;
  return new Promise((resolve) => {
    const task = (): void => {
      const end = Math.min(performance.now() + 300, until);
      while (performance.now() < end);
      if (performance.now() < until) setTimeout(task, 0);
      else resolve();
    };
    task();
  });
}
const rejection = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => undefined, (error: unknown) => error);

describe('key sets shared over the frame origin’s BroadcastChannel (no coordinator)', () => {
  it('lets frames that ask at the same moment share one download', async () => {
    const page = frames(6);
    const net = downloads(SET);
    const copies = await Promise.all(page.shares.map((share) => share(URL_A, load(net.download))));
    expect(net.state.calls).to.equal(1);
    expect(copies.map((c) => c.text)).to.deep.equal(Array(6).fill(SET));
    expect(new Set(copies.map((c) => c.fetchedAt)).size).to.equal(1);
  });

  it('lets frames that bid at once share one download where the channel delivers slower than the bid window', async () => {
    const page = frames(3, { electionMs: 50 }, (name) => slowPageChannels(name, 400));
    const net = downloads(SET);
    const copies = await Promise.all(page.shares.map((share) => share(URL_A, load(net.download))));
    expect(net.state.calls).to.equal(1);
    expect(copies.map((c) => c.text)).to.deep.equal(Array(3).fill(SET));
  });

  it('answers a frame that asks later with the copy, dated by its fetch, without waiting out the election', async () => {
    const page = frames(2, { electionMs: 2_000 });
    const net = downloads(SET);
    const first = await page.shares[0]!(URL_A, load(net.download));
    const asked = performance.now();
    const later = await page.shares[1]!(URL_A, load(net.download));
    expect(performance.now() - asked).to.be.below(1_500);
    expect(net.state.calls).to.equal(1);
    expect(later).to.deep.include({ text: SET, fetchedAt: first.fetchedAt });
  });

  it('has a frame that asks while a fetch is under way wait for its copy', async () => {
    const page = frames(2, { electionMs: 50, bidMs: 50 });
    const net = downloads(SET, 600);
    const first = page.shares[0]!(URL_A, load(net.download));
    await sleep(300);
    const second = await page.shares[1]!(URL_A, load(net.download));
    expect(net.state.calls).to.equal(1);
    expect(second.fetchedAt).to.equal((await first).fetchedAt);
  });

  it('hands out its own download under way when told to fetch the same set for all, and starts another only for a newer set', async () => {
    const page = frames(1, { electionMs: 20, bidMs: 20 });
    const frame = page.shares[0]!;
    const net = downloads(SET, 400);
    const own = frame(URL_A, load(net.download));
    while (net.state.calls === 0) await sleep(10);
    const told = downloads(NEWER);
    const forAll = await frame.fetchForAll(URL_A, told.download, Date.now() - 600_000);
    expect(told.state.calls).to.equal(0);
    expect(net.state.calls).to.equal(1);
    expect(forAll).to.deep.equal(await own);
    // A set fetched after that download started is a new download.
    const newer = await frame.fetchForAll(URL_A, told.download, Date.now());
    expect(told.state.calls).to.equal(1);
    expect(newer.text).to.equal(NEWER);
  });

  it('has the frame that fetched a set fetch it again for a frame that needs one fetched after its copy, with no election', async () => {
    // An election would outlast the asker's 5 s wait, and it would then fetch for itself.
    const page = frames(2, { electionMs: 60_000 });
    let served = SET;
    const [netA, netB] = [downloads(() => served), downloads(() => served)];
    const first = await page.shares[0]!(URL_A, load(netA.download));
    await sleep(5);
    served = NEWER;
    const refreshed = await page.shares[1]!(URL_A, load(netB.download, Date.now()));
    expect([netA.state.calls, netB.state.calls]).to.deep.equal([2, 0]);
    expect(refreshed.text).to.equal(NEWER);
    expect(refreshed.fetchedAt).to.be.greaterThan(first.fetchedAt!);
    // Both hold the newer copy now: asked for it again, neither fetches.
    for (const share of page.shares) expect((await share(URL_A, load(netB.download, refreshed.fetchedAt!))).text).to.equal(NEWER);
    expect([netA.state.calls, netB.state.calls]).to.deep.equal([2, 0]);
  });

  it('has the asking frame fetch for itself when the frame that fetched the set fails to fetch it again', async () => {
    const page = frames(2, { electionMs: 60_000 });
    let served: string | Error = SET;
    const netA = downloads(() => served);
    const netB = downloads(NEWER);
    await page.shares[0]!(URL_A, load(netA.download));
    await sleep(5);
    served = new Error('HTTP 503');
    const refreshed = await page.shares[1]!(URL_A, load(netB.download, Date.now()));
    expect([netA.state.calls, netB.state.calls]).to.deep.equal([2, 1]);
    expect(refreshed.text).to.equal(NEWER);
  });

  it('has the waiting frames fetch for themselves when the fetching frame fails', async () => {
    const page = frames(3, { electionMs: 50, bidMs: 50 });
    const failing = downloads(new Error('HTTP 503'), 400);
    const working = downloads(SET);
    const first = page.shares[0]!(URL_A, load(failing.download));
    // Asked once the first frame fetches: its claim answers them.
    await sleep(300);
    const others = page.shares.slice(1).map((share) => share(URL_A, load(working.download)));
    expect(String(await rejection(first))).to.contain('HTTP 503');
    expect((await Promise.all(others)).map((c) => c.text)).to.deep.equal([SET, SET]);
    expect(failing.state.calls).to.equal(1);
  });

  it('does not bid once it heard another asker bid: it waits for that claim', async () => {
    const page = frames(0);
    // The early asker bids at about 100 ms and claims only at about 700; the late one's election ends in between.
    const early = broadcastKeySets({ openChannel: page.openChannel, electionMs: 50, bidMs: 600 });
    const late = broadcastKeySets({ openChannel: page.openChannel, electionMs: 300 });
    const net = downloads(SET);
    await asOtherFrame(page, async ({ answers }) => {
      const bids: unknown[] = [];
      answers.addEventListener('message', (event: MessageEvent<{ kind: string }>) => void (event.data.kind === 'bid' && bids.push(event.data)));
      const copies = await Promise.all([early(URL_A, load(net.download)), late(URL_A, load(net.download))]);
      expect(copies.map((c) => c.text)).to.deep.equal([SET, SET]);
      expect(net.state.calls).to.equal(1);
      expect(bids).to.have.length(1);
    });
  });

  it('fetches itself when an earlier asker never claims the fetch', async () => {
    const page = frames(1, { electionMs: 50, claimWaitMs: 200 });
    const net = downloads(SET);
    // A frame that bid lowest and went away before claiming.
    await asOtherFrame(page, async ({ answers }) => {
      answers.addEventListener('message', (event: MessageEvent<{ kind: string }>) => {
        if (event.data.kind === 'bid') answers.postMessage({ kind: 'bid', url: URL_A, notBefore: 0, ticket: -1 });
      });
      const started = performance.now();
      expect((await page.shares[0]!(URL_A, load(net.download))).text).to.equal(SET);
      expect(net.state.calls).to.equal(1);
      expect(performance.now() - started).to.be.at.least(200);
    });
  });

  it('fetches for itself when its ring stops waiting for a claimed fetch', async () => {
    const page = frames(1, { electionMs: 50 });
    const net = downloads(SET);
    const gaveUp = new AbortController();
    // A frame that claims every fetch and never delivers.
    await asOtherFrame(page, async ({ asks, answers }) => {
      asks.addEventListener('message', (event: MessageEvent<{ kind: string }>) => {
        if (event.data.kind === 'want') answers.postMessage({ kind: 'claim', url: URL_A, startedAt: Date.now() });
      });
      const waiting = page.shares[0]!(URL_A, load(net.download, undefined, gaveUp.signal));
      await sleep(300);
      expect(net.state.calls).to.equal(0);
      gaveUp.abort(new DOMException('timed out', 'TimeoutError'));
      expect((await waiting).text).to.equal(SET);
      expect(net.state.calls).to.equal(1);
    });
  });

  it('ignores malformed messages and a copy dated in the future', async () => {
    const page = frames(1, { electionMs: 50 });
    const net = downloads(SET);
    await asOtherFrame(page, async ({ asks, answers: intruder }) => {
      asks.addEventListener('message', () => {
        for (const bad of [
          { kind: 'want', url: URL_A, notBefore: 'soon' },
          { kind: 'want', url: URL_A, notBefore: 0, ticket: 1 },
        ])
          asks.postMessage(bad);
        for (const bad of [
          'have',
          { kind: 'have', url: URL_A, text: 42, fetchedAt: Date.now() },
          { kind: 'have', url: URL_A, text: SET, fetchedAt: Date.now(), extra: true },
          { kind: 'have', url: URL_A, text: NEWER, fetchedAt: Date.now() + 3_600_000 },
          { kind: 'claim', url: URL_A, startedAt: 'now' },
          { kind: 'bid', url: URL_A, notBefore: 0, ticket: '0' },
          { kind: 'want', url: URL_A, notBefore: 0 },
        ])
          intruder.postMessage(bad);
      });
      expect((await page.shares[0]!(URL_A, load(net.download))).text).to.equal(SET);
      expect(net.state.calls).to.equal(1);
    });
  });

  it('downloads for itself where no channel opens', async () => {
    const net = downloads(SET);
    const shares: KeySetShare[] = [
      broadcastKeySets({ openChannel: () => undefined }),
      broadcastKeySets({
        openChannel: () => {
          throw new DOMException('denied', 'SecurityError');
        },
      }),
    ];
    await Promise.all(shares.map((share) => share(URL_A, load(net.download))));
    expect(net.state.calls).to.equal(2);
  });

  it('closes its channels once it holds no copy of its own to hand out, and askers never hear each other', async () => {
    const page = frames(3);
    const net = downloads(SET);
    // Listening as a holder would: every ask of the three reaches it, and nothing else does.
    const holderAsks = new BroadcastChannel(page.asks);
    const asked: unknown[] = [];
    holderAsks.addEventListener('message', (event) => asked.push(event.data));
    await Promise.all(page.shares.map((share) => share(URL_A, load(net.download))));
    expect(asked.map((m) => (m as { kind: string }).kind)).to.deep.equal(['want', 'want', 'want']);
    holderAsks.close();
    // Only the fetcher's channels stay open, to answer later askers: one answer.
    const listening = new BroadcastChannel(page.answers);
    const heard: unknown[] = [];
    listening.addEventListener('message', (event) => heard.push(event.data));
    const probe = new BroadcastChannel(page.asks);
    probe.postMessage({ kind: 'want', url: URL_A, notBefore: 0 });
    await sleep(200);
    expect(heard.filter((m) => (m as { kind: string }).kind === 'have')).to.have.length(1);
    listening.close();
    probe.close();
  });

  it('waits for a holder that answers only after a busy stretch longer than its election, without fetching', async () => {
    const page = frames(1, { electionMs: 50, electionAtMostMs: 5_000 });
    const net = downloads(SET);
    // A holder whose answer is queued behind other frames' work for a second; meanwhile this frame's loop is busy too.
    await asOtherFrame(page, async ({ asks, answers }) => {
      asks.addEventListener('message', () => {
        void busyFor(1_000).then(() => answers.postMessage({ kind: 'have', url: URL_A, text: SET, fetchedAt: Date.now() }));
      });
      expect((await page.shares[0]!(URL_A, load(net.download))).text).to.equal(SET);
      expect(net.state.calls).to.equal(0);
    });
  });

  it('bids and fetches within its wall-clock bound on a page that stays busy', async () => {
    const page = frames(1, { electionMs: 150, electionAtMostMs: 400, bidAtMostMs: 400 });
    const net = downloads(SET);
    // Other frames of the same renderer keep the loop late on every tick for 5 s.
    const busy = busyFor(5_000);
    const started = performance.now();
    expect((await page.shares[0]!(URL_A, load(net.download, undefined, AbortSignal.timeout(20_000)))).text).to.equal(SET);
    expect(performance.now() - started).to.be.below(3_000);
    expect(net.state.calls).to.equal(1);
    await busy;
  });

  it('is what frames share through where there is no SharedWorker, it fails to start or it never answers', async () => {
    const page = frames(0);
    const channelShare = (): KeySetShare => broadcastKeySets({ openChannel: page.openChannel });
    const net = downloads(SET);
    // No SharedWorker; one that fails to start (a browser refusing the frames storage); one that never answers.
    const shares = [
      sharedKeySets({ openLink: () => undefined, withoutCoordinator: channelShare() }),
      sharedKeySets({ openLink: () => ({ port: new MessageChannel().port1, broken: Promise.resolve() }), withoutCoordinator: channelShare() }),
      sharedKeySets({ openLink: () => ({ port: new MessageChannel().port1 }), firstAnswerMs: 100, withoutCoordinator: channelShare() }),
    ];
    const copies = await Promise.all(shares.map((share) => share(URL_A, load(net.download))));
    expect(copies.map((c) => c.text)).to.deep.equal([SET, SET, SET]);
    expect(net.state.calls).to.equal(1);
  });
});

import { expect } from '@open-wc/testing';
import type { KeySetShare } from '@cardframe/crypto';
import { broadcastKeySets } from '../../src/keys/broadcast-key-sets.ts';
import { KeySetCoordinator } from '../../src/keys/key-set-coordinator.ts';
import { isCoordinatorMessage, isFrameMessage, MAX_TEXT } from '../../src/keys/key-set-messages.ts';
import { sharedKeySets, type KeySetLink } from '../../src/keys/shared-key-sets.ts';
import { downloads, load, pageChannels } from './key-set-downloads.ts';

// Each share stands for one frame with its own port to the coordinator, as each
// frame document has to the SharedWorker; here the coordinator runs on the page.
const URL_A = 'https://issuer.example/keys/session/jwks.json';
const URL_B = 'https://issuer.example/keys/pin/jwks.json';
const SET = JSON.stringify({ keys: [{ kid: 'k1' }] });

/** Holds this renderer's event loop for `ms`, as a page mounting many frames does. */
function starve(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

/** Each frame's share over channels of this page's own (the origin's real names would reach other test files' pages). */
function channelsOf(page: string) {
  return () => broadcastKeySets({ openChannel: pageChannels(page) });
}

function frames(count: number, silenceMs?: number): { shares: KeySetShare[]; ports: MessagePort[]; withoutCoordinator(): KeySetShare; openPort(): MessagePort; close(): void } {
  const coordinator = new KeySetCoordinator(silenceMs === undefined ? {} : { silenceMs });
  const withoutCoordinator = channelsOf(`page-${Math.random()}`);
  const channels: MessageChannel[] = [];
  const openLink = (): KeySetLink => {
    const channel = new MessageChannel();
    coordinator.connect(channel.port2);
    channels.push(channel);
    return { port: channel.port1 };
  };
  const shares = Array.from({ length: count }, () => sharedKeySets({ openLink, withoutCoordinator: withoutCoordinator() }));
  return {
    shares,
    ports: channels.map((c) => c.port1),
    withoutCoordinator,
    // Another frame's port, to talk to the coordinator directly.
    openPort: () => openLink().port as MessagePort,
    close: () => channels.forEach((c) => (c.port1.close(), c.port2.close())),
  };
}


const rejection = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => undefined, (error: unknown) => error);


describe('key sets shared by the frames of one origin', () => {
  it('lets frames that ask at the same moment share one download', async () => {
    const page = frames(6);
    const net = downloads(SET);
    try {
      const copies = await Promise.all(page.shares.map((share) => share(URL_A, load(net.download))));
      expect(net.state.calls).to.equal(1);
      expect(copies.map((c) => c.text)).to.deep.equal(Array(6).fill(SET));
    } finally {
      page.close();
    }
  });

  it('answers a frame that asks later with the copy, dated by its fetch', async () => {
    const page = frames(2);
    const net = downloads(SET);
    try {
      const first = await page.shares[0]!(URL_A, load(net.download));
      const later = await page.shares[1]!(URL_A, load(net.download));
      expect(net.state.calls).to.equal(1);
      expect(later.text).to.equal(SET);
      expect(later.fetchedAt).to.be.a('number').and.to.equal(first.fetchedAt);
    } finally {
      page.close();
    }
  });

  it('fetches again for a frame that needs a set fetched after a rejection, not the older copy', async () => {
    const page = frames(2);
    const net = downloads(SET);
    try {
      const first = await page.shares[0]!(URL_A, load(net.download));
      await new Promise((resolve) => setTimeout(resolve, 5));
      const refreshed = await page.shares[1]!(URL_A, load(net.download, Date.now()));
      expect(net.state.calls).to.equal(2);
      expect(refreshed.text).to.equal(SET);
      expect(refreshed.fetchedAt).to.be.greaterThan(first.fetchedAt!);
    } finally {
      page.close();
    }
  });

  it('serves waiters that accept the copy under way and has the one that needs a later set fetch next', async () => {
    const page = frames(3);
    const net = downloads(SET, 60);
    try {
      const first = page.shares[0]!(URL_A, load(net.download));
      await new Promise((resolve) => setTimeout(resolve, 20));
      // Asked while the first fetch is under way: one accepts it, one needs a set fetched after now.
      const [accepting, needsNewer] = await Promise.all([page.shares[1]!(URL_A, load(net.download)), page.shares[2]!(URL_A, load(net.download, Date.now()))]);
      expect(accepting.fetchedAt).to.equal((await first).fetchedAt);
      expect(needsNewer.fetchedAt).to.be.greaterThan(accepting.fetchedAt!);
      expect(net.state.calls).to.equal(2);
    } finally {
      page.close();
    }
  });

  it('hands the fetch to the next waiting frame when the fetching frame fails', async () => {
    const page = frames(3);
    const failing = downloads(new Error('HTTP 503'));
    const working = downloads(SET);
    try {
      const first = page.shares[0]!(URL_A, load(failing.download));
      await new Promise((resolve) => setTimeout(resolve, 5));
      const others = page.shares.slice(1).map((share) => share(URL_A, load(working.download)));
      expect(String(await rejection(first))).to.contain('HTTP 503');
      expect((await Promise.all(others)).map((c) => c.text)).to.deep.equal([SET, SET]);
      expect([failing.state.calls, working.state.calls]).to.deep.equal([1, 1]);
    } finally {
      page.close();
    }
  });

  it('hands the fetch to the next waiting frame when the fetching frame goes silent', async () => {
    const page = frames(3, 100);
    const silent = { calls: 0 };
    const net = downloads(SET);
    try {
      // A frame removed mid-fetch: its download never settles and its port says nothing more.
      void page.shares[0]!(URL_A, load(() => (silent.calls++, new Promise<string>(() => undefined)), undefined, new AbortController().signal));
      await new Promise((resolve) => setTimeout(resolve, 5));
      const copies = await Promise.all(page.shares.slice(1).map((share) => share(URL_A, load(net.download))));
      expect(copies.map((c) => c.text)).to.deep.equal([SET, SET]);
      expect([silent.calls, net.state.calls]).to.deep.equal([1, 1]);
    } finally {
      page.close();
    }
  });

  it('fetches for itself when its ring stops waiting, and the coordinator no longer counts it', async () => {
    const page = frames(3, 60_000);
    const net = downloads(SET, 200);
    try {
      const first = page.shares[0]!(URL_A, load(net.download));
      await new Promise((resolve) => setTimeout(resolve, 5));
      const gaveUp = new AbortController();
      const waiting = page.shares[1]!(URL_A, load(net.download, undefined, gaveUp.signal));
      gaveUp.abort(new DOMException('timed out', 'TimeoutError'));
      expect((await waiting).text).to.equal(SET);
      expect(net.state.calls).to.equal(2);
      // The third frame takes the first frame's copy: the one that stopped waiting was never asked to fetch for the queue.
      expect((await page.shares[2]!(URL_A, load(net.download))).text).to.equal(SET);
      expect((await first).text).to.equal(SET);
      expect(net.state.calls).to.equal(2);
    } finally {
      page.close();
    }
  });

  it('hands the download the coordinator asked for to a frame of the page whose coordinator never answered', async () => {
    const page = frames(1);
    const net = downloads(SET, 600);
    // A frame of the same page whose worker was too slow to answer first: it shares over the channels instead.
    const silent = new MessageChannel();
    const late = sharedKeySets({ openLink: () => ({ port: silent.port1 }), firstAnswerMs: 100, withoutCoordinator: page.withoutCoordinator() });
    try {
      const first = page.shares[0]!(URL_A, load(net.download));
      await new Promise((resolve) => setTimeout(resolve, 20));
      const copy = await late(URL_A, load(net.download));
      expect(copy.text).to.equal(SET);
      expect(copy.fetchedAt).to.equal((await first).fetchedAt);
      expect(net.state.calls).to.equal(1);
    } finally {
      silent.port1.close();
      page.close();
    }
  });

  it('keeps waiting for the first answer through a stretch in which the page was starved', async () => {
    // A coordinator that answers only after this renderer was held twice for longer than the first-answer bound.
    const channel = new MessageChannel();
    channel.port2.addEventListener('message', (event: MessageEvent<{ id: number }>) => {
      starve(300);
      setTimeout(() => {
        starve(300);
        channel.port2.postMessage({ kind: 'have', id: event.data.id, text: SET, fetchedAt: Date.now() });
      }, 0);
    });
    channel.port2.start();
    const net = downloads(SET);
    const share = sharedKeySets({ openLink: () => ({ port: channel.port1 }), firstAnswerMs: 150 });
    try {
      expect((await share(URL_A, load(net.download))).text).to.equal(SET);
      expect(net.state.calls).to.equal(0);
    } finally {
      channel.port1.close();
    }
  });

  it('does not hand the fetch over while other frames are heard from: a silent fetcher may be queued behind them', async () => {
    const page = frames(2, 300);
    const net = downloads(SET, 900);
    // A third frame of the page keeps talking to the coordinator (about another set) while the fetch takes three silence bounds.
    const third = page.openPort();
    const talk = setInterval(() => third.postMessage({ kind: 'cancel', id: 1_000, url: URL_B }), 20);
    try {
      const first = page.shares[0]!(URL_A, load(net.download));
      await new Promise((resolve) => setTimeout(resolve, 5));
      const second = await page.shares[1]!(URL_A, load(net.download));
      expect(second.text).to.equal(SET);
      expect(second.fetchedAt).to.equal((await first).fetchedAt);
      expect(net.state.calls).to.equal(1);
    } finally {
      clearInterval(talk);
      page.close();
    }
  });

  it('ignores malformed messages on its port, in both directions', async () => {
    const page = frames(1);
    const net = downloads(SET);
    try {
      // A port of the coordinator's that sends it garbage gets no answer and changes nothing.
      const intruder = new MessageChannel();
      const answers: unknown[] = [];
      intruder.port1.addEventListener('message', (event) => answers.push(event.data));
      intruder.port1.start();
      new KeySetCoordinator().connect(intruder.port2);
      for (const bad of ['want', 42, { kind: 'want', id: -1, url: URL_A, notBefore: 0 }, { kind: 'want', id: 1, url: URL_A, notBefore: 'now' }, { kind: 'fetched', id: 1, url: URL_A, text: 'x'.repeat(MAX_TEXT + 1), fetchedAt: 1 }])
        intruder.port1.postMessage(bad);
      // A coordinator answering nonsense leaves the frame to fetch for itself.
      const nonsense = new MessageChannel();
      nonsense.port2.addEventListener('message', () => {
        nonsense.port2.postMessage({ kind: 'have', id: 0, text: 42, fetchedAt: Date.now() });
        nonsense.port2.postMessage({ kind: 'have', id: 0, text: SET, fetchedAt: Date.now(), extra: true });
        nonsense.port2.postMessage({ kind: 'fetch', id: '0' });
      });
      nonsense.port2.start();
      const share = sharedKeySets({ openLink: () => ({ port: nonsense.port1 }), firstAnswerMs: 100, withoutCoordinator: async (_url, { download }) => ({ text: await download() }) });
      expect((await share(URL_A, load(net.download))).text).to.equal(SET);
      expect(net.state.calls).to.equal(1);
      expect((await page.shares[0]!(URL_A, load(net.download))).text).to.equal(SET);
      expect(answers).to.deep.equal([]);
      intruder.port1.close();
      nonsense.port1.close();
    } finally {
      page.close();
    }
  });

  it('checks message shapes: known kinds and fields only, ids, times and size caps', () => {
    expect(isFrameMessage({ kind: 'want', id: 0, url: URL_A, notBefore: 0 })).to.equal(true);
    expect(isFrameMessage({ kind: 'want', id: 0, url: URL_A, notBefore: 0, text: SET })).to.equal(false);
    expect(isFrameMessage({ kind: 'fetched', id: 0, url: URL_A, text: 'x'.repeat(MAX_TEXT), fetchedAt: 1 })).to.equal(true);
    expect(isFrameMessage({ kind: 'fetched', id: 0, url: URL_A, text: 'x'.repeat(MAX_TEXT + 1), fetchedAt: 1 })).to.equal(false);
    expect(isFrameMessage({ kind: 'failed', id: 0.5, url: URL_A })).to.equal(false);
    expect(isFrameMessage({ kind: 'cancel', id: 0, url: 'x'.repeat(2049) })).to.equal(false);
    expect(isCoordinatorMessage({ kind: 'have', id: 3, text: SET, fetchedAt: Number.NaN })).to.equal(false);
    expect(isCoordinatorMessage({ kind: 'queued', id: 3 })).to.equal(true);
    expect(isCoordinatorMessage({ kind: 'elect', id: 3 })).to.equal(false);
  });

  it('downloads in each frame where there is no coordinator, it fails to start, or it never answers', async () => {
    const net = downloads(SET);
    const silent = new MessageChannel();
    // Without a coordinator, as without a channel to the other frames either.
    const alone: KeySetShare = async (_url, { download }) => ({ text: await download() });
    const shares = [
      sharedKeySets({ openLink: () => undefined, withoutCoordinator: alone }),
      sharedKeySets({
        openLink: () => {
          throw new DOMException('denied', 'SecurityError');
        },
        withoutCoordinator: alone,
      }),
      sharedKeySets({ openLink: () => ({ port: new MessageChannel().port1, broken: Promise.resolve() }), firstAnswerMs: 60_000, withoutCoordinator: alone }),
      sharedKeySets({ openLink: () => ({ port: silent.port1 }), firstAnswerMs: 100, withoutCoordinator: alone }),
    ];
    await Promise.all(shares.map((share) => share(URL_A, load(net.download))));
    expect(net.state.calls).to.equal(4);
    silent.port1.close();
  });

  it('shares one download between frames through the real SharedWorker script', async function () {
    if (typeof SharedWorker !== 'function') this.skip();
    // A name of its own, so no other test file's worker answers.
    const name = `key-sets-test-${Math.random()}`;
    const openLink = (): KeySetLink => {
      const worker = new SharedWorker(new URL('../../src/keys/share-worker.ts', import.meta.url), { name, type: 'module' });
      return { port: worker.port, broken: new Promise((resolve) => worker.addEventListener('error', resolve)) };
    };
    const net = downloads(SET);
    const withoutCoordinator = channelsOf(name);
    const shares = Array.from({ length: 4 }, () => sharedKeySets({ openLink, withoutCoordinator: withoutCoordinator() }));
    const copies = await Promise.all(shares.map((share) => share(URL_A, load(net.download))));
    expect(copies.map((c) => c.text)).to.deep.equal(Array(4).fill(SET));
    expect(net.state.calls).to.equal(1);
  });
});

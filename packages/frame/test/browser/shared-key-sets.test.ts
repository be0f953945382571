import { expect } from '@open-wc/testing';
import type { KeySetShare } from '@cardframe/crypto';
import { sharedKeySets } from '../../src/keys/shared-key-sets.ts';

// Each share stands for one frame: its own BroadcastChannel objects, as each frame document has.
const URL_A = 'https://issuer.example/keys/session/jwks.json';
const SET = JSON.stringify({ keys: [{ kid: 'k1' }] });

function frames(count: number): { shares: KeySetShare[]; close(): void } {
  const channels: BroadcastChannel[] = [];
  const openChannel = () => {
    const channel = new BroadcastChannel('cardframe-key-sets');
    channels.push(channel);
    return channel;
  };
  return { shares: Array.from({ length: count }, () => sharedKeySets({ openChannel })), close: () => channels.forEach((c) => c.close()) };
}

function downloads(text: string | Error = SET, ms = 30) {
  const state = { calls: 0 };
  const download = async (): Promise<string> => {
    state.calls++;
    await new Promise((resolve) => setTimeout(resolve, ms));
    if (text instanceof Error) throw text;
    return text;
  };
  return { state, download };
}

const load = (download: () => Promise<string>, notBefore = Date.now() - 600_000) => ({ notBefore, signal: AbortSignal.timeout(5_000), download });

describe('key sets shared by the frames of one origin', () => {
  it('lets frames that ask at the same moment share one download', async () => {
    const page = frames(6);
    const net = downloads();
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
    const net = downloads();
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
    const net = downloads();
    try {
      await page.shares[0]!(URL_A, load(net.download));
      await new Promise((resolve) => setTimeout(resolve, 5));
      const refreshed = await page.shares[1]!(URL_A, load(net.download, Date.now()));
      expect(net.state.calls).to.equal(2);
      expect(refreshed.text).to.equal(SET);
    } finally {
      page.close();
    }
  });

  it('has the waiting frames fetch for themselves when the fetching frame fails', async () => {
    const page = frames(3);
    const failing = downloads(new Error('HTTP 503'));
    const working = downloads();
    try {
      const results = await Promise.allSettled(page.shares.map((share, i) => share(URL_A, load(i === 0 ? failing.download : working.download))));
      expect(failing.state.calls + working.state.calls).to.be.at.least(1);
      // Whoever failed reports it; every frame that did not fail got a set.
      for (const [i, result] of results.entries()) {
        if (result.status === 'fulfilled') expect(result.value.text).to.equal(SET);
        else expect(i === 0 && failing.state.calls === 1).to.equal(true);
      }
      expect(results.filter((r) => r.status === 'fulfilled').length).to.be.at.least(2);
    } finally {
      page.close();
    }
  });

  it('ignores malformed messages on the channel', async () => {
    const page = frames(1);
    const intruder = new BroadcastChannel('cardframe-key-sets');
    const net = downloads();
    try {
      const pending = page.shares[0]!(URL_A, load(net.download));
      intruder.postMessage({ kind: 'have', url: URL_A, text: 42, fetchedAt: Date.now() });
      intruder.postMessage({ kind: 'fetching', url: URL_A, id: 'x'.repeat(100), startedAt: Date.now() });
      intruder.postMessage('have');
      expect((await pending).text).to.equal(SET);
      expect(net.state.calls).to.equal(1);
    } finally {
      intruder.close();
      page.close();
    }
  });

  it('downloads in each frame where there is no channel', async () => {
    const net = downloads();
    const shares = [sharedKeySets({ openChannel: () => undefined }), sharedKeySets({ openChannel: () => undefined })];
    await Promise.all(shares.map((share) => share(URL_A, load(net.download))));
    expect(net.state.calls).to.equal(2);
  });
});

import { expect, fixture, oneEvent } from '@open-wc/testing';
import '../../src/index.ts';
import type { FrameElement } from '../../src/index.ts';
import { BLANK, connectFake, connectRefusing, iframeOf, loaded, rejectionCode } from './fake-frame.ts';

// The ready timeout follows the frame's progress: the iframe's load and each
// milestone the frame reports start the wait again, time this page was too
// busy to run its timers is not the frame's silence, and a frame that stays
// silent is mounted once more before the element fails.

interface Watched {
  readonly el: FrameElement;
  /** Every iframe the element has mounted so far, in order. */
  readonly iframes: HTMLIFrameElement[];
  readonly errors: string[];
  readonly readies: number;
}

/**
 * Mounts `<cardframe-pan>` at a URL of its own and records its iframes and
 * events; `onIframe` sees each iframe as it is put in (a microtask after, so
 * before it can load).
 */
async function watched(readyTimeout: number, onIframe?: (el: FrameElement, index: number) => void): Promise<Watched> {
  const holder = await fixture<HTMLDivElement>('<div></div>');
  const el = document.createElement('cardframe-pan');
  el.readyTimeout = readyTimeout;
  const iframes: HTMLIFrameElement[] = [];
  const errors: string[] = [];
  const state = { el, iframes, errors, readies: 0 };
  el.addEventListener('cardframe-error', (event) => errors.push(event.detail.code));
  el.addEventListener('cardframe-ready', () => state.readies++);
  el.frameUrl = `${BLANK}?${crypto.randomUUID()}`;
  holder.append(el);
  await el.updateComplete;
  const record = (): void => {
    for (const iframe of el.shadowRoot!.querySelectorAll('iframe')) {
      if (iframes.includes(iframe)) continue;
      iframes.push(iframe);
      onIframe?.(el, iframes.length - 1);
    }
  };
  record();
  new MutationObserver(record).observe(el.shadowRoot!, { childList: true });
  return state;
}

/** Resolves once `check()` holds; the test's own timeout bounds the wait. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Keeps this page's event loop busy for `ms`: a long task, as a busy host page runs. */
function block(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // Busy: no task, timer or message runs meanwhile.
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ready timeout that follows progress', () => {
  it('keeps one timer for every element waiting on its frame, not one each: a page mounting many cards is not given a task per element per tick', async () => {
    const waiting = await Promise.all(Array.from({ length: 20 }, () => watched(15_000)));
    const setTimer = window.setTimeout;
    let ticks = 0;
    // The silence watch ticks every 250 ms at the default timeout; count the timers set with that delay.
    window.setTimeout = ((handler: TimerHandler, delay?: number, ...args: unknown[]) => {
      if (delay === 250) ticks++;
      return setTimer(handler, delay, ...args);
    }) as typeof window.setTimeout;
    try {
      // A busy machine or a page the browser throttles runs its timers late: wait for at least one tick, not for a number of them.
      await pause(1100);
      await until(() => ticks > 0);
    } finally {
      window.setTimeout = setTimer;
    }
    // Four or five ticks in 1.1 s for all twenty, fewer when timers run late; a timer each would set twenty in every tick.
    expect(ticks).to.be.within(1, 9);
    for (const state of waiting) {
      expect(state.errors).to.deep.equal([]);
      state.el.destroy();
    }
  });

  it('waits past ready-timeout for a frame that keeps reporting milestones, and fires cardframe-ready once', async () => {
    const state = await watched(10_000);
    const frame = await connectFake(state.el, { readyTimeout: 300 });
    await frame.configured;
    // Four times the ready timeout in all, never more than half of it without a milestone.
    for (let i = 0; i < 8; i++) {
      await pause(150);
      frame.emit('progress', { stage: 'loading' });
    }
    frame.ready(['pan']);
    expect(await state.el.whenReady()).to.deep.equal(['pan']);
    await pause(400);
    expect(state.errors).to.deep.equal([]);
    expect(state.readies).to.equal(1);
    expect(state.iframes).to.have.length(1);
  });

  it('counts any other message from the frame before ready (its resize as it connects) as progress too', async () => {
    const state = await watched(10_000);
    const frame = await connectFake(state.el, { readyTimeout: 300 });
    await frame.configured;
    for (let i = 0; i < 8; i++) {
      await pause(150);
      frame.emit('resize', { height: 40 + i });
    }
    frame.ready(['pan']);
    expect(await state.el.whenReady()).to.deep.equal(['pan']);
    expect(state.errors).to.deep.equal([]);
    expect(state.iframes).to.have.length(1);
  });

  it('waits for a silent frame while another frame of its origin makes progress, and retries it once they are all quiet', async () => {
    const busy = await watched(10_000);
    const silent = await watched(10_000);
    const frame = await connectFake(busy.el, { readyTimeout: 300 });
    await frame.configured;
    // The silent frame's load once more, with the short timeout from there on: its real load had all the time it needed.
    silent.el.readyTimeout = 300;
    const silentIframe = await iframeOf(silent.el);
    await loaded(silentIframe);
    silentIframe.dispatchEvent(new Event('load'));
    // Frames of one origin share a renderer: while one is heard from, the other is queued, not gone.
    for (let i = 0; i < 8; i++) {
      await pause(150);
      frame.emit('progress', { stage: 'loading' });
    }
    expect(silent.iframes).to.have.length(1);
    expect(silent.errors).to.deep.equal([]);
    frame.ready(['pan']);
    expect(await busy.el.whenReady()).to.deep.equal(['pan']);
    expect(await rejectionCode(silent.el.whenReady())).to.equal('ERR_FRAME_TIMEOUT');
    expect(silent.iframes).to.have.length(2);
    expect(silent.errors).to.deep.equal(['ERR_FRAME_TIMEOUT']);
  });

  it('counts another frame of its origin loading as progress, and retries once no frame has loaded or spoken for ready-timeout', async () => {
    const silent = await watched(800);
    const others: Watched[] = [];
    // Frames keep loading for two and a half ready timeouts, as a page's many frames load one after another in one renderer.
    const started = performance.now();
    while (performance.now() - started < 2000) {
      const other = await watched(60_000);
      await loaded(await iframeOf(other.el));
      others.push(other);
      await pause(100);
    }
    expect(silent.iframes).to.have.length(1);
    expect(silent.errors).to.deep.equal([]);
    await until(() => silent.iframes.length === 2);
    for (const other of others) other.el.destroy();
    silent.el.destroy();
  });

  it('does not count time this page was blocked as the frame\'s silence', async () => {
    const state = await watched(10_000);
    const frame = await connectFake(state.el, { readyTimeout: 400 });
    await frame.configured;
    // Three long tasks of nearly four ready timeouts each, with only a moment between them.
    for (let i = 0; i < 3; i++) {
      block(1500);
      await pause(30);
    }
    frame.ready(['pan']);
    expect(await state.el.whenReady()).to.deep.equal(['pan']);
    expect(state.errors).to.deep.equal([]);
    expect(state.iframes).to.have.length(1);
  });

  it('refuses a malformed milestone with ERR_BAD_MESSAGE and does not count it as progress', async () => {
    const state = await watched(10_000);
    const frame = await connectFake(state.el, { readyTimeout: 300 });
    const failed = rejectionCode(state.el.whenReady());
    const first = state.iframes[0];
    // A frame that only ever says something malformed is a silent frame.
    const chatter = setInterval(() => frame.emit('progress', { stage: 'loading', fields: ['pan'] }), 50);
    try {
      await until(() => state.iframes.length === 2);
    } finally {
      clearInterval(chatter);
    }
    expect(first!.isConnected).to.equal(false);
    expect(state.errors.length).to.be.greaterThan(0);
    expect(new Set(state.errors)).to.deep.equal(new Set(['ERR_BAD_MESSAGE']));
    expect(await failed).to.equal('ERR_FRAME_TIMEOUT');
  });

  it('mounts a frame that never answers once more in a fresh iframe, then fails once with ERR_FRAME_TIMEOUT', async () => {
    const state = await watched(200);
    const error = oneEvent(state.el, 'cardframe-error');
    expect(await rejectionCode(state.el.whenReady())).to.equal('ERR_FRAME_TIMEOUT');
    expect((await error).detail).to.include({ code: 'ERR_FRAME_TIMEOUT' });
    // Nothing more comes: no third iframe, no second error.
    await pause(800);
    expect(state.errors).to.deep.equal(['ERR_FRAME_TIMEOUT']);
    expect(state.readies).to.equal(0);
    expect(state.iframes).to.have.length(2);
    const [first, second] = state.iframes;
    expect(first!.isConnected).to.equal(false);
    expect(second!.isConnected).to.equal(true);
    expect(second!.getAttribute('sandbox')).to.equal('allow-scripts allow-same-origin');
    expect(second!.src).to.equal(state.el.frameUrl);
    // Each iframe navigated to the frame once: two requests for the page in all.
    const navigations = performance.getEntriesByName(state.el.frameUrl!).filter((entry) => (entry as PerformanceResourceTiming).initiatorType === 'iframe');
    expect(navigations).to.have.length(2);
  });

  it('reports ERR_FRAME_TIMEOUT once even when its iframe loads after the element gave up and then stays silent', async () => {
    const state = await watched(200);
    expect(await rejectionCode(state.el.whenReady())).to.equal('ERR_FRAME_TIMEOUT');
    const iframe = await iframeOf(state.el);
    await loaded(iframe);
    // The load heard only now, as when the frames' renderer was too busy to finish it within ready-timeout.
    iframe.dispatchEvent(new Event('load'));
    await pause(800);
    expect(state.errors).to.deep.equal(['ERR_FRAME_TIMEOUT']);
    expect(await rejectionCode(state.el.whenReady())).to.equal('ERR_FRAME_TIMEOUT');
    expect(state.iframes).to.have.length(2);
  });

  it('still becomes ready when its iframe loads after the element gave up and the frame then answers', async () => {
    const state = await watched(200);
    expect(await rejectionCode(state.el.whenReady())).to.equal('ERR_FRAME_TIMEOUT');
    state.el.readyTimeout = 10_000;
    const frame = await connectFake(state.el);
    await frame.configured;
    frame.ready(['pan']);
    expect(await state.el.whenReady()).to.deep.equal(['pan']);
    expect(state.errors).to.deep.equal(['ERR_FRAME_TIMEOUT']);
    expect(state.readies).to.equal(1);
  });

  it('when the retry answers, fires cardframe-ready once and no cardframe-error', async () => {
    // The fresh iframe reads the timeout when it loads, so it is raised as that iframe goes in (a poll could
    // see it only after a busy page let it load): the fake frame below gets all the time it needs.
    const state = await watched(200, (el, index) => {
      if (index === 1) el.readyTimeout = 10_000;
    });
    const early = state.el.whenReady();
    await until(() => state.iframes.length === 2);
    expect(await iframeOf(state.el)).to.equal(state.iframes[1]);
    const frame = await connectFake(state.el);
    await frame.configured;
    frame.ready(['pan']);
    expect(await early).to.deep.equal(['pan']);
    await pause(300);
    expect(state.errors).to.deep.equal([]);
    expect(state.readies).to.equal(1);
    expect(state.iframes).to.have.length(2);
  });

  // The issuer's keys (their fetch timed out on a busy device) or a file of the frame's own code.
  for (const [code, what] of [['ERR_KEY_NOT_FOUND', "the issuer's keys"], ['ERR_FRAME_LOAD', 'a file of its own code']] as const) {
    it(`mounts a frame that could not load ${what} (${code}) once more, and reports nothing when the retry becomes ready`, async () => {
      const state = await watched(10_000);
      const early = state.el.whenReady();
      await connectRefusing(state.el, code);
      await until(() => state.iframes.length === 2);
      const frame = await connectFake(state.el);
      await frame.configured;
      frame.ready(['pan']);
      expect(await early).to.deep.equal(['pan']);
      expect(state.errors).to.deep.equal([]);
      expect(state.readies).to.equal(1);
    });

    it(`reports ${code} once when the retry cannot load ${what} either`, async () => {
      const state = await watched(10_000);
      const failed = rejectionCode(state.el.whenReady());
      await connectRefusing(state.el, code);
      await until(() => state.iframes.length === 2);
      await connectRefusing(state.el, code);
      expect(await failed).to.equal(code);
      await pause(300);
      expect(state.errors).to.deep.equal([code]);
      expect(state.iframes).to.have.length(2);
    });
  }

  it('does not retry a configure the frame refuses for what the host asked (ERR_NOT_ALLOWED)', async () => {
    const state = await watched(10_000);
    const failed = rejectionCode(state.el.whenReady());
    await connectRefusing(state.el, 'ERR_NOT_ALLOWED');
    expect(await failed).to.equal('ERR_NOT_ALLOWED');
    await pause(300);
    expect(state.errors).to.deep.equal(['ERR_NOT_ALLOWED']);
    expect(state.iframes).to.have.length(1);
  });
});

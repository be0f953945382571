// The kit's own modules, not its index: that loads Playwright's test runner.
import { secretPattern } from '../../packages/testing/src/values.ts';
import { installPageSpy, type MessageRecord } from '../../packages/testing/src/page-spy.ts';
import { snapshotDom } from '../../packages/testing/src/dom-snapshot.ts';
import { RECORDED_EVENTS, SPY_API } from '../../packages/testing/src/host-watch.ts';
import type { EngineDriver } from './driver.ts';

const RECORD = '__cardframeEnginesRecord';
const SEEN = '__cardframeEnginesSeen';

/**
 * @cardframe/testing's page spy, as a script for drivers without
 * Playwright's bindings: it records into an array the test reads back.
 */
export const PAGE_SPY_SOURCE = `(() => {
  const seen = (window[${JSON.stringify(SEEN)}] ??= []);
  window[${JSON.stringify(RECORD)}] = (record) => { seen.push(record); return Promise.resolve(); };
  (${installPageSpy.toString()})(${JSON.stringify({ binding: RECORD, api: SPY_API, events: RECORDED_EVENTS })});
})();`;

/** Everything the host page had, as text: what the spy recorded, its DOM (shadow roots included), URL and storage, and its console. */
export async function hostTexts(driver: EngineDriver, consoleLines: readonly string[]): Promise<{ where: string; text: string }[]> {
  const messages = await driver.host((name: string) => ((window as unknown as Record<string, MessageRecord[]>)[name] ?? []).map((m) => ({ where: m.kind, text: m.text })), SEEN);
  const dom = await driver.host(snapshotDom);
  return [...messages, ...dom.map(({ where, text }) => ({ where: `host DOM ${where}`, text })), ...consoleLines.map((text) => ({ where: 'console', text }))];
}

/** Fails, naming the place, if the host had any of `values` in any form `secretPattern` knows. */
export async function expectHostNeverSaw(driver: EngineDriver, consoleLines: readonly string[], values: readonly string[]): Promise<{ where: string; text: string }[]> {
  const texts = await hostTexts(driver, consoleLines);
  for (const value of values) {
    const pattern = secretPattern(value);
    const seen = texts.find(({ text }) => pattern.test(text));
    if (seen) throw new Error(`card data "${pattern.label}" seen in ${seen.where}`);
  }
  return texts;
}

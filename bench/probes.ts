// Memory and process probes: JS and DOM heaps through CDP, and each
// renderer's proportional set size and CPU time from /proc.
import { readdirSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext, CDPSession, Frame, Page } from '@playwright/test';

interface HeapUsage {
  usedSize: number;
  embedderHeapUsedSize?: number;
}

/** Heaps of the host page and of the frame origin's renderer, and both renderers' PSS (bytes). */
export interface Memory {
  hostJs: number;
  hostDom: number;
  frameJs: number;
  frameDom: number;
  hostPss: number | undefined;
  framePss: number | undefined;
}

/** What the probes found once, and the one measurement they repeat. */
export interface Probes {
  /** The browser's own process, the root of every process it starts. */
  readonly browserPid: number | undefined;
  readonly hostPid: number | undefined;
  readonly framePid: number | undefined;
  readonly frameSharesHostProcess: boolean;
  /** Heaps after a garbage collection, and process memory, now. */
  memory(): Promise<Memory>;
}

async function heapOf(session: CDPSession): Promise<{ js: number; dom: number }> {
  await session.send('HeapProfiler.collectGarbage');
  const usage = (await session.send('Runtime.getHeapUsage')) as HeapUsage;
  return { js: usage.usedSize, dom: usage.embedderHeapUsedSize ?? 0 };
}

// With site isolation the frames (127.0.0.1) run in a renderer process of
// their own, shared by every frame of that site, apart from the host page
// (localhost). Chromium does not say which renderer is which, so each is
// found by keeping it busy for a moment and seeing whose CPU time moves.
async function rendererCpu(browserCdp: CDPSession): Promise<Map<number, number>> {
  const { processInfo } = (await browserCdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number; cpuTime: number }[] };
  return new Map(processInfo.filter((p) => p.type === 'renderer').map((p) => [p.id, p.cpuTime]));
}

async function rendererOf(browserCdp: CDPSession, target: Page | Frame): Promise<number | undefined> {
  const before = await rendererCpu(browserCdp);
  await target.evaluate(() => {
    const start = performance.now();
    while (performance.now() - start < 800);
  });
  const after = await rendererCpu(browserCdp);
  let best: [number, number] | undefined;
  for (const [pid, cpu] of after) {
    const used = cpu - (before.get(pid) ?? cpu);
    if (!best || used > best[1]) best = [pid, used];
  }
  return best && best[1] > 0.2 ? best[0] : undefined;
}

/** Proportional set size of a process in bytes (Linux), or undefined. */
export function pss(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const kb = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/**
 * CPU time a process's main thread has run, in ms (Linux schedstat, in ns),
 * or undefined. Every frame of one site shares its renderer's main thread, so
 * this is their work, whatever else the machine is doing at the time.
 */
export function mainThreadCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const ns = Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]);
    return Number.isFinite(ns) ? ns / 1e6 : undefined;
  } catch {
    return undefined;
  }
}

// USER_HZ: the unit of /proc's CPU times, 100 on every Linux architecture's user ABI.
const MS_PER_TICK = 10;

/** One process as /proc/<pid>/stat gives it: its parent, and its CPU ticks with those of its reaped children. */
export interface ProcessStat {
  readonly parent: number;
  readonly ticks: number;
}

/** Every process on the machine by pid, from /proc; undefined off Linux. */
export function processTable(): Map<number, ProcessStat> | undefined {
  const stats = new Map<number, ProcessStat>();
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let text: string;
      try {
        text = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // gone since the listing
      }
      // The command name may hold spaces and parentheses: the fields start after its last ')'.
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      // From the state field on: ppid is the 2nd; utime, stime, cutime, cstime the 12th to 15th.
      const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      stats.set(Number(entry), { parent: Number(fields[1]), ticks });
    }
  } catch {
    return undefined;
  }
  return stats;
}

/** `root` and every process under it in `table` (Chromium's zygotes and the renderers they fork stay under the browser). */
export function processTreeOf(table: ReadonlyMap<number, ProcessStat>, root: number): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, { parent }] of table) (children.get(parent) ?? children.set(parent, []).get(parent)!).push(pid);
  const tree: number[] = [];
  const queue = [root];
  for (let pid = queue.pop(); pid !== undefined; pid = queue.pop()) {
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/**
 * CPU time (user + system, ms) of process `root` and of every process under
 * it: the browser, its GPU and network processes, and every renderer,
 * whatever the site. A process that exited counts too: once its parent
 * (the zygote, for renderers) has reaped it, its time is in that parent's
 * children's times, which are read with it. Undefined off Linux.
 */
export function processTreeCpuMs(root: number | undefined): number | undefined {
  if (root === undefined) return undefined;
  const table = processTable();
  if (!table?.has(root)) return undefined;
  return processTreeOf(table, root).reduce((ms, pid) => ms + (table.get(pid)?.ticks ?? 0) * MS_PER_TICK, 0);
}

/** `after` less `before`, field by field (process memory only where both were read). */
export function memoryDelta(after: Memory, before: Memory): Memory {
  return {
    hostJs: after.hostJs - before.hostJs,
    hostDom: after.hostDom - before.hostDom,
    frameJs: after.frameJs - before.frameJs,
    frameDom: after.frameDom - before.frameDom,
    hostPss: after.hostPss !== undefined && before.hostPss !== undefined ? after.hostPss - before.hostPss : undefined,
    framePss: after.framePss !== undefined && before.framePss !== undefined ? after.framePss - before.framePss : undefined,
  };
}

/**
 * Attaches to the host page and to `residentFrame`, a frame of the frame
 * origin that stays for the whole run (so its renderer process does too),
 * and finds both renderer processes.
 */
export async function attachProbes(browser: Browser, context: BrowserContext, page: Page, residentFrame: Frame): Promise<Probes> {
  const cdp = await context.newCDPSession(page);
  const browserCdp = await browser.newBrowserCDPSession();
  const frameCdp = await context.newCDPSession(residentFrame);
  const hostPid = await rendererOf(browserCdp, page);
  const framePid = await rendererOf(browserCdp, residentFrame);
  const { processInfo } = (await browserCdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
  return {
    browserPid: processInfo.find((p) => p.type === 'browser')?.id,
    hostPid,
    framePid,
    frameSharesHostProcess: hostPid !== undefined && hostPid === framePid,
    async memory() {
      const host = await heapOf(cdp);
      const frame = await heapOf(frameCdp);
      return { hostJs: host.js, hostDom: host.dom, frameJs: frame.js, frameDom: frame.dom, hostPss: pss(hostPid), framePss: pss(framePid) };
    },
  };
}

import { FRAME_CONFIG_CHECKED_ATTRIBUTE, FRAME_CONFIG_ELEMENT_ID, FRAME_CONFIG_PATH, parseFrameConfig, type FrameConfig } from '../config.ts';
import { configDigest } from '../load-config.ts';
import { sri, type ScriptInventory } from './inventory.ts';
import { referencedPaths } from './pin-entry.ts';
import { frameResponseRules } from './response-rules.ts';

/** One way a deployed frame differs from what its config and inventory say. */
export interface Difference {
  readonly kind: 'header' | 'config' | 'file' | 'fetch';
  /** The path on the frame origin it was found at. */
  readonly path: string;
  readonly message: string;
}

export interface CheckOptions {
  /** The deployment config the frame origin should serve (its headers follow from it). */
  readonly config: FrameConfig;
  /** The inventory written when the deployed build was made. */
  readonly inventory: ScriptInventory;
  readonly fetch?: typeof fetch;
}

const MAX_LISTED = 200;

/**
 * Fetches a deployed frame and lists every difference from what the config
 * and the inventory imply: a security header missing or different on any
 * file, a served config (written into the HTML, else the config file) that
 * is not this one (host origins first), a file the
 * HTML loads that the inventory does not know, a file whose SHA-384 is not
 * the inventory's, or one that is not served. An empty list means the
 * deployment is the build. For PCI DSS 11.6.1: run it from cron or CI.
 */
export async function checkDeployment(frameUrl: string, options: CheckOptions): Promise<Difference[]> {
  const get = options.fetch ?? fetch;
  const differences: Difference[] = [];
  const expected = frameResponseRules(options.config).headers;
  const known = new Map(options.inventory.files.map((file) => [file.path, file.integrity]));

  const load = async (path: string): Promise<Uint8Array | undefined> => {
    let response: Response;
    try {
      response = await get(new URL(path, frameUrl), { redirect: 'manual', cache: 'no-store' });
    } catch (error) {
      differences.push({ kind: 'fetch', path, message: `could not be fetched (${(error as Error).message})` });
      return undefined;
    }
    if (response.status !== 200) {
      differences.push({ kind: 'file', path, message: `is not served (HTTP ${response.status})` });
      return undefined;
    }
    for (const [name, value] of Object.entries(expected)) {
      const served = response.headers.get(name);
      if (served === null) differences.push({ kind: 'header', path, message: `${name} is missing (expected: ${value})` });
      else if (served !== value) differences.push({ kind: 'header', path, message: `${name} differs: served "${served}", expected "${value}"` });
    }
    return new Uint8Array(await response.arrayBuffer());
  };

  const html = await load('/');
  const htmlText = html ? new TextDecoder().decode(html) : undefined;
  // A config written into the HTML is the one the frame reads (the HTML's SHA-384 covers it), and the file need not be served.
  const inline = htmlText === undefined ? undefined : inlineConfigBlock(htmlText);
  if (inline !== undefined) {
    compareConfig(inline.text, options.config, differences, `/ #${FRAME_CONFIG_ELEMENT_ID}`);
    if (inline.digest !== (await configDigest(inline.text))) {
      differences.push({ kind: 'config', path: `/ #${FRAME_CONFIG_ELEMENT_ID}`, message: 'was not written by inline-config or changed since (its digest does not match), so the frame checks it again at every load' });
    }
  } else {
    const configBytes = await load(FRAME_CONFIG_PATH);
    if (configBytes) compareConfig(new TextDecoder().decode(configBytes), options.config, differences, FRAME_CONFIG_PATH);
  }

  if (html && htmlText !== undefined) {
    for (const path of referencedPaths(htmlText)) {
      if (path !== FRAME_CONFIG_PATH && !known.has(path)) differences.push({ kind: 'file', path, message: 'is loaded by the HTML but not in the inventory' });
    }
    const integrity = known.get('/index.html');
    if (integrity && sri(html) !== integrity) differences.push({ kind: 'file', path: '/', message: `SHA-384 ${sri(html)} is not the inventory's ${integrity}` });
  }
  for (const file of options.inventory.files.filter((f) => f.path !== '/index.html')) {
    const bytes = await load(file.path);
    if (bytes && sri(bytes) !== file.integrity) differences.push({ kind: 'file', path: file.path, message: `SHA-384 ${sri(bytes)} is not the inventory's ${file.integrity}` });
    if (differences.length > MAX_LISTED) break;
  }
  return differences;
}

/** The text of the HTML's inline config block and the digest written beside it, if it has one. */
function inlineConfigBlock(html: string): { text: string; digest: string | undefined } | undefined {
  const block = new RegExp(`<script\\b([^>]*)\\sid="${FRAME_CONFIG_ELEMENT_ID}"([^>]*)>([\\s\\S]*?)</script>`, 'i').exec(html);
  if (!block) return undefined;
  const digest = new RegExp(`\\s${FRAME_CONFIG_CHECKED_ATTRIBUTE}="([^"]*)"`).exec(`${block[1]} ${block[2]}`)?.[1];
  return { text: block[3]!, digest };
}

function compareConfig(text: string, config: FrameConfig, differences: Difference[], path: string): void {
  let served: FrameConfig;
  try {
    served = parseFrameConfig(JSON.parse(text));
  } catch (error) {
    differences.push({ kind: 'config', path, message: `is not a valid frame config (${(error as Error).message})` });
    return;
  }
  const hosts = (c: FrameConfig): string => [...c.allowedHostOrigins].sort().join(' ');
  if (hosts(served) !== hosts(config)) {
    differences.push({ kind: 'config', path, message: `allows host origins ${hosts(served)}, expected ${hosts(config)}` });
  } else if (JSON.stringify(served) !== JSON.stringify(config)) {
    differences.push({ kind: 'config', path, message: 'differs from the expected config' });
  }
}

/** One line per difference, for people and logs. */
export function formatDifferences(frameUrl: string, differences: readonly Difference[]): string {
  if (differences.length === 0) return `${frameUrl}: the deployment matches its config and inventory`;
  return [`${frameUrl}: ${differences.length} difference(s)`, ...differences.map((d) => `  ${d.kind} ${d.path}: ${d.message}`)].join('\n');
}

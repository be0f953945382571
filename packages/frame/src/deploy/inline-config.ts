import { FRAME_CONFIG_CHECKED_ATTRIBUTE, FRAME_CONFIG_ELEMENT_ID, FRAME_CONFIG_PATH, parseFrameConfig, type FrameConfig } from '../config.ts';
import { configDigest } from '../load-config.ts';

// The block as written, and any older one a previous run wrote (its JSON holds no `<`, so the first `</script>` ends it).
const BLOCK = new RegExp(`[ \\t]*<script\\b[^>]*\\sid="${FRAME_CONFIG_ELEMENT_ID}"[^>]*>[\\s\\S]*?</script>[ \\t]*\\n?`, 'gi');
// The preload of the config file (and the comment about it): an inline config needs no request.
const PRELOAD = new RegExp(`[ \\t]*(?:<!--[^>]*?config[^>]*?-->\\s*)?<link\\b[^>]*\\shref="${FRAME_CONFIG_PATH.replace(/\./g, '\\.')}"[^>]*>[ \\t]*\\n?`, 'gi');
// The preloads of the config checker (and their comment): a config checked as it is written is not checked again.
const CHECKER_PRELOAD = /[ \t]*(?:<!--[^>]*?checker[^>]*?-->[ \t]*\n?)?(?:[ \t]*<link\b[^>]*\sdata-config-checker\b[^>]*>[ \t]*\n?)+/gi;

/**
 * A config as JSON that is safe inside an HTML `<script>` data block: `<`,
 * `>` and `&` (and U+2028/U+2029) are written as `\u` escapes, so neither
 * `</script>` nor `<!--` can appear to end or change the block; `JSON.parse`
 * reads the same value back.
 */
export function configBlockJson(config: FrameConfig): string {
  return JSON.stringify(config).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The frame's HTML without the preloads of the config file and of its checker (and their comments): what a page with its config written in loads. */
export function withoutConfigPreloads(html: string): string {
  return html.replace(PRELOAD, '').replace(CHECKER_PRELOAD, '');
}

/**
 * The frame's HTML with `config` checked (`ERR_CONFIG` if it is not a valid
 * config) and written into it as a non-executing data block (`<script
 * type="application/json" id="cardframe-config">`) before its first script,
 * with the digest of what was checked, replacing a block written before and
 * dropping the `<link rel=preload>` of `/cardframe.config.json` and the
 * preload of the config checker: the frame reads it without a request and
 * without checking it again. Write the inventory again afterwards (the HTML's
 * SHA-384 changes).
 */
export async function inlineFrameConfig(html: string, config: unknown): Promise<string> {
  const json = configBlockJson(parseFrameConfig(config));
  const block = `<script type="application/json" id="${FRAME_CONFIG_ELEMENT_ID}" ${FRAME_CONFIG_CHECKED_ATTRIBUTE}="${await configDigest(json)}">${json}</script>`;
  const bare = withoutConfigPreloads(html.replace(BLOCK, ''));
  const at = bare.search(/[ \t]*<script\b/i);
  const head = bare.search(/<\/head>/i);
  if (at >= 0 && (head < 0 || at < head)) {
    const indent = /^[ \t]*/.exec(bare.slice(at))![0];
    return `${bare.slice(0, at)}${indent}${block}\n${bare.slice(at)}`;
  }
  if (head >= 0) return `${bare.slice(0, head)}${block}\n${bare.slice(head)}`;
  throw new Error('the frame HTML has neither a script nor a </head> to put the config before');
}

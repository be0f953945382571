import { FRAME_CONFIG_ELEMENT_ID, FRAME_CONFIG_PATH, type FrameConfig } from '../config.ts';

// The block as written, and any older one a previous run wrote (its JSON holds no `<`, so the first `</script>` ends it).
const BLOCK = new RegExp(`[ \\t]*<script\\b[^>]*\\sid="${FRAME_CONFIG_ELEMENT_ID}"[^>]*>[\\s\\S]*?</script>[ \\t]*\\n?`, 'gi');
// The preload of the config file (and the comment about it): an inline config needs no request.
const PRELOAD = new RegExp(`[ \\t]*(?:<!--[^>]*?config[^>]*?-->\\s*)?<link\\b[^>]*\\shref="${FRAME_CONFIG_PATH.replace(/\./g, '\\.')}"[^>]*>[ \\t]*\\n?`, 'gi');

/**
 * A config as JSON that is safe inside an HTML `<script>` data block: `<`,
 * `>` and `&` (and U+2028/U+2029) are written as `\u` escapes, so neither
 * `</script>` nor `<!--` can appear to end or change the block; `JSON.parse`
 * reads the same value back.
 */
export function configBlockJson(config: FrameConfig): string {
  return JSON.stringify(config).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The frame's HTML with `config` written into it as a non-executing data
 * block (`<script type="application/json" id="cardframe-config">`) before
 * its first script, replacing a block written before and dropping the
 * `<link rel=preload>` of `/cardframe.config.json`: the frame reads it
 * without a request. Write the inventory again afterwards (the HTML's
 * SHA-384 changes).
 */
export function inlineFrameConfig(html: string, config: FrameConfig): string {
  const block = `<script type="application/json" id="${FRAME_CONFIG_ELEMENT_ID}">${configBlockJson(config)}</script>`;
  const bare = html.replace(BLOCK, '').replace(PRELOAD, '');
  const at = bare.search(/[ \t]*<script\b/i);
  const head = bare.search(/<\/head>/i);
  if (at >= 0 && (head < 0 || at < head)) {
    const indent = /^[ \t]*/.exec(bare.slice(at))![0];
    return `${bare.slice(0, at)}${indent}${block}\n${bare.slice(at)}`;
  }
  if (head >= 0) return `${bare.slice(0, head)}${block}\n${bare.slice(head)}`;
  throw new Error('the frame HTML has neither a script nor a </head> to put the config before');
}

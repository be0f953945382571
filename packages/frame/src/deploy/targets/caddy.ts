import { ASSETS_PREFIX, plainHeaderValue, type FrameResponseRules } from '../response-rules.ts';

export interface CaddyOptions {
  /** The site address (default `frame.example.com`, which gets Caddy's automatic HTTPS). */
  readonly address?: string;
  /** The directory holding the built frame and its `cardframe.config.json` (default `/srv`). */
  readonly root?: string;
}

// Backtick strings are taken verbatim by the Caddyfile lexer; braces would be placeholders.
const quote = (name: string, value: string): string => `\`${plainHeaderValue(name, value, /[`{}]/, 'Caddy')}\``;

/** A Caddyfile site block serving the frame with its headers. */
export function caddyfile(rules: FrameResponseRules, options: CaddyOptions = {}): string {
  const headers = Object.entries(rules.headers)
    .map(([name, value]) => `\t\t${name} ${quote(name, value)}`)
    .join('\n');
  return `${options.address ?? 'frame.example.com'} {
\troot * ${options.root ?? '/srv'}
\t# The frame is a static site: reading it is all a client may do.
\t@notRead not method GET HEAD
\trespond @notRead 405
\theader {
${headers}
\t\t-Server
\t}
\t# Caddy orders header directives by their matchers, so the two cache rules must not overlap.
\t@assets path ${ASSETS_PREFIX}*
\theader @assets Cache-Control ${quote('Cache-Control', rules.assetsCache)}
\t@revalidated not path ${ASSETS_PREFIX}*
\theader @revalidated Cache-Control ${quote('Cache-Control', rules.otherCache)}
\tfile_server
}
`;
}

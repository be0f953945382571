import { ASSETS_PREFIX, plainHeaderValue, type FrameResponseRules } from '../response-rules.ts';

export interface NginxOptions {
  /** The `listen` parameter (default `80`). */
  readonly listen?: string;
  /** The directory holding the built frame and its `cardframe.config.json` (default `/usr/share/nginx/html`). */
  readonly root?: string;
}

// `$` would start a variable and a bare `"` would end the string.
const quote = (name: string, value: string): string => `"${plainHeaderValue(name, value, /[$]/, 'nginx').replace(/["\\]/g, '\\$&')}"`;

/**
 * An nginx `server` block (for `conf.d/`, or `include` it from `http {}`).
 * nginx drops inherited `add_header`s in any location that adds its own, so
 * every location repeats the full set; `always` keeps them on error pages too.
 */
export function nginxConf(rules: FrameResponseRules, options: NginxOptions = {}): string {
  const headers = (cache: string, indent: string): string =>
    Object.entries({ ...rules.headers, 'Cache-Control': cache })
      .map(([name, value]) => `${indent}add_header ${name} ${quote(name, value)} always;`)
      .join('\n');
  return `server {
    listen ${options.listen ?? '80'};
    root ${options.root ?? '/usr/share/nginx/html'};
    server_tokens off;
    # Files are served only by their exact names; nothing is listed.
    autoindex off;
    index index.html;

    location / {
        # The frame is a static site: reading it is all a client may do.
        limit_except GET { deny all; }
        try_files $uri $uri/ =404;
${headers(rules.otherCache, '        ')}
    }

    location ${ASSETS_PREFIX} {
        limit_except GET { deny all; }
        try_files $uri =404;
${headers(rules.assetsCache, '        ')}
    }
}
`;
}

import { ASSETS_PREFIX, REVALIDATED_PATHS, plainHeaderValue, type FrameResponseRules } from '../response-rules.ts';

/**
 * A `_headers` file, the format Netlify and Cloudflare Pages read from the
 * published directory: a path pattern on its own line, then indented
 * `Name: value` lines. Both apply every rule whose pattern matches and join
 * repeated names with a comma, so `Cache-Control` is given once per path,
 * by rules that never overlap.
 */
export function headersFile(rules: FrameResponseRules): string {
  const line = (name: string, value: string): string => `  ${name}: ${plainHeaderValue(name, value, /^\s|\s$/, '_headers')}`;
  return [
    '/*',
    ...Object.entries(rules.headers).map(([name, value]) => line(name, value)),
    `${ASSETS_PREFIX}*`,
    line('Cache-Control', rules.assetsCache),
    ...REVALIDATED_PATHS.flatMap((path) => [path, line('Cache-Control', rules.otherCache)]),
    '',
  ].join('\n');
}

import { ASSETS_PREFIX, REVALIDATED_PATHS, plainHeaderValue, type FrameResponseRules } from '../response-rules.ts';

/** One entry of `vercel.json`'s `headers`: a path-to-regexp `source` and its headers. */
export interface VercelHeaderRule {
  readonly source: string;
  readonly headers: readonly { readonly key: string; readonly value: string }[];
}

/** `vercel.json` for a static deployment of the built frame (output directory = the frame's `dist`). */
export function vercelJson(rules: FrameResponseRules): string {
  const list = (headers: Record<string, string>): VercelHeaderRule['headers'] =>
    Object.entries(headers).map(([key, value]) => ({ key, value: plainHeaderValue(key, value, /(?!)/, 'vercel.json') }));
  const headers: VercelHeaderRule[] = [
    { source: '/(.*)', headers: list(rules.headers) },
    { source: `${ASSETS_PREFIX}(.*)`, headers: list({ 'Cache-Control': rules.assetsCache }) },
    ...REVALIDATED_PATHS.map((source) => ({ source, headers: list({ 'Cache-Control': rules.otherCache }) })),
  ];
  return `${JSON.stringify({ $schema: 'https://openapi.vercel.sh/vercel.json', cleanUrls: false, trailingSlash: false, headers }, null, 2)}\n`;
}

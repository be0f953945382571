import type * as Requests from './requests.ts';

let loading: Promise<typeof Requests> | undefined;

/**
 * The request half of the SDK (requests.ts), loaded when first needed. ESM
 * builds and bundlers load it with `import()`; the script-tag file swaps this
 * module for load-requests.script.ts, which loads its own file with SRI.
 * Once loaded, the promise is the same one, so what waits on it runs in the
 * same task: messages checked by it keep their order.
 */
export function loadRequests(): Promise<typeof Requests> {
  return (loading ??= import('./requests.ts'));
}

import * as requests from './requests.ts';

const loaded = Promise.resolve(requests);

/**
 * The request half of the SDK where it is bundled in whole (`cardframe.mjs`,
 * a single module with nowhere to pin a second file's hash): nothing to load.
 */
export function loadRequests(): Promise<typeof requests> {
  return loaded;
}

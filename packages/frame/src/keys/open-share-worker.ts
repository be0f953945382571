import workerUrl from './share-worker.ts?worker&url';
import type { KeySetLink } from './key-set-messages.ts';

/** The SharedWorker's name: with its URL, what makes every frame of this origin on the page reach the same instance. */
const WORKER_NAME = 'cardframe-key-sets';

interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown;
}

type TrustedTypesGlobal = { trustedTypes?: { createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy } };

let policy: ScriptUrlPolicy | undefined;

/**
 * The frame's CSP requires Trusted Types for script URLs; this policy
 * (allowed by name in the CSP) passes the coordinator's own URL and nothing else.
 */
function trustedWorkerUrl(): unknown {
  const factory = (globalThis as TrustedTypesGlobal).trustedTypes;
  if (!factory) return workerUrl;
  policy ??= factory.createPolicy(WORKER_NAME, {
    createScriptURL(url) {
      if (url !== workerUrl) throw new TypeError('not the key-set coordinator');
      return url;
    },
  });
  return policy.createScriptURL(workerUrl);
}

/** Connects to the frame origin's key-set coordinator; throws where the engine refuses a SharedWorker. */
export function openKeySetWorker(): KeySetLink {
  const worker = new SharedWorker(trustedWorkerUrl() as string, { name: WORKER_NAME, type: 'module' });
  const broken = new Promise<void>((resolve) => worker.addEventListener('error', () => resolve(), { once: true }));
  return { port: worker.port, broken };
}

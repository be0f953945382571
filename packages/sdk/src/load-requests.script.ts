import { CardframeError } from '@cardframe/protocol';
import type * as Requests from './requests.ts';

// Written in by the script-tag build (vite.config.ts): the request file's name beside this one, and its SRI hash.
declare const __CARDFRAME_REQUESTS_FILE__: string;
declare const __CARDFRAME_REQUESTS_INTEGRITY__: string;

/** What the request file leaves on its own script element when it runs (no global). */
type RequestsScript = HTMLScriptElement & { cardframeRequests?: typeof Requests };
/** Trusted Types, as far as this file uses them (the DOM typings have none). */
declare const trustedTypes: { createPolicy(name: string, rules: { createScriptURL(input: string): string }): { createScriptURL(input: string): string } };

/**
 * The `<script>` this file runs from, read as it starts: the request file is
 * found beside it, and gets its nonce and CORS mode, so a page whose CSP
 * allows this file (its origin, a nonce, or `'strict-dynamic'`) allows that
 * one too. Null when the SDK was inlined or loaded as a module: then there is
 * no file to load.
 */
const sdkScript = document.currentScript as HTMLScriptElement | null;
let loading: Promise<typeof Requests> | undefined;
let policy: { createScriptURL(input: string): string } | undefined;

/**
 * The request half of the SDK: one classic `<script>` beside this file,
 * pinned by the SRI hash this file carries (a changed file does not run). It
 * hands its exports back on its own element. Loaded once; a failed load is
 * tried again on the next request, and until then each request fails with a
 * `CardframeError` that says so.
 */
export function loadRequests(): Promise<typeof Requests> {
  return (loading ??= new Promise<typeof Requests>((resolve, reject) => {
    const script: RequestsScript = document.createElement('script');
    const settle = (): void => {
      script.remove();
      if (script.cardframeRequests) return resolve(script.cardframeRequests);
      loading = undefined;
      reject(new CardframeError('ERR_ISSUER_REQUEST', `${__CARDFRAME_REQUESTS_FILE__} could not be loaded from beside cardframe.js`));
    };
    try {
      // Throws where there is no src to resolve against (an inlined SDK).
      const url = new URL(__CARDFRAME_REQUESTS_FILE__, sdkScript!.src).href;
      script.onload = script.onerror = settle;
      script.integrity = __CARDFRAME_REQUESTS_INTEGRITY__;
      script.crossOrigin = sdkScript!.crossOrigin ?? 'anonymous';
      script.nonce = sdkScript!.nonce;
      try {
        script.src = url;
      } catch {
        // A page that enforces Trusted Types with no default policy: this one URL goes through the SDK's own
        // policy, `cardframe`, which the page's `trusted-types` directive has to allow.
        script.src = (policy ??= trustedTypes.createPolicy('cardframe', { createScriptURL: () => url })).createScriptURL('');
      }
      document.head.append(script);
    } catch {
      settle();
    }
  }));
}

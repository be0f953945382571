// The merchant relay as a compromised host page sees it: every issuer request
// the frame makes passes through the page's callbacks and its backend, so a
// script there can copy a bound request, hold it back, or send it again.
import { publicEncrypt, randomBytes, constants } from 'node:crypto';
import type { Page, Route } from '@playwright/test';

export const ASSERTION_HEADER = 'cardframe-assertion';

/** The assertion object of a bound request, as the frame built it. */
export interface SentAssertion {
  readonly challenge: string;
  readonly credential: { readonly id: string; readonly response: Record<string, string> };
}

/** A bound reveal (`GET /card` with `sessionid` and `cardframe-assertion`) held at the relay before it reached the issuer. */
export interface HeldReveal {
  readonly sessionid: string;
  /** The `cardframe-assertion` header exactly as the frame sent it. */
  readonly header: string;
  readonly assertion: SentAssertion;
  /** Lets it go on to the issuer now; resolves with the issuer's answer, which the page then gets. */
  forward(): Promise<IssuerAnswer>;
  /** Never sends it: the page gets a 503 as if the issuer were down, and the assertion stays unused. */
  drop(): Promise<void>;
}

export interface IssuerAnswer {
  readonly status: number;
  readonly body: Record<string, unknown> & { error?: { code: string } };
}

const isRelay = (url: URL): boolean => url.pathname === '/api/card';

/** base64url JSON of the header, decoded. */
export function decodeAssertion(header: string): SentAssertion {
  return JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as SentAssertion;
}

/** The card id a webauthn statement names (`… access to card <id> with your passkey.`). */
export function statementCard(statement: string): string | undefined {
  return /access to card (\S+) with your passkey/.exec(statement)?.[1];
}

/** The statement's `Expiration Time`, in ms since the epoch. */
export function statementExpiry(statement: string): number {
  return Date.parse(/\nExpiration Time: (.+)$/m.exec(statement)![1]!);
}

/**
 * From now on, holds the next bound reveal the page sends to the merchant
 * relay (other relay requests go on to any other route, then to the relay). Await `held` after the click.
 */
export async function holdNextBoundReveal(page: Page): Promise<{ held: Promise<HeldReveal> }> {
  let resolve!: (held: HeldReveal) => void;
  const held = new Promise<HeldReveal>((r) => (resolve = r));
  let taken = false;
  // The route stays installed until the held request is answered: Playwright refuses to answer a route whose handler is gone.
  const handler = async (route: Route): Promise<void> => {
    const headers = await route.request().allHeaders();
    const header = headers[ASSERTION_HEADER];
    const sessionid = headers['sessionid'];
    if (taken || !header || !sessionid) return route.fallback();
    taken = true;
    resolve({
      sessionid,
      header,
      assertion: decodeAssertion(header),
      async forward() {
        const response = await route.fetch();
        const body = (await response.json()) as IssuerAnswer['body'];
        await route.fulfill({ response });
        await page.unroute(isRelay, handler);
        return { status: response.status(), body };
      },
      async drop() {
        await route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'issuer_unreachable', message: 'the issuer could not be reached' } }) });
        await page.unroute(isRelay, handler);
      },
    });
  };
  await page.route(isRelay, handler);
  return { held };
}

/** Sends a bound reveal to the merchant relay from outside the page, as a script that copied one would. */
export async function sendBoundReveal(merchantUrl: string, sessionid: string, header: string): Promise<IssuerAnswer> {
  const response = await fetch(new URL('/api/card', merchantUrl), { headers: { sessionid, [ASSERTION_HEADER]: header } });
  return { status: response.status, body: (await response.json()) as IssuerAnswer['body'] };
}

/** A sessionid of the caller's own (seed 001's recipe over the issuer's public session key): its secret is known to whoever made it. */
export function ownSessionId(sessionKeyPem: string, oaepHash: 'sha1' | 'sha256'): string {
  const secret = randomBytes(16).toString('base64');
  return publicEncrypt({ key: sessionKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, Buffer.from(secret)).toString('base64');
}

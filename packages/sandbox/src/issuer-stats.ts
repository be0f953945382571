/** What the sandbox issuer saw, so tests can check what was (and was not) sent. */
export interface IssuerStats {
  cardRequests: number;
  /** Key-set (JWKS) requests, every set together. */
  jwksRequests: number;
  /**
   * Key-set requests by the origin that sent them (the `Origin` header, or
   * `none`) and then by path: how many fetches one frame origin's frames
   * cost a page.
   */
  keySetRequests: Record<string, Record<string, number>>;
  pinSubmissions: number;
  changeRequests: number;
  deviceBindings: number;
  /** Requests refused because they used a retired key. */
  retiredKeyRejections: number;
  /** Binding challenges handed out (`scope=webauthn` statements and `scope=siwe` messages). */
  bindingChallenges: number;
  /** Binding refusals by error code (`binding_required`, `challenge_used`, `commitment_mismatch`, …). */
  bindingRefusals: Record<string, number>;
}

export function emptyStats(): IssuerStats {
  return { cardRequests: 0, jwksRequests: 0, keySetRequests: {}, pinSubmissions: 0, changeRequests: 0, deviceBindings: 0, retiredKeyRejections: 0, bindingChallenges: 0, bindingRefusals: {} };
}

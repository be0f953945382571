/** What the sandbox issuer saw, so tests can check what was (and was not) sent. */
export interface IssuerStats {
  cardRequests: number;
  jwksRequests: number;
  pinSubmissions: number;
  changeRequests: number;
  deviceBindings: number;
  /** Requests refused because they used a retired key. */
  retiredKeyRejections: number;
}

export function emptyStats(): IssuerStats {
  return { cardRequests: 0, jwksRequests: 0, pinSubmissions: 0, changeRequests: 0, deviceBindings: 0, retiredKeyRejections: 0 };
}

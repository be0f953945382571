import { IssuerError } from '../errors.ts';

/** The `scope` values of seed 001's `GET /card`. */
export type BindingScope = 'webauthn' | 'siwe' | 'provisioning';

const KNOWN: readonly BindingScope[] = ['webauthn', 'siwe', 'provisioning'];

/**
 * Reads `scope` as a query gives it: absent, one value, or repeated; each value
 * may hold several scopes separated by spaces or commas. Returns the distinct
 * scopes in a fixed order. `invalid_scope` (400) for an unknown scope or for
 * webauthn with siwe.
 */
export function parseScopes(scope: string | readonly string[] | null | undefined): readonly BindingScope[] {
  const values = scope == null ? [] : typeof scope === 'string' ? [scope] : scope;
  const seen = new Set<string>();
  for (const value of values) {
    if (typeof value !== 'string') throw new IssuerError('invalid_scope', 400, 'scope must be text');
    for (const part of value.split(/[\s,]+/)) if (part) seen.add(part);
  }
  for (const part of seen) {
    if (!(KNOWN as readonly string[]).includes(part)) throw new IssuerError('invalid_scope', 400, 'unknown scope');
  }
  if (seen.has('webauthn') && seen.has('siwe')) throw new IssuerError('invalid_scope', 400, 'webauthn and siwe are mutually exclusive');
  return KNOWN.filter((known) => seen.has(known));
}

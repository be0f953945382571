/// <reference types="mocha" />
// Mocha's globals under the names node:test exports, so a test file imports
// the same names in both runtimes.
export const describe = globalThis.describe;
export const it = globalThis.it;
export const before = globalThis.before;
export const after = globalThis.after;
export const beforeEach = globalThis.beforeEach;
export const afterEach = globalThis.afterEach;

/** Reads a shared vector file through the test server's `/__vectors__/` route. */
export async function readVector<T = unknown>(name: string): Promise<T> {
  const response = await fetch(`/__vectors__/${name}`);
  if (!response.ok) throw new Error(`vector ${name}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export const runtime = 'browser' as const;

import { executeServerCommand } from '@web/test-runner-commands';
import type { SeedOracle } from './seed-oracle.ts';

async function call<T>(op: string, ...args: unknown[]): Promise<T> {
  const reply = (await executeServerCommand('seed-oracle', { op, args })) as { value: T };
  return reply.value;
}

/** The same Node oracle as under node:test, reached through the test runner's server. */
export const seedOracle: SeedOracle = {
  publicKeyPem: () => call('publicKeyPem'),
  openSessionId: (sessionId, hash) => call('openSessionId', sessionId, hash),
  session: () => call('session'),
  sealField: (secretHex, plaintext) => call('sealField', secretHex, plaintext),
  decrypt: (a, b, c) => call('decrypt', a, b, c),
  pinKeys: () => call('pinKeys'),
  openJwe: (compact) => call('openJwe', compact),
  verifyDer: (jwk, message, signature) => call('verifyDer', jwk, message, signature),
};
export type { SeedOracle };

export { rejectionCode, thrownCode } from './error-code.ts';

import { expect } from 'chai';
import { IssuerError } from '../../src/index.ts';

/** The `code` of the IssuerError that `promise` (or calling it) ends in; anything else thrown fails the test. */
export async function issuerCode(promise: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    expect(error).to.be.instanceOf(IssuerError);
    return (error as IssuerError).code;
  }
  return 'returned';
}

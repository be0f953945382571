import { expect } from 'chai';
import { CardframeError } from '@cardframe/protocol';
import { parseFrameConfig } from '../src/config.ts';

/** The message `parseFrameConfig` refuses `value` with (always an `ERR_CONFIG` CardframeError), or `'accepted'`. */
export function configError(value: unknown): string {
  try {
    parseFrameConfig(value);
  } catch (error) {
    expect(error).to.be.instanceOf(CardframeError);
    expect((error as CardframeError).code).to.equal('ERR_CONFIG');
    return (error as Error).message;
  }
  return 'accepted';
}

import { expect } from 'chai';
import { describe, it } from '@cardframe/test-env';
import { isTrivialPin, pinEntryState, pinProblem, pinSubmissionProblem } from '../src/pin-policy.ts';
import { parsePinOutcome } from '../src/flows/pin-outcome.ts';

const four = { minLength: 4, maxLength: 4 };
const range = { minLength: 4, maxLength: 6 };

describe('PIN policy', () => {
  it('refuses straight runs and a digit three times in a row, and nothing else', () => {
    for (const pin of ['1234', '4321', '0123', '9876', '123456', '1112', '2000', '7777', '48882']) expect(isTrivialPin(pin), pin).to.equal(true);
    for (const pin of ['4821', '1357', '1122', '1212', '9081', '1243', '0901', '2468']) expect(isTrivialPin(pin), pin).to.equal(false);
  });

  it('checks digits first, then length, then triviality', () => {
    expect(pinProblem('12a4', four)).to.equal('ERR_PIN_DIGITS');
    expect(pinProblem('１２３４', four)).to.equal('ERR_PIN_DIGITS');
    expect(pinProblem('482', four)).to.equal('ERR_PIN_LENGTH');
    expect(pinProblem('48215', four)).to.equal('ERR_PIN_LENGTH');
    expect(pinProblem('48215', range)).to.equal(undefined);
    expect(pinProblem('4821953', range)).to.equal('ERR_PIN_LENGTH');
    expect(pinProblem('1234', four)).to.equal('ERR_PIN_TRIVIAL');
    expect(pinSubmissionProblem('4821', '4812', four)).to.equal('ERR_PIN_MISMATCH');
    expect(pinSubmissionProblem('4821', '4821', four)).to.equal(undefined);
  });

  it('reports entry state without scolding mid-typing, but flags a non-digit at once', () => {
    expect(pinEntryState('48', '', four)).to.deep.equal({ complete: false, valid: false });
    expect(pinEntryState('4a', '', four)).to.deep.equal({ complete: false, valid: false, error: 'ERR_PIN_DIGITS' });
    expect(pinEntryState('4821', '48', four)).to.deep.equal({ complete: false, valid: false });
    expect(pinEntryState('4821', '4812', four)).to.deep.equal({ complete: true, valid: false, error: 'ERR_PIN_MISMATCH' });
    expect(pinEntryState('1111', '1111', four)).to.deep.equal({ complete: true, valid: false, error: 'ERR_PIN_TRIVIAL' });
    expect(pinEntryState('4821', '4821', four)).to.deep.equal({ complete: true, valid: true });
  });
});

describe('PIN submission outcome', () => {
  it('reads 204 as COMPLETED and a change request as its status and id', () => {
    expect(parsePinOutcome('')).to.deep.equal({ flow: 'pin', status: 'COMPLETED' });
    const request = { id: 'd6c778822b2d7bd3b778935bcfd0d1d3csc', status: 'CONFIRMATION_REQUIRED', updated_at: '2022-04-21T13:59:52+00:00', url: 'https://example.com/authorize' };
    expect(parsePinOutcome(JSON.stringify(request))).to.deep.equal({ flow: 'pin', status: 'CONFIRMATION_REQUIRED', changeRequestId: request.id });
    expect(parsePinOutcome(request)).to.deep.equal({ flow: 'pin', status: 'CONFIRMATION_REQUIRED', changeRequestId: request.id });
  });

  it('turns FAILED, unknown statuses and non-JSON into typed errors', () => {
    const codeOf = (body: Parameters<typeof parsePinOutcome>[0]): string => {
      try {
        parsePinOutcome(body);
        return 'returned';
      } catch (error) {
        return (error as { code: string }).code;
      }
    };
    expect(codeOf({ id: 'x', status: 'FAILED' })).to.equal('ERR_ISSUER_REQUEST');
    expect(codeOf({ id: 'x', status: 'DONE' })).to.equal('ERR_MALFORMED_RESPONSE');
    expect(codeOf('<html>')).to.equal('ERR_MALFORMED_RESPONSE');
  });
});

describe('guessable PINs', () => {
  const upTo12 = { minLength: 4, maxLength: 12 };

  it('refuses the PINs people pick most, each with the one code a run gets', () => {
    for (const pin of ['1212', '2580', '1122', '1004', '6969', '1990', '0000', '2001', '1313', '1010']) {
      expect(pinProblem(pin, upTo12), pin).to.equal('ERR_PIN_TRIVIAL');
      expect(pinEntryState(pin, pin, upTo12), pin).to.deep.equal({ complete: true, valid: false, error: 'ERR_PIN_TRIVIAL' });
    }
  });

  it('refuses repeated blocks, doubled digits and years at any length the policy allows, and keeps PINs without a pattern', () => {
    for (const pin of ['121212', '123123', '07070707', '112233', '77889900', '1900', '2099', '1972', '1234567890', '987654', '7890', '8901']) {
      expect(pinProblem(pin, upTo12), pin).to.equal('ERR_PIN_TRIVIAL');
    }
    for (const pin of ['4821', '3958', '6048', '1899', '2100', '482193', '905731', '48215', '2468', '1357']) {
      expect(pinProblem(pin, upTo12), pin).to.equal(undefined);
    }
  });
});

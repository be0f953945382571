import { expect } from 'chai';
import { describe, it } from '@cardframe/test-env';
import { copyText, formatExpiry, formatPan, formatValue, maskedValue, panGroups } from '../src/format.ts';

describe('card number grouping', () => {
  const cases: [brand: string, pan: string, printed: string][] = [
    ['Visa 16', '4242424242424242', '4242 4242 4242 4242'],
    ['Mastercard 16', '5555555555554444', '5555 5555 5555 4444'],
    ['Amex 15 (37)', '378282246310005', '3782 822463 10005'],
    ['Amex 15 (34)', '343434343434343', '3434 343434 34343'],
    ['Diners 14 (36)', '36227206271667', '3622 720627 1667'],
    ['Diners 14 (300-305)', '30569309025904', '3056 930902 5904'],
    ['Diners 14 (38)', '38520000023237', '3852 000002 3237'],
    ['19 digits', '6011000990139424123', '6011 0009 9013 9424 123'],
    ['13 digits', '4222222222222', '4222 2222 2222 2'],
    ['14 digits, not Diners', '42424242424242', '4242 4242 4242 42'],
    ['15 digits, not Amex', '421234567890123', '4212 3456 7890 123'],
    ['16 digits starting 37', '3714496353984312', '3714 4963 5398 4312'],
  ];
  for (const [brand, pan, printed] of cases) {
    it(`prints ${brand} as ${printed}`, () => {
      expect(formatPan(pan)).to.equal(printed);
      expect(formatValue('pan', pan)).to.equal(printed);
    });
  }

  it('regroups a number that arrives with spaces in the wrong places', () => {
    expect(formatPan('3782 8224 6310 005')).to.equal('3782 822463 10005');
    expect(formatPan(' 4242\t4242 4242 4242 ')).to.equal('4242 4242 4242 4242');
  });

  it('picks groups from length and prefix only', () => {
    expect(panGroups(15, '37')).to.deep.equal([4, 6, 5]);
    expect(panGroups(15, '')).to.deep.equal([4, 4, 4, 3]);
    expect(panGroups(14, '36')).to.deep.equal([4, 6, 4]);
    expect(panGroups(14, '306')).to.deep.equal([4, 4, 4, 2]);
    expect(panGroups(19, '6')).to.deep.equal([4, 4, 4, 4, 3]);
    expect(panGroups(13, '4')).to.deep.equal([4, 4, 4, 1]);
  });

  it('leaves every field but the PAN as the issuer sent it', () => {
    expect(formatValue('cvc', '0123')).to.equal('0123');
    expect(formatValue('expiry', '04/27')).to.equal('04/27');
    expect(formatValue('pin', '0000')).to.equal('0000');
  });

  it('prints expiry as MM/YY from a month and a four- or two-digit year', () => {
    expect(formatExpiry(4, 2027)).to.equal('04/27');
    expect(formatExpiry(12, 2100)).to.equal('12/00');
    expect(formatExpiry(1, 9)).to.equal('01/09');
  });
});

describe('masked values', () => {
  it('masks a PAN of unknown shape as 16 dots in fours', () => {
    expect(maskedValue('pan')).to.equal('•••• •••• •••• ••••');
  });

  it('keeps the last four when known, in the last group', () => {
    expect(maskedValue('pan', { last4: '4242' })).to.equal('•••• •••• •••• 4242');
  });

  it('takes the brand grouping from length and prefix', () => {
    expect(maskedValue('pan', { length: 15, prefix: '37', last4: '0005' })).to.equal('•••• •••••• •0005');
    expect(maskedValue('pan', { length: 14, prefix: '36', last4: '1667' })).to.equal('•••• •••••• 1667');
    expect(maskedValue('pan', { length: 19, last4: '4123' })).to.equal('•••• •••• •••• •••4 123');
    expect(maskedValue('pan', { length: 13 })).to.equal('•••• •••• •••• •');
  });

  it('never shows the prefix it was given for grouping', () => {
    const masked = maskedValue('pan', { length: 15, prefix: '378282', last4: '0005' });
    expect(masked).to.not.match(/3|7|8|2/);
  });

  it('masks CVC, expiry and PIN by their shape', () => {
    expect(maskedValue('cvc')).to.equal('•••');
    expect(maskedValue('expiry')).to.equal('••/••');
    expect(maskedValue('pin')).to.equal('••••');
  });

  it('ignores last four for every field but the PAN', () => {
    expect(maskedValue('cvc', { last4: '4242' })).to.equal('•••');
    expect(maskedValue('expiry', { last4: '4242' })).to.equal('••/••');
  });
});

describe('copied text', () => {
  it('copies the PAN as digits only, as forms expect', () => {
    expect(copyText('pan', '3782 822463 10005')).to.equal('378282246310005');
    expect(copyText('pan', formatPan('6011000990139424123'))).to.equal('6011000990139424123');
  });

  it('copies other fields exactly as they are', () => {
    expect(copyText('expiry', '04/27')).to.equal('04/27');
    expect(copyText('cvc', '0123')).to.equal('0123');
    expect(copyText('pin', '1 2')).to.equal('1 2');
  });
});

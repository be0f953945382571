import { expect } from 'chai';
import { describe, it, thrownCode } from '@cardframe/test-env';
import { HIDE_REASONS, REVEAL_VIEWS, parseFrameMessage, parseHostMessage } from '../src/index.ts';

const GROUP_ID = 'a1b2c3d4e5f60718';

const configure = (params: Record<string, unknown>) => ({ v: 1, kind: 'request', id: 'r1', method: 'configure', params });
const paramsOf = (params: Record<string, unknown>): unknown => (parseHostMessage(configure(params)) as { params: unknown }).params;
const refusal = (params: Record<string, unknown>): string | undefined => thrownCode(() => parseHostMessage(configure(params)));
const event = (name: string, detail: unknown) => ({ v: 1, kind: 'event', event: name, detail });

describe('configure parameters of the reveal views', () => {
  it('accepts every view', () => {
    expect(REVEAL_VIEWS).to.have.members(['card', 'field', 'copy', 'toggle']);
    for (const view of REVEAL_VIEWS) expect(paramsOf({ flow: 'reveal', view })).to.deep.equal({ flow: 'reveal', view });
  });

  it('accepts a group, last four, an auto-hide delay and hide-on-blur together', () => {
    const params = { flow: 'reveal', view: 'field', fields: ['pan'], group: { id: GROUP_ID, fields: ['pan', 'cvc', 'expiry'] }, last4: '0005', autoHideSeconds: 30, hideOnBlur: true };
    expect(paramsOf(params)).to.deep.equal(params);
  });

  it('accepts group ids of 16 and 64 characters from [A-Za-z0-9_-]', () => {
    for (const id of ['0123456789abcdef', 'A-_z'.repeat(16), 'aaaaaaaaaaaaaaa_', '-'.repeat(16)]) {
      expect(paramsOf({ group: { id, fields: ['pan'] } }), id).to.deep.equal({ group: { id, fields: ['pan'] } });
    }
  });

  it('accepts the ends of the auto-hide range and both booleans for hideOnBlur', () => {
    expect(paramsOf({ autoHideSeconds: 1 })).to.deep.equal({ autoHideSeconds: 1 });
    expect(paramsOf({ autoHideSeconds: 86400 })).to.deep.equal({ autoHideSeconds: 86400 });
    expect(paramsOf({ hideOnBlur: false })).to.deep.equal({ hideOnBlur: false });
  });

  it('refuses an unknown or non-string view', () => {
    for (const view of ['pan', 'Card', '', 'toggle ', 1, null, ['card']]) expect(refusal({ view }), JSON.stringify(view)).to.equal('ERR_BAD_MESSAGE');
  });

  it('refuses a group id that is too short, too long or has other characters', () => {
    for (const id of ['a'.repeat(15), 'a'.repeat(65), '', 'abcdefghijklmno.', 'abcdefghijklmno ', 'abcdefghijklmnoé', 'abcdefgh/ijklmnop', 1234567890123456, null]) {
      expect(refusal({ group: { id, fields: ['pan'] } }), JSON.stringify(id)).to.equal('ERR_BAD_MESSAGE');
    }
  });

  it('refuses a group without fields, with empty, unknown or duplicate fields, or with extra members', () => {
    expect(refusal({ group: { id: GROUP_ID } })).to.equal('ERR_BAD_MESSAGE');
    expect(refusal({ group: { id: GROUP_ID, fields: [] } })).to.equal('ERR_BAD_MESSAGE');
    expect(refusal({ group: { id: GROUP_ID, fields: ['track2'] } })).to.equal('ERR_BAD_MESSAGE');
    expect(refusal({ group: { id: GROUP_ID, fields: ['pan', 'pan'] } })).to.equal('ERR_BAD_MESSAGE');
    expect(refusal({ group: { id: GROUP_ID, fields: ['pan'], key: 'x' } })).to.equal('ERR_BAD_MESSAGE');
    expect(refusal({ group: GROUP_ID })).to.equal('ERR_BAD_MESSAGE');
    expect(refusal({ group: null })).to.equal('ERR_BAD_MESSAGE');
  });

  it('refuses last four that is not exactly four digits', () => {
    for (const last4 of ['424', '42424', '42a2', ' 4242', '４２４２', '', 4242, null]) expect(refusal({ last4 }), JSON.stringify(last4)).to.equal('ERR_BAD_MESSAGE');
  });

  it('refuses an auto-hide delay outside whole seconds from 1 to 86400', () => {
    for (const autoHideSeconds of [0, -1, 1.5, 86401, '30', null, true]) {
      expect(refusal({ autoHideSeconds }), JSON.stringify(autoHideSeconds)).to.equal('ERR_BAD_MESSAGE');
    }
    expect(thrownCode(() => parseHostMessage({ ...configure({}), params: { autoHideSeconds: Number.POSITIVE_INFINITY } }))).to.equal('ERR_BAD_MESSAGE');
  });

  it('refuses a hideOnBlur that is not a boolean', () => {
    for (const hideOnBlur of ['true', 1, 0, null, {}]) expect(refusal({ hideOnBlur }), JSON.stringify(hideOnBlur)).to.equal('ERR_BAD_MESSAGE');
  });

  it('never echoes last four or a group id it refuses', () => {
    for (const params of [{ last4: '42424' }, { group: { id: '4242424242424242.', fields: ['pan'] } }]) {
      try {
        parseHostMessage(configure(params));
        expect.fail('accepted');
      } catch (error) {
        expect((error as Error).message).to.not.contain('4242');
      }
    }
  });
});

describe('frame events of the reveal views', () => {
  it('passes copy with the copied field, and never a value', () => {
    expect(parseFrameMessage(event('copy', { field: 'pan' }))).to.deep.equal(event('copy', { field: 'pan' }));
    expect(thrownCode(() => parseFrameMessage(event('copy', { field: 'pan', value: '4242424242424242' })))).to.equal('ERR_BAD_MESSAGE');
    expect(thrownCode(() => parseFrameMessage(event('copy', { field: 'track2' })))).to.equal('ERR_BAD_MESSAGE');
    expect(thrownCode(() => parseFrameMessage(event('copy', {})))).to.equal('ERR_BAD_MESSAGE');
  });

  it('passes focus and blur with an empty detail only', () => {
    for (const name of ['focus', 'blur']) {
      expect(parseFrameMessage(event(name, {}))).to.deep.equal(event(name, {}));
      expect(thrownCode(() => parseFrameMessage(event(name, { field: 'pan' }))), name).to.equal('ERR_BAD_MESSAGE');
      expect(thrownCode(() => parseFrameMessage(event(name, null))), name).to.equal('ERR_BAD_MESSAGE');
    }
  });

  it('passes hide with each known reason and refuses any other', () => {
    expect(HIDE_REASONS).to.have.members(['user', 'host', 'timeout', 'page-hidden', 'print', 'blur']);
    for (const reason of HIDE_REASONS) expect(parseFrameMessage(event('hide', { reason }))).to.deep.equal(event('hide', { reason }));
    for (const reason of ['visibility', 'USER', '', 1, null]) expect(thrownCode(() => parseFrameMessage(event('hide', { reason }))), JSON.stringify(reason)).to.equal('ERR_BAD_MESSAGE');
    expect(thrownCode(() => parseFrameMessage(event('hide', {})))).to.equal('ERR_BAD_MESSAGE');
  });

  it('allows ready with no fields (a group toggle) but not reveal with none', () => {
    expect(parseFrameMessage(event('ready', { fields: [] }))).to.deep.equal(event('ready', { fields: [] }));
    expect(thrownCode(() => parseFrameMessage(event('reveal', { fields: [] })))).to.equal('ERR_BAD_MESSAGE');
    expect(thrownCode(() => parseFrameMessage(event('ready', { fields: ['pan', 'pan'] })))).to.equal('ERR_BAD_MESSAGE');
  });
});

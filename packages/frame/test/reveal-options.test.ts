import { expect } from 'chai';
import { describe, it } from '@cardframe/test-env';
import { CardframeError, type ConfigureParams } from '@cardframe/protocol';
import type { RevealFlowConfig } from '../src/config.ts';
import { revealOptions } from '../src/flows/reveal-options.ts';

const reveal: RevealFlowConfig = {
  fields: ['pan', 'expiry', 'cvc'],
  autoHideSeconds: 120,
  maxPerMinute: 10,
  modes: ['session-key', 'key-pair'],
  responseKeyAlg: 'ECDH-ES',
  responseSigning: 'off',
  copy: true,
  hideOnBlur: false,
};
const group = { id: 'g1', fields: ['pan', 'expiry', 'cvc'] } as const;

/** The refusal's code and message, or `accepted`. */
function refusal(config: RevealFlowConfig | undefined, params: ConfigureParams): string {
  try {
    revealOptions(config, params);
  } catch (error) {
    expect(error).to.be.instanceOf(CardframeError);
    return `${(error as CardframeError).code}: ${(error as Error).message}`;
  }
  return 'accepted';
}

describe('revealOptions', () => {
  it('without narrowing, shows the card with every configured field in the first configured mode', () => {
    expect(revealOptions(reveal, {})).to.deep.equal({ fields: ['pan', 'expiry', 'cvc'], mode: 'session-key', autoHideSeconds: 120, hideOnBlur: false });
  });

  it('refuses everything when the frame has no reveal flow', () => {
    expect(refusal(undefined, {})).to.equal('ERR_NOT_ALLOWED: the reveal flow is not enabled in this frame');
  });

  it('lets the host show fewer fields, never a field the config leaves out, also through a group', () => {
    expect(revealOptions(reveal, { fields: ['cvc'] }).fields).to.deep.equal(['cvc']);
    const narrow = { ...reveal, fields: ['pan'] } as const;
    expect(refusal(narrow, { fields: ['pan', 'cvc'] })).to.equal('ERR_NOT_ALLOWED: fields not enabled in this frame: cvc');
    expect(refusal(narrow, { view: 'field', fields: ['pan'], group })).to.equal('ERR_NOT_ALLOWED: fields not enabled in this frame: expiry, cvc');
  });

  it('gives a field or copy view exactly one field, and copy only where the config allows it', () => {
    expect(revealOptions(reveal, { view: 'field', fields: ['pan'] }).fields).to.deep.equal(['pan']);
    expect(refusal(reveal, { view: 'field' })).to.equal('ERR_BAD_OPTION: the field view shows exactly one field');
    expect(refusal(reveal, { view: 'copy', fields: ['pan', 'cvc'] })).to.equal('ERR_BAD_OPTION: the copy view shows exactly one field');
    expect(refusal({ ...reveal, copy: false }, { view: 'copy', fields: ['pan'] })).to.equal('ERR_NOT_ALLOWED: copying is not enabled in this frame');
  });

  it('gives a toggle no fields of its own and refuses one without a group', () => {
    expect(revealOptions(reveal, { view: 'toggle', fields: ['pan'], group }).fields).to.deep.equal([]);
    expect(refusal(reveal, { view: 'toggle' })).to.equal('ERR_BAD_OPTION: the toggle view needs a group');
  });

  it('lets the host pick only a configured mode', () => {
    expect(revealOptions(reveal, { mode: 'key-pair' }).mode).to.equal('key-pair');
    expect(refusal({ ...reveal, modes: ['session-key'] }, { mode: 'key-pair' })).to.equal('ERR_NOT_ALLOWED: the key-pair reveal is not enabled in this frame');
  });

  it('lets the host hide sooner or on blur too, never later or less', () => {
    expect(revealOptions(reveal, { autoHideSeconds: 30 }).autoHideSeconds).to.equal(30);
    expect(revealOptions(reveal, { autoHideSeconds: 600 }).autoHideSeconds).to.equal(120);
    expect(revealOptions({ ...reveal, autoHideSeconds: 0 }, { autoHideSeconds: 600 }).autoHideSeconds).to.equal(600);
    expect(revealOptions({ ...reveal, autoHideSeconds: 0 }, {}).autoHideSeconds).to.equal(0);
    expect(revealOptions(reveal, { hideOnBlur: true }).hideOnBlur).to.equal(true);
    expect(revealOptions({ ...reveal, hideOnBlur: true }, { hideOnBlur: false }).hideOnBlur).to.equal(true);
  });
});

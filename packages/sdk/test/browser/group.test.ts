import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.ts';
import type { CardframeCard, CardframeCopy, CardframeCvc, CardframeGroup, CardframePan, CardframeToggle, RevealElement } from '../../src/index.ts';
import { BLANK, connectFake, iframeOf, rejectionCode } from './fake-frame.ts';

const OTHER = `${location.origin}/__blank__?other`;

const byTag = <T extends Element>(root: ParentNode, selector: string): T => root.querySelector<T>(selector)!;

describe('cardframe-group membership', () => {
  it('collects the members inside it, in document order, and their fields as one union', async () => {
    const group = await fixture<CardframeGroup>(html`
      <cardframe-group>
        <div class="artwork">
          <p><cardframe-pan></cardframe-pan></p>
          <cardframe-expiry></cardframe-expiry>
          <cardframe-cvc></cardframe-cvc>
        </div>
        <cardframe-copy for="pan"></cardframe-copy>
        <cardframe-copy for="cvc"></cardframe-copy>
        <cardframe-toggle></cardframe-toggle>
      </cardframe-group>
    `);
    expect(group.members.map((m) => m.localName)).to.deep.equal(['cardframe-pan', 'cardframe-expiry', 'cardframe-cvc', 'cardframe-copy', 'cardframe-copy', 'cardframe-toggle']);
    expect(group.fields).to.deep.equal(['pan', 'expiry', 'cvc']);
  });

  it('adds a field when a member joins and drops it when the member leaves', async () => {
    const group = await fixture<CardframeGroup>(html`<cardframe-group><cardframe-pan></cardframe-pan></cardframe-group>`);
    const cvc = document.createElement('cardframe-cvc');
    group.append(cvc);
    expect(group.fields).to.deep.equal(['pan', 'cvc']);
    cvc.remove();
    expect(group.fields).to.deep.equal(['pan']);
    expect(group.members).to.have.length(1);
  });

  it('takes in an element outside it that names its id in `group`', async () => {
    const root = await fixture<HTMLDivElement>(html`
      <div>
        <cardframe-group id="card-a"><cardframe-pan></cardframe-pan></cardframe-group>
        <aside><cardframe-cvc group="card-a"></cardframe-cvc></aside>
        <cardframe-expiry></cardframe-expiry>
      </div>
    `);
    const group = byTag<CardframeGroup>(root, 'cardframe-group');
    expect(group.members.map((m) => m.localName)).to.deep.equal(['cardframe-pan', 'cardframe-cvc']);
    expect(group.fields).to.deep.equal(['pan', 'cvc']);
  });

  it('follows the `group` attribute over the closest ancestor', async () => {
    const root = await fixture<HTMLDivElement>(html`
      <div>
        <cardframe-group id="first"></cardframe-group>
        <cardframe-group id="second"><cardframe-cvc group="first"></cardframe-cvc></cardframe-group>
      </div>
    `);
    expect(byTag<CardframeGroup>(root, '#first').fields).to.deep.equal(['cvc']);
    expect(byTag<CardframeGroup>(root, '#second').fields).to.deep.equal([]);
  });

  it('gives every group its own random id, fit for the protocol', async () => {
    const root = await fixture<HTMLDivElement>(html`<div><cardframe-group></cardframe-group><cardframe-group></cardframe-group></div>`);
    const [a, b] = [...root.querySelectorAll<CardframeGroup>('cardframe-group')];
    expect(a!.groupId).to.match(/^[0-9a-f]{32}$/);
    expect(b!.groupId).to.match(/^[0-9a-f]{32}$/);
    expect(a!.groupId).to.not.equal(b!.groupId);
  });

  it('takes in elements that name it by id and connected before it', async () => {
    const root = await fixture<HTMLDivElement>(html`<div><cardframe-cvc group="later"></cardframe-cvc></div>`);
    const cvc = byTag<CardframeCvc>(root, 'cardframe-cvc');
    const group = document.createElement('cardframe-group') as CardframeGroup;
    group.id = 'later';
    group.frameUrl = BLANK;
    root.append(group);
    expect(group.members).to.deep.equal([cvc]);
    // The group's frame-url reached it, so it has its frame now.
    expect((await iframeOf(cvc)).getAttribute('src')).to.equal(BLANK);
  });

  it('leaves an element whose named group does not exist on its own, with no frame to show', async () => {
    const pan = await fixture<CardframePan>(html`<cardframe-pan group="missing"></cardframe-pan>`);
    await pan.updateComplete;
    expect(pan.shadowRoot!.querySelector('iframe')).to.equal(null);
  });
});

describe('cardframe-group options', () => {
  it('passes its frame-url to members without their own; a member\'s own wins', async () => {
    const group = await fixture<CardframeGroup>(html`
      <cardframe-group frame-url=${BLANK}>
        <cardframe-pan></cardframe-pan>
        <cardframe-cvc frame-url=${OTHER}></cardframe-cvc>
      </cardframe-group>
    `);
    expect((await iframeOf(byTag(group, 'cardframe-pan'))).src).to.equal(BLANK);
    expect((await iframeOf(byTag(group, 'cardframe-cvc'))).src).to.equal(OTHER);
  });

  it('hands members a frame-url set after they joined', async () => {
    const group = await fixture<CardframeGroup>(html`<cardframe-group><cardframe-pan></cardframe-pan></cardframe-group>`);
    const pan = byTag<CardframePan>(group, 'cardframe-pan');
    await pan.updateComplete;
    expect(pan.shadowRoot!.querySelector('iframe')).to.equal(null);
    group.frameUrl = BLANK;
    await group.updateComplete;
    expect((await iframeOf(pan)).src).to.equal(BLANK);
  });

  it('sends its mode, theme, locale, style, last four, auto-hide and hide-on-blur with each member\'s configure, and the group id and fields', async () => {
    const style = { base: { color: '#123456' } };
    const group = await fixture<CardframeGroup>(html`
      <cardframe-group frame-url=${BLANK} mode="key-pair" theme="dark" locale="de" last4="0005" auto-hide-seconds="30" hide-on-blur .frameStyle=${style}>
        <cardframe-pan></cardframe-pan>
        <cardframe-cvc></cardframe-cvc>
      </cardframe-group>
    `);
    const frame = await connectFake(byTag(group, 'cardframe-pan'));
    expect(await frame.configured).to.deep.equal({
      flow: 'reveal',
      view: 'field',
      fields: ['pan'],
      mode: 'key-pair',
      group: { id: group.groupId, fields: ['pan', 'cvc'] },
      last4: '0005',
      autoHideSeconds: 30,
      hideOnBlur: true,
      theme: 'dark',
      locale: 'de',
      style,
    });
  });

  it('lets a member\'s own mode, theme, locale, style, last four and auto-hide win over the group\'s', async () => {
    const own = { base: { color: '#654321' } };
    const group = await fixture<CardframeGroup>(html`
      <cardframe-group frame-url=${BLANK} mode="key-pair" theme="dark" locale="de" last4="0005" auto-hide-seconds="30" .frameStyle=${{ base: { color: '#123456' } }}>
        <cardframe-copy for="cvc" mode="session-key" theme="light" locale="ar" last4="4242" auto-hide-seconds="5" .frameStyle=${own}></cardframe-copy>
      </cardframe-group>
    `);
    const frame = await connectFake(byTag(group, 'cardframe-copy'));
    expect(await frame.configured).to.deep.equal({
      flow: 'reveal',
      view: 'copy',
      fields: ['cvc'],
      mode: 'session-key',
      group: { id: group.groupId, fields: ['cvc'] },
      last4: '4242',
      autoHideSeconds: 5,
      theme: 'light',
      locale: 'ar',
      style: own,
    });
  });

  it('configures a toggle with the group\'s fields and none of its own', async () => {
    const group = await fixture<CardframeGroup>(html`
      <cardframe-group frame-url=${BLANK}>
        <cardframe-expiry></cardframe-expiry>
        <cardframe-toggle></cardframe-toggle>
      </cardframe-group>
    `);
    const frame = await connectFake(byTag<CardframeToggle>(group, 'cardframe-toggle'));
    expect(await frame.configured).to.deep.equal({ flow: 'reveal', view: 'toggle', group: { id: group.groupId, fields: ['expiry'] } });
  });

  it('sends no group to a card outside any group', async () => {
    const card = await fixture<CardframeCard>(html`<cardframe-card frame-url=${BLANK} fields="pan cvc"></cardframe-card>`);
    const frame = await connectFake(card);
    expect(await frame.configured).to.deep.equal({ flow: 'reveal', view: 'card', fields: ['pan', 'cvc'] });
  });
});

describe('cardframe-group readiness and teardown', () => {
  it('whenReady resolves once every member\'s frame is ready', async () => {
    const group = await fixture<CardframeGroup>(html`<cardframe-group frame-url=${BLANK} ready-timeout="60000"><cardframe-pan></cardframe-pan><cardframe-cvc></cardframe-cvc></cardframe-group>`);
    const [pan, cvc] = group.members as [RevealElement, RevealElement];
    const [panFrame, cvcFrame] = await Promise.all([connectFake(pan), connectFake(cvc)]);
    let settled = false;
    const ready = group.whenReady().then(() => (settled = true));
    panFrame.ready(['pan']);
    expect(await pan.whenReady()).to.deep.equal(['pan']);
    expect(settled).to.equal(false);
    cvcFrame.ready(['cvc']);
    await ready;
    // Once ready, it answers at once.
    expect(await cvc.whenReady()).to.deep.equal(['cvc']);
  });

  it('whenReady rejects with ERR_FRAME_TIMEOUT when a member\'s frame never answers, and so does a later call', async () => {
    const group = await fixture<CardframeGroup>(html`<cardframe-group frame-url=${BLANK}><cardframe-pan ready-timeout="200"></cardframe-pan></cardframe-group>`);
    expect(await rejectionCode(group.whenReady())).to.equal('ERR_FRAME_TIMEOUT');
    expect(await rejectionCode(group.whenReady())).to.equal('ERR_FRAME_TIMEOUT');
  });

  it('destroy removes the group and every member, rejecting their pending whenReady with ERR_DESTROYED', async () => {
    const root = await fixture<HTMLDivElement>(html`<div><cardframe-group frame-url=${BLANK}><cardframe-pan></cardframe-pan><cardframe-copy></cardframe-copy></cardframe-group></div>`);
    const group = byTag<CardframeGroup>(root, 'cardframe-group');
    const members = group.members;
    const pending = members.map((member) => rejectionCode(member.whenReady()));
    group.destroy();
    expect(await Promise.all(pending)).to.deep.equal(['ERR_DESTROYED', 'ERR_DESTROYED']);
    expect(root.querySelector('cardframe-group, cardframe-pan, cardframe-copy')).to.equal(null);
    expect(members.every((member) => !member.isConnected)).to.equal(true);
  });

  it('hide asks every member\'s frame to hide, and refuses with ERR_OUT_OF_ORDER before they are connected', async () => {
    const group = await fixture<CardframeGroup>(html`<cardframe-group frame-url=${BLANK}><cardframe-pan></cardframe-pan></cardframe-group>`);
    const copy = document.createElement('cardframe-copy') as CardframeCopy;
    group.append(copy);
    expect(await rejectionCode(group.hide())).to.equal('ERR_OUT_OF_ORDER');
    const frames = await Promise.all(group.members.map((member) => connectFake(member)));
    await Promise.all(frames.map((frame) => frame.configured));
    await group.hide();
    expect(frames.map((frame) => frame.methods)).to.deep.equal([
      ['configure', 'hide'],
      ['configure', 'hide'],
    ]);
  });
});

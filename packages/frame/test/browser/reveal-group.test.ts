import { expect } from '@open-wc/testing';
import { RevealGroup, type GroupMessage } from '../../src/reveal-group.ts';

let counter = 0;
/** A fresh group id per test, so tests never hear each other. */
const freshId = (): string => `test-${Date.now().toString(36)}-${(counter++).toString(36)}-${crypto.randomUUID().slice(0, 8)}`;

/** A group member that records what it receives. */
function member(id: string, fields: RevealGroup['fields'] = ['pan']): { group: RevealGroup; received: GroupMessage[] } {
  const received: GroupMessage[] = [];
  const group = new RevealGroup(id, fields, (message) => received.push(message));
  return { group, received };
}

/** Waits until `received` has `count` messages, or a short while if it never does. */
async function settle(received: unknown[], count: number, ms = 300): Promise<void> {
  const until = Date.now() + ms;
  while (received.length < count && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
}

const SENTINEL = { type: 'hide', reason: 'host' } as const;

describe('RevealGroup', () => {
  const open: { close(): void }[] = [];
  afterEach(() => {
    for (const item of open.splice(0)) item.close();
  });
  const track = <T extends { close(): void }>(item: T): T => (open.push(item), item);

  it('keeps its fields', () => {
    const a = member(freshId(), ['pan', 'cvc']);
    track(a.group);
    expect(a.group.fields).to.deep.equal(['pan', 'cvc']);
  });

  it('delivers values and hides between two members of the same id, but not back to the sender', async () => {
    const id = freshId();
    const a = member(id);
    const b = member(id, ['cvc']);
    track(a.group);
    track(b.group);
    a.group.post({ type: 'values', values: { pan: '4242 4242 4242 4242', cvc: '123', expiry: '04/27' }, show: true });
    await settle(b.received, 1);
    expect(b.received).to.deep.equal([{ type: 'values', values: { pan: '4242 4242 4242 4242', cvc: '123', expiry: '04/27' }, show: true }]);
    b.group.post({ type: 'hide', reason: 'timeout' });
    await settle(a.received, 1);
    expect(a.received).to.deep.equal([{ type: 'hide', reason: 'timeout' }]);
    expect(b.received.length).to.equal(1);
  });

  it('never lets a member of another group hear the values', async () => {
    const id = freshId();
    const a = member(id);
    const b = member(id);
    const other = member(freshId());
    [a, b, other].forEach(({ group }) => track(group));
    a.group.post({ type: 'values', values: { pan: '4242424242424242' }, show: false });
    await settle(b.received, 1);
    await settle(other.received, 1, 150);
    expect(b.received).to.have.length(1);
    expect(other.received).to.deep.equal([]);
  });

  it('hears nothing after it is closed', async () => {
    const id = freshId();
    const a = member(id);
    const b = member(id);
    track(a.group);
    b.group.close();
    a.group.post(SENTINEL);
    await settle(b.received, 1, 150);
    expect(b.received).to.deep.equal([]);
  });

  describe('drops malformed messages from the channel', () => {
    const malformed: [what: string, data: unknown][] = [
      ['null', null],
      ['a string', 'values'],
      ['a number', 4242],
      ['an array', [{ type: 'hide', reason: 'user' }]],
      ['an unknown type', { type: 'show', values: { pan: '4242' }, show: true }],
      ['no type', { values: { pan: '4242' }, show: true }],
      ['a hide with an unknown reason', { type: 'hide', reason: 'whim' }],
      ['a hide with no reason', { type: 'hide' }],
      ['values with a non-boolean show', { type: 'values', values: { pan: '4242' }, show: 'yes' }],
      ['values with no show', { type: 'values', values: { pan: '4242' } }],
      ['values that are not an object', { type: 'values', values: '4242424242424242', show: true }],
      ['values that are null', { type: 'values', values: null, show: true }],
    ];
    for (const [what, data] of malformed) {
      it(`drops ${what}`, async () => {
        const id = freshId();
        const receiver = member(id);
        const sender = track(new BroadcastChannel(`cardframe-group:${id}`));
        track(receiver.group);
        sender.postMessage(data);
        // Messages from one sender arrive in order: once the sentinel is in, the bad one has been handled.
        sender.postMessage(SENTINEL);
        await settle(receiver.received, 1);
        expect(receiver.received).to.deep.equal([SENTINEL]);
      });
    }

    it('keeps only well-formed values of known fields: digits, spaces and a slash, at most 32 characters', async () => {
      const id = freshId();
      const receiver = member(id);
      const sender = track(new BroadcastChannel(`cardframe-group:${id}`));
      track(receiver.group);
      sender.postMessage({
        type: 'values',
        values: { pan: '<img src=x onerror=alert(1)>', cvc: 123, expiry: '04/27', pin: '1'.repeat(33), secret: '4242', track2: '4242424242424242=2704' },
        show: true,
      });
      await settle(receiver.received, 1);
      expect(receiver.received).to.deep.equal([{ type: 'values', values: { expiry: '04/27' }, show: true }]);
    });

    it('drops a value with letters or an empty value, field by field', async () => {
      const id = freshId();
      const receiver = member(id);
      const sender = track(new BroadcastChannel(`cardframe-group:${id}`));
      track(receiver.group);
      sender.postMessage({ type: 'values', values: { pan: '4242 4242 4242 424x', cvc: '', pin: '1234' }, show: false });
      await settle(receiver.received, 1);
      expect(receiver.received).to.deep.equal([{ type: 'values', values: { pin: '1234' }, show: false }]);
    });
  });
});

import { expect } from '@open-wc/testing';
import { parseFrameMessage } from '@cardframe/protocol';
import { parseFrameConfig } from '../../src/config.ts';
import { FrameApp } from '../../src/frame-app.ts';

// The milestones a frame reports on its way to ready: what the host's ready
// timeout follows. Each is a valid protocol event, in order, and says nothing
// beyond the stage (no field, no value, nothing that tells frames apart).

async function frameEvents(configure: object): Promise<{ event: string; detail: unknown }[]> {
  const issuer = await crypto.subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['encrypt', 'decrypt']);
  const { n, e } = await crypto.subtle.exportKey('jwk', issuer.publicKey);
  const config = parseFrameConfig({
    allowedHostOrigins: ['https://shop.example'],
    issuer: { sessionKey: { jwk: { kty: 'RSA', n, e } }, oaepHash: 'SHA-256' },
    flows: { reveal: { fields: ['pan', 'cvc'] } },
  });
  const { port1, port2 } = new MessageChannel();
  const root = document.body.appendChild(document.createElement('div'));
  const events: { event: string; detail: unknown }[] = [];
  const done = new Promise<void>((resolve) => {
    port2.onmessage = ({ data }) => {
      // Everything the host receives must pass the host's own validator.
      const message = parseFrameMessage(data);
      if (message.kind === 'event') events.push({ event: message.event, detail: message.detail });
      if (message.kind === 'reply') resolve();
    };
  });
  new FrameApp(config, { port: port1, origin: 'https://shop.example' }, root);
  port2.postMessage({ v: 1, kind: 'request', id: 'c1', method: 'configure', params: configure });
  await done;
  root.remove();
  port2.close();
  return events;
}

describe('frame progress milestones', () => {
  it('reports loading after it connects (its first resize) and before ready, and nothing else about its progress', async () => {
    const events = await frameEvents({ fields: ['pan'] });
    const milestones = events.filter((e) => e.event === 'progress' || e.event === 'ready');
    expect(milestones).to.deep.equal([
      { event: 'progress', detail: { stage: 'loading' } },
      { event: 'ready', detail: { fields: ['pan'] } },
    ]);
    expect(events[0]!.event).to.equal('resize');
    expect(events.findIndex((e) => e.event === 'progress')).to.be.lessThan(events.findIndex((e) => e.event === 'ready'));
  });

  it('reports the same milestones for frames of different fields and views', async () => {
    const stages = async (configure: object) => (await frameEvents(configure)).filter((e) => e.event === 'progress');
    expect(await stages({ fields: ['cvc'], view: 'field' })).to.deep.equal(await stages({ fields: ['pan', 'cvc'], view: 'card', last4: '4242' }));
  });

  it('reports no milestone and no ready when the configure is refused', async () => {
    const events = await frameEvents({ fields: ['pin'] });
    expect(events.some((e) => e.event === 'progress' || e.event === 'ready')).to.equal(false);
  });
});

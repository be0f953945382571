import { expect } from '@open-wc/testing';
import { HostChannel } from '../../src/host-channel.ts';

function nextMessage(port: MessagePort): Promise<Record<string, unknown>> {
  return new Promise((resolve) => port.addEventListener('message', (event) => resolve(event.data as Record<string, unknown>), { once: true }));
}

function setup(handlers: Partial<ConstructorParameters<typeof HostChannel>[1]> = {}, timeoutMs?: number) {
  const { port1, port2 } = new MessageChannel();
  port2.start();
  const calls: string[] = [];
  const channel = new HostChannel(
    port1,
    {
      configure: handlers.configure ?? (() => void calls.push('configure')),
      hide: handlers.hide ?? (() => void calls.push('hide')),
    },
    timeoutMs === undefined ? {} : { timeoutMs },
  );
  return { channel, host: port2, calls };
}

describe('frame host channel', () => {
  it('runs a valid configure request and acknowledges it', async () => {
    const { host, calls } = setup();
    const reply = nextMessage(host);
    host.postMessage({ v: 1, kind: 'request', id: 'a1', method: 'configure', params: { fields: ['pan'] } });
    expect(await reply).to.deep.equal({ v: 1, kind: 'reply', id: 'a1', ok: true, result: {} });
    expect(calls).to.deep.equal(['configure']);
  });

  it('answers a malformed request with an error reply and does not run it', async () => {
    const { host, calls } = setup();
    const reply = nextMessage(host);
    host.postMessage({ v: 1, kind: 'request', id: 'a2', method: 'configure', params: { fields: ['pan'], key: 'x' } });
    expect(await reply).to.deep.include({ kind: 'reply', id: 'a2', ok: false });
    expect(calls).to.deep.equal([]);
  });

  it('answers garbage without an id with an error event', async () => {
    const { host } = setup();
    const event = nextMessage(host);
    host.postMessage('hello');
    expect(await event).to.deep.include({ kind: 'event', event: 'error' });
  });

  it('turns a handler rejection into an error reply with its code', async () => {
    const { CardframeError } = await import('@cardframe/protocol');
    const { host } = setup({ configure: () => Promise.reject(new CardframeError('ERR_NOT_ALLOWED', 'no')) });
    const reply = nextMessage(host);
    host.postMessage({ v: 1, kind: 'request', id: 'a3', method: 'configure', params: {} });
    expect(await reply).to.deep.include({ ok: false, error: { code: 'ERR_NOT_ALLOWED', message: 'no' } });
  });

  it('resolves a session request with the host reply and rejects on a failed reply', async () => {
    const { channel, host } = setup();
    host.addEventListener('message', (event) => {
      const m = event.data as { id: string; params: { sessionId: string } };
      host.postMessage(
        m.params.sessionId === 'AAAA'
          ? { v: 1, kind: 'reply', id: m.id, ok: true, result: { body: '{"x":1}' } }
          : { v: 1, kind: 'reply', id: m.id, ok: false, error: { code: 'ERR_ISSUER_REQUEST', message: 'HTTP 502', status: 502 } },
      );
    });
    expect(await channel.request('session', { sessionId: 'AAAA' })).to.deep.equal({ body: '{"x":1}' });
    try {
      await channel.request('session', { sessionId: 'BBBB' });
      expect.fail('resolved');
    } catch (error) {
      expect(error).to.include({ code: 'ERR_ISSUER_REQUEST', status: 502 });
    }
  });

  it('rejects a session request the host never answers, after the timeout', async () => {
    const { channel } = setup({}, 50);
    try {
      await channel.request('session', { sessionId: 'AAAA' });
      expect.fail('resolved');
    } catch (error) {
      expect(error).to.include({ code: 'ERR_ISSUER_REQUEST' });
    }
  });

  it('rejects pending requests with ERR_DESTROYED when closed', async () => {
    const { channel } = setup();
    const pending = channel.request('session', { sessionId: 'AAAA' });
    channel.close();
    try {
      await pending;
      expect.fail('resolved');
    } catch (error) {
      expect(error).to.include({ code: 'ERR_DESTROYED' });
    }
  });
});

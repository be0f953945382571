import { expect } from '@open-wc/testing';
import { runHostCallback } from '../../src/host-callback.ts';

const runFetchCardData = (callback: Parameters<typeof runHostCallback<string>>[0], sessionId: string) => runHostCallback(callback, sessionId, 'fetchCardData');

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; status?: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; status?: number; message: string };
  }
  throw new Error('resolved');
}

describe('host callbacks (fetchCardData)', () => {
  it('passes a Response body through as text, a string as is, and plain JSON data as is', async () => {
    expect(await runFetchCardData(async () => new Response('{"a":1}'), 'AAAA')).to.equal('{"a":1}');
    expect(await runFetchCardData(async () => 'text', 'AAAA')).to.equal('text');
    expect(await runFetchCardData(async () => ({ a: [1, 'b', null] }), 'AAAA')).to.deep.equal({ a: [1, 'b', null] });
  });

  it('hands the callback the sessionid', async () => {
    let seen = '';
    await runFetchCardData(async (sessionId) => {
      seen = sessionId;
      return '{}';
    }, 'c2Vzc2lvbg==');
    expect(seen).to.equal('c2Vzc2lvbg==');
  });

  it('turns a non-2xx Response into ERR_ISSUER_REQUEST with its status', async () => {
    expect(await codeOf(runFetchCardData(async () => new Response('{}', { status: 503 }), 'AAAA'))).to.include({ code: 'ERR_ISSUER_REQUEST', status: 503 });
  });

  it('passes the issuer\'s error code (only the code) from a JSON error body', async () => {
    const body = JSON.stringify({ error: { code: 'retired_key', message: 'key abc retired' } });
    const error = await codeOf(runFetchCardData(async () => new Response(body, { status: 400 }), 'AAAA'));
    expect(error).to.include({ code: 'ERR_ISSUER_REQUEST', status: 400, issuerCode: 'retired_key' });
    expect(error.message).to.not.contain('abc');
    const odd = await codeOf(runFetchCardData(async () => new Response(JSON.stringify({ error: { code: '<script>' } }), { status: 400 }), 'AAAA'));
    expect(odd).to.not.have.property('issuerCode');
  });

  it('turns a rejection into ERR_ISSUER_REQUEST without the host error message', async () => {
    const error = await codeOf(runFetchCardData(async () => Promise.reject(new Error('secret token')), 'AAAA'));
    expect(error.code).to.equal('ERR_ISSUER_REQUEST');
    expect(error.message).to.not.contain('secret token');
  });

  it('refuses results that are not JSON data, and a missing callback', async () => {
    expect(await codeOf(runFetchCardData(async () => new Map(), 'AAAA'))).to.include({ code: 'ERR_MALFORMED_RESPONSE' });
    expect(await codeOf(runFetchCardData(undefined, 'AAAA'))).to.include({ code: 'ERR_BAD_OPTION' });
  });
});

describe('host callbacks without a body', () => {
  it('treats a 204 Response and a void result as an empty body', async () => {
    expect(await runHostCallback(async () => new Response(null, { status: 204 }), {}, 'submitPin')).to.equal('');
    expect(await runHostCallback(async () => undefined, {}, 'submitPin')).to.equal('');
  });
});

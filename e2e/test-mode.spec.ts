import { expect, test } from './fixtures.ts';

/**
 * Test mode is the frame deployment's choice alone. A host that makes its
 * own connection to the frame (as any script on an allowed host can) asks
 * for it through configure and through the frame URL, and gets neither.
 */
async function connectAndConfigure(page: import('@playwright/test').Page, frameUrl: string, requests: readonly Record<string, unknown>[]): Promise<{ ok: boolean; error?: { code: string } }[]> {
  return page.evaluate(
    ([url, all]) =>
      new Promise<{ ok: boolean; error?: { code: string } }[]>((resolve) => {
        const iframe = document.createElement('iframe');
        iframe.id = 'own-frame';
        iframe.src = url;
        iframe.addEventListener('load', () => {
          const channel = new MessageChannel();
          const replies: { ok: boolean; error?: { code: string } }[] = [];
          channel.port1.onmessage = (event: MessageEvent) => {
            const message = event.data as { kind?: string; ok: boolean; error?: { code: string } };
            if (message.kind !== 'reply') return;
            replies.push(message);
            if (replies.length === all.length) resolve(replies);
          };
          iframe.contentWindow!.postMessage({ cardframe: 'connect', v: 1 }, new URL(url).origin, [channel.port2]);
          all.forEach((params, i) => channel.port1.postMessage({ v: 1, kind: 'request', id: `tm${i}`, method: 'configure', params }));
        });
        document.body.append(iframe);
      }),
    [frameUrl, requests] as const,
  );
}

test.describe('the frame\'s test mode', () => {
  test('cannot be turned on by the host through configure or the frame URL', async ({ host, demo }) => {
    await host.open();
    const url = `${demo.frameUrl}?testMode=true#testMode=true`;
    const [refused, accepted] = await connectAndConfigure(host.page, url, [{ flow: 'reveal', testMode: true }, { flow: 'reveal' }]);
    expect(refused).toMatchObject({ ok: false, error: { code: 'ERR_BAD_MESSAGE' } });
    // The same frame still takes an honest configure, and carries no test ids.
    expect(accepted!.ok).toBe(true);
    const frame = host.page.frameLocator('#own-frame');
    await expect(frame.getByRole('button', { name: /Reveal/ })).toBeEnabled();
    await expect(frame.locator('[data-testid]')).toHaveCount(0);
    await expect(host.frame.locator('[data-testid]')).toHaveCount(0);
  });
});

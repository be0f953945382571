import { expect, test } from './fixtures.ts';

// A frame whose config enables only PAN, expiry and CVC for reveal.
test.use({ demoOptions: { frameConfig: (config) => ({ ...config, flows: { reveal: { ...config.flows.reveal!, fields: ['pan', 'expiry', 'cvc'] } } }) } });

test('mountCard rejects with ERR_NOT_ALLOWED when the host asks for a field the frame does not enable', async ({ host }) => {
  await host.open();
  await host.waitForReady();
  const error = await host.page.evaluate(async (frameUrl) => {
    const { mountCard } = (window as unknown as { cardframe: typeof import('@cardframe/sdk') }).cardframe;
    try {
      await mountCard(document.body, { frameUrl, fields: ['pin'], fetchCardData: async () => '{}' });
      return null;
    } catch (e) {
      return { code: (e as { code: string }).code };
    }
  }, host.demo.frameUrl);
  expect(error).toEqual({ code: 'ERR_NOT_ALLOWED' });
});

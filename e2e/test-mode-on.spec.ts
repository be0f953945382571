import { expect, test } from './fixtures.ts';

// Only the frame's deployment config turns test mode on.
test.use({ demoOptions: { frameConfig: (config) => ({ ...config, testMode: true }) } });

test.describe('a frame deployed in test mode', () => {
  test('tags its controls and values, and the host still cannot read it', async ({ host }) => {
    await host.open();
    await host.waitForReady();
    await expect(host.frame.getByTestId('cardframe-reveal')).toBeEnabled();
    await host.frame.getByTestId('cardframe-reveal').click();
    await expect(host.frame.getByTestId('cardframe-value-pan')).toHaveText('4242 4242 4242 4242');
    await expect(host.frame.getByTestId('cardframe-hide')).toBeVisible();
    await expect(host.pinFrame.getByTestId('cardframe-pin-new')).toBeVisible();
    const access = await host.page.evaluate(() => {
      const iframe = document.querySelector('#card')!.shadowRoot!.querySelector('iframe')!;
      try {
        return String(iframe.contentWindow!.document.body.innerHTML);
      } catch (error) {
        return (error as Error).name;
      }
    });
    expect(access).toBe('SecurityError');
    expect((await host.page.locator('#card').locator('iframe').getAttribute('sandbox'))).toBe('allow-scripts allow-same-origin');
  });
});

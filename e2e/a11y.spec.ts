import AxeBuilder from '@axe-core/playwright';
import { expect, test, type HostPage } from './fixtures.ts';

// axe runs in the host page and in every frame, cross-origin ones included. It
// takes seconds per run on a loaded machine, hence the longer timeout.
test.describe.configure({ timeout: 90_000 });

async function violations(host: HostPage): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page: host.page }).analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' > ')).join(', ')}`);
}

for (const path of ['/', '/artwork.html', '/react/', '/vue/']) {
  test(`axe finds no accessibility violations on ${path} or inside its frames once a card is revealed`, async ({ host }) => {
    await host.open(new URL(path, host.demo.merchantUrl).href);
    if (path !== '/') {
      // The artwork's style reaches the field frames with a second configure once the page script has run; check the final look.
      const pan = host.frameIn('#card cardframe-pan').locator('cardframe-field-view');
      await expect.poll(() => pan.evaluate((view) => getComputedStyle(view).backgroundColor)).toBe('rgb(38, 70, 83)');
    }
    if (path === '/artwork.html') expect(await violations(host)).toEqual([]);
    const toggle = path === '/' ? host.frame : host.frameIn('#card cardframe-toggle');
    await toggle.getByRole('button', { name: /Reveal/ }).click();
    await expect(toggle.getByRole('button', { name: /Hide/ })).toBeVisible();
    expect(await violations(host)).toEqual([]);
  });
}

import type { Page } from '@playwright/test';

// A file of the frame's own code that does not arrive, for the suites that
// check the frame fetches it again (e2e/frame-load.spec.ts and its bound twin).

/** A built chunk of the frame by its name: `jwe` matches /assets/jwe-<8-character hash>.js, not jwe-policy-<hash>.js. */
export const chunk = (name: string): RegExp => new RegExp(`/assets/${name}-[\\w-]{8}\\.js$`);

/**
 * Aborts the first request for `file` that the frame inside the element
 * `#id` makes (other frames of the page load it as usual) and lets every
 * later one through. Resolves with the URLs that frame asked for.
 */
export async function failOnceIn(page: Page, file: RegExp, id: string): Promise<string[]> {
  const requests: string[] = [];
  await page.route(file, async (route) => {
    const iframe = await route.request().frame().frameElement().catch(() => undefined);
    const owner = await iframe?.evaluate((element) => ((element.getRootNode() as ShadowRoot).host as HTMLElement | undefined)?.id);
    if (owner !== id) return route.continue();
    requests.push(route.request().url());
    return requests.length === 1 ? route.abort('connectionreset') : route.continue();
  });
  return requests;
}

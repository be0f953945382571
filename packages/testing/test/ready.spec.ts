import { CardframeEventError, CardframePage } from '../src/index.ts';
import { expect, test } from './support/fixtures.ts';

test.describe('waitForReady', () => {
  test('resolves once every element under the selector is ready and its iframe has its height', async ({ page, cardframe, openHost }) => {
    await openHost();
    await cardframe.waitForReady('#cards');
    const heights = await cardframe.frames('#cards').evaluateAll((frames) => frames.map((frame) => (frame as HTMLIFrameElement).style.height));
    expect(heights).toHaveLength(2);
    for (const height of heights) expect(height).toMatch(/^\d+px$/);
    await expect(cardframe.frame('#card').locator('[data-testid="cardframe-reveal"]')).toBeEnabled();
    void page;
  });

  test('resolves for an element that was ready before anyone asked', async ({ page, cardframe, openHost }) => {
    await openHost();
    await expect(cardframe.frame('#pin').locator('[data-testid="cardframe-pin-submit"]')).toBeEnabled();
    await page.waitForTimeout(200);
    await cardframe.waitForReady('#pin', { timeout: 1000 });
  });

  test('rejects with the element\'s error code when the frame never answers', async ({ cardframe, openHost }) => {
    await openHost('?elements=card&frame=blank&readyTimeout=800');
    const error = await cardframe.waitForReady('#card').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardframeEventError);
    expect((error as CardframeEventError).code).toBe('ERR_FRAME_TIMEOUT');
    expect((error as Error).message).toContain('#card fired cardframe-error ERR_FRAME_TIMEOUT');
  });

  test('says what is missing when nothing matches, and when the kit was attached too late', async ({ page, cardframe, openHost, hostApp }) => {
    await openHost('?elements=card');
    await expect(cardframe.waitForReady('#nothing-here', { timeout: 300 })).rejects.toThrow('no cardframe element with a frame matches #nothing-here');

    const late = await page.context().newPage();
    await late.goto(hostApp.url);
    const kit = await CardframePage.attach(late);
    await expect(kit.waitForReady('#card', { timeout: 300 })).rejects.toThrow('not watching this page');
    await late.close();
  });
});

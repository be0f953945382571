import { cardframeFrame, cardframeFrames } from '../src/index.ts';
import { expect, test } from './support/fixtures.ts';

test.describe('locating frames', () => {
  test('finds each element\'s iframe through its shadow root, one or several per selector', async ({ page, openHost }) => {
    await openHost();
    await expect(cardframeFrames(page, '#card')).toHaveCount(1);
    await expect(cardframeFrames(page, 'cardframe-pin')).toHaveCount(1);
    // A container (as a group element will be) yields every frame inside it.
    await expect(cardframeFrames(page, '#cards')).toHaveCount(2);
    await expect(cardframeFrame(page, '#card').locator('[data-testid="cardframe-reveal"]')).toBeVisible();
    await expect(cardframeFrame(page, '#pin').locator('[data-testid="cardframe-pin-submit"]')).toBeVisible();
  });

  test('the fixture\'s frame() is strict when a selector matches several elements', async ({ cardframe, openHost }) => {
    await openHost();
    await expect(cardframe.frames('#cards')).toHaveCount(2);
    const error = await cardframe.frame('#cards').locator('body').textContent({ timeout: 2000 }).catch((e: unknown) => e);
    expect(String(error)).toContain('strict mode violation');
  });
});

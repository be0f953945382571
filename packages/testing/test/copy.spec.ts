import { expect, test } from './support/fixtures.ts';

// The copy button lives in the frame of a copy element; here a stub element on
// a second origin keeps the same contract (iframe[part=frame] in an open
// shadow root, a [data-testid=cardframe-copy] button, a cardframe-copy event).
test('copy presses the frame\'s copy button and resolves with the element\'s cardframe-copy detail', async ({ cardframe, openHost }) => {
  await openHost('?elements=copy');
  expect(await cardframe.copy('#copy')).toEqual({ field: 'pan' });
});

test('copy says so when the frame has no copy button', async ({ cardframe, openHost }) => {
  await openHost('?elements=card');
  await expect(cardframe.copy('#card')).rejects.toThrow('no [data-testid="cardframe-copy"] in the frame(s) of #card');
});

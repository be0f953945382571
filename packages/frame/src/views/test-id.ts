import { nothing } from 'lit/html.js';

/** `id` as a `data-testid` value when the view is in test mode (the frame config's `testMode`); no attribute otherwise. */
export function testId(view: { readonly testMode: boolean }, id: string): string | typeof nothing {
  return view.testMode ? id : nothing;
}

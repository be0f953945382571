import { test } from '../fixtures.ts';
import { boundJourneyThrough } from './wrapper-host.ts';

// Its own demo (a bound issuer whose card has no passkey yet): the Vue page's spec makes another.
test.use({ demoOptions: { binding: 'bound' } });

test('the React demo page relays a bound issuer: passkey created in the toggle\'s frame, bound reveals, bound PIN change', async ({ host }) => {
  await boundJourneyThrough(host, '/react/');
});

import { CardframeCopy, CardframeCvc, CardframeExpiry, CardframeGroup, CardframePan, CardframePin, CardframeToggle } from '@cardframe/vue';
import { createApp, defineComponent, h, ref } from 'vue';

const frameUrl = document.querySelector<HTMLMetaElement>('meta[name=cardframe-frame-url]')!.content;
const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
// The fields sit on the card artwork: the dark preset, on the artwork's own colour.
const onArtwork = { base: { backgroundColor: '#264653' }, value: { fontSize: '18px' } };
// `/api/card` with the issuer's `scope` query.
const cardUrl = (scope: readonly string[] = []) => `/api/card${scope.length ? `?${scope.map((s) => `scope=${encodeURIComponent(s)}`).join('&')}` : ''}`;
// `request` carries the issuer's scopes and, for a bound issuer, the passkey assertion header: forward both.
const fetchCardData = (sessionId: string, request?: { readonly headers: Readonly<Record<string, string>>; readonly scope: readonly string[] }) =>
  fetch(cardUrl(request?.scope), { headers: { sessionid: sessionId, ...request?.headers } });
// A bound issuer's passkey statements, and a first passkey's registration (seed 001's PATCH /), go through these two.
const fetchCard = (request: { readonly scope: readonly string[]; readonly headers: Readonly<Record<string, string>> }) => fetch(cardUrl(request.scope), { headers: { ...request.headers } });
const bindCard = (body: unknown) => fetch('/api/card', { ...json(body), method: 'PATCH' });

// Render functions rather than templates: the host page's CSP has no 'unsafe-eval' for Vue's template compiler.
const App = defineComponent({
  setup() {
    const events = ref<string[]>([]);
    const shown = ref(true);
    const log = (line: string) => events.value.push(line);
    const card = () =>
      h(CardframeGroup, { id: 'card', frameUrl, last4: '4242', theme: 'dark', fetchCardData, fetchCard, bindCard, onError: (e: { code: string }) => log(`error ${e.code}`) }, () => [
        h('section', { class: 'artwork', 'aria-label': 'Your card' }, [
          h('span', { class: 'artwork-brand', 'aria-hidden': 'true' }, 'ACME'),
          h(CardframePan, { class: 'artwork-pan', frameStyle: onArtwork, onReveal: () => log('reveal pan') }),
          h('span', { class: 'artwork-label', 'aria-hidden': 'true' }, 'Valid thru'),
          h(CardframeExpiry, { class: 'artwork-expiry', frameStyle: onArtwork }),
          h('span', { class: 'artwork-label artwork-label-cvc', 'aria-hidden': 'true' }, 'CVC'),
          h(CardframeCvc, { class: 'artwork-cvc', frameStyle: onArtwork }),
        ]),
        h('div', { class: 'artwork-actions' }, [h(CardframeToggle, { theme: 'light' }), h(CardframeCopy, { for: 'pan', theme: 'light', onCopy: (e: { field: string }) => log(`copy ${e.field}`) })]),
      ]);
    return () =>
      h('div', [
        h('h1', 'Your Acme card'),
        h('p', { class: 'note' }, 'A Vue app using @cardframe/vue. Each detail is its own frame on another origin.'),
        h('p', [h('button', { type: 'button', id: 'remount', onClick: () => (shown.value = !shown.value) }, shown.value ? 'Unmount the card' : 'Mount the card')]),
        shown.value ? card() : null,
        h('h2', 'Change your PIN'),
        h('section', { class: 'panel', 'aria-label': 'Change PIN' }, [
          h(CardframePin, {
            id: 'pin',
            frameUrl,
            fetchCard,
            bindCard,
            submitPin: (submission: unknown) => fetch('/api/pin', json(submission)),
            registerDevice: (publicKey: unknown, extra?: { assertion?: unknown }) => fetch('/api/devices', json({ public_key: publicKey, ...(extra?.assertion ? { assertion: extra.assertion } : {}) })),
            onSubmit: (e: { status: string }) => log(`submit ${e.status}`),
          }),
        ]),
        h('h2', 'Events the app received'),
        h('ol', { id: 'events', 'aria-live': 'polite' }, events.value.map((line) => h('li', line))),
        h('p', [h('a', { href: '/' }, 'Back to the full demo')]),
      ]);
  },
});

createApp(App).mount('#root');

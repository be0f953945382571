// One callback for the whole card: any of its frames asks through it, once per reveal.
const group = document.querySelector('#card');
// `request` carries the issuer's scopes and, for a bound issuer, the passkey assertion header: forward both.
const cardUrl = (scope = []) => `/api/card${scope.length > 0 ? `?${scope.map((s) => `scope=${encodeURIComponent(s)}`).join('&')}` : ''}`;
group.fetchCardData = (sessionId, request = { headers: {}, scope: [] }) => fetch(cardUrl(request.scope), { headers: { sessionid: sessionId, ...request.headers } });
group.fetchCard = ({ scope, headers = {} }) => fetch(cardUrl(scope), { headers });
group.bindCard = (body) => fetch('/api/card', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const json = (body) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const pin = document.querySelector('#pin');
pin.submitPin = (submission) => fetch('/api/pin', json(submission));
pin.registerDevice = (publicKey, extra) => fetch('/api/devices', json({ public_key: publicKey, ...(extra?.assertion ? { assertion: extra.assertion } : {}) }));
pin.fetchCard = group.fetchCard;
pin.bindCard = group.bindCard;

// Callbacks first, then the frame: the iframe's passkey permission is decided when it is made.
const frameUrl = document.querySelector('meta[name=cardframe-frame-url]').content;
group.frameUrl = frameUrl;
pin.frameUrl = frameUrl;

// The fields sit on the card artwork: the dark preset, on the artwork's own colour.
const onArtwork = { base: { backgroundColor: '#264653' }, value: { fontSize: '18px' } };
for (const field of group.querySelectorAll('.artwork cardframe-pan, .artwork cardframe-expiry, .artwork cardframe-cvc')) field.frameStyle = onArtwork;

const log = document.querySelector('#events');
for (const name of ['cardframe-ready', 'cardframe-reveal', 'cardframe-hide', 'cardframe-copy', 'cardframe-error', 'cardframe-submit']) {
  document.addEventListener(name, (event) => {
    const item = document.createElement('li');
    item.textContent = `<${event.target.localName}> ${name} ${JSON.stringify(event.detail)}`;
    log.append(item);
  });
}

document.querySelector('#hide').addEventListener('click', () => {
  group.hide().catch(() => {});
});

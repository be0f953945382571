// The whole integration: tell each element how to reach our backend, listen to events.
const json = (body, method = 'POST') => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
// `/api/card` with the issuer's `scope` query and `?card=` for the switched card (and the wallet's address for siwe).
const cardUrl = (scope = [], card = '', address = '') => {
  const query = new URLSearchParams(card);
  for (const name of scope) query.append('scope', name);
  if (address) query.set('address', address);
  return `/api/card${query.size > 0 ? `?${query}` : ''}`;
};
// `request.headers` holds the sessionid and, for a bound issuer, the passkey assertion: forward them as they are.
const fetchCardDataFor = (card) => (sessionId, request = { headers: {}, scope: [] }) =>
  fetch(cardUrl(request.scope, card()), { headers: { sessionid: sessionId, ...request.headers } });
const fetchCardFor = (card) => async ({ scope, headers = {} }) => fetch(cardUrl(scope, card(), scope.includes('siwe') ? await walletAddress() : ''), { headers });
const bindCardFor = (card) => (body) => fetch(cardUrl([], card()), json(body, 'PATCH'));
const withAssertion = (extra) => (extra?.assertion ? { assertion: extra.assertion } : {});

// The cardholder's wallet. There is no browser wallet here, so the merchant backend holds a stand-in
// test account (demo/src/sandbox-wallet.ts); a real page asks the wallet (EIP-1193 `personal_sign`).
let walletAddressPromise;
const walletAddress = () => (walletAddressPromise ??= fetch('/api/sandbox-wallet').then((r) => (r.ok ? r.json() : {})).then((w) => w.address ?? ''));
const signMessage = async (message) => {
  const response = await fetch('/api/sandbox-wallet/sign', json({ message }));
  if (!response.ok) throw new Error('the wallet did not sign');
  return (await response.json()).signature;
};

const card = document.querySelector('#card');
const cardKeyPair = document.querySelector('#card-keypair');
const pinReveal = document.querySelector('#pin-reveal');
const pin = document.querySelector('#pin');
// The JWE/OpenPGP switch moves the last three to another card (`?card=`) and another frame deployment.
let otherCard = '';
const thisCard = () => '';
const switchedCard = () => otherCard;
card.fetchCardData = fetchCardDataFor(thisCard);
pinReveal.fetchCardData = fetchCardDataFor(switchedCard);
cardKeyPair.fetchEncryptedCard = (publicKey, extra) => fetch(`/api/card-details${otherCard}`, json({ public_key: publicKey, nonce: extra?.nonce, ...withAssertion(extra) }));
pin.submitPin = (submission) => fetch(`/api/pin${otherCard}`, json(submission));
pin.registerDevice = (publicKey, extra) => fetch(`/api/devices${otherCard}`, json({ public_key: publicKey, ...withAssertion(extra) }));
// A bound issuer's passkey statements (and a first passkey's registration) go through these too.
for (const [element, which] of [[card, thisCard], [cardKeyPair, switchedCard], [pinReveal, switchedCard], [pin, switchedCard]]) {
  element.fetchCard = fetchCardFor(which);
  element.bindCard = bindCardFor(which);
}

// "Protect with a passkey" / "Connect wallet": binds the card to its cardholder (seed 001's PATCH /).
const bind = document.querySelector('#bind');
bind.fetchCard = fetchCardFor(thisCard);
bind.bindCard = bindCardFor(thisCard);
bind.signMessage = signMessage;

// Callbacks first, then the frame: the iframe's passkey permission is decided when it is made.
const frameUrl = document.querySelector('meta[name=cardframe-frame-url]').content;
for (const element of [card, cardKeyPair, pinReveal, pin, bind]) element.frameUrl = frameUrl;

const formatSwitch = document.querySelector('#issuer-switch');
const messageFormat = document.querySelector('#message-format');
const frames = { jwe: cardKeyPair.frameUrl, pgp: formatSwitch.dataset.pgpFrameUrl };
const formats = { jwe: messageFormat.textContent, pgp: 'OpenPGP' };
// Without the sandbox (another issuer) there is no OpenPGP deployment to switch to.
formatSwitch.hidden = !frames.pgp;
formatSwitch.addEventListener('change', (event) => {
  const format = event.target.value === 'pgp' ? 'pgp' : 'jwe';
  otherCard = format === 'pgp' ? '?card=card_pgp' : '';
  for (const element of [cardKeyPair, pin, pinReveal]) element.frameUrl = frames[format];
  messageFormat.textContent = formats[format];
});

const log = document.querySelector('#events');
const names = ['cardframe-ready', 'cardframe-reveal', 'cardframe-hide', 'cardframe-error', 'cardframe-change', 'cardframe-submit', 'cardframe-bind', 'cardframe-provision'];
for (const element of [card, cardKeyPair, pin, pinReveal, bind]) {
  for (const name of names) {
    element.addEventListener(name, (event) => {
      const item = document.createElement('li');
      item.textContent = `#${element.id} ${name} ${JSON.stringify(event.detail)}`;
      log.append(item);
    });
  }
}

document.querySelector('#hide').addEventListener('click', () => {
  card.hide().catch(() => {});
});

// The change-request variant: the cardholder confirms the change (here, with a button).
const confirmBox = document.querySelector('#confirm-box');
let pendingChange;
pin.addEventListener('cardframe-submit', (event) => {
  pendingChange = event.detail.status === 'CONFIRMATION_REQUIRED' ? event.detail.changeRequestId : undefined;
  confirmBox.hidden = !pendingChange;
});
document.querySelector('#confirm').addEventListener('click', async () => {
  if (!pendingChange) return;
  const response = await fetch(`/api/change-requests/${pendingChange}/confirm`, json({}));
  const result = await response.json().catch(() => undefined);
  if (response.ok && result?.status === 'COMPLETED') {
    confirmBox.hidden = true;
    pendingChange = undefined;
  }
});

// The sandbox issuer's admin control: rotate its keys while the page is open.
const stages = document.querySelector('#key-stages');
document.querySelector('#rotate').addEventListener('click', async () => {
  const response = await fetch('/api/sandbox/rotate', json({}));
  const result = await response.json().catch(() => undefined);
  const count = (ring) => Object.values(ring ?? {}).filter((stage) => stage !== 'retired').length;
  stages.textContent = response.ok ? `Rotated: ${count(result.pin)} PIN keys and ${count(result.session)} session keys trusted now.` : 'Rotation is only available with the sandbox issuer.';
});

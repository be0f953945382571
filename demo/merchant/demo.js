// The whole integration: tell each element how to reach our backend, listen to events.
const json = (body) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const fetchCardData = (sessionId) => fetch('/api/card', { headers: { sessionid: sessionId } });

const card = document.querySelector('#card');
const cardKeyPair = document.querySelector('#card-keypair');
const pinReveal = document.querySelector('#pin-reveal');
const pin = document.querySelector('#pin');
// The JWE/OpenPGP switch moves the last three to another card (`?card=`) and another frame deployment.
let otherCard = '';
card.fetchCardData = fetchCardData;
cardKeyPair.fetchEncryptedCard = (publicKey, { nonce }) => fetch(`/api/card-details${otherCard}`, json({ public_key: publicKey, nonce }));
pinReveal.fetchCardData = (sessionId) => fetch(`/api/card${otherCard}`, { headers: { sessionid: sessionId } });
pin.submitPin = (submission) => fetch(`/api/pin${otherCard}`, json(submission));
pin.registerDevice = (publicKey) => fetch(`/api/devices${otherCard}`, json({ public_key: publicKey }));

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
const names = ['cardframe-ready', 'cardframe-reveal', 'cardframe-hide', 'cardframe-error', 'cardframe-change', 'cardframe-submit'];
for (const element of [card, cardKeyPair, pin, pinReveal]) {
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

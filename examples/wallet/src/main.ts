// The wallet's whole cardframe integration: point the elements at the frame,
// route the frame's requests through our backend, show what happened.
import '@cardframe/sdk';

const frameUrl = document.querySelector<HTMLMetaElement>('meta[name=cardframe-frame-url]')!.content;
const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const card = document.querySelector('cardframe-card')!;
card.fetchCardData = (sessionId) => fetch('/api/card', { headers: { sessionid: sessionId } });
card.frameUrl = frameUrl;

const pin = document.querySelector('cardframe-pin')!;
pin.submitPin = (submission) => fetch('/api/pin', json(submission));
pin.registerDevice = (publicKey) => fetch('/api/devices', json({ public_key: publicKey }));
pin.frameUrl = frameUrl;

const status = document.querySelector('#status')!;
card.addEventListener('cardframe-reveal', () => (status.textContent = 'Card details are showing.'));
card.addEventListener('cardframe-hide', () => (status.textContent = 'Card details are hidden.'));
card.addEventListener('cardframe-error', (event) => (status.textContent = `Something went wrong (${event.detail.code}).`));

const pinStatus = document.querySelector('#pin-status')!;
pin.addEventListener('cardframe-submit', () => (pinStatus.textContent = 'Your PIN was changed.'));
pin.addEventListener('cardframe-error', (event) => (pinStatus.textContent = `PIN not changed (${event.detail.code}).`));

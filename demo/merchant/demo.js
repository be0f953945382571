// The whole integration: tell the card how to reach our backend, listen to events.
const card = document.querySelector('#card');

card.fetchCardData = (sessionId) => fetch('/api/card', { headers: { sessionid: sessionId } });

const log = document.querySelector('#events');
for (const name of ['cardframe-ready', 'cardframe-reveal', 'cardframe-hide', 'cardframe-error']) {
  card.addEventListener(name, (event) => {
    const item = document.createElement('li');
    item.textContent = `${name} ${JSON.stringify(event.detail)}`;
    log.append(item);
  });
}

document.querySelector('#hide').addEventListener('click', () => {
  card.hide().catch(() => {});
});

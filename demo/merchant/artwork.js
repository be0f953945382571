// One callback for the whole card: any of its frames asks through it, once per reveal.
const group = document.querySelector('#card');
group.fetchCardData = (sessionId) => fetch('/api/card', { headers: { sessionid: sessionId } });

const log = document.querySelector('#events');
for (const name of ['cardframe-ready', 'cardframe-reveal', 'cardframe-hide', 'cardframe-copy', 'cardframe-error']) {
  group.addEventListener(name, (event) => {
    const item = document.createElement('li');
    item.textContent = `<${event.target.localName}> ${name} ${JSON.stringify(event.detail)}`;
    log.append(item);
  });
}

document.querySelector('#hide').addEventListener('click', () => {
  group.hide().catch(() => {});
});

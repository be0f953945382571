import { CardframeCopy, CardframeCvc, CardframeExpiry, CardframeGroup, CardframePan, CardframePin, CardframeToggle } from '@cardframe/react';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

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

function Card() {
  const [events, setEvents] = useState<string[]>([]);
  const log = (line: string) => setEvents((list) => [...list, line]);
  return (
    <>
      <CardframeGroup id="card" frameUrl={frameUrl} last4="4242" theme="dark" fetchCardData={fetchCardData} fetchCard={fetchCard} bindCard={bindCard} onError={(e) => log(`error ${e.detail.code}`)}>
        <section className="artwork" aria-label="Your card">
          <span className="artwork-brand" aria-hidden="true">
            ACME
          </span>
          <CardframePan className="artwork-pan" frameStyle={onArtwork} onReveal={() => log('reveal pan')} />
          <span className="artwork-label" aria-hidden="true">
            Valid thru
          </span>
          <CardframeExpiry className="artwork-expiry" frameStyle={onArtwork} />
          <span className="artwork-label artwork-label-cvc" aria-hidden="true">
            CVC
          </span>
          <CardframeCvc className="artwork-cvc" frameStyle={onArtwork} />
        </section>
        <div className="artwork-actions">
          <CardframeToggle theme="light" />
          <CardframeCopy field="pan" theme="light" onCopy={(e) => log(`copy ${e.detail.field}`)} />
        </div>
      </CardframeGroup>
      <h2>Change your PIN</h2>
      <section className="panel" aria-label="Change PIN">
        <CardframePin
          id="pin"
          frameUrl={frameUrl}
          fetchCard={fetchCard}
          bindCard={bindCard}
          submitPin={(submission) => fetch('/api/pin', json(submission))}
          registerDevice={(publicKey, extra?: { assertion?: unknown }) => fetch('/api/devices', json({ public_key: publicKey, ...(extra?.assertion ? { assertion: extra.assertion } : {}) }))}
          onSubmit={(e) => log(`submit ${e.detail.status}`)}
        />
      </section>
      <h2>Events the app received</h2>
      <ol id="events" aria-live="polite">
        {events.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ol>
    </>
  );
}

function App() {
  const [shown, setShown] = useState(true);
  return (
    <>
      <h1>Your Acme card</h1>
      <p className="note">A React app (StrictMode) using @cardframe/react. Each detail is its own frame on another origin.</p>
      <p>
        <button type="button" id="remount" onClick={() => setShown((s) => !s)}>
          {shown ? 'Unmount the card' : 'Mount the card'}
        </button>
      </p>
      {shown ? <Card /> : null}
      <p>
        <a href="/">Back to the full demo</a>
      </p>
    </>
  );
}

createRoot(document.querySelector('#root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

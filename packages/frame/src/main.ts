import './frame.css';
import { toCardframeError } from '@cardframe/protocol';
import { CardView } from './views/card-view.ts';
import { loadFrameConfig } from './load-config.ts';
import { acceptConnect } from './connect.ts';
import { FrameApp } from './frame-app.ts';
import { withCheckedSigningKeys } from './keys/signing-key-check.ts';

// The connect listener goes in before anything is awaited, so an early
// connect waits for the allowlist instead of being lost.
const config = loadFrameConfig().then(withCheckedSigningKeys);
const connection = acceptConnect(window, config.then((c) => c.allowedHostOrigins));

config.then(
  // The issuer's session key set is fetched once the frame is ready (flows/reveal-flow.ts), off the path to `ready`.
  async (loaded) => new FrameApp(loaded, await connection),
  (error: unknown) => {
    // Without a config there is no allowlist, so no host can connect: say so here only.
    const view = document.body.appendChild(new CardView());
    view.error = toCardframeError(error, 'ERR_CONFIG', 'frame config failed').toInfo();
    view.state = 'unavailable';
  },
);

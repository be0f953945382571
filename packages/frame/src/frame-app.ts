import { CardframeError, type ConfigureParams, type FlowName, type RevealViewName } from '@cardframe/protocol';
import { prepareAppearance, type ApplyAppearance } from './appearance.ts';
import type { FrameConfig } from './config.ts';
import type { Connection } from './connect.ts';
import { watchDocumentSize } from './document-size.ts';
import { checkConfigure, type CheckedConfigure } from './flows/configure-check.ts';
import type { Flow, FlowContext } from './flows/flow.ts';
import { RevealFlow } from './flows/reveal-flow.ts';
import { HostChannel } from './host-channel.ts';
import { loadChunk } from './load-chunk.ts';

// PIN entry is a chunk of its own: card frames never load it (nor the JWE or
// OpenPGP chunk it fetches to seal with, see keys/format-loader.ts).
const FLOWS: Record<FlowName, (context: FlowContext, view: RevealViewName) => Flow | Promise<Flow>> = {
  reveal: (context, view) => new RevealFlow(context, view),
  pin: async (context) => new (await loadChunk(import('./flows/pin-flow.ts'))).PinFlow(context),
  bind: async (context) => new (await loadChunk(import('./flows/bind-flow.ts'))).BindFlow(context),
};

/**
 * Serves one connection: the host's `configure` picks and narrows a flow
 * (only among those the config enables), `hide` resets it, and the frame
 * reports its size so the host can fit the iframe.
 */
export class FrameApp {
  readonly #config: FrameConfig;
  readonly #channel: HostChannel;
  readonly #root: HTMLElement;
  #flow: Flow | undefined;
  #flowKey: string | undefined;
  #loading: Promise<Flow> | undefined;

  constructor(config: FrameConfig, connection: Connection, root: HTMLElement = document.body) {
    this.#config = config;
    this.#root = root;
    this.#channel = new HostChannel(connection.port, {
      configure: (params) => this.#configure(params),
      hide: () => this.#flow?.hide('host'),
    });
    this.#observeSize();
    // Leaving the page (or being put in the back-forward cache) drops everything shown.
    window.addEventListener('pagehide', () => this.#flow?.hide('host'));
    window.addEventListener('focus', () => this.#channel.emit('focus', {}));
    window.addEventListener('blur', () => this.#channel.emit('blur', {}));
    connection.port.addEventListener('close', () => this.#flow?.hide('host'));
  }

  async #configure(params: ConfigureParams): Promise<void> {
    let checked: CheckedConfigure;
    let applyAppearance: ApplyAppearance;
    try {
      // Everything is checked before anything changes; a refused style or option leaves the look as it was.
      checked = checkConfigure(this.#config, params);
      applyAppearance = await prepareAppearance(params, this.#config);
    } catch (error) {
      // A host that sends refused configures while a card is shown is probing it: what was shown goes.
      this.#hideShown();
      throw error;
    }
    const { flow: name, view } = checked;
    // A new look, language, field set, view or mode never applies to shown values: they are
    // masked and dropped first, and the host is told it did that.
    this.#hideShown();
    const key = `${name}:${view}`;
    if (this.#flowKey !== key) {
      this.#flow?.destroy();
      this.#flow = undefined;
      this.#flowKey = key;
      this.#loading = Promise.resolve(FLOWS[name]({ config: this.#config, channel: this.#channel }, view));
    }
    const loading = this.#loading!;
    const flow = await loading.catch((error: unknown) => {
      // A flow chunk that did not load is fetched again by the next configure.
      if (this.#loading === loading) this.#flowKey = undefined;
      throw error;
    });
    // Configured for another flow while this one loaded: that one wins.
    if (this.#loading !== loading) throw new CardframeError('ERR_OUT_OF_ORDER', 'configured again while the flow was loading');
    if (this.#flow !== flow) {
      this.#flow = flow;
      this.#root.replaceChildren(flow.element);
    } else {
      // Again in the same task as the new look goes on: a reveal may have finished while the flow loaded.
      this.#hideShown();
    }
    applyAppearance(flow.element);
    // A milestone for the host's ready timeout, which waits as long as the frame is heard from:
    // its first resize as it connects, this, then ready. One only: each costs the first download.
    this.#channel.emit('progress', { stage: 'loading' });
    const shown = await flow.configure(params);
    this.#channel.emit('ready', { fields: shown });
  }

  /** Masks and drops whatever the current flow shows; a flow whose view has not rendered yet shows nothing. */
  #hideShown(): void {
    const flow = this.#flow;
    if (flow && (flow.element as HTMLElement & { hasUpdated?: boolean }).hasUpdated) flow.hide('host');
  }

  #observeSize(): void {
    let last = -1;
    const measure = (): void => {
      // Reading the layout forces it, so this is right even while the
      // browser throttles rendering in this (offscreen) frame.
      const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height !== last) {
        last = height;
        this.#channel.emit('resize', { height });
      }
    };
    this.#root.addEventListener('cardframe-rendered', measure);
    watchDocumentSize(measure);
  }
}

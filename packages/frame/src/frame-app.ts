import { CardframeError, type ConfigureParams, type FlowName, type RevealViewName } from '@cardframe/protocol';
import { prepareAppearance } from './appearance.ts';
import type { FrameConfig } from './config.ts';
import type { Connection } from './connect.ts';
import type { Flow, FlowContext } from './flows/flow.ts';
import { RevealFlow } from './flows/reveal-flow.ts';
import { HostChannel } from './host-channel.ts';

// PIN entry is a chunk of its own: card frames never load it (nor the JWE or
// OpenPGP chunk it fetches to seal with, see keys/format-loader.ts).
const FLOWS: Record<FlowName, (context: FlowContext, view: RevealViewName) => Flow | Promise<Flow>> = {
  reveal: (context, view) => new RevealFlow(context, view),
  pin: async (context) => new (await import('./flows/pin-flow.ts')).PinFlow(context),
  bind: async (context) => new (await import('./flows/bind-flow.ts')).BindFlow(context),
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
    const name = params.flow ?? 'reveal';
    if (!this.#config.flows[name]) throw new CardframeError('ERR_NOT_ALLOWED', `the ${name} flow is not enabled in this frame`);
    const view = params.view ?? 'card';
    if (name !== 'reveal' && params.view !== undefined) throw new CardframeError('ERR_BAD_OPTION', `the ${name} flow has no views`);
    // Checked before anything changes: a refused style leaves the frame as it was.
    const applyAppearance = await prepareAppearance(params, this.#config);
    const key = `${name}:${view}`;
    if (this.#flowKey !== key) {
      this.#flow?.destroy();
      this.#flow = undefined;
      this.#flowKey = key;
      this.#loading = Promise.resolve(FLOWS[name]({ config: this.#config, channel: this.#channel }, view));
    }
    const loading = this.#loading!;
    const flow = await loading;
    // Configured for another flow while this one loaded: that one wins.
    if (this.#loading !== loading) throw new CardframeError('ERR_OUT_OF_ORDER', 'configured again while the flow was loading');
    if (this.#flow !== flow) {
      this.#flow = flow;
      this.#root.replaceChildren(flow.element);
    }
    applyAppearance(flow.element);
    const shown = await flow.configure(params);
    this.#channel.emit('ready', { fields: shown });
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
    new ResizeObserver(measure).observe(document.documentElement);
  }
}

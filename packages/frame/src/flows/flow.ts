import type { ConfigureRequest, FieldName, FlowName, HideReason } from '@cardframe/protocol';
import type { FrameConfig } from '../config.ts';
import type { HostChannel } from '../host-channel.ts';

/** What a flow gets from the frame app. */
export interface FlowContext {
  readonly config: FrameConfig;
  readonly channel: HostChannel;
}

/** One thing the frame does (reveal, PIN entry), with its own view. */
export interface Flow {
  readonly name: FlowName;
  readonly element: HTMLElement;
  /**
   * Applies the host's narrowing and resolves with the fields now shown once
   * the flow can run; rejects (and shows why) when it cannot.
   */
  configure(params: ConfigureRequest['params']): Promise<readonly FieldName[]>;
  /** Drops every secret and plaintext the flow holds and resets its view. */
  hide(reason: HideReason): void;
  destroy(): void;
}

import { CardframeError, type ConfigureParams, type FlowName, type RevealViewName } from '@cardframe/protocol';
import type { FrameConfig } from '../config.ts';
import { revealOptions } from './reveal-options.ts';

/** Which flow and view a `configure` asks for, once it has passed the frame's config. */
export interface CheckedConfigure {
  readonly flow: FlowName;
  readonly view: RevealViewName;
}

/**
 * Checks everything in a host's `configure` that the frame's config decides
 * (flow, view, fields, mode, PIN options), without changing anything: the
 * frame app runs it before it touches the look or the flow, so a refused
 * configure cannot restyle what is on screen. The style itself is checked by
 * `prepareAppearance`, also before anything changes.
 */
export function checkConfigure(config: FrameConfig, params: ConfigureParams): CheckedConfigure {
  const flow = params.flow ?? 'reveal';
  if (!config.flows[flow]) throw new CardframeError('ERR_NOT_ALLOWED', `the ${flow} flow is not enabled in this frame`);
  if (flow === 'reveal') {
    revealOptions(config.flows.reveal, params);
    return { flow, view: params.view ?? 'card' };
  }
  if (params.view !== undefined) throw new CardframeError('ERR_BAD_OPTION', `the ${flow} flow has no views`);
  if (params.fields !== undefined || params.mode !== undefined) throw new CardframeError('ERR_BAD_MESSAGE', 'fields and mode apply to the reveal flow only');
  return { flow, view: 'card' };
}

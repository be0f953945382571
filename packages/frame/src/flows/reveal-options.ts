import { CardframeError, type ConfigureParams, type FieldName, type RevealModeName } from '@cardframe/protocol';
import type { RevealFlowConfig } from '../config.ts';

/** What the reveal flow runs with once the host's `configure` has passed the frame's own config. */
export interface RevealOptions {
  /** This frame's own fields: none for a group's toggle. */
  readonly fields: readonly FieldName[];
  readonly mode: RevealModeName;
  /** 0 means never. */
  readonly autoHideSeconds: number;
  readonly hideOnBlur: boolean;
}

/**
 * Checks the host's `configure` against the frame's reveal config. The host
 * may only narrow it: fewer fields, one of the enabled modes, hiding sooner
 * or on blur too; anything else is a typed error and changes nothing.
 */
export function revealOptions(reveal: RevealFlowConfig | undefined, params: ConfigureParams): RevealOptions {
  if (!reveal) throw new CardframeError('ERR_NOT_ALLOWED', 'the reveal flow is not enabled in this frame');
  const view = params.view ?? 'card';
  const fields = view === 'toggle' ? [] : (params.fields ?? reveal.fields);
  const groupFields = params.group?.fields ?? [];
  const widened = [...new Set([...fields, ...groupFields])].filter((field) => !reveal.fields.includes(field));
  if (widened.length > 0) throw new CardframeError('ERR_NOT_ALLOWED', `fields not enabled in this frame: ${widened.join(', ')}`);
  if ((view === 'field' || view === 'copy') && fields.length !== 1) throw new CardframeError('ERR_BAD_OPTION', `the ${view} view shows exactly one field`);
  if (view === 'copy' && !reveal.copy) throw new CardframeError('ERR_NOT_ALLOWED', 'copying is not enabled in this frame');
  if (view === 'toggle' && !params.group) throw new CardframeError('ERR_BAD_OPTION', 'the toggle view needs a group');
  const mode = params.mode ?? reveal.modes[0]!;
  if (!reveal.modes.includes(mode)) throw new CardframeError('ERR_NOT_ALLOWED', `the ${mode} reveal is not enabled in this frame`);
  const configured = reveal.autoHideSeconds;
  const asked = params.autoHideSeconds;
  return {
    fields,
    mode,
    autoHideSeconds: asked === undefined ? configured : configured === 0 ? asked : Math.min(configured, asked),
    hideOnBlur: reveal.hideOnBlur || params.hideOnBlur === true,
  };
}

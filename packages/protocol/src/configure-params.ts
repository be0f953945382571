import { APPEARANCE_KEYS, parseAppearanceParams } from './appearance-params.ts';
import { expectObject, expectString, parseFieldNames } from './guards.ts';
import { fail } from './json-value.ts';
import { FLOW_NAMES, REVEAL_MODES, REVEAL_VIEWS, type ConfigureParams, type FlowName, type RevealGroupParams, type RevealModeName, type RevealViewName } from './messages.ts';
import { GROUP_ID_PATTERN } from './patterns.ts';

const MAX_AUTO_HIDE_SECONDS = 24 * 60 * 60;
const PATH = 'message.params';

/** The parameters of a host's `configure`: only names the protocol knows, each in its shape. */
export function parseConfigureParams(value: unknown): ConfigureParams {
  const params = expectObject(value, PATH, [], ['flow', 'fields', 'mode', 'view', 'group', 'last4', 'autoHideSeconds', 'hideOnBlur', ...APPEARANCE_KEYS]);
  const { flow, mode, view, group, last4, autoHideSeconds, hideOnBlur } = params;
  if (flow !== undefined && !(FLOW_NAMES as readonly unknown[]).includes(flow)) fail(`${PATH}.flow`, 'unknown flow');
  if (mode !== undefined && !(REVEAL_MODES as readonly unknown[]).includes(mode)) fail(`${PATH}.mode`, 'unknown reveal mode');
  if (view !== undefined && !(REVEAL_VIEWS as readonly unknown[]).includes(view)) fail(`${PATH}.view`, 'unknown view');
  if (last4 !== undefined) expectString(last4, `${PATH}.last4`, /^[0-9]{4}$/, 4);
  if (autoHideSeconds !== undefined && !(Number.isInteger(autoHideSeconds) && (autoHideSeconds as number) >= 1 && (autoHideSeconds as number) <= MAX_AUTO_HIDE_SECONDS)) {
    fail(`${PATH}.autoHideSeconds`, `expected whole seconds from 1 to ${MAX_AUTO_HIDE_SECONDS}`);
  }
  if (hideOnBlur !== undefined && typeof hideOnBlur !== 'boolean') fail(`${PATH}.hideOnBlur`, 'expected a boolean');
  let parsedGroup: RevealGroupParams | undefined;
  if (group !== undefined) {
    const g = expectObject(group, `${PATH}.group`, ['id', 'fields']);
    parsedGroup = { id: expectString(g['id'], `${PATH}.group.id`, GROUP_ID_PATTERN, 64), fields: parseFieldNames(g['fields'], `${PATH}.group.fields`) };
  }
  return {
    ...(flow === undefined ? {} : { flow: flow as FlowName }),
    ...(params['fields'] === undefined ? {} : { fields: parseFieldNames(params['fields'], `${PATH}.fields`) }),
    ...(mode === undefined ? {} : { mode: mode as RevealModeName }),
    ...(view === undefined ? {} : { view: view as RevealViewName }),
    ...(parsedGroup === undefined ? {} : { group: parsedGroup }),
    ...(last4 === undefined ? {} : { last4: last4 as string }),
    ...(autoHideSeconds === undefined ? {} : { autoHideSeconds: autoHideSeconds as number }),
    ...(hideOnBlur === undefined ? {} : { hideOnBlur: hideOnBlur as boolean }),
    ...parseAppearanceParams(params),
  };
}

export { CardframeError, ERROR_CODES, ISSUER_CODE_PATTERN, isErrorCode, toCardframeError } from './errors.ts';
export type { ErrorCode, ErrorInfo } from './errors.ts';
export { LOCALE_PATTERN, STYLE_TARGETS, THEME_NAMES } from './appearance.ts';
export type { CardframeStyle, StyleDeclarations, StyleFont, StyleTarget, StyleVariant, TargetStyle, ThemeName } from './appearance.ts';
export { CHANGE_REQUEST_STATUSES, FIELD_NAMES, FLOW_NAMES, HIDE_REASONS, MAX_MESSAGE_CHARS, PROTOCOL_VERSION, REVEAL_MODES, REVEAL_VIEWS } from './messages.ts';
export type {
  AppearanceParams,
  ChangeRequestStatus,
  ConfigureParams,
  ConfigureRequest,
  ConnectMessage,
  EncryptedCardRequest,
  FieldName,
  FrameEvent,
  FrameEventDetails,
  FrameEventName,
  FlowName,
  FrameMessage,
  FrameRequest,
  HideReason,
  HideRequest,
  HostMessage,
  HostRequest,
  HostResult,
  JsonValue,
  PgpResponsePublicKeyJson,
  PinRequest,
  PinSubmission,
  RegisterDeviceRequest,
  ResponsePublicKeyJson,
  RevealGroupParams,
  RevealModeName,
  RevealViewName,
  Reply,
  SessionRequest,
} from './messages.ts';
export { assertJsonValue, isConnectMessage, isMessageId, parseFieldNames, parseFrameMessage, parseHostMessage } from './validate.ts';
export { parseIssuerCard } from './issuer-card.ts';
export type { CardCiphertexts, EncryptedFieldJson, IssuerCardJson } from './issuer-card.ts';
export { PendingRequests } from './pending-requests.ts';

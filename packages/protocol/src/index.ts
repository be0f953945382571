export { CardframeError, ERROR_CODES, isErrorCode, toCardframeError } from './errors.ts';
export type { ErrorCode, ErrorInfo } from './errors.ts';
export { FIELD_NAMES, MAX_MESSAGE_CHARS, PROTOCOL_VERSION } from './messages.ts';
export type {
  ConfigureRequest,
  ConnectMessage,
  FieldName,
  FrameEvent,
  FrameEventDetails,
  FrameEventName,
  FrameMessage,
  HideRequest,
  HostMessage,
  HostRequest,
  JsonValue,
  Reply,
  SessionRequest,
  SessionResult,
} from './messages.ts';
export { assertJsonValue, isConnectMessage, parseFieldNames, parseFrameMessage, parseHostMessage } from './validate.ts';
export { parseIssuerCard } from './issuer-card.ts';
export type { CardCiphertexts, EncryptedFieldJson, IssuerCardJson } from './issuer-card.ts';

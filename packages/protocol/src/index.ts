export { CardframeError, ERROR_CODES, ISSUER_CODE_PATTERN, isErrorCode, toCardframeError } from './errors.ts';
export type { ErrorCode, ErrorInfo } from './errors.ts';
export { CHANGE_REQUEST_STATUSES, FIELD_NAMES, FLOW_NAMES, MAX_MESSAGE_CHARS, PROTOCOL_VERSION, REVEAL_MODES } from './messages.ts';
export type {
  ChangeRequestStatus,
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
  RevealModeName,
  Reply,
  SessionRequest,
} from './messages.ts';
export { assertJsonValue, isConnectMessage, isMessageId, parseFieldNames, parseFrameMessage, parseHostMessage } from './validate.ts';
export { parseIssuerCard } from './issuer-card.ts';
export type { CardCiphertexts, EncryptedFieldJson, IssuerCardJson } from './issuer-card.ts';
export { PendingRequests } from './pending-requests.ts';

export { CardframeError, ERROR_CODES, isErrorCode, toCardframeError } from './errors.ts';
export type { ErrorCode, ErrorInfo } from './errors.ts';
export { CHANGE_REQUEST_STATUSES, FIELD_NAMES, FLOW_NAMES, MAX_MESSAGE_CHARS, PROTOCOL_VERSION } from './messages.ts';
export type {
  ChangeRequestStatus,
  ConfigureRequest,
  ConnectMessage,
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
  PinRequest,
  PinSubmission,
  RegisterDeviceRequest,
  Reply,
  SessionRequest,
} from './messages.ts';
export { assertJsonValue, isConnectMessage, parseFieldNames, parseFrameMessage, parseHostMessage } from './validate.ts';
export { parseIssuerCard } from './issuer-card.ts';
export type { CardCiphertexts, EncryptedFieldJson, IssuerCardJson } from './issuer-card.ts';

export { CardframeError, ERROR_CODES, ISSUER_CODE_PATTERN, isErrorCode, toCardframeError } from './errors.ts';
export type { ErrorCode, ErrorInfo } from './errors.ts';
export { COMMON_PINS, isGuessablePin } from './guessable-pins.ts';
export { LOCALE_PATTERN, STYLE_TARGETS, THEME_NAMES } from './appearance.ts';
export type { CardframeStyle, StyleDeclarations, StyleFont, StyleTarget, StyleVariant, TargetStyle, ThemeName } from './appearance.ts';
export { CHANGE_REQUEST_STATUSES, FIELD_NAMES, FLOW_NAMES, HIDE_REASONS, MAX_MESSAGE_CHARS, PROGRESS_STAGES, PROVISION_OUTCOMES, PROTOCOL_VERSION, REVEAL_MODES, REVEAL_VIEWS } from './messages.ts';
export {
  ASSERTION_HEADER,
  AUTHENTICATOR_TRANSPORTS,
  BINDING_ISSUER_CODES,
  CARD_SCOPES,
  MAX_ASSERTION_HEADER_CHARS,
  MAX_CHALLENGE_CHARS,
  MAX_PROVISIONING_CHARS,
  parseBindingResult,
  parseBindingSubmission,
  parseCardScopes,
  parsePasskeyCredential,
  parseScopedCard,
  parseSignature,
} from './binding.ts';
export type { BindingIssuerCode, BindingResult, ScopedCardJson, WebauthnHints } from './binding.ts';
export type {
  AuthenticationCredentialJson,
  BindingAssertion,
  BindingSubmission,
  CardScope,
  RegistrationCredentialJson,
  BindRequest,
  CardRequest,
  SessionParams,
  SignMessageRequest,
  AppearanceParams,
  ChangeRequestStatus,
  ConfigureParams,
  ConfigureRequest,
  ConnectMessage,
  DevicePublicKeyJson,
  EncryptedCardRequest,
  FieldName,
  FrameEvent,
  FrameEventDetails,
  ProvisionDetail,
  ProvisionOutcome,
  FrameEventName,
  FlowName,
  FrameMessage,
  FrameMessageEnvelope,
  UncheckedFrameEvent,
  UncheckedFrameRequest,
  FrameRequest,
  HideReason,
  HideRequest,
  HostMessage,
  HostRequest,
  HostResult,
  JsonValue,
  JweResponsePublicKeyJson,
  PgpResponsePublicKeyJson,
  PinRequest,
  PinSubmission,
  ProgressStage,
  RegisterDeviceRequest,
  ResponsePublicKeyJson,
  RevealGroupParams,
  RevealModeName,
  RevealViewName,
  Reply,
  SessionRequest,
  UnavailableFieldInfo,
} from './messages.ts';
export { APPEARANCE_KEYS } from './appearance-params.ts';
export type { AppearanceKey } from './appearance-params.ts';
export { BASE64_PATTERN, ID_PATTERN, MAX_SESSION_ID_CHARS } from './patterns.ts';
export { assertJsonValue } from './json-value.ts';
export { isMessageId, parseFieldNames } from './guards.ts';
export { isConnectMessage, parseHostMessage } from './host-message.ts';
export { parseFrameMessage, readFrameMessage } from './frame-message.ts';
export { checkFrameRequest } from './frame-requests.ts';
export { checkFrameEvent } from './frame-events.ts';
export { parseIssuerCard } from './issuer-card.ts';
export type { CardCiphertexts, EncryptedFieldJson, IssuerCardJson, UnavailableField } from './issuer-card.ts';
export { readCardExpiry, readCardProfile } from './card-profile.ts';
export type { CardExpiry, CardProfile, ProfileGapCode } from './card-profile.ts';
export { PROFILE_MEMBERS, PROFILE_PATH_PATTERN } from './profile-mapping.ts';
export type { ProfileMapping, ProfileMember } from './profile-mapping.ts';
export { PendingRequests } from './pending-requests.ts';

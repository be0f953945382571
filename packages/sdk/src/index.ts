/**
 * cardframe host SDK. Importing it registers the `cardframe-*` elements.
 * @packageDocumentation
 */
import { defineElements } from './define.ts';

export { CardframeBind } from './bind/bind.ts';
export { CardframeCard } from './card/card.ts';
export { CardframeCopy, CardframeCvc, CardframeExpiry, CardframeField, CardframePan, CardframeToggle } from './fields/field.ts';
export { CardframeGroup } from './group/group.ts';
export { RevealElement } from './reveal-element.ts';
export { CardframePin } from './pin/pin.ts';
export { FrameElement } from './frame-element.ts';
export { defineElements } from './define.ts';
export type { CardframeEvent, CardframeEventDetails, CardframeEventName } from './events.ts';
export type { BindCard, BoundRequestExtra, CardFetchRequest, FetchCard, FetchCardData, FetchEncryptedCard, HostCallbackResult, RegisterDevice, SignMessage, SubmitPin } from './host-callback.ts';
export type { BindingCallbacks } from './frame-element.ts';
export { mountCard } from './mount.ts';
export type { CardHandle, MountCardOptions } from './mount.ts';
export { CardframeError, ERROR_CODES } from '@cardframe/protocol';
export type {
  AuthenticationCredentialJson,
  BindingAssertion,
  BindingSubmission,
  CardScope,
  RegistrationCredentialJson,
  CardframeStyle,
  ChangeRequestStatus,
  DevicePublicKeyJson,
  ErrorCode,
  ErrorInfo,
  FieldName,
  HideReason,
  JweResponsePublicKeyJson,
  PgpResponsePublicKeyJson,
  PinSubmission,
  ProvisionDetail,
  ProvisionOutcome,
  ResponsePublicKeyJson,
  RevealModeName,
  StyleDeclarations,
  StyleFont,
  StyleTarget,
  StyleVariant,
  TargetStyle,
  ThemeName,
} from '@cardframe/protocol';

defineElements();

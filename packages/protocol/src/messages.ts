import type { CardframeStyle, ThemeName } from './appearance.ts';
import type { ProfileGapCode } from './card-profile.ts';
import type { ErrorCode, ErrorInfo } from './errors.ts';

/** Version carried by every message; a frame refuses any other. */
export const PROTOCOL_VERSION = 1;

/** Largest message, as JSON text, that either side accepts. */
export const MAX_MESSAGE_CHARS = 64 * 1024;

/** What a frame does: reveal card data, collect a new PIN, or bind the card to its cardholder. */
export const FLOW_NAMES = ['reveal', 'pin', 'bind'] as const;
export type FlowName = (typeof FLOW_NAMES)[number];

/** How a reveal gets card data: a wrapped session secret (seed 001) or a frame-held key pair (seed 000). */
export const REVEAL_MODES = ['session-key', 'key-pair'] as const;
export type RevealModeName = (typeof REVEAL_MODES)[number];

/**
 * How a reveal frame presents itself: the whole card with one toggle
 * (`card`), one field with its own toggle (`field`), a copy button for one
 * field (`copy`), or a lone reveal/hide-all toggle for a group (`toggle`).
 */
export const REVEAL_VIEWS = ['card', 'field', 'copy', 'toggle'] as const;
export type RevealViewName = (typeof REVEAL_VIEWS)[number];

/** Why fields were masked again. */
export const HIDE_REASONS = ['user', 'host', 'timeout', 'page-hidden', 'print', 'blur'] as const;
export type HideReason = (typeof HIDE_REASONS)[number];

/**
 * Frames of one card share a group: a reveal in any of them fetches the
 * group's fields once and hands each frame its own, inside the frame origin.
 */
export interface RevealGroupParams {
  /** Random id the host element makes; frames of other groups never see this group's values. */
  readonly id: string;
  /** Every field the group's frames show or copy; one fetch opens these. */
  readonly fields: readonly FieldName[];
}

/** Card fields the frame can show. */
export const FIELD_NAMES = ['pan', 'cvc', 'expiry', 'pin'] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

/** Plain data that survives JSON and structured clone alike. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * Posted by the host on `window` (not on the port) with one end of a
 * `MessageChannel` as its only transfer. Everything after it uses the port.
 */
export interface ConnectMessage {
  readonly cardframe: 'connect';
  readonly v: typeof PROTOCOL_VERSION;
}

// ---------------------------------------------------------------- host → frame

/**
 * Picks the frame's flow and narrows it. It can only name a flow and fields
 * the frame's config already enables.
 */
export interface ConfigureRequest {
  readonly v: typeof PROTOCOL_VERSION;
  readonly kind: 'request';
  readonly id: string;
  readonly method: 'configure';
  readonly params: ConfigureParams;
}

/**
 * The look and language of the frame, sent with every `configure`. Absent
 * means the frame's default look and English. The frame checks `style`
 * against its allowlist and refuses the whole `configure` with
 * `ERR_STYLE_REFUSED` if anything in it is outside.
 */
export interface AppearanceParams {
  readonly theme?: ThemeName;
  readonly style?: CardframeStyle;
  /** BCP 47; a language the frame has no texts for falls back to English. */
  readonly locale?: string;
}

/** What `configure` may say. Every option narrows what the frame's own config allows. */
export interface ConfigureParams extends AppearanceParams {
  readonly flow?: FlowName;
  /** Fields shown (or, for the `copy` view, the one field copied). */
  readonly fields?: readonly FieldName[];
  readonly mode?: RevealModeName;
  readonly view?: RevealViewName;
  readonly group?: RevealGroupParams;
  /** Last four PAN digits to show while masked (not card data under PCI DSS). */
  readonly last4?: string;
  /** Mask sooner than the frame's config says (never later). */
  readonly autoHideSeconds?: number;
  /** Mask when the frame loses focus. */
  readonly hideOnBlur?: boolean;
}

/** Masks the fields and drops their plaintext. Revealing again needs the cardholder. */
export interface HideRequest {
  readonly v: typeof PROTOCOL_VERSION;
  readonly kind: 'request';
  readonly id: string;
  readonly method: 'hide';
  readonly params: Readonly<Record<string, never>>;
}

export type HostRequest = ConfigureRequest | HideRequest;

/** What the host answers to a frame request: its backend's (the issuer's) response, untouched. */
export interface HostResult {
  /** The response as JSON, parsed or as raw text (`""` for 204 No Content). */
  readonly body: JsonValue;
}

export type Reply<T> =
  | { readonly v: typeof PROTOCOL_VERSION; readonly kind: 'reply'; readonly id: string; readonly ok: true; readonly result: T }
  | { readonly v: typeof PROTOCOL_VERSION; readonly kind: 'reply'; readonly id: string; readonly ok: false; readonly error: ErrorInfo };

export type HostMessage = HostRequest | Reply<HostResult>;

// ---------------------------------------------------------------- frame → host

/**
 * The frame asks the host to fetch card data with this session id. The id is
 * the session secret encrypted to the issuer's key; the host cannot open it.
 */
export interface SessionRequest {
  readonly v: typeof PROTOCOL_VERSION;
  readonly kind: 'request';
  readonly id: string;
  readonly method: 'session';
  readonly params: SessionParams;
}

/** A `session` request's parameters. `headers` and `scope` are absent in seed 001's plain flow. */
export interface SessionParams {
  readonly sessionId: string;
  /** Bound mode: headers to forward to the issuer's `GET /card` beside `sessionid`. */
  readonly headers?: { readonly 'cardframe-assertion'?: string };
  /** Scopes to add to the same `GET /card` (only `provisioning` with a sessionid). */
  readonly scope?: readonly CardScope[];
}

/** The frame asks the host for the issuer's `GET /card?scope=…` answer, without a sessionid (a challenge, provisioning credentials). */
export interface CardRequest {
  readonly v: typeof PROTOCOL_VERSION;
  readonly kind: 'request';
  readonly id: string;
  readonly method: 'card';
  readonly params: { readonly scope: readonly CardScope[] };
}

/** The frame asks the host to forward a binding to the issuer's `PATCH /`. */
export interface BindRequest {
  readonly v: typeof PROTOCOL_VERSION;
  readonly kind: 'request';
  readonly id: string;
  readonly method: 'bind';
  readonly params: { readonly body: BindingSubmission };
}

/** The frame asks the cardholder's wallet on the host page to sign the issuer's EIP-4361 message; the answer is the signature text. */
export interface SignMessageRequest {
  readonly v: typeof PROTOCOL_VERSION;
  readonly kind: 'request';
  readonly id: string;
  readonly method: 'sign-message';
  readonly params: { readonly message: string };
}

/** The change-PIN request body (seed 002): what the host's backend forwards to the issuer. */
export interface PinSubmission {
  /**
   * `{"pin":"…"}` sealed to the issuer's PIN key: a compact JWE, or, for an
   * issuer that speaks OpenPGP, an armored OpenPGP message.
   */
  readonly encrypted_pin: string;
  /** The `kid` of that key; for OpenPGP, the `kid` the issuer publishes for it, else its fingerprint. */
  readonly key_id: string;
  /** The bound device, when the direct variant signs. */
  readonly device_id?: string;
  /** ECDSA P-256 / SHA-256 over `encrypted_pin`, DER, hex. */
  readonly signature?: string;
  /** Bound mode: a passkey assertion committing to `encrypted_pin`. */
  readonly assertion?: BindingAssertion;
}

/** The frame asks the host to forward a sealed PIN to the issuer. */
export interface PinRequest {
  readonly v: typeof PROTOCOL_VERSION;
  readonly kind: 'request';
  readonly id: string;
  readonly method: 'pin';
  readonly params: PinSubmission;
}

/** The frame asks the host to register its device-binding public key; the answer carries a `device_id`. */
export interface RegisterDeviceRequest {
  readonly v: typeof PROTOCOL_VERSION;
  readonly kind: 'request';
  readonly id: string;
  readonly method: 'register-device';
  readonly params: { readonly public_key: DevicePublicKeyJson; readonly assertion?: BindingAssertion };
}

/** A device-binding public key (ECDSA P-256) as a JWK: the frame keeps the private half. */
export interface DevicePublicKeyJson {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  readonly x: string;
  readonly y: string;
}

/**
 * A frame-held public JWK for the issuer to encrypt its response to as a JWE
 * (seed 000, second flow).
 */
export type JweResponsePublicKeyJson =
  | { readonly kty: 'EC'; readonly crv: 'P-256'; readonly x: string; readonly y: string; readonly kid: string; readonly use: 'enc'; readonly alg: 'ECDH-ES' }
  | { readonly kty: 'RSA'; readonly n: string; readonly e: string; readonly kid: string; readonly use: 'enc'; readonly alg: 'RSA-OAEP-256' };

/** A frame-held OpenPGP public key for an issuer that answers in OpenPGP. */
export interface PgpResponsePublicKeyJson {
  readonly kty: 'PGP';
  /** The key's fingerprint, lowercase hex. */
  readonly kid: string;
  readonly use: 'enc';
  /** The armored public key block. */
  readonly pgp: string;
}

/**
 * A frame-held public key for the issuer to encrypt card data to: a JWK, or
 * `{kty: "PGP", kid, use: "enc", pgp}` where the frame is configured for an
 * OpenPGP issuer.
 */
export type ResponsePublicKeyJson = JweResponsePublicKeyJson | PgpResponsePublicKeyJson;

/**
 * The frame asks the host for card data encrypted to one of its own keys; the
 * answer is a compact JWE, or an armored OpenPGP message for a PGP key.
 */
export interface EncryptedCardRequest {
  readonly v: typeof PROTOCOL_VERSION;
  readonly kind: 'request';
  readonly id: string;
  readonly method: 'encrypted-card';
  /** `nonce`: 128 random bits the issuer's signed reply must repeat; send it to the issuer with the key. */
  readonly params: { readonly public_key: ResponsePublicKeyJson; readonly nonce?: string; readonly assertion?: BindingAssertion };
}

export type FrameRequest = SessionRequest | PinRequest | RegisterDeviceRequest | EncryptedCardRequest | CardRequest | BindRequest | SignMessageRequest;

/**
 * Where a frame is on its way to `ready`, between the messages it sends anyway
 * (its first `resize` as it connects, then `ready`): `loading` means it
 * accepted the host's `configure`, has the flow's code, and now loads what
 * the view needs (keys, first render). Every frame passes the same stages.
 */
export const PROGRESS_STAGES = ['loading'] as const;
export type ProgressStage = (typeof PROGRESS_STAGES)[number];

/** Event names the frame emits, and their details. None carries card data. */
export interface FrameEventDetails {
  /** The frame is still on its way to `ready` (the host's ready timeout counts silence only). */
  progress: { readonly stage: ProgressStage };
  /** Connected, configured and able to reveal `fields`. */
  ready: { readonly fields: readonly FieldName[] };
  /**
   * The cardholder revealed these fields. `unavailable` lists fields the
   * issuer's answer held no readable value for (a plaintext profile member,
   * such as expiry), each with why; they show as unavailable in the frame.
   */
  reveal: { readonly fields: readonly FieldName[]; readonly unavailable?: readonly UnavailableFieldInfo[] };
  /** The fields were masked again and their plaintext dropped. */
  hide: { readonly reason: HideReason };
  /** The cardholder copied `field` to the clipboard. The value stays in the frame. */
  copy: { readonly field: FieldName };
  /** Focus moved into the frame. */
  focus: Readonly<Record<string, never>>;
  /** Focus left the frame. */
  blur: Readonly<Record<string, never>>;
  error: ErrorInfo;
  /** The frame's content size changed; the host sizes the iframe to it. */
  resize: { readonly height: number };
  /** PIN entry state. Never a digit, never the length. */
  change: { readonly complete: boolean; readonly valid: boolean; readonly error?: ErrorCode };
  /** A PIN was accepted by the issuer (`COMPLETED`) or awaits confirmation. */
  submit: { readonly flow: 'pin'; readonly status: ChangeRequestStatus; readonly changeRequestId?: string };
  /** The card was bound to the cardholder's passkey or wallet (`PATCH /` accepted). */
  bind: { readonly scope: 'webauthn' | 'siwe'; readonly credentialId?: string; readonly address?: string };
  /**
   * Add to wallet (push provisioning) ended: `added`, `cancelled` by the
   * cardholder, or `failed` with its `code`. Never the credentials.
   */
  provision: ProvisionDetail;
}

/** How pushing the card to a wallet ended. */
export const PROVISION_OUTCOMES = ['added', 'cancelled', 'failed'] as const;
export type ProvisionOutcome = (typeof PROVISION_OUTCOMES)[number];

/** The `provision` event's detail: the outcome, and the error code of a failure. */
export interface ProvisionDetail {
  readonly outcome: ProvisionOutcome;
  readonly code?: ErrorCode;
}

/** A field a reveal could not show, and why (never its value). */
export interface UnavailableFieldInfo {
  readonly field: FieldName;
  readonly code: ProfileGapCode;
}

/** Change-request states, as the change-PIN API names them. */
export const CHANGE_REQUEST_STATUSES = ['ACCEPTED', 'AUTHORIZATION_REQUIRED', 'CONFIRMATION_REQUIRED', 'COMPLETED', 'FAILED'] as const;
export type ChangeRequestStatus = (typeof CHANGE_REQUEST_STATUSES)[number];
export type FrameEventName = keyof FrameEventDetails;

export type FrameEvent = {
  [K in FrameEventName]: {
    readonly v: typeof PROTOCOL_VERSION;
    readonly kind: 'event';
    readonly event: K;
    readonly detail: FrameEventDetails[K];
  };
}[FrameEventName];

export type FrameMessage = FrameRequest | FrameEvent | Reply<Readonly<Record<string, never>>>;

/**
 * A request from the frame whose envelope (members, version, id) is checked
 * and whose method and params are not yet: the host SDK reads this much
 * before it has loaded the request checks, which make it a
 * {@link FrameRequest} before any host callback sees it.
 */
export interface UncheckedFrameRequest {
  readonly v: typeof PROTOCOL_VERSION;
  readonly kind: 'request';
  readonly id: string;
  readonly method: unknown;
  readonly params: unknown;
}

/**
 * An event from the frame whose envelope is checked and whose name and detail
 * are not yet: one that is not among the events a frame sends on its way to
 * ready (see `checkFrameEvent`).
 */
export interface UncheckedFrameEvent {
  readonly v: typeof PROTOCOL_VERSION;
  readonly kind: 'event';
  readonly event: unknown;
  readonly detail: unknown;
  readonly unchecked: true;
}

/**
 * A message from the frame as the host first reads it: replies and the
 * events of the way to ready checked, a request's method and params and any
 * other event's name and detail not yet.
 */
export type FrameMessageEnvelope = UncheckedFrameRequest | UncheckedFrameEvent | FrameEvent | Reply<Readonly<Record<string, never>>>;

// ---------------------------------------------------------------- card binding

/** Scopes of seed 001's `GET /card`: a passkey statement, a SIWE message, push-provisioning credentials. */
export type CardScope = 'webauthn' | 'siwe' | 'provisioning';

/** A passkey registration in WebAuthn's JSON form (`PublicKeyCredential.toJSON()`), binary members base64url. */
export interface RegistrationCredentialJson {
  readonly id: string;
  readonly rawId: string;
  readonly type: 'public-key';
  readonly response: { readonly clientDataJSON: string; readonly attestationObject: string; readonly transports?: readonly string[] };
  readonly clientExtensionResults: { readonly [key: string]: JsonValue };
  readonly authenticatorAttachment?: 'platform' | 'cross-platform';
}

/** A passkey assertion in WebAuthn's JSON form, binary members base64url. */
export interface AuthenticationCredentialJson {
  readonly id: string;
  readonly rawId: string;
  readonly type: 'public-key';
  readonly response: { readonly clientDataJSON: string; readonly authenticatorData: string; readonly signature: string; readonly userHandle?: string };
  readonly clientExtensionResults: { readonly [key: string]: JsonValue };
  readonly authenticatorAttachment?: 'platform' | 'cross-platform';
}

/**
 * What accompanies a bound request: the issuer's statement exactly as received,
 * and a passkey assertion over `SHA-256(statement + "\ncardframe-commitment: " + purpose + " " + value)`.
 */
export interface BindingAssertion {
  readonly challenge: string;
  readonly credential: AuthenticationCredentialJson;
}

/** The `PATCH /` body that binds a card to its cardholder's passkey or wallet. */
export type BindingSubmission =
  | {
      readonly scope: 'webauthn';
      /** The issuer's statement exactly as received. */
      readonly challenge: string;
      /** A new passkey (registration) or an already-bound one (assertion). */
      readonly credential: RegistrationCredentialJson | AuthenticationCredentialJson;
      /** For a further passkey on a card that has one: an assertion by a bound passkey committing to the new credential's id. */
      readonly assertion?: BindingAssertion;
    }
  | {
      readonly scope: 'siwe';
      /** The EIP-4361 message exactly as received. */
      readonly message: string;
      /** EIP-191 `personal_sign` signature: `0x` and 65 bytes of hex. */
      readonly signature: string;
    };

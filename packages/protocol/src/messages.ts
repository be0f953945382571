import type { ErrorInfo } from './errors.ts';

/** Version carried by every message; a frame refuses any other. */
export const PROTOCOL_VERSION = 1;

/** Largest message, as JSON text, that either side accepts. */
export const MAX_MESSAGE_CHARS = 64 * 1024;

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

/** Narrows what the frame shows. It can only name fields the frame's config already enables. */
export interface ConfigureRequest {
  readonly v: typeof PROTOCOL_VERSION;
  readonly kind: 'request';
  readonly id: string;
  readonly method: 'configure';
  readonly params: { readonly fields?: readonly FieldName[] };
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

/** What the host answers to the frame's {@link SessionRequest}: the issuer's response, untouched. */
export interface SessionResult {
  /** The issuer's JSON, either parsed or as the raw response text. */
  readonly body: JsonValue;
}

export type Reply<T> =
  | { readonly v: typeof PROTOCOL_VERSION; readonly kind: 'reply'; readonly id: string; readonly ok: true; readonly result: T }
  | { readonly v: typeof PROTOCOL_VERSION; readonly kind: 'reply'; readonly id: string; readonly ok: false; readonly error: ErrorInfo };

export type HostMessage = HostRequest | Reply<SessionResult>;

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
  readonly params: { readonly sessionId: string };
}

/** Event names the frame emits, and their details. None carries card data. */
export interface FrameEventDetails {
  /** Connected, configured and able to reveal `fields`. */
  ready: { readonly fields: readonly FieldName[] };
  /** The cardholder revealed these fields. */
  reveal: { readonly fields: readonly FieldName[] };
  /** The fields were masked again and their plaintext dropped. */
  hide: { readonly reason: 'user' | 'host' };
  error: ErrorInfo;
  /** The frame's content size changed; the host sizes the iframe to it. */
  resize: { readonly height: number };
}
export type FrameEventName = keyof FrameEventDetails;

export type FrameEvent = {
  [K in FrameEventName]: {
    readonly v: typeof PROTOCOL_VERSION;
    readonly kind: 'event';
    readonly event: K;
    readonly detail: FrameEventDetails[K];
  };
}[FrameEventName];

export type FrameMessage = SessionRequest | FrameEvent | Reply<Readonly<Record<string, never>>>;

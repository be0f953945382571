/**
 * Where the frame's WebAuthn calls go: `navigator.credentials`. Chromium's
 * WebAuthn needs a virtual authenticator that only CDP can add, so the
 * frame's unit tests swap this port to drive error mapping and message order;
 * the end-to-end tests run the real ceremony.
 */
export interface CredentialsPort {
  create(options: CredentialCreationOptions): Promise<Credential | null>;
  get(options: CredentialRequestOptions): Promise<Credential | null>;
}

let port: CredentialsPort | undefined;

/**
 * The port in use: the test's, else the browser's. Undefined where the
 * engine has no WebAuthn (WebKitGTK has `navigator.credentials` but no
 * `PublicKeyCredential`), so the frame reports passkeys as unsupported.
 */
export function credentialsPort(): CredentialsPort | undefined {
  if (port) return port;
  return typeof navigator !== 'undefined' && navigator.credentials && typeof PublicKeyCredential !== 'undefined' ? navigator.credentials : undefined;
}

/** @internal For the frame's unit tests only; `undefined` restores `navigator.credentials`. */
export function setCredentialsPortForTests(next: CredentialsPort | undefined): void {
  port = next;
}

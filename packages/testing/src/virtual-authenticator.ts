import type { Page } from '@playwright/test';

/** A platform passkey authenticator that Chromium simulates for one page (CDP `WebAuthn` domain). */
export interface VirtualAuthenticator {
  readonly authenticatorId: string;
  /** The passkeys it holds: credential ids (base64url) and their signature counters. */
  credentials(): Promise<{ credentialId: string; signCount: number; rpId: string | undefined }[]>;
  /** Whether the next ceremonies report a verified user; `false` makes them fail user verification. */
  setUserVerified(verified: boolean): Promise<void>;
  /** Removes the authenticator: the page's passkey requests then find none (and time out or are cancelled). */
  remove(): Promise<void>;
}

const base64ToUrl = (value: string): string => value.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/**
 * Adds a virtual platform authenticator (CTAP2, internal transport, resident
 * keys, user verification, presence answered automatically) to `page`, in
 * Chromium only. The card frames' passkey requests are answered by it too,
 * so a test can register a passkey, bind it and make bound requests without
 * a person at the keyboard. Frames must be on a host name (e.g.
 * `frame.localhost`): WebAuthn refuses an IP address as relying party.
 */
export async function addVirtualAuthenticator(page: Page): Promise<VirtualAuthenticator> {
  const session = await page.context().newCDPSession(page);
  await session.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await session.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return {
    authenticatorId,
    async credentials() {
      const { credentials } = await session.send('WebAuthn.getCredentials', { authenticatorId });
      return credentials.map((c) => ({ credentialId: base64ToUrl(c.credentialId), signCount: c.signCount, rpId: c.rpId }));
    },
    async setUserVerified(verified) {
      await session.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: verified });
    },
    async remove() {
      await session.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
    },
  };
}

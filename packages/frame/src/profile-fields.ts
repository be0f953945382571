import type { FieldName } from '@cardframe/protocol';

/**
 * Fields the session-key reveal takes from seed 001's plaintext card profile
 * rather than from a field encrypted under the session secret: the host (and
 * its backend) can read and alter them, and nothing in the frame can tell.
 */
export const PROFILE_FIELDS: readonly FieldName[] = ['expiry'];

// How a frame config names an issuer's profile members: on its own, so checking a config does not bring in the profile reader.

/** Profile members a frame config may point at an issuer's own names. */
export const PROFILE_MEMBERS = ['expiry', 'expiryMonth', 'expiryYear', 'last4'] as const;
export type ProfileMember = (typeof PROFILE_MEMBERS)[number];

/**
 * Where an issuer keeps its profile members, as dotted paths into its JSON
 * (`"card.validThru.month"`). `expiry` names one value (a string such as
 * `"12/30"` or an object with `month` and `year`); `expiryMonth` and
 * `expiryYear` come together instead. A named member is read only there.
 */
export type ProfileMapping = Partial<Record<ProfileMember, string>>;

/** A dotted path: up to 8 member names of letters, digits, `_`, `-` or `$`. */
export const PROFILE_PATH_PATTERN = /^[A-Za-z0-9_$-]{1,64}(?:\.[A-Za-z0-9_$-]{1,64}){0,7}$/;

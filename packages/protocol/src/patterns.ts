/**
 * The formats of the strings that cross a trust boundary, written once. Every
 * pattern is anchored and linear in its input; lengths are checked apart.
 * (Literals, so bundles that never use one drop it.)
 */

/** A request id or an issuer change-request id: 1 to 64 URL-safe characters. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** A reveal group's id: random, so at least 16 URL-safe characters. */
export const GROUP_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * Standard base64 as it is decoded: whole 4-character groups, padding only at
 * the end and only where it belongs. The empty string (no bytes) matches;
 * callers that need content check the length.
 */
export const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Text drawn from the base64 alphabet, for values the SDK only forwards (a
 * `sessionid`): the issuer, which decodes it, holds it to {@link BASE64_PATTERN}.
 */
export const BASE64_TEXT_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;

/** Unpadded base64url, as in JWK members. */
export const BASE64URL_PATTERN = /^[A-Za-z0-9_-]+$/;

/** A key-pair request's one-use nonce: 128 bits as unpadded base64url. */
export const REPLY_NONCE_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** Lowercase hex, whole bytes. */
export const HEX_PATTERN = /^(?:[0-9a-f]{2})+$/;

/** A JOSE `kid` as a PIN submission names it: printable ASCII. */
export const KID_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** A compact JWE: five base64url parts (the encrypted key is empty for direct agreement). */
export const COMPACT_JWE_PATTERN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

// One armored block: printable ASCII lines, none of them a BEGIN or END line,
// between its BEGIN and END lines. The line class excludes CR and LF, so
// matching is linear in the length.
/** One armored OpenPGP message. */
export const PGP_MESSAGE_PATTERN = /^-----BEGIN PGP MESSAGE-----\r?\n(?:(?!-----)[\x20-\x7e]*\r?\n)*-----END PGP MESSAGE-----(?:\r?\n)?$/;

/** One armored OpenPGP public key block. */
export const PGP_PUBLIC_KEY_PATTERN = /^-----BEGIN PGP PUBLIC KEY BLOCK-----\r?\n(?:(?!-----)[\x20-\x7e]*\r?\n)*-----END PGP PUBLIC KEY BLOCK-----(?:\r?\n)?$/;

/** An OpenPGP v4 (SHA-1) or v6 (SHA-256) fingerprint, lowercase hex. */
export const FINGERPRINT_PATTERN = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** Longest `sessionid` either side accepts. */
export const MAX_SESSION_ID_CHARS = 1024;

// Where the frame finds its deployment config. Apart from config.ts (the
// checker, which the frame loads only for a config that was not checked when
// it was written) so the first download carries these names and not the checker.

/** Path of the config file on the frame origin. */
export const FRAME_CONFIG_PATH = '/cardframe.config.json';

/**
 * The `id` of the config written into the frame's HTML, as a data block
 * (`<script type="application/json" id="cardframe-config">`): read without
 * a request, and never executed, so the CSP stays `script-src 'self'`.
 */
export const FRAME_CONFIG_ELEMENT_ID = 'cardframe-config';

/**
 * The attribute of that block holding the base64 SHA-256 of its text as
 * `inlineFrameConfig` wrote it, after checking the config. A block whose text
 * still has that digest is read as it stands; any other (edited by hand,
 * written by other tools, no digest) is checked in the frame first.
 */
export const FRAME_CONFIG_CHECKED_ATTRIBUTE = 'data-checked-sha256';

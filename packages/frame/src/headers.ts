import { connectOrigins, type FrameConfig } from './config.ts';

/** The Reporting API endpoint name the CSP's `report-to` refers to. */
const REPORT_GROUP = 'cardframe-csp';

/**
 * The frame writes to the clipboard (copy) and may ask for a passkey on its
 * own origin; it never reads the clipboard nor needs any other powerful
 * feature, so a script that got into it could not use them either.
 *
 * Only names Chromium knows: it logs an error for every unknown one on every
 * frame load, and a debugger attached to the page (DevTools, a Playwright
 * suite) is handed every frame's stored lines again for each new frame, so
 * 150 frames cost it tens of thousands of messages. `bluetooth`,
 * `ambient-light-sensor` and `attribution-reporting` are left out for that:
 * unknown to Chromium 156 on Linux, where Web Bluetooth and the ambient light
 * sensor are behind flags and attribution reporting is retired. A
 * cross-origin frame gets none of them unless its `allow` grants it, which
 * the SDK never writes.
 */
const PERMISSIONS_POLICY = [
  'clipboard-read=()',
  'clipboard-write=(self)',
  'publickey-credentials-get=(self)',
  'publickey-credentials-create=(self)',
  ...[
    'camera', 'microphone', 'geolocation', 'payment', 'usb', 'serial', 'hid', 'midi',
    'display-capture', 'screen-wake-lock', 'fullscreen', 'picture-in-picture', 'autoplay',
    'accelerometer', 'gyroscope', 'magnetometer', 'xr-spatial-tracking',
    'otp-credentials', 'identity-credentials-get', 'local-fonts', 'browsing-topics',
    'idle-detection', 'window-management', 'storage-access', 'encrypted-media', 'gamepad', 'compute-pressure',
  ].map((feature) => `${feature}=()`),
].join(', ');

/**
 * Response headers every frame-origin response must carry. The CSP lets the
 * frame run only its own scripts and styles, talk only to its own origin (for
 * its config), the key hosts its config names and its wallet endpoint's origin, be embedded only by the
 * configured hosts, load fonts only from its own origin and the config's
 * `style.fontOrigins`, start only its own worker script, and create HTML and script URLs only through its two
 * Trusted Types policies (Lit's, and the key-set coordinator's). With `reportTo` in
 * the config, browsers report violations there.
 */
export function frameSecurityHeaders(config: Pick<FrameConfig, 'allowedHostOrigins' | 'issuer' | 'style' | 'reportTo' | 'provisioning'>): Record<string, string> {
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    ['connect-src', "'self'", ...connectOrigins(config)].join(' '),
    "img-src 'self'",
    // The key-set coordinator, a SharedWorker script of the frame's own.
    "worker-src 'self'",
    // Web fonts only from the origins the config names for host styles.
    ['font-src', "'self'", ...(config.style?.fontOrigins ?? [])].join(' '),
    `frame-ancestors ${config.allowedHostOrigins.join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "require-trusted-types-for 'script'",
    // Lit's HTML policy, and the one that passes the key-set coordinator's script URL.
    'trusted-types lit-html cardframe-key-sets',
    ...(config.reportTo ? [`report-to ${REPORT_GROUP}`] : []),
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': PERMISSIONS_POLICY,
    ...(config.reportTo ? { 'Reporting-Endpoints': `${REPORT_GROUP}="${config.reportTo}"` } : {}),
  };
}

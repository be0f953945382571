/**
 * A sandbox card issuer and a frame origin for development and tests: the
 * issuer holds test cards and rotating keys and answers the session-key,
 * key-pair and PIN APIs; the frame origin serves a built frame app with its
 * deployment config and security headers. Both listen on loopback.
 *
 * ```ts
 * import { startFrameServer, startSandboxIssuer } from '@cardframe/sandbox';
 * import { frameAppDir } from '@cardframe/frame/app';
 *
 * const issuer = await startSandboxIssuer({ port: 0 });
 * const frame = await startFrameServer({ port: 0, distDir: frameAppDir() });
 * frame.setConfig(myFrameConfig); // until then the frame answers 503
 * ```
 * @packageDocumentation
 */

/** The sandbox issuer: cards, programmes (JWE or OpenPGP), key rotation, request counters and injected failures. */
export { SANDBOX_CARDS, SANDBOX_PROGRAMMES, startSandboxIssuer } from './issuer-server.ts';
export type { CardProgramme, IssuerStats, SandboxCard, SandboxIssuer, SandboxIssuerOptions } from './issuer-server.ts';
/** The spellings of seed 001's card profile the sandbox can answer in. */
export { SANDBOX_PROFILES, shapeCardProfile } from './issuer-profiles.ts';
export type { SandboxProfile } from './issuer-profiles.ts';

/** The frame origin: a built frame app, its deployment config and the frame's security headers. */
export { startFrameServer } from './frame-server.ts';
export type { FrameServer, FrameServerOptions } from './frame-server.ts';

/** The small HTTP helpers both servers are built on (JSON replies, static files, free ports). */
export { listen, readBody, sendJson, sendStatic } from './http.ts';
export type { Handler, RunningServer } from './http.ts';

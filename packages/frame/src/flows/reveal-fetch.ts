import type { FieldName, RevealModeName } from '@cardframe/protocol';
import type { Statement } from '../binding/bound-request.ts';
import { revealLimit } from '../frame-limits.ts';
import { loadChunk } from '../load-chunk.ts';
import { replyVerifier, responseKeys } from '../keys/format-loader.ts';
import type { FrameResponseKeys, ReplyVerifier } from '../keys/key-format.ts';
import { keyWasRejected } from '../keys/key-rejected.ts';
import { sessionKeyRing } from '../keys/session-key-ring.ts';
import { reveal, revealWithKeyPair, type RevealResult } from '../reveal.ts';
import type { FlowContext } from './flow.ts';

type Binding = typeof import('../binding/bound-request.ts');

/**
 * What a reveal flow keeps from one fetch to the next, each made on first
 * use: its response keys and the issuer's reply verifier (key-pair mode) and
 * the WebAuthn chunk (bound mode).
 */
export interface RevealHeld {
  responseKeys?: Promise<FrameResponseKeys>;
  replyVerifier?: Promise<ReplyVerifier | undefined>;
  binding?: Promise<Binding>;
}

/**
 * `held[key]`, made by `make` on first use and kept for the next fetch. One
 * that fails is forgotten, so the next click tries again: a file that did not
 * download once must not fail every reveal until the frame is reloaded.
 */
function kept<K extends keyof RevealHeld>(held: RevealHeld, key: K, make: () => NonNullable<RevealHeld[K]>): NonNullable<RevealHeld[K]> {
  const existing = held[key];
  if (existing) return existing as NonNullable<RevealHeld[K]>;
  const made = make();
  held[key] = made;
  (made as Promise<unknown>).catch(() => {
    if (held[key] === made) delete held[key];
  });
  return made;
}

const boundRequest = (): Promise<Binding> => loadChunk(import('../binding/bound-request.ts'));

/**
 * One issuer request for `fields`, opened: session-key mode wraps a fresh
 * secret to the issuer's preferred key (once more with a refreshed key set if
 * the issuer says that key is retired); key-pair mode has the issuer encrypt
 * to a key the frame holds. Takes one from the document's reveal budget.
 */
export async function fetchReveal(context: FlowContext, mode: RevealModeName, fields: readonly FieldName[], held: RevealHeld): Promise<RevealResult> {
  const { channel, config } = context;
  revealLimit(config).take('reveal');
  const binding = config.issuer.binding?.mode === 'bound' ? await kept(held, 'binding', boundRequest) : undefined;
  const rpId = binding?.frameRpId(config.issuer.binding?.rpId);
  // Bound mode: each request goes with a fresh passkey assertion committing to it, made inside this click.
  if (mode === 'key-pair') {
    return {
      values: await revealWithKeyPair(
        await kept(held, 'responseKeys', () => responseKeys(config)),
        fields,
        async (public_key, nonce) =>
          binding
            ? binding.boundCall(async () => channel.request('encrypted-card', { public_key, nonce, assertion: await binding.boundAssertion(channel, rpId!, () => binding.commitments.publicKey(public_key)) }))
            : channel.request('encrypted-card', { public_key, nonce }),
        await kept(held, 'replyVerifier', () => replyVerifier(config)),
      ),
      unavailable: [],
    };
  }
  return sessionKeyRing(config)!.run(
    (key) =>
      reveal(
        key.key,
        fields,
        async (sessionId) => {
          if (!binding) return channel.request('session', { sessionId });
          const assertion = await binding.boundAssertion(channel, rpId!, () => binding.commitments.session(sessionId));
          return binding.boundCall(() => channel.request('session', { sessionId, headers: { 'cardframe-assertion': binding.assertionHeader(assertion) } }));
        },
        config.issuer.profile,
      ),
    keyWasRejected,
  );
}

/** Bound mode, card without a passkey: creates one in the frame and binds it with `PATCH /` over `statement` (or a fresh one). */
export async function createPasskey(context: FlowContext, statement: Statement | undefined, held: RevealHeld): ReturnType<Binding['registerPasskey']> {
  const binding = await kept(held, 'binding', boundRequest);
  return binding.registerPasskey(context.channel, binding.frameRpId(context.config.issuer.binding?.rpId), location.hostname, statement);
}

import type { FieldName, RevealModeName } from '@cardframe/protocol';
import type { Statement } from '../binding/bound-request.ts';
import { revealLimit } from '../frame-limits.ts';
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
 * One issuer request for `fields`, opened: session-key mode wraps a fresh
 * secret to the issuer's preferred key (once more with a refreshed key set if
 * the issuer says that key is retired); key-pair mode has the issuer encrypt
 * to a key the frame holds. Takes one from the document's reveal budget.
 */
export async function fetchReveal(context: FlowContext, mode: RevealModeName, fields: readonly FieldName[], held: RevealHeld): Promise<RevealResult> {
  const { channel, config } = context;
  revealLimit(config).take('reveal');
  const binding = config.issuer.binding?.mode === 'bound' ? await (held.binding ??= import('../binding/bound-request.ts')) : undefined;
  const rpId = binding?.frameRpId(config.issuer.binding?.rpId);
  // Bound mode: each request goes with a fresh passkey assertion committing to it, made inside this click.
  if (mode === 'key-pair') {
    return {
      values: await revealWithKeyPair(
        await (held.responseKeys ??= responseKeys(config)),
        fields,
        async (public_key, nonce) =>
          binding
            ? binding.boundCall(async () => channel.request('encrypted-card', { public_key, nonce, assertion: await binding.boundAssertion(channel, rpId!, () => binding.commitments.publicKey(public_key)) }))
            : channel.request('encrypted-card', { public_key, nonce }),
        await (held.replyVerifier ??= replyVerifier(config)),
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
  const binding = await (held.binding ??= import('../binding/bound-request.ts'));
  return binding.registerPasskey(context.channel, binding.frameRpId(context.config.issuer.binding?.rpId), location.hostname, statement);
}

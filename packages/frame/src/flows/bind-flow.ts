import { CardframeError, parseBindingResult, parseScopedCard, parseSignature, toCardframeError, type ConfigureRequest, type FieldName } from '@cardframe/protocol';
import { loadChunk } from '../load-chunk.ts';
import { RateLimit } from '../rate-limit.ts';
import { BindView, type BindScope } from '../views/bind-view.ts';
import type { Flow, FlowContext } from './flow.ts';

/**
 * Binds the card to its cardholder (seed 001's `scope=webauthn|siwe` and
 * `PATCH /`). Passkey: a statement from the issuer, a passkey created in the
 * frame when the card has none (else an assertion by one it has), the result
 * to `PATCH /`. Wallet: the issuer's EIP-4361 message, signed by the wallet
 * on the host page, to `PATCH /`. Each starts on the cardholder's click.
 */
export class BindFlow implements Flow {
  readonly name = 'bind' as const;
  readonly element = new BindView();
  readonly #context: FlowContext;
  readonly #limit = new RateLimit(10, 60_000);
  #working = false;
  #generation = 0;

  constructor(context: FlowContext) {
    this.#context = context;
    this.element.testMode = context.config.testMode;
    this.element.addEventListener('cardframe-bind-request', (event) => void this.#bind((event as CustomEvent<{ scope: BindScope }>).detail.scope));
  }

  async configure({ fields, mode }: ConfigureRequest['params']): Promise<readonly FieldName[]> {
    const config = this.#context.config.flows.bind;
    if (!config) throw new CardframeError('ERR_NOT_ALLOWED', 'the bind flow is not enabled in this frame');
    if (fields !== undefined || mode !== undefined) throw new CardframeError('ERR_BAD_MESSAGE', 'fields and mode apply to the reveal flow only');
    this.element.scopes = config.scopes;
    this.element.state = 'ready';
    return [];
  }

  hide(): void {
    this.#generation++;
    this.element.error = undefined;
    if (this.element.state !== 'unavailable') this.element.state = 'ready';
    this.#working = false;
  }

  destroy(): void {
    this.#generation++;
    this.element.remove();
  }

  async #bind(scope: BindScope): Promise<void> {
    const config = this.#context.config.flows.bind;
    if (this.#working || !config?.scopes.includes(scope)) return;
    const generation = this.#generation;
    this.#working = true;
    this.element.state = 'working';
    this.element.error = undefined;
    try {
      this.#limit.take('binding');
      const detail = scope === 'webauthn' ? await this.#bindPasskey() : await this.#bindWallet();
      if (generation !== this.#generation) return;
      this.element.bound = scope;
      this.element.state = 'bound';
      this.#context.channel.emit('bind', detail);
    } catch (error) {
      if (generation !== this.#generation) return;
      const failure = toCardframeError(error, 'ERR_BINDING_REFUSED', 'the card could not be bound').toInfo();
      this.element.error = failure;
      this.element.state = 'ready';
      this.#context.channel.emit('error', failure);
    } finally {
      if (generation === this.#generation) this.#working = false;
    }
  }

  async #bindPasskey(): Promise<{ scope: 'webauthn'; credentialId?: string }> {
    const binding = await loadChunk(import('../binding/bound-request.ts'));
    const { channel } = this.#context;
    const rpId = binding.frameRpId(this.#context.config.issuer.binding?.rpId);
    const statement = await binding.fetchStatement(channel);
    // No passkey yet (the issuer lists none): create one here; else confirm with one the card has.
    const result =
      statement.hints && statement.hints.allowCredentials.length === 0
        ? await binding.registerPasskey(channel, rpId, location.hostname, statement)
        : await binding.confirmPasskey(channel, rpId, statement);
    return result.scope === 'webauthn' && result.credentialId ? { scope: 'webauthn', credentialId: result.credentialId } : { scope: 'webauthn' };
  }

  async #bindWallet(): Promise<{ scope: 'siwe'; address?: string }> {
    const { boundCall } = await loadChunk(import('../binding/bound-request.ts'));
    const { channel } = this.#context;
    const { challenge: message } = parseScopedCard((await boundCall(() => channel.request('card', { scope: ['siwe'] }))).body);
    if (!message) throw new CardframeError('ERR_MALFORMED_RESPONSE', 'the issuer sent no Sign-In with Ethereum message');
    // The host's wallet refusing, failing or answering with anything but a signature is one error to the cardholder.
    let signature: string;
    try {
      signature = parseSignature((await channel.request('sign-message', { message })).body, 'signature');
    } catch {
      throw new CardframeError('ERR_SIGN_REFUSED', 'the wallet did not sign the message');
    }
    const result = parseBindingResult((await boundCall(() => channel.request('bind', { body: { scope: 'siwe', message, signature } }))).body, 'siwe');
    return result.scope === 'siwe' && result.address ? { scope: 'siwe', address: result.address } : { scope: 'siwe' };
  }
}

import { exportDevicePublicKey, generateDeviceKeyPair, pinPayload, signDeviceMessage } from '@cardframe/crypto';
import { CardframeError, toCardframeError, type BindingAssertion, type ConfigureRequest, type FieldName, type JsonValue } from '@cardframe/protocol';
import type { PinFlowConfig } from '../config.ts';
import { loadDeviceBinding, saveDeviceBinding, type DeviceBinding } from '../device-store.ts';
import { loadChunk } from '../load-chunk.ts';
import { pinSealing } from '../keys/format-loader.ts';
import type { PinSealing } from '../keys/key-format.ts';
import { keyWasRejected } from '../keys/key-rejected.ts';
import { pinEntryState, pinSubmissionProblem, type PinEntryState } from '../pin-policy.ts';
import { PinView } from '../views/pin-view.ts';
import type { RateLimit } from '../rate-limit.ts';
import { pinLimit } from '../frame-limits.ts';
import { parseJsonBody, parsePinOutcome } from './pin-outcome.ts';
import type { Flow, FlowContext } from './flow.ts';

function parseDeviceId(body: JsonValue): string {
  const parsed = parseJsonBody(body) as { device_id?: unknown; id?: unknown } | undefined;
  const id = parsed?.device_id ?? parsed?.id;
  if (typeof id !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(id)) throw new CardframeError('ERR_MALFORMED_RESPONSE', 'registerDevice must answer with a device_id');
  return id;
}

/**
 * PIN entry: validates as the cardholder types (telling the host only
 * `complete`/`valid`/error codes), and on submit seals `{"pin":"…"}` to the
 * issuer's key (as a JWE, or an OpenPGP message for an OpenPGP issuer),
 * signs it with the device key where configured, and hands only the sealed
 * result to the host. One submission at a time.
 */
export class PinFlow implements Flow {
  readonly name = 'pin' as const;
  readonly element = new PinView();
  readonly #context: FlowContext;
  readonly #policy: PinFlowConfig | undefined;
  readonly #pinKeys: Promise<PinSealing | undefined>;
  readonly #limit: RateLimit;
  #submitting = false;
  #lastState: PinEntryState | undefined;
  #binding: DeviceBinding | undefined;

  constructor(context: FlowContext) {
    this.#context = context;
    this.element.testMode = context.config.testMode;
    this.#policy = context.config.flows.pin;
    this.#pinKeys = pinSealing(context.config);
    // Handled here too, so a failed load is reported by configure, not as an unhandled rejection.
    this.#pinKeys.catch(() => {});
    this.#limit = pinLimit(context.config);
    if (this.#policy) {
      this.element.minLength = this.#policy.minLength;
      this.element.maxLength = this.#policy.maxLength;
    }
    this.element.addEventListener('cardframe-pin-input', () => this.#onInput());
    this.element.addEventListener('cardframe-pin-submit-request', () => void this.#submit());
  }

  async configure({ fields, mode }: ConfigureRequest['params']): Promise<readonly FieldName[]> {
    if (!this.#policy) throw new CardframeError('ERR_NOT_ALLOWED', 'the PIN flow is not enabled in this frame');
    if (fields !== undefined || mode !== undefined) throw new CardframeError('ERR_BAD_MESSAGE', 'fields and mode apply to the reveal flow only');
    try {
      const keys = await this.#pinKeys;
      if (!keys) throw new CardframeError('ERR_CONFIG', 'no issuer PIN key is configured');
      await keys.ring.preferred();
    } catch (error) {
      const failure = toCardframeError(error, 'ERR_KEY_INVALID', 'issuer PIN key is invalid');
      this.element.error = failure.toInfo();
      this.element.state = 'unavailable';
      throw failure;
    }
    this.element.state = 'ready';
    return ['pin'];
  }

  hide(): void {
    this.element.clear();
    this.element.error = undefined;
    this.#onInput();
  }

  destroy(): void {
    this.element.clear();
    this.element.remove();
  }

  #onInput(): void {
    if (!this.#policy) return;
    const { pin, confirm } = this.element.read();
    const state = pinEntryState(pin, confirm, this.#policy);
    if (!state.error) this.element.error = undefined;
    const last = this.#lastState;
    if (last && last.complete === state.complete && last.valid === state.valid && last.error === state.error) return;
    this.#lastState = state;
    this.#context.channel.emit('change', state);
  }

  async #submit(): Promise<void> {
    if (this.#submitting || !this.#policy) return;
    const { pin, confirm } = this.element.read();
    const problem = pinSubmissionProblem(pin, confirm, this.#policy);
    if (problem) {
      const error = new CardframeError(problem, 'the PIN does not meet the policy').toInfo();
      this.element.error = error;
      this.#context.channel.emit('error', error);
      return;
    }
    this.#submitting = true;
    this.element.state = 'submitting';
    this.element.error = undefined;
    try {
      this.#limit.take('PIN');
      const device = this.#policy.deviceBinding ? await this.#device() : undefined;
      // Sealed to the preferred key; if the issuer has retired it, once more to the refreshed set's.
      const { ring, seal } = (await this.#pinKeys)!;
      const outcome = await ring.run(async (key) => {
        // Padded to one length for every PIN, so the ciphertext's length does not tell the host the PIN's.
        const encrypted_pin = await seal(pinPayload(pin), key);
        const submission = device
          ? { encrypted_pin, key_id: key.kid, device_id: device.deviceId, signature: await signDeviceMessage(device.keyPair.privateKey, encrypted_pin) }
          : { encrypted_pin, key_id: key.kid };
        const bound = await this.#bound((binding, channel, rpId) => binding.boundAssertion(channel, rpId, () => binding.commitments.pin(encrypted_pin)));
        if (!bound) return parsePinOutcome((await this.#context.channel.request('pin', submission)).body);
        return parsePinOutcome((await bound.binding.boundCall(() => this.#context.channel.request('pin', { ...submission, assertion: bound.assertion }))).body);
      }, keyWasRejected);
      this.element.clear();
      this.#lastState = undefined;
      this.element.notice = outcome.status === 'COMPLETED' ? 'changed' : 'confirm';
      this.#context.channel.emit('submit', outcome);
    } catch (error) {
      const failure = toCardframeError(error, 'ERR_ISSUER_REQUEST', 'the PIN could not be changed').toInfo();
      // The entries stay as typed, so the cardholder can retry.
      this.element.error = failure;
      this.#context.channel.emit('error', failure);
    } finally {
      this.#submitting = false;
      if (this.element.state === 'submitting') this.element.state = 'ready';
    }
  }

  /**
   * Bound mode: a passkey assertion for one request, made with the WebAuthn
   * chunk (loaded here, on first use); undefined in plain mode.
   */
  async #bound(
    make: (binding: typeof import('../binding/bound-request.ts'), channel: FlowContext['channel'], rpId: string) => Promise<BindingAssertion>,
  ): Promise<{ binding: typeof import('../binding/bound-request.ts'); assertion: BindingAssertion } | undefined> {
    if (this.#context.config.issuer.binding?.mode !== 'bound') return undefined;
    const binding = await loadChunk(import('../binding/bound-request.ts'));
    const rpId = binding.frameRpId(this.#context.config.issuer.binding.rpId);
    return { binding, assertion: await make(binding, this.#context.channel, rpId) };
  }

  /** This frame's device binding: held, stored, or a new key registered through the host. */
  async #device(): Promise<DeviceBinding> {
    this.#binding ??= await loadDeviceBinding().catch(() => undefined);
    if (this.#binding) return this.#binding;
    const keyPair = await generateDeviceKeyPair();
    const public_key = await exportDevicePublicKey(keyPair.publicKey);
    const bound = await this.#bound((binding, channel, rpId) => binding.boundAssertion(channel, rpId, () => binding.commitments.deviceKey(public_key)));
    const register = () => this.#context.channel.request('register-device', bound ? { public_key, assertion: bound.assertion } : { public_key });
    const deviceId = parseDeviceId((bound ? await bound.binding.boundCall(register) : await register()).body);
    this.#binding = { keyPair, deviceId };
    await saveDeviceBinding(this.#binding);
    return this.#binding;
  }
}

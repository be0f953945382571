import { isGuessablePin, type ErrorCode } from '@cardframe/protocol';

/** Lengths a PIN may have. */
export interface PinPolicy {
  readonly minLength: number;
  readonly maxLength: number;
}

/**
 * True for PINs anyone would guess first: the whole PIN a straight ascending
 * or descending run (1234, 9876, 01234), or any digit three or more times in
 * a row (1112, 2000).
 */
export function isTrivialPin(pin: string): boolean {
  if (/(\d)\1\1/.test(pin)) return true;
  const steps = new Set<number>();
  for (let i = 1; i < pin.length; i++) steps.add(pin.charCodeAt(i) - pin.charCodeAt(i - 1));
  return steps.size === 1 && (steps.has(1) || steps.has(-1));
}

/** The first problem with a PIN under `policy`, or undefined. */
export function pinProblem(pin: string, policy: PinPolicy): ErrorCode | undefined {
  if (!/^[0-9]*$/.test(pin)) return 'ERR_PIN_DIGITS';
  if (pin.length < policy.minLength || pin.length > policy.maxLength) return 'ERR_PIN_LENGTH';
  // One code for every rule (runs, common PINs, repeats, years): the host learns only that the PIN was refused.
  if (isTrivialPin(pin) || isGuessablePin(pin)) return 'ERR_PIN_TRIVIAL';
  return undefined;
}

/** What the host may learn about the entry: whether it is complete and valid, and the first error code. */
export interface PinEntryState {
  readonly complete: boolean;
  readonly valid: boolean;
  readonly error?: ErrorCode;
}

/**
 * The entry's state. A non-digit is reported at once; other problems only
 * once both fields are filled, so the cardholder is not scolded mid-typing.
 */
export function pinEntryState(pin: string, confirm: string, policy: PinPolicy): PinEntryState {
  const complete = pin.length >= policy.minLength && confirm.length >= pin.length;
  const problem = /^[0-9]*$/.test(pin) && /^[0-9]*$/.test(confirm) ? (complete ? pinProblem(pin, policy) : undefined) : 'ERR_PIN_DIGITS';
  const error = problem ?? (complete && pin !== confirm ? 'ERR_PIN_MISMATCH' : undefined);
  return error === undefined ? { complete, valid: complete } : { complete, valid: false, error };
}

/** Everything wrong with a submission, first problem only; undefined when it may be sealed. */
export function pinSubmissionProblem(pin: string, confirm: string, policy: PinPolicy): ErrorCode | undefined {
  return pinProblem(pin, policy) ?? (pin === confirm ? undefined : 'ERR_PIN_MISMATCH');
}

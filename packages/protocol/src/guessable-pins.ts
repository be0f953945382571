/**
 * The twenty commonest four-digit PINs, in rank order, from Nick Berry's
 * analysis of 3.4 million four-digit codes taken from leaked password lists
 * ("PIN analysis", DataGenetics, September 2012,
 * https://www.datagenetics.com/blog/september32012/), plus 2580, the
 * keypad's middle column, which the same analysis singles out. Together the
 * twenty cover over a quarter of the codes it saw. Runs, repeats and years
 * are caught by the rules in {@link isGuessablePin}, whatever the length.
 */
export const COMMON_PINS: readonly string[] = Object.freeze([
  '1234', '1111', '0000', '1212', '7777', '1004', '2000', '4444', '2222', '6969',
  '9999', '3333', '5555', '6666', '1122', '1313', '8888', '4321', '2001', '1010',
  '2580',
]);

const COMMON = new Set(COMMON_PINS);

/** The whole PIN is one straight run up or down, going round from 9 to 0 as a keyboard row does (1234, 9876, 7890, 1234567890). */
function isRun(pin: string): boolean {
  const steps = new Set<number>();
  for (let i = 1; i < pin.length; i++) steps.add((pin.charCodeAt(i) - pin.charCodeAt(i - 1) + 10) % 10);
  return steps.size === 1 && (steps.has(1) || steps.has(9));
}

/** The whole PIN is a shorter block said again: 1212, 6969, 123123, 0707. */
function isRepeatedBlock(pin: string): boolean {
  for (let size = 1; size <= pin.length / 2; size++) {
    if (pin.length % size === 0 && pin.slice(0, size).repeat(pin.length / size) === pin) return true;
  }
  return false;
}

/** Every digit doubled: 1122, 7788, 112233. */
function isDoubledDigits(pin: string): boolean {
  return pin.length % 2 === 0 && /^(?:(\d)\1)+$/.test(pin);
}

/**
 * True for a PIN an attacker tries first: one of {@link COMMON_PINS}, a
 * straight run, any digit three times in a row, a repeated block (1212,
 * 123123), doubled digits (1122), or a four-digit year from 1900 to 2099
 * (the analysis found every code starting 19 in the top fifth). The frame
 * and the issuer toolkit both refuse these, and the frame tells the host
 * only that the PIN is invalid, never which rule fired.
 */
export function isGuessablePin(pin: string): boolean {
  if (!/^[0-9]+$/.test(pin)) return false;
  if (COMMON.has(pin) || /(\d)\1\1/.test(pin) || isRun(pin) || isRepeatedBlock(pin) || isDoubledDigits(pin)) return true;
  return pin.length === 4 && /^(?:19|20)\d\d$/.test(pin);
}

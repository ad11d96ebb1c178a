/**
 * Exact arithmetic on the canonical decimal texts of records (hours, euros, percentages): scaled big integers, so
 * that 0.1 + 0.2 is 0.3 and a sum of hours never drifts. Four decimal places cover every field of the import.
 */
const SCALE = 4;
const FACTOR = 10n ** BigInt(SCALE);

/** Wholes of up to 11 digits, scaled, stay below 2^53: exact as a JavaScript number. */
const EXACT_AS_NUMBER = 11;

export function toUnits(value: string): bigint {
  const dot = value.indexOf('.');
  const whole = dot < 0 ? value : value.slice(0, dot);
  const fraction = dot < 0 ? '' : value.slice(dot + 1, dot + 1 + SCALE).padEnd(SCALE, '0');
  // An import sums two hours per row: the number path costs a third of two big-integer parses.
  if (whole.length <= EXACT_AS_NUMBER) return BigInt(Number(whole) * Number(FACTOR) + Number(fraction));
  return BigInt(whole) * FACTOR + BigInt(fraction);
}

/** Back to canonical text, rounded half-up to `decimals` places, without trailing zeros. */
export function fromUnits(units: bigint, decimals = SCALE): string {
  const step = 10n ** BigInt(SCALE - decimals);
  const rounded = ((units + step / 2n) / step) * step;
  const whole = rounded / FACTOR;
  const fraction = (rounded % FACTOR).toString().padStart(SCALE, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}

export function sum(...values: (string | null)[]): bigint {
  return values.reduce((total, value) => total + (value === null ? 0n : toUnits(value)), 0n);
}

/** a × b ÷ c … computed on units: multiply everything first, divide once, so nothing is lost before rounding. */
export function product(factors: string[], divisors: string[], decimals: number): string {
  const numerator = factors.reduce((acc, value) => acc * toUnits(value), 1n) * FACTOR;
  const denominator = divisors.reduce((acc, value) => acc * toUnits(value), 1n) * FACTOR ** BigInt(factors.length - divisors.length);
  return fromUnits(numerator / denominator, decimals);
}

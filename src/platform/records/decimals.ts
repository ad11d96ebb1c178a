/**
 * Exact arithmetic on the canonical decimal texts of records (hours, euros, percentages): scaled big integers, so
 * that 0.1 + 0.2 is 0.3 and a sum of hours never drifts. Four decimal places cover every field of the import.
 */
const SCALE = 4;
const FACTOR = 10n ** BigInt(SCALE);

export function toUnits(value: string): bigint {
  const [whole, fraction = ''] = value.split('.');
  return BigInt(whole!) * FACTOR + BigInt(fraction.padEnd(SCALE, '0').slice(0, SCALE));
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

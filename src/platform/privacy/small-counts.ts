/** Counts of 1 to 4 people shown outside their structure are masked: with so few, a person can be recognised. */
export const SMALL_COUNT_MAX = 4;

export const isSmallCount = (count: number | null): boolean => count !== null && count >= 1 && count <= SMALL_COUNT_MAX;

/**
 * The cells of a breakdown to mask (by index): every small count and, when exactly one is masked, the smallest other
 * non-zero cell too, so that the total minus the cells shown does not give the masked one away.
 */
export function cellsToMask(counts: (number | null)[]): Set<number> {
  const masked = new Set(counts.flatMap((count, index) => (isSmallCount(count) ? [index] : [])));
  if (masked.size === 1) {
    const others = counts.flatMap((count, index) => (!masked.has(index) && count !== null && count > 0 ? [{ count, index }] : []));
    const smallest = others.sort((a, b) => a.count - b.count)[0];
    if (smallest) masked.add(smallest.index);
  }
  return masked;
}

/**
 * Returns the sort key of article number+sub (number × 4096 + sub, sub capped at 4095), as
 * regulation/outline.ts orders articles. Never throws.
 */
export function keyOf(number: number, sub: number): number {
  return number * 4096 + Math.min(Math.max(sub, 0), 4095);
}

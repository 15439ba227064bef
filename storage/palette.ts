import type { TagRecord } from './schema';

/**
 * Tag colours: each has a contrast of at least 4.5:1 against white text (WCAG AA for normal text), and
 * neighbours differ in hue so the first tags are easy to tell apart.
 */
export const TAG_PALETTE: readonly string[] = [
  '#1d4ed8', // blue
  '#b91c1c', // red
  '#047857', // green
  '#7c3aed', // violet
  '#b45309', // amber
  '#0e7490', // cyan
  '#be185d', // pink
  '#4d7c0f', // lime
  '#a21caf', // fuchsia
  '#374151', // grey
];

/**
 * Returns the palette colour used by the fewest of `tags` (the earliest in the palette on a tie), so new tags
 * spread over the palette before any colour repeats. Never throws.
 */
export function nextTagColor(tags: readonly Pick<TagRecord, 'color'>[]): string {
  const uses = new Map<string, number>(TAG_PALETTE.map((c) => [c, 0]));
  for (const t of tags) if (uses.has(t.color)) uses.set(t.color, uses.get(t.color)! + 1);
  let best = TAG_PALETTE[0]!;
  for (const c of TAG_PALETTE) if (uses.get(c)! < uses.get(best)!) best = c;
  return best;
}

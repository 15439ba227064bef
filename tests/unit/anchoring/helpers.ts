import { readFileSync } from 'node:fs';
import { paragraphsFromText } from '../../../regulation/json';
import { toChineseNumeral } from '../../../regulation/numerals';
import { parseOutline } from '../../../regulation/outline';
import type { Outline } from '../../../regulation/types';

export { seeded } from '../../../scripts/lib/seeded';

/** The lines of a corpus file (line 1 is its source URL). */
export function corpusLines(name: string): string[] {
  return paragraphsFromText(readFileSync(new URL(`../../corpus/${name}.txt`, import.meta.url), 'utf8')).map((p) => p.text);
}

/** The outline of a draft given as lines. */
export function outlineOf(lines: readonly string[]): Outline {
  return parseOutline(lines.map((text) => ({ text })));
}

/** The index of article number(+sub) in the outline; throws when there is none. */
export function byNumber(o: Outline, number: number, sub = 0): number {
  const i = o.articles.findIndex((a) => a.number === number && a.sub === sub);
  if (i < 0) throw new Error(`no article ${number}`);
  return i;
}

/**
 * A draft edited line by line: `lines` with the article headings renumbered by `renumber` (old number →
 * new number), which rewrites the 第N条 label at the start of each heading line.
 */
export function renumbered(lines: readonly string[], o: Outline, renumber: (n: number) => number): string[] {
  const out = lines.slice();
  for (const a of o.articles) {
    const p = a.paragraphs[0];
    const line = out[p]!;
    if (!line.trimStart().startsWith(a.label)) throw new Error(`heading of ${a.label} is not at its line start`);
    out[p] = line.replace(a.label, `第${toChineseNumeral(renumber(a.number))}条`);
  }
  return out;
}


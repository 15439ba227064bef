import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { describeArticle, describePassage } from '../../../anchoring/describe';
import { quickAnchors } from '../../../anchoring/quick';
import { anchorAll } from '../../../anchoring/reanchor';
import type { AnchorInput } from '../../../anchoring/types';
import type { Outline } from '../../../regulation/types';
import { corpusLines, outlineOf, renumbered, seeded } from './helpers';

/**
 * The page places a note itself only when it can give anchorAll's own answer (anchoring/quick.ts); every other note
 * goes to the background's full search. Checked on every statute of the corpus, unchanged, edited and renumbered.
 */
const NAMES = readdirSync(new URL('../../corpus/', import.meta.url))
  .filter((f) => f.endsWith('.txt'))
  .map((f) => f.slice(0, -4));

/** An article note and a passage note on every `step`-th article (passages of 1 to 40 characters). */
function notesOn(o: Outline, rnd: () => number, step: number): AnchorInput[] {
  const inputs: AnchorInput[] = [];
  o.articles.forEach((a, i) => {
    if (i % step || a.text.length < 2) return;
    inputs.push({ article: describeArticle(a), passage: null });
    const s = Math.floor(rnd() * (a.text.length - 1));
    const e = Math.min(a.text.length, s + 1 + Math.floor(rnd() * 40));
    inputs.push({ article: describeArticle(a), passage: describePassage(a.text, s, e) });
  });
  return inputs;
}

/** `lines` with a character changed in about one line in `every` (a draft edited here and there). */
function edited(lines: readonly string[], rnd: () => number, every: number): string[] {
  return lines.map((l, i) => {
    if (i === 0 || rnd() * every >= 1 || l.length < 16) return l;
    const at = 12 + Math.floor(rnd() * (l.length - 12)); // after any heading's label
    return l.slice(0, at) + '改' + l.slice(at + 1);
  });
}

describe('quickAnchors gives anchorAll\'s answer or none', () => {
  test.each(NAMES)('%s: unchanged, every note is placed at once, as anchorAll places it', (name) => {
    const o = outlineOf(corpusLines(name));
    const inputs = notesOn(o, seeded(11), 3);
    const quick = quickAnchors(inputs, o.articles);
    expect(quick).toEqual(anchorAll(inputs, o.articles));
  });

  test.each(NAMES)('%s: edited and renumbered, whatever is placed at once is placed where anchorAll places it', (name) => {
    const lines = corpusLines(name);
    const o = outlineOf(lines);
    const rnd = seeded(5);
    const inputs = notesOn(o, rnd, 2);
    const drafts = [edited(lines, rnd, 6)];
    // (Taiwan's 第 1 條 headings are not rewritten by the helper: those statutes are checked edited only)
    if (!name.startsWith('tw-')) drafts.push(edited(renumbered(lines, o, (n) => (n > o.articles.length / 2 ? n + 1 : n)), rnd, 10));
    for (const draft of drafts) {
      const articles = outlineOf(draft).articles;
      const quick = quickAnchors(inputs, articles);
      const full = anchorAll(inputs, articles);
      let placed = 0;
      quick.forEach((q, k) => {
        if (q === null) return;
        placed++;
        expect(q, `note ${k}`).toEqual(full[k]);
      });
      // the common case stays common: most notes sit in articles nobody touched
      expect(placed).toBeGreaterThan(0);
      expect(quick.some((q) => q === null)).toBe(true);
    }
  });

  test('a quote moved within its article, a changed context, a wrong number or a changed head is left to the full search', () => {
    const o = outlineOf(corpusLines('data-security-law-2021'));
    const a = o.articles[4]!;
    const base = { article: describeArticle(a), passage: describePassage(a.text, 10, 20) };
    const at = (text: string) => quickAnchors([base], [{ ...a, text }])[0];
    expect(at(a.text)).toEqual({ status: 'exact', articleIndex: 0, passage: { start: 10, end: 20 }, score: 1 });
    expect(at(a.text.slice(0, 21) + '加' + a.text.slice(21))).toBeNull(); // the suffix changed
    expect(quickAnchors([{ ...base, article: { ...base.article, number: 99 } }], [a])[0]).toBeNull();
    expect(at('新' + a.text)).toBeNull(); // the head changed
    expect(quickAnchors([{ ...base, passage: { ...base.passage, exact: '' } }], [a])[0]).toBeNull();
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { reparseAround } from '../../../regulation/incremental';
import { paragraphsFromText } from '../../../regulation/json';
import { parseOutline } from '../../../regulation/outline';
import type { Paragraph } from '../../../regulation/types';

const load = (name: string): Paragraph[] =>
  paragraphsFromText(readFileSync(new URL(`../../corpus/${name}.txt`, import.meta.url), 'utf8')).map((p) =>
    typeof p === 'string' ? { text: p } : p,
  );

/** A small deterministic generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

const EDITS: Array<(ps: Paragraph[], at: number, r: () => number) => Paragraph[]> = [
  // an article's text edited
  (ps, at) => [{ text: `${ps[at]!.text}（修改）` }],
  // a paragraph added after it
  (ps, at) => [ps[at]!, { text: '本款为新增的内容。' }],
  // the paragraph removed
  () => [],
  // a new article inserted, renumbering nothing (a duplicate label: a numbering warning)
  (ps, at) => [ps[at]!, { text: '第一百条之一 新增的条文。' }],
  // a heading replaced by plain text (two articles merge)
  (ps, at) => [{ text: ps[at]!.text.replace(/^第/, '按第') }],
  // a chapter heading inserted (the window must fall back)
  (ps, at) => [ps[at]!, { text: '第九十九章 新的一章' }],
];

describe('reparseAround: only the neighbourhood of an edit is parsed again', () => {
  for (const name of ['civil-code-2020', 'data-security-law-2021', 'criminal-law-amended-2023']) {
    test(`${name}: 60 random edits give exactly the full parse's outline, or ask for one`, () => {
      const base = load(name);
      const r = rng(name.length * 7919);
      let local = 0;
      for (let k = 0; k < 60; k++) {
        const old = parseOutline(base);
        const at = Math.floor(r() * base.length);
        const edit = EDITS[k % EDITS.length]!;
        const replacement = edit(base, at, r);
        const next = [...base.slice(0, at), ...replacement, ...base.slice(at + 1)];
        const before = JSON.stringify(old.articles.map((a) => [a.label, a.title, a.text]));
        const got = reparseAround(old, next, { from: at, oldEnd: at + 1, newEnd: at + replacement.length });
        const full = parseOutline(next);
        if (!got) continue;
        local++;
        expect(got.outline).toEqual(full);
        expect(got.changed).toBe(JSON.stringify(full.articles.map((a) => [a.label, a.title, a.text])) !== before);
      }
      // most edits land inside a run of articles and are handled locally
      expect(local).toBeGreaterThan(20);
    }, 30_000);
  }

  test('the last article of a chapter and the first of the next are parsed locally; the heading itself is not', () => {
    const base = load('data-security-law-2021');
    const old = parseOutline(base);
    const heading = old.chapters[2]!.paragraph;
    for (const at of [heading - 1, heading + 1]) {
      const next = base.map((p, i) => (i === at ? { text: `${p.text}（修改）` } : p));
      const got = reparseAround(parseOutline(base), next, { from: at, oldEnd: at + 1, newEnd: at + 1 });
      expect(got?.outline).toEqual(parseOutline(next));
    }
    const renamed = base.map((p, i) => (i === heading ? { text: '按此办理' } : p));
    expect(reparseAround(old, renamed, { from: heading, oldEnd: heading + 1, newEnd: heading + 1 })).toBeNull();
  });

  test('an edit before the first articles (the notice) asks for a full parse', () => {
    const base = load('data-security-law-2021');
    const next = [{ text: '征求意见截止日期：2024年3月20日' }, ...base];
    expect(reparseAround(parseOutline(base), next, { from: 0, oldEnd: 0, newEnd: 1 })).toBeNull();
  });
});

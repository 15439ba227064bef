/**
 * Real version pairs (tests/versions, sources on each file's first line) against alignments checked by hand
 * (tests/versions/*.expected.json; the judgement calls are in tests/versions/README.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { paragraphsFromText } from '../../../regulation/json';
import { parseOutline } from '../../../regulation/outline';
import { alignVersions, mostlyAlike } from '../../../versions/align';
import { sameRegulation } from '../../../versions/title';

const DIR = new URL('../../versions/', import.meta.url);

interface Expected {
  older: string;
  newer: string;
  notes: string;
  rows: Array<{ kind: string; old: string[]; new: string[] }>;
}

const load = (file: string) => {
  const text = readFileSync(new URL(file, DIR), 'utf8');
  return parseOutline(paragraphsFromText(text));
};
const key = (r: { kind: string; old: string[]; new: string[] }) => `${r.kind} ${r.old.join('+')} > ${r.new.join('+')}`;

const files = readdirSync(DIR).filter((f) => f.endsWith('.expected.json'));

describe('real version pairs', () => {
  test('there are at least three', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  for (const file of files) {
    const expected = JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as Expected;
    test(`${file}: the alignment is the hand-checked one`, () => {
      const older = load(expected.older);
      const newer = load(expected.newer);
      const a = alignVersions(older.articles, newer.articles);
      const got = a.rows.map((r) =>
        key({ kind: r.kind, old: r.old.map((i) => older.articles[i]!.label), new: r.new.map((j) => newer.articles[j]!.label) }),
      );
      expect([...got].sort()).toEqual(expected.rows.map(key).sort());
      expect(mostlyAlike(a)).toBe(true);
    });
    test(`${file}: the titles name the same regulation`, () => {
      const lines = (f: string) => readFileSync(new URL(f, DIR), 'utf8').split('\n');
      expect(sameRegulation(lines(expected.older)[1], lines(expected.newer)[1])).toBe(true);
    });
  }

  test('versions of different regulations are not mostly alike', () => {
    const a = load('anti-monopoly-law-2022.txt');
    const b = load('state-council-organic-law-2024.txt');
    expect(mostlyAlike(alignVersions(a.articles, b.articles))).toBe(false);
    // The whole Jinan draft against two regulations of the same genre (and the same chapter headings).
    const corpus = (f: string) => parseOutline(paragraphsFromText(readFileSync(new URL(f, DIR), 'utf8'))).articles;
    const jinan = corpus('../../sample/jinan-digital-economy-draft.txt');
    expect(jinan.length).toBe(65);
    for (const other of ['beijing-digital-economy-regulation-2022', 'zhejiang-digital-economy-regulation-2020']) {
      expect(mostlyAlike(alignVersions(jinan, corpus(`../corpus/${other}.txt`)))).toBe(false);
    }
  });
});

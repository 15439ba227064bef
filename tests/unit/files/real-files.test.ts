/**
 * Real government drafts published as files (tests/baselines/files: each file with its source and a
 * hand-checked expected outline, read from the file with pdftotext or from the .docx's XML, not from the
 * reader). Each is read through the CLI's outlineOfFile, the same text reading and cleaning as the reader page,
 * and compared field by field; a miss names the file, the field, the expected and the actual value.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { outlineOfFile } from '../../../scripts/lib/file-outline';
import { parseNumeral } from '../../../regulation/numerals';

const DIR = join(__dirname, '../../baselines/files');
const files = readdirSync(DIR).filter((f) => /\.(pdf|docx)$/.test(f)).sort();

interface Expected {
  source: { repository: string; path: string; commit: string };
  title: string;
  chapters: Array<{ label: string; title: string | null }>;
  articleCount: number;
  articleTitles: Array<string | null>;
  first: { label: string; textStart: string };
  last: { label: string; textStart: string; textEnd?: string };
  checks: Array<{ label: string; textStart: string; textEnd?: string }>;
  warnings: string[];
}

describe('real government files', () => {
  test('at least four, each with a source (repository, path, commit), none over 1 MB', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      const e = JSON.parse(readFileSync(join(DIR, f.replace(/\.(pdf|docx)$/, '.json')), 'utf8')) as Expected;
      expect(e.source.repository, f).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(e.source.commit, f).toMatch(/^[0-9a-f]{40}$/);
      expect(readFileSync(join(DIR, f)).length, f).toBeLessThan(1_000_000);
    }
  });

  test.each(files)('%s', async (f) => {
    const e = JSON.parse(readFileSync(join(DIR, f.replace(/\.(pdf|docx)$/, '.json')), 'utf8')) as Expected;
    const o = await outlineOfFile(f, new Uint8Array(readFileSync(join(DIR, f))));
    const misses: string[] = [];
    const want = (field: string, expected: unknown, actual: unknown) => {
      if (JSON.stringify(expected) !== JSON.stringify(actual)) misses.push(`${field}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    };
    const starts = (field: string, text: string | undefined, start: string, end?: string) => {
      if (text === undefined) return misses.push(`${field}: missing`);
      if (!text.startsWith(start)) misses.push(`${field}: expected to start ${JSON.stringify(start)}, got ${JSON.stringify(text.slice(0, start.length + 20))}`);
      if (end !== undefined && !text.endsWith(end)) misses.push(`${field}: expected to end ${JSON.stringify(end)}, got ${JSON.stringify(text.slice(-end.length - 20))}`);
    };
    want('title', e.title, o.title);
    want('chapters', e.chapters, o.chapters.map((c) => ({ label: c.label, title: c.title })));
    want('articleCount', e.articleCount, o.articles.length);
    // numbered 1..N in order, none missed or read twice
    want('numbers', Array.from({ length: e.articleCount }, (_, i) => i + 1), o.articles.map((a) => a.number));
    want('numerals', o.articles.map((a) => a.number), o.articles.map((a) => parseNumeral(a.label.slice(1, -1))));
    want('articleTitles', e.articleTitles, o.articles.map((a) => a.title));
    want('first.label', e.first.label, o.articles[0]?.label);
    starts('first.text', o.articles[0]?.text, e.first.textStart);
    const last = o.articles[o.articles.length - 1];
    want('last.label', e.last.label, last?.label);
    starts('last.text', last?.text, e.last.textStart, e.last.textEnd);
    for (const c of e.checks) starts(`${c.label}.text`, o.articles.find((a) => a.label === c.label)?.text, c.textStart, c.textEnd);
    want('warnings', e.warnings, o.warnings.map((w) => `${w.code}:${w.article ?? ''}`));
    expect(misses, `${f}\n  ${misses.join('\n  ')}`).toEqual([]);
  }, 60_000);
});

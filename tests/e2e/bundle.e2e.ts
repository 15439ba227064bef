import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { CHROME_BUILD } from '../../scripts/lib/launch';

/** The content script runs in every matching page: it must stay lean and never carry the database or the letter. */
describe('the built content script', () => {
  const code = readFileSync(`${CHROME_BUILD}/content-scripts/content.js`, 'utf8');

  test('has no Dexie, no docx and no letter renderers in it', () => {
    expect(code).not.toMatch(/Dexie|indexedDB/);
    expect(code).not.toMatch(/w:document|patchText|X-Unsent/); // docx and the .eml writer
  });

  test('is valid for Chrome: no Unicode noncharacters (Chrome refuses to load such a file as "not UTF-8")', () => {
    expect(code).not.toMatch(/[\ufdd0-\ufdef\ufffe\uffff]/);
  });

  // the note editor lives in its own extension page (entrypoints/note-frame): none of it may come back here.
  // (Issue 9 asks for 30 KB, which is missed: with the editor out the page side was 31.3 KB; the sliced reader and
  // local re-parse (issue 10), the real notices' rules and items (issue 11), the same-title question and the
  // attachment buttons bring it to about 42.5 KB, most of it the notice parser. The budget stops further growth;
  // BENCHMARKS.md reports the 30 KB aim as missed.)
  test('is at most 43 KB gzip, and carries no note editor, tag input or draft saver', () => {
    expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(43 * 1024);
    expect(code).not.toMatch(/fieldSuggestion|conflictKeepMine|tag-list|waitingSince/);
  });

  test('writes nothing to the page\'s performance timeline unless the benchmark asks', () => {
    expect(code).not.toMatch(/performance\.(mark|measure)\(`regdraft/);
  });
});

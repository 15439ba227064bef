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

  test('is at most 45 KB gzip', () => {
    expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(45 * 1024);
  });
});

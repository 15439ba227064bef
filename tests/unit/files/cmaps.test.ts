/**
 * A PDF set in a non-embedded Chinese font through a predefined CMap (STSong-Light, UniGB-UCS2-H, no ToUnicode:
 * tests/fixtures/files/cmap-draft.pdf, made by scripts/make-file-fixtures.ts) has text only when pdf.js gets the
 * Adobe CMaps. The options of files/pdf-options.ts (the reader page's and the CLI's) give them; without them the
 * page has no text at all.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { describe, expect, test } from 'vitest';
import { pdfSource } from '../../../files/pdf-options';
import { readPages } from '../../../files/pdf-pages';
import { readPdfText } from '../../../files/pdf-text';
import { CMAP_DRAFT_LINES } from '../../../scripts/make-file-fixtures';
import { outlineOfFile } from '../../../scripts/lib/file-outline';

const bytes = () => new Uint8Array(readFileSync('tests/fixtures/files/cmap-draft.pdf'));
const pdfjsDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

async function textOf(options: Record<string, unknown>): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ ...options, useSystemFonts: false, verbosity: 0 } as never).promise;
  try {
    return readPdfText(await readPages(doc)).paragraphs.join('\n');
  } finally {
    void doc.destroy();
  }
}

describe('pdf.js CMaps', () => {
  test('with the shipped CMaps every line of the non-embedded font is read', async () => {
    const text = await textOf(pdfSource(bytes(), pdfjsDir));
    for (const line of CMAP_DRAFT_LINES) expect(text.replace(/\s/g, '')).toContain(line.replace(/\s/g, ''));
  });

  test('without them pdf.js reads none of it', async () => {
    const text = await textOf({ data: bytes(), isEvalSupported: false });
    expect(text).not.toMatch(/第一条|办法/);
  });

  test('the CLI reads its three articles', async () => {
    const o = await outlineOfFile('cmap-draft.pdf', bytes());
    expect(o.articles.map((a) => `${a.label} ${a.text}`)).toEqual(CMAP_DRAFT_LINES.slice(1));
  });

  test('the asset folders end in / as pdf.js demands', () => {
    const s = pdfSource(new Uint8Array(), 'chrome-extension://x/pdfjs');
    expect(s.cMapUrl).toBe('chrome-extension://x/pdfjs/cmaps/');
    expect(s.standardFontDataUrl).toBe('chrome-extension://x/pdfjs/standard_fonts/');
  });
});

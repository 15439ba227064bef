/**
 * The committed file fixtures (scripts/make-file-fixtures.ts: LibreOffice's PDF and .docx of the sample draft,
 * with a running header, "- N -" footers, a table of contents, articles across pages and a 条文 | 说明 page)
 * read through the same code as the reader page and the CLI.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { detectKind, pdfId, sha256Hex } from '../../../files/detect';
import { readPages } from '../../../files/pdf-pages';
import { readPdfText } from '../../../files/pdf-text';
import { FileFormatError, outlineOfFile } from '../../../scripts/lib/file-outline';
import { stampedCopy } from '../../../scripts/lib/pdf-update';
import { paragraphsFromText } from '../../../regulation/json';
import { parseOutline } from '../../../regulation/outline';

const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/files/${name}`));
const sample = parseOutline(paragraphsFromText(readFileSync('sample/jinan-digital-economy-draft.txt', 'utf8')));
/** LibreOffice leaves a line-final 、 out of the PDF's text (pdftotext misses it too): compare without it. */
const loose = (s: string) => s.replace(/[、\s]/g, '');

describe('the file fixtures', () => {
  test('kinds by content, whatever the name says', () => {
    expect(detectKind(fixture('jinan-draft.pdf'), 'downfile.jsp')).toBe('pdf');
    expect(detectKind(fixture('jinan-draft.docx'), 'x.doc')).toBe('docx');
    expect(detectKind(fixture('jinan-draft.doc'), 'a.doc')).toBe('doc');
    expect(detectKind(fixture('jinan-draft.doc'), 'a.wps')).toBe('wps');
    expect(detectKind(new TextEncoder().encode('<html>'), 'a.pdf')).toBe('unknown');
  });

  test('the PDF: headers and page numbers dropped on every page, 65 articles with the text of the page', async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: fixture('jinan-draft.pdf'), verbosity: 0 }).promise;
    const text = readPdfText(await readPages(doc));
    expect(text.pages).toBeGreaterThan(10);
    const dropped = text.lines.filter((l) => l.dropped);
    expect(dropped.filter((l) => l.dropped === 'page-number')).toHaveLength(text.pages);
    expect(dropped.filter((l) => l.dropped === 'running')).toHaveLength(text.pages);
    expect(text.paragraphs.some((p) => /- \d+ -|征求意见稿\)第/.test(p))).toBe(false);
    const outline = parseOutline(text.paragraphs);
    expect(outline.warnings).toEqual([]);
    expect(outline.articles.map((a) => a.label)).toEqual(sample.articles.map((a) => a.label));
    expect(outline.chapters.map((c) => c.label)).toEqual(sample.chapters.map((c) => c.label));
    outline.articles.forEach((a, i) => expect(loose(a.text), a.label).toBe(loose(sample.articles[i]!.text)));
    void doc.destroy();
  }, 180_000);

  test('the .docx and the PDF give the same outline (one JSON contract, one cleaning)', async () => {
    const pdf = await outlineOfFile('jinan-draft.pdf', fixture('jinan-draft.pdf'));
    const docx = await outlineOfFile('jinan-draft.docx', fixture('jinan-draft.docx'));
    expect(docx.articles.map((a) => a.label)).toEqual(pdf.articles.map((a) => a.label));
    docx.articles.forEach((a, i) => expect(loose(a.text), a.label).toBe(loose(sample.articles[i]!.text)));
    expect(docx.articles.find((a) => a.number === 64)?.text).not.toContain('草案');
  }, 180_000);

  test('the Taiwan 條文 | 說明 table: articles from the 條文 column, no 說明 text, no （草案第N條） heading', async () => {
    for (const name of ['tw-table-draft.pdf', 'tw-table-draft.docx']) {
      const o = await outlineOfFile(name, fixture(name));
      expect(o.articles.map((a) => a.label), name).toEqual(['第一條', '第二條', '第三條', '第四條', '第五條']);
      expect(o.chapters.map((c) => c.title), name).toEqual(['總則', '公務機關對個人資料之蒐集、處理及利用']);
      const all = o.articles.map((a) => a.text).join('\n');
      expect(all, name).not.toMatch(/本條新增|說明|草案第/);
      expect(o.articles[1]!.text, name).toContain('二、個人資料檔案：指依系統建立而得以自動化機器或其他非自動化方式檢索、整理之個人資料之集合。');
    }
  }, 180_000);

  test('a scan: no articles, a warning that there is no readable text', async () => {
    const o = await outlineOfFile('scanned-draft.pdf', fixture('scanned-draft.pdf'));
    expect(o.articles).toEqual([]);
    expect(o.warnings[0]?.message).toMatch(/no readable text/);
  }, 180_000);

  test('a .doc is refused with what to do', async () => {
    await expect(outlineOfFile('jinan-draft.doc', fixture('jinan-draft.doc'))).rejects.toThrow(FileFormatError);
    await expect(outlineOfFile('jinan-draft.doc', fixture('jinan-draft.doc'))).rejects.toThrow(/\.doc.*save it as \.docx or PDF/);
  });

  test('the same bytes are the same document', async () => {
    const a = await sha256Hex(fixture('jinan-draft.pdf'));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await sha256Hex(fixture('jinan-draft.pdf'))).toBe(a);
    expect(await sha256Hex(fixture('jinan-draft.docx'))).not.toBe(a);
  });

  test("a PDF's own /ID: kept by a copy re-saved with other bytes, absent or trivial gives none", async () => {
    const pdf = fixture('jinan-draft.pdf');
    const id = pdfId(pdf);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const copy = stampedCopy(pdf, 'a mirror');
    expect(await sha256Hex(copy)).not.toBe(await sha256Hex(pdf));
    expect(pdfId(copy)).toBe(id);
    // the copy is a PDF that opens, with the update's metadata and the same text
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: copy.slice(), useWorkerFetch: false, isEvalSupported: false }).promise;
    expect(((await doc.getMetadata()).info as { Producer?: string }).Producer).toBe('a mirror');
    expect(doc.numPages).toBe((await pdfjs.getDocument({ data: pdf.slice() }).promise).numPages);
    // another file has another identifier; a file without one, or with a trivial one, gives none
    expect(pdfId(fixture('tw-table-draft.pdf'))).not.toBe(id);
    expect(pdfId(fixture('scanned-draft.pdf'))).toBeNull();
    const latin1 = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));
    expect(pdfId(latin1('%PDF-1.4\ntrailer << /ID [<00000000000000000000000000000000> <00000000000000000000000000000000>] >>'))).toBeNull();
    expect(pdfId(latin1('%PDF-1.4\ntrailer << /ID [<1A2B> <1A2B>] >>'))).toBeNull();
    expect(pdfId(latin1('%PDF-1.4\ntrailer << /ID [<0123456789ABCDEF0123456789ABCDEF> <FF>] >>'))).toBe('0123456789abcdef0123456789abcdef');
  });
});

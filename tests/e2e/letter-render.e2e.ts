/// <reference types="chrome" />
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderDocx, renderPrint, type Letter, type LetterForm } from '../../letter';
import { WIDEST_LABEL } from '../../letter/layout';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/lib/launch';
import { sampleLetter } from '../unit/letter/sample-letter';
import { WORDING } from '../../letter/wording';
import { expectA4AndPageCounts, expectClosingPlaced, expectFolios, expectGongwenGeometry, expectHeaderRowOnEveryTablePage, expectNoLoneHeadingAndSignerWithDate, expectNotesInOrder, squash } from './lib/letter-checks';
import { docxToPdf, pageImage, pdfLines, readPdf, requirePoppler, type PdfReading } from './lib/pdf';

/**
 * The letter as the agency receives it, read back from real renderings: the ten-note sample letter as a .docx
 * converted by LibreOffice, and the extension's print view printed to PDF by Chromium (printToPDF with the
 * browser's own header and footer switched on, as a user's print dialog has them by default). poppler reads the
 * PDFs: page count, every note in order, the folio — 1 — on each page, no heading left at the foot of a page, the
 * signer with the date, no extension URL, and the faces used. LETTER_PICTURES=1 also writes the README's pictures
 * to docs/.
 */

const FORMS: LetterForm[] = ['prose', 'table'];
const DOCS = resolve(import.meta.dirname, '../../docs');
let dir: string;
let browser: ExtensionBrowser | undefined;
const letters = {} as Record<LetterForm, Letter>;
const docx = {} as Record<LetterForm, PdfReading & { path: string }>;
const print = {} as Record<LetterForm, PdfReading & { path: string; faces: { title: string[]; body: string[]; heading: string[] } }>;

/** The table form whose first 条款 is WIDEST_LABEL, as LibreOffice and Chromium rendered it. */
let widest: Letter;
const widestRead = {} as Record<'docx' | 'print', PdfReading>;

/** How many of the print view's own page sheets and folios (its way for Firefox) each form's print had. */
const ownPages = {} as Record<LetterForm, number>;

async function printView(p: Page, html: string): Promise<Buffer> {
  const id = [...crypto.getRandomValues(new Uint8Array(12))].map((b) => b.toString(16).padStart(2, '0')).join('');
  await p.evaluate(([key, value]) => chrome.storage.session.set({ [key]: value }), [`print:${id}`, html] as const);
  await p.goto(`chrome-extension://${browser!.extensionId}/print.html?key=${id}`);
  await p.waitForSelector('body[data-printed=true]');
  const cdp = await p.context().newCDPSession(p);
  // the browser's header and footer on, as in a print dialog's defaults: the page must keep them off the paper
  const { data } = await cdp.send('Page.printToPDF', { displayHeaderFooter: true, preferCSSPageSize: true, printBackground: true });
  await cdp.detach();
  return Buffer.from(data, 'base64');
}

/** The platform faces Chromium drew a node's text with (CSS.getPlatformFontsForNode). */
async function facesOf(p: Page, selector: string): Promise<string[]> {
  const cdp = await p.context().newCDPSession(p);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  // the faces of the element's own text nodes
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts.filter((f) => f.glyphCount > 0).map((f) => f.familyName);
}

beforeAll(async () => {
  requirePoppler();
  dir = mkdtempSync(join(tmpdir(), 'regdraft-letter-'));
  // the table form with a notice that asks for a seal, so both closings are rendered
  letters.prose = sampleLetter('prose');
  letters.table = sampleLetter('table', true);

  // the table form with the longest 条款 label its column is made for, on the first note
  widest = structuredClone(letters.table);
  widest.items[0] = { ...widest.items[0]!, clause: WIDEST_LABEL, clauseLabel: WIDEST_LABEL, clauseTitle: null };

  const files = await Promise.all(
    [...FORMS.map((form) => [form, letters[form]] as const), ['widest', widest] as const].map(async ([name, letter]) => {
      const path = join(dir, `letter-${name}.docx`);
      writeFileSync(path, await renderDocx(letter));
      return path;
    }),
  );
  const pdfs = docxToPdf(files, dir); // one LibreOffice run for all three
  FORMS.forEach((form, i) => (docx[form] = { ...readPdf(pdfs[i]!), path: pdfs[i]! }));
  widestRead.docx = readPdf(pdfs[2]!);

  browser = await launchWithExtension({ port: 9 });
  const p = await browser.context.newPage();
  // the print page opens the print dialog itself; here printToPDF prints instead, with the dialog's defaults
  await p.addInitScript(() => {
    window.print = () => undefined;
  });
  await p.goto(`chrome-extension://${browser.extensionId}/print.html`);
  for (const form of FORMS) {
    const path = join(dir, `print-${form}.pdf`);
    writeFileSync(path, await printView(p, renderPrint(letters[form])));
    const faces = {
      title: await facesOf(p, 'main h1'),
      body: await facesOf(p, 'main .lead'),
      heading: await facesOf(p, 'main h2'),
    };
    print[form] = { ...readPdf(path), path, faces };
    ownPages[form] = await p.locator('.print-sheet, .print-folio').count();
  }
  writeFileSync(join(dir, 'print-widest.pdf'), await printView(p, renderPrint(widest)));
  widestRead.print = readPdf(join(dir, 'print-widest.pdf'));
  await p.close();

  if (process.env.LETTER_PICTURES === '1') {
    pageImage(docx.prose.path, 1, join(DOCS, 'letter-docx-prose-1'));
    pageImage(docx.prose.path, docx.prose.pages, join(DOCS, 'letter-docx-prose-last'));
    pageImage(docx.table.path, 1, join(DOCS, 'letter-docx-table-1'));
    pageImage(print.table.path, 2, join(DOCS, 'letter-print-table-2'));
    for (const form of FORMS) copyFileSync(docx[form].path, join(dir, `kept-${form}.pdf`));
  }
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each([
  ['the .docx in LibreOffice', () => docx],
  ['the print view in Chromium', () => print],
] as const)('%s', (_name, rendered) => {
  test('A4; the table form takes no more pages than the prose form plus one', () => expectA4AndPageCounts(rendered().prose, rendered().table));

  test.each(FORMS)('%s: every note’s 条款 and 修改意见 present, in order; the general comments and the date', (form) =>
    expectNotesInOrder(rendered()[form], letters[form]));

  test.each(FORMS)('%s: the folio — n — on every page of the letter', (form) => expectFolios(rendered()[form]));

  test.each(FORMS)('%s: the date four characters from the right, the signer centred over it (as a 公文 closes)', (form) =>
    expectClosingPlaced(pdfLines(rendered()[form].path), letters[form], WORDING.seal));

  test.each(FORMS)('%s: no heading alone at the foot of a page; the signer on the date’s page', (form) =>
    expectNoLoneHeadingAndSignerWithDate(rendered()[form], letters[form]));

  test.each(FORMS)('%s: A4 set as a 公文: margins 28 and 26 mm, the title centred in 22 pt, the body 16 pt on 28 pt lines, 一、 indented two characters', (form) =>
    expectGongwenGeometry(pdfLines(rendered()[form].path), letters[form]));

  test('table: the header row heads every page the table runs over (it runs over more than one)', () => {
    expect(expectHeaderRowOnEveryTablePage(rendered().table, letters.table)).toBeGreaterThan(1);
  });
});

describe.each([
  ['the .docx in LibreOffice', () => widestRead.docx],
  ['the print view in Chromium', () => widestRead.print],
] as const)('%s, the widest 条款 label', (_name, rendered) => {
  test(`序号 and 条款 never wrap: ${WIDEST_LABEL} stands whole on one line, and the header's 序号 too`, () => {
    const lines = rendered().text.join('\n').split('\n').map(squash);
    expect(lines.some((l) => l.includes(WIDEST_LABEL))).toBe(true);
    expect(lines.some((l) => l.includes('序号条款原文修改意见理由'))).toBe(true);
  });
});

describe('faces and words', () => {
  test('LibreOffice sets the body and title in a serif CJK face', () => {
    for (const form of FORMS) {
      expect(docx[form].fonts.some((f) => /Serif.*CJK|CJK.*Serif|Song|Fang|Ming/i.test(f)), docx[form].fonts.join(', ')).toBe(true);
    }
  });

  test('Chromium draws the body and the title in a serif CJK face, the 一、 headings in a sans', () => {
    for (const form of FORMS) {
      const { faces } = print[form];
      expect(faces.body.join(), 'body').toMatch(/Serif|Song|Fang|Ming/i);
      expect(faces.body.join(), 'body').not.toMatch(/Sans|Hei/i);
      expect(faces.title.join(), 'title').toMatch(/Serif|Song|Ming/i);
      expect(faces.heading.join(), 'heading').toMatch(/Sans|Hei/i);
    }
  });

  test('an English word and a URL are never broken in the middle in the prose form', () => {
    for (const [name, r] of [['docx', docx.prose], ['print', print.prose]] as const) {
      const lines = r.text.join('\n').split('\n');
      expect(lines.some((l) => l.includes('https://www.miit.gov.cn')), name).toBe(true);
      expect(lines.some((l) => /GB\/T\s+1\.1-2020/.test(l)), name).toBe(true);
    }
  });

  test('Chromium keeps the @page margin boxes: the print view draws no pages or folios of its own (those are for Firefox)', () => {
    expect(ownPages).toEqual({ prose: 0, table: 0 });
  });
});

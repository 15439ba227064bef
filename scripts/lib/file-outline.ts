/**
 * The outline of a draft published as a file (.pdf, .docx), read in Node the way the reader page reads it:
 * pdf.js's text content through files/pdf-text.ts, a .docx through mammoth and the same block reading as the
 * reader page (in happy-dom). Formats the reader cannot read get a FileFormatError that says what to do.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Window } from 'happy-dom';
import { detectKind, type FileKind } from '../../files/detect';
import { docxToHtml } from '../../files/docx';
import { readPages } from '../../files/pdf-pages';
import { pdfSource } from '../../files/pdf-options';
import { readPdfText } from '../../files/pdf-text';
import { markComparisonTables, readDocxBlocks, renderFileHtml } from '../../files/surface';
import { parseOutline } from '../../regulation/outline';
import type { Outline } from '../../regulation/types';

/** A file the reader cannot read; the message is one line for the reviewer. */
export class FileFormatError extends Error {
  constructor(
    readonly kind: FileKind,
    message: string,
  ) {
    super(message);
  }
}

const ADVICE = 'open it in WPS, Word or LibreOffice and save it as .docx or PDF, then open that file';
const OFD_ADVICE = "open it in an OFD reader (Suwell's or Foxit's; Word and LibreOffice cannot) and save or print it as PDF, then open that file";
const NAMES: Partial<Record<FileKind, string>> = {
  doc: 'a Word 97-2003 document (.doc)',
  wps: 'a WPS document (.wps)',
  ofd: 'an OFD document (.ofd)',
};

/** True when `name` or the bytes say the file is a .pdf/.docx/.doc/.wps/.ofd rather than a page or text. */
export function isFileDraft(name: string, bytes: Uint8Array): boolean {
  return /\.(pdf|docx|doc|wps|ofd)$/i.test(name) || detectKind(bytes, name) !== 'unknown';
}

/**
 * The outline of a .pdf or .docx. A PDF without any text gives no articles and an 'empty' warning saying it
 * has no readable text. Throws FileFormatError for .doc, .wps, .ofd and anything else that is not a PDF or
 * .docx, and for a PDF that needs a password or that pdf.js cannot open.
 */
export async function outlineOfFile(name: string, bytes: Uint8Array): Promise<Outline> {
  const kind = detectKind(bytes, name);
  const base = name.replace(/^.*[\\/]/, '');
  if (kind === 'pdf') return outlineOfPdf(base, bytes);
  if (kind === 'docx') return outlineOfDocx(base, bytes);
  const what = NAMES[kind] ?? 'not a PDF or .docx file';
  // Word and LibreOffice cannot open OFD either: it goes through an OFD reader
  const advice = kind === 'ofd' ? OFD_ADVICE : ADVICE;
  throw new FileFormatError(kind, `${base}: ${what} cannot be read here; ${advice}`);
}

/** pdfjs-dist's folder on disk, which holds the cmaps/ and standard_fonts/ pdf.js reads from in Node. */
function pdfjsDir(): string {
  return dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
}

async function outlineOfPdf(name: string, bytes: Uint8Array): Promise<Outline> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    doc = await pdfjs.getDocument({ ...pdfSource(new Uint8Array(bytes), pdfjsDir()), useSystemFonts: false, verbosity: 0 }).promise;
  } catch (e) {
    const password = (e as { name?: string }).name === 'PasswordException';
    throw new FileFormatError('pdf', password ? `${name}: the PDF is protected by a password; open it in the reader page, which asks for it` : `${name}: not a readable PDF (${(e as Error).message})`);
  }
  try {
    const text = readPdfText(await readPages(doc));
    const outline = parseOutline(text.paragraphs, { pageTitle: name });
    if (text.noText) {
      outline.warnings = [
        { code: 'empty', article: null, message: 'the PDF has no readable text (a scan, or text drawn as shapes); no OCR is done, so no articles were found' },
      ];
    }
    return outline;
  } finally {
    void doc.destroy();
  }
}

async function outlineOfDocx(name: string, bytes: Uint8Array): Promise<Outline> {
  let html: string;
  try {
    html = await docxToHtml(bytes);
  } catch (e) {
    throw new FileFormatError('docx', `${name}: not a readable .docx (${(e as Error).message}); ${ADVICE}`);
  }
  const window = new Window({ settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  try {
    const doc = window.document as unknown as Document;
    renderFileHtml(doc.body, html);
    markComparisonTables(doc.body);
    return parseOutline(readDocxBlocks(doc.body), { pageTitle: name });
  } finally {
    void window.happyDOM.close();
  }
}

/**
 * Reads every page's text content from an open pdf.js document (browser or Node: the caller loads pdf.js).
 * DOM-free.
 */
import type { PageText, TextItemLike } from './pdf-text';

/** What this module uses of a pdf.js PDFDocumentProxy. */
export interface PdfDocLike {
  numPages: number;
  getPage(n: number): Promise<{
    view: number[];
    getTextContent(): Promise<{ items: Array<TextItemLike | { type: string }> }>;
  }>;
}

/**
 * The text content of pages 1..numPages, in order (`onPage` sees each as it arrives). Marked-content items
 * (no `str`) are left out. Rejects when pdf.js does (a broken file).
 */
export async function readPages(doc: PdfDocLike, onPage?: (index: number, page: PageText) => void): Promise<PageText[]> {
  const out: PageText[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    const [x0 = 0, y0 = 0, x1 = 595, y1 = 842] = page.view;
    const items = content.items.filter((it): it is TextItemLike => typeof (it as TextItemLike).str === 'string');
    const p: PageText = { width: x1 - x0, height: y1 - y0, items };
    out.push(p);
    onPage?.(n - 1, p);
  }
  return out;
}

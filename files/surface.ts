/**
 * Reading a rendered file as the page reader reads a page: the blocks of a rendered .docx (mammoth's HTML) and
 * of a PDF text layer (one element per line, grouped into paragraphs by readPdfText). Works on any Document
 * (the reader page's, or happy-dom's in the CLI).
 */
import { readBlocks, type Block } from '../page/blocks';
import { ARTICLE_COLUMN, DRAFT_REFERENCE, OTHER_COLUMN, isPageNumber } from './clean';

/** The attribute on elements whose text is shown but not read (a 說明 column, a table's header cells). */
export const SKIP_ATTR = 'data-regdraft-skip';

/**
 * Puts the HTML of a converted file (mammoth's, never a note's) into `container`, parsed as an inert document
 * (DOMParser: no script runs, nothing loads) and then moved over, without scripts, styles or event attributes.
 */
export function renderFileHtml(container: Element, html: string): void {
  const view = container.ownerDocument.defaultView as (Window & typeof globalThis) | null;
  if (!view) return;
  const parsed = new view.DOMParser().parseFromString(`<!DOCTYPE html><body>${html}</body>`, 'text/html');
  for (const el of Array.from(parsed.querySelectorAll('script, style, iframe, object, embed, link, meta'))) el.remove();
  for (const el of Array.from(parsed.body.querySelectorAll('*'))) {
    for (const a of Array.from(el.attributes)) if (/^on/i.test(a.name)) el.removeAttribute(a.name);
  }
  container.replaceChildren(...Array.from(parsed.body.childNodes).map((n) => container.ownerDocument.importNode(n, true)));
}

/**
 * Marks the cells of comparison tables (條文 | 說明, 修正條文 | 現行條文 | 說明) that are not the article column,
 * and the header row, with SKIP_ATTR. A table qualifies when a cell of its first row is an article-column header
 * and another is a known second column. Returns how many tables were marked.
 */
export function markComparisonTables(root: Element): number {
  let marked = 0;
  for (const table of Array.from(root.querySelectorAll('table'))) {
    const rows = Array.from(table.querySelectorAll('tr'));
    const head = rows[0];
    if (!head) continue;
    const cells = Array.from(head.children);
    const words = cells.map((c) => (c.textContent ?? '').replace(/\s+/g, ''));
    const col = words.findIndex((w) => ARTICLE_COLUMN.test(w));
    if (col < 0 || !words.some((w, i) => i !== col && OTHER_COLUMN.test(w))) continue;
    head.setAttribute(SKIP_ATTR, '');
    for (const row of rows.slice(1)) {
      Array.from(row.children).forEach((cell, i) => {
        if (i !== col) cell.setAttribute(SKIP_ATTR, '');
      });
    }
    marked++;
  }
  return marked;
}

/**
 * The blocks of a rendered .docx under `root`: readBlocks, less what SKIP_ATTR marks, lone page numbers and
 * summary references (`（草案第N條）`) at the start of a block. Never throws on odd DOM.
 */
export function readDocxBlocks(root: Element, skip?: Element | null): Block[] {
  return readBlocks(root, skip).filter((b) => {
    if (b.element.closest(`[${SKIP_ATTR}]`)) return false;
    const t = b.text.trim();
    return !isPageNumber(t) && !DRAFT_REFERENCE.test(t);
  });
}

/**
 * The blocks of a PDF text layer under `root`: each element with `data-para="N"` is one line of paragraph N (its
 * text is the line as joined into the paragraph); a block gathers the text nodes of its lines, in order, and
 * its element is the first line's. Lines without data-para (headers, footers, page numbers) are not read.
 */
export function readLineBlocks(root: Element): Block[] {
  const byPara = new Map<number, Element[]>();
  for (const el of Array.from(root.querySelectorAll('[data-para]'))) {
    const p = Number(el.getAttribute('data-para'));
    const list = byPara.get(p);
    if (list) list.push(el);
    else byPara.set(p, [el]);
  }
  const out: Block[] = [];
  for (const p of [...byPara.keys()].sort((a, b) => a - b)) {
    const els = byPara.get(p)!;
    const nodes: Text[] = [];
    const starts: number[] = [];
    let text = '';
    for (const el of els) {
      const doc = el.ownerDocument;
      const walker = doc.createTreeWalker(el, 4 /* SHOW_TEXT */);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const t = n as Text;
        if (!t.data.length) continue;
        nodes.push(t);
        starts.push(text.length);
        text += t.data;
      }
    }
    if (nodes.length && /\S/.test(text)) out.push({ text, nodes, starts, element: els[0]!, link: false });
  }
  return out;
}

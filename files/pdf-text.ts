/**
 * A PDF's text as the reader reads it, from pdf.js's getTextContent items: lines per page, running headers,
 * footers, page numbers and printed margins set aside, a 條文 | 說明 table read from its article column, and
 * the lines joined into paragraphs. DOM-free (the reader page draws the same lines as its text layer; the CLI
 * reads the paragraphs).
 */
import {
  ARTICLE_COLUMN,
  OTHER_COLUMN,
  endsSentence,
  isCrossReference,
  isPageNumber,
  isPrintedMargin,
  isStructureHeading,
  joinerBetween,
  marginKey,
  normaliseCompat,
  startsHeading,
} from './clean';

/** What this module needs of a pdf.js TextItem. */
export interface TextItemLike {
  str: string;
  /** [a, b, c, d, e, f]: e, f is the baseline's start in PDF user space (y up). */
  transform: number[];
  width: number;
  height: number;
  hasEOL?: boolean;
}

/** One page's text content and size (PDF user space, points). */
export interface PageText {
  width: number;
  height: number;
  items: TextItemLike[];
}

/** Why a line is not article text. */
export type DropReason = 'page-number' | 'running' | 'printed' | 'column' | 'repeated';

export interface PdfLine {
  /** Page index (0-based). */
  page: number;
  text: string;
  /** Left edge, right edge, top (from the page's top), font size: PDF points. */
  x: number;
  right: number;
  top: number;
  size: number;
  /** Set when the line is not article text (it stays visible on the page, but is not read). */
  dropped?: DropReason;
  /** The paragraph the line belongs to, and the text it adds to it (its text, after the joiner). */
  paragraph?: number;
  piece?: string;
}

export interface PdfText {
  pages: number;
  lines: PdfLine[];
  /** The paragraphs, in reading order: what the outline parser reads. */
  paragraphs: string[];
  /** Line indices of each paragraph, in order. */
  paragraphLines: number[][];
  /** True when no page has any text: a scan, or text drawn as shapes. */
  noText: boolean;
}

/** How far (in font sizes) a baseline may move and still be the same line. */
const SAME_LINE = 0.45;
/** The top and bottom share of a page where headers and footers stand. */
const MARGIN_BAND = 0.12;

/** Splits a page's items into lines (by baseline), each line's items left to right. */
function pageLines(page: PageText, index: number, splitX: number | null): PdfLine[] {
  const lines: Array<{ y: number; size: number; items: TextItemLike[] }> = [];
  for (const it of page.items) {
    if (!it.str) continue;
    const y = it.transform[5] ?? 0;
    const size = Math.hypot(it.transform[2] ?? 0, it.transform[3] ?? 0) || it.height || 10;
    if (splitX !== null && (it.transform[4] ?? 0) >= splitX) continue;
    let line = lines.find((l) => Math.abs(l.y - y) <= SAME_LINE * Math.max(size, l.size));
    if (!line) lines.push((line = { y, size, items: [] }));
    line.items.push(it);
    line.size = Math.max(line.size, size);
  }
  lines.sort((a, b) => b.y - a.y);
  const out: PdfLine[] = [];
  for (const l of lines) {
    l.items.sort((a, b) => (a.transform[4] ?? 0) - (b.transform[4] ?? 0));
    let text = '';
    let end = -Infinity;
    for (const it of l.items) {
      const x = it.transform[4] ?? 0;
      const str = normaliseCompat(it.str);
      // a gap wider than a quarter em between Latin pieces is a space pdf.js did not write
      if (text && x - end > l.size * 0.25 && joinerBetween(text, str) === ' ') text += ' ';
      text += str;
      if (str.trim()) end = x + it.width;
    }
    // spaces pdf.js put between Chinese text and its punctuation are not the author's
    text = text.replace(/\s+$/, '').replace(/(?<=[\u3400-\u9fff]) +(?=[,.;:!?，。；：、）)])/g, '');
    if (!text.trim()) continue;
    const x = l.items[0]!.transform[4] ?? 0;
    out.push({ page: index, text, x, right: end, top: page.height - l.y - l.size, size: l.size });
  }
  return out;
}

/** The x where a 條文 | 說明 table's second column starts on this page (its header row), or null. */
function columnSplit(page: PageText): number | null {
  const heads = page.items.filter((it) => ARTICLE_COLUMN.test(it.str.replace(/\s+/g, '')));
  for (const h of heads) {
    const y = h.transform[5] ?? 0;
    const other = page.items
      .filter((it) => OTHER_COLUMN.test(it.str.replace(/\s+/g, '')) && Math.abs((it.transform[5] ?? 0) - y) < 4 && (it.transform[4] ?? 0) > (h.transform[4] ?? 0) + h.width)
      .sort((a, b) => (a.transform[4] ?? 0) - (b.transform[4] ?? 0))[0];
    if (other) return (other.transform[4] ?? 0) - 2;
  }
  return null;
}

/**
 * Reads the pages' text: lines by baseline, then marks as not-article-text the page numbers, the lines a
 * browser prints (date, address) and running headers/footers (the same text, digits aside, in the top or bottom
 * band of at least two pages), the columns right of a 條文 table's article column, and the first lines of a page
 * that repeat the last lines of the page before (an overlapping print); then joins the remaining
 * lines into paragraphs. A new paragraph starts at an indented line, after a line that ends short of the
 * text's right edge, or at a heading after a finished sentence; a line that starts with a cross-reference
 * (第十六条第一款…) continues its sentence; a structure heading wrapped onto a second centred line stays one.
 * Never throws for well-formed input.
 */
export function readPdfText(pages: readonly PageText[]): PdfText {
  const lines: PdfLine[] = [];
  let split: number | null = null;
  pages.forEach((p, i) => {
    // a comparison table runs to the end of the document once its header row appears
    split = columnSplit(p) ?? split;
    lines.push(...pageLines(p, i, split));
  });

  // a page that starts with the last lines of the page before: the second copy goes (before the margins,
  // which would otherwise take both copies, standing in the bands of two pages, for running text)
  dropRepeatedRuns(lines, pages.length);

  // the margins: page numbers, printed lines, running text
  const band = (l: PdfLine) => {
    const h = pages[l.page]!.height;
    return l.top < h * MARGIN_BAND || l.top + l.size > h * (1 - MARGIN_BAND);
  };
  const keyPages = new Map<string, Set<number>>();
  for (const l of lines) {
    if (!band(l) || l.dropped) continue;
    const k = marginKey(l.text);
    if (!keyPages.has(k)) keyPages.set(k, new Set());
    keyPages.get(k)!.add(l.page);
  }
  for (const l of lines) {
    if (ARTICLE_COLUMN.test(l.text.replace(/\s+/g, ''))) l.dropped = 'column'; // the table's header cell
    if (!band(l) || l.dropped) continue;
    if (isPageNumber(l.text)) l.dropped = 'page-number';
    else if (isPrintedMargin(l.text)) l.dropped = 'printed';
    else if (pages.length > 1 && (keyPages.get(marginKey(l.text))?.size ?? 0) >= 2) l.dropped = 'running';
  }

  // the text's left and right edges: per page, or the document's on a page with few lines
  const kept = lines.filter((l) => !l.dropped);
  const docEdges = edges(kept);
  const byPage = new Map<number, PdfLine[]>();
  for (const l of kept) byPage.set(l.page, [...(byPage.get(l.page) ?? []), l]);
  const pageEdges = new Map<number, { left: number; right: number }>();
  for (const [page, ls] of byPage) pageEdges.set(page, ls.length >= 6 ? edges(ls) : docEdges);
  const left = new Map([...pageEdges].map(([p, e]) => [p, e.left]));
  const right = new Map([...pageEdges].map(([p, e]) => [p, e.right]));

  const paragraphs: string[] = [];
  const paragraphLines: number[][] = [];
  let prev: PdfLine | null = null;
  let prevIndex = -1;
  lines.forEach((l, i) => {
    if (l.dropped) return;
    const text = l.text;
    const lineLeft = left.get(l.page) ?? l.x;
    const indented = l.x - lineLeft > l.size * 0.8;
    let fresh = prev === null;
    if (prev) {
      const prevRight = right.get(prev.page) ?? prev.right;
      const short = prevRight - prev.right > prev.size * 1.5;
      const first = paragraphs[paragraphs.length - 1]!;
      const centred = Math.abs((l.x + l.right) / 2 - (lineLeft + (right.get(l.page) ?? l.right)) / 2) < l.size * 2;
      if (isStructureHeading(first) && paragraphLines[paragraphs.length - 1]!.length === 1 && !endsSentence(first) && centred && !startsHeading(text) && short && text.length < 30) {
        fresh = false; // a heading wrapped onto a second line
      } else if (indented || short || isStructureHeading(text)) fresh = true;
      else if (startsHeading(text) && endsSentence(prev.text)) fresh = true;
      else if (isCrossReference(text)) fresh = false;
    }
    if (fresh) {
      l.paragraph = paragraphs.length;
      l.piece = text;
      paragraphs.push(text);
      paragraphLines.push([i]);
    } else {
      const p = paragraphs.length - 1;
      const joiner = joinerBetween(paragraphs[p]!, text);
      l.paragraph = p;
      l.piece = joiner + text;
      paragraphs[p] += l.piece;
      paragraphLines[p]!.push(i);
    }
    prev = l;
    prevIndex = i;
  });
  void prevIndex;
  return { pages: pages.length, lines, paragraphs, paragraphLines, noText: !lines.length };
}

/** At most this many lines of a page may repeat the end of the one before (a print that overlaps its pages). */
const MAX_REPEAT = 12;
/** A repeated run shorter than this (in characters) may be chance: （一） at the end of one page and the top of the next. */
const MIN_REPEAT_CHARS = 12;

/**
 * Marks the first lines of a page that repeat, line for line, the last lines of the page before: what a print
 * of a scrolled web page or a pasted capture does, and without which the repeated article heading is read twice.
 * The longest such run counts; margins already set aside are skipped.
 */
function dropRepeatedRuns(lines: PdfLine[], pageCount: number): void {
  const byPage: PdfLine[][] = Array.from({ length: pageCount }, () => []);
  for (const l of lines) if (!l.dropped) byPage[l.page]?.push(l);
  const key = (l: PdfLine) => l.text.replace(/\s+/g, '');
  for (let p = 1; p < pageCount; p++) {
    const before = byPage[p - 1]!;
    const here = byPage[p]!;
    for (let k = Math.min(MAX_REPEAT, before.length, here.length - 1); k >= 1; k--) {
      const tail = before.slice(before.length - k);
      const head = here.slice(0, k);
      if (!head.every((l, i) => key(l) === key(tail[i]!))) continue;
      if (head.reduce((n, l) => n + key(l).length, 0) < MIN_REPEAT_CHARS) break;
      for (const l of head) l.dropped = 'repeated';
      break;
    }
  }
}

/** The left edge (the first common line start) and the right edge (the furthest common line end) of `lines`. */
function edges(lines: readonly PdfLine[]): { left: number; right: number } {
  if (!lines.length) return { left: 0, right: 0 };
  const starts = new Map<number, number>();
  for (const l of lines) starts.set(Math.round(l.x), (starts.get(Math.round(l.x)) ?? 0) + 1);
  const most = Math.max(...starts.values());
  const left = Math.min(...[...starts].filter(([, n]) => n >= Math.min(most, Math.max(2, 0.2 * most))).map(([x]) => x));
  const need = lines.length < 6 ? 1 : Math.max(2, Math.ceil(lines.length * 0.15));
  const rights = lines.map((l) => l.right).sort((a, b) => b - a);
  let right = rights[0]!;
  for (const r of rights) {
    if (lines.filter((l) => l.right >= r - l.size).length >= need) {
      right = r;
      break;
    }
  }
  return { left, right };
}

import { FOLIO_TOP_MM, OWN_PAGES_STYLE, PAGE_HEIGHT_MM } from '../../letter/print';

/**
 * Whether the browser keeps the @page margin boxes of the print view's stylesheets (Chromium does: they draw
 * the folios and keep the browser's own header and footer off the paper). Firefox ESR drops them when parsing
 * (layout.css.margin-rules.enabled is off), so its @page rules come out with no rules inside.
 */
export function marginBoxesKept(doc: Document): boolean {
  for (const sheet of doc.styleSheets) {
    for (const rule of sheet.cssRules) {
      const inner = (rule as CSSRule & { cssRules?: CSSRuleList }).cssRules;
      if (rule.type === CSSRule.PAGE_RULE && inner !== undefined && inner.length > 0) return true;
    }
  }
  return false;
}

/**
 * Stands in for a table in the column copy, where Firefox lays a table out whole (it breaks tables only across
 * pages): a block of the header's height, then one block per row of its height, each row that crosses the foot
 * of a column cut there as print cuts it (the lines that fit stay, the rest follows under a repeated header).
 */
function tableAsBlocks(doc: Document, table: HTMLTableElement, column: DOMRect): void {
  const block = (height: number) => {
    const div = doc.createElement('div');
    div.style.height = `${height}px`;
    return div;
  };
  const head = table.tHead?.getBoundingClientRect().height ?? 0;
  const cell = table.querySelector('td');
  const line = cell === null ? 0 : parseFloat(getComputedStyle(cell).lineHeight) || 0;
  const rows = [...table.tBodies].flatMap((b) => [...b.rows]).map((r) => r.getBoundingClientRect().height);
  const stand = doc.createElement('div');
  table.replaceWith(stand);
  stand.append(block(head));
  for (let rest of rows) {
    let row = block(rest);
    stand.append(row);
    // a row crossing the foot of a column: what fits stays (whole lines), the rest goes on under a header
    for (let guard = 0; row.getClientRects().length > 1 && line > 0 && guard < 50; guard++) {
      const room = column.height - (row.getClientRects()[0]!.top - column.top);
      const kept = Math.floor(Math.max(0, room - line / 2) / line) * line;
      row.style.height = `${room}px`;
      rest = Math.max(line, rest - kept);
      stand.append(block(head));
      row = block(rest);
      stand.append(row);
    }
  }
}

/**
 * How many pages the letter takes in print, laid out by the browser itself: a copy in columns the size of the
 * type area (156 x 225 mm, `.print-sim`), whose breaks the browser makes as it makes page breaks (tables stood
 * in for by blocks: see tableAsBlocks). Returns at least 1.
 */
function pageCount(doc: Document, letter: HTMLElement): number {
  const sim = doc.createElement('div');
  sim.className = 'print-sim';
  sim.setAttribute('aria-hidden', 'true');
  const copy = letter.cloneNode(true) as HTMLElement;
  const end = doc.createElement('div');
  copy.append(end);
  sim.append(copy);
  doc.body.append(sim);
  const column = sim.getBoundingClientRect();
  for (const table of copy.querySelectorAll('table')) tableAsBlocks(doc, table, column);
  const n = Math.floor((end.getBoundingClientRect().left - column.left + 1) / column.width) + 1;
  sim.remove();
  return Math.max(1, n);
}

/**
 * Draws the print view's pages itself, for a browser without @page margin boxes (see OWN_PAGES_STYLE): the
 * letter and the postal page each go in a `.print-sheet` carrying the margins, the page margin becomes 0 so the
 * browser prints no header or footer of its own (no URL, title or date), and the letter's sheet gets one folio
 * — n — per page it takes. Call once the fonts are loaded. Returns the number of folios drawn.
 */
export function drawOwnPages(doc: Document): number {
  const letter = doc.querySelector<HTMLElement>('main.letter');
  if (letter === null) return 0;
  const style = doc.createElement('style');
  style.textContent = OWN_PAGES_STYLE;
  doc.head.append(style);
  for (const part of [letter, doc.querySelector<HTMLElement>('section.post')]) {
    if (part === null) continue;
    const sheet = doc.createElement('div');
    sheet.className = 'print-sheet';
    part.replaceWith(sheet);
    sheet.append(part);
  }
  const pages = pageCount(doc, letter);
  const sheet = letter.parentElement!;
  for (let i = 0; i < pages; i++) {
    const folio = doc.createElement('p');
    folio.className = `print-folio ${i % 2 === 0 ? 'odd' : 'even'}`;
    folio.setAttribute('aria-hidden', 'true');
    folio.style.top = `${i * PAGE_HEIGHT_MM + FOLIO_TOP_MM}mm`;
    folio.textContent = `— ${i + 1} —`;
    sheet.append(folio);
  }
  return pages;
}

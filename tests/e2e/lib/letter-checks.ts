import { expect } from 'vitest';
import type { Letter } from '../../../letter';
import { closingLines } from '../../../letter/layout';
import type { PdfLine, PdfReading } from './pdf';

/**
 * The read-back checks of the rendered letter (issue 12), shared by the Chromium/LibreOffice test
 * (letter-render.e2e.ts) and the Firefox one (firefox/letter-print.firefox.e2e.ts).
 *
 * `lossy`: Firefox's PDF (cairo) maps each glyph back to Unicode through the first face of a font collection.
 * With the Noto CJK .ttc (the only serif CJK on a bare Debian), that face is the Japanese one, so glyphs in
 * their Simplified Chinese form read back as U+FFFD and shared ones as Kangxi radicals (⼀ for 一). In lossy
 * mode both sides are NFKC-normalised (Kangxi radicals become the ideographs; a CJK radical supplement character, e.g. ⻔, stands for any) and a character of the expected text other than a Latin letter or digit
 * also matches U+FFFD; every other character (digits, Latin, punctuation) must match exactly, in order.
 */

export const squash = (s: string) => s.replace(/\s+/g, '');

const norm = (s: string, lossy: boolean) => (lossy ? s.normalize('NFKC') : s);

/** A RegExp source matching `text`, a Han character also matching U+FFFD when lossy. */
export function readable(text: string, lossy: boolean): string {
  return [...norm(text, lossy)]
    .map((c) => {
      const lit = c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      return lossy && !/[A-Za-z0-9]/.test(c) ? `(?:${lit}|[\\uFFFD\\u2E80-\\u2EFF])` : lit;
    })
    .join('');
}

/** Where `needle` first occurs in `hay` at or after `from` (-1 if nowhere), lossy as above. */
export function findReadable(hay: string, needle: string, lossy: boolean, from = 0): number {
  const re = new RegExp(readable(needle, lossy), 'gu');
  const want = [...norm(needle, lossy)];
  re.lastIndex = from;
  // a lossy match must keep a third of its characters (at least one): a run of U+FFFD alone matches nothing
  for (let m = re.exec(norm(hay, lossy)); m; m = re.exec(norm(hay, lossy))) {
    if (!lossy || [...m[0]].filter((c, i) => c === want[i]).length >= Math.max(1, Math.ceil(want.length / 3))) return m.index;
    re.lastIndex = m.index + 1;
  }
  return -1;
}

/** The pages of the letter itself (the print view adds a postal page, 邮寄信息, after it), as laid out or raw. */
export function letterPages(r: PdfReading, how: 'text' | 'raw' = 'text', lossy = false): string[] {
  // its heading, or (where a lossy reading keeps too little of it) its 邮政编码 row
  const post = r.text.findIndex((t) => findReadable(t, '邮寄信息', lossy) >= 0 || findReadable(t, '邮政编码', lossy) >= 0);
  return post < 0 ? r[how] : r[how].slice(0, post);
}

/** The page's lines without the folio and blank lines. */
export const bodyLines = (page: string) => page.split('\n').filter((l) => l.trim() !== '' && !/^\s*—\s*\d+\s*—\s*$/.test(l));

/** A4 pages, three or more for the prose form, and the table form no more than the prose form plus one. */
export function expectA4AndPageCounts(prose: PdfReading, table: PdfReading, lossy = false): void {
  for (const r of [prose, table]) {
    expect(Math.round(r.size.width)).toBeGreaterThanOrEqual(595);
    expect(Math.round(r.size.width)).toBeLessThanOrEqual(596);
    expect(Math.round(r.size.height)).toBe(842);
  }
  const p = letterPages(prose, 'text', lossy).length;
  const t = letterPages(table, 'text', lossy).length;
  expect(p).toBeGreaterThanOrEqual(3);
  expect(t).toBeLessThanOrEqual(p + 1);
}

/**
 * Every note's 条款 and 修改意见, in order; in the prose form (where no table cell's lines interleave with its
 * neighbours' in the text read back) each note's whole 原文, 修改意见 and 理由, in that order; in the table form the
 * first line of each 修改意见 and 理由 cell (a cell's further lines are read back between its neighbours' lines, and
 * a row may break across pages). The general comments, the title, the date;
 * no URL or stray date stamp.
 */
export function expectNotesInOrder(r: PdfReading, letter: Letter, lossy = false): void {
  // the folios out, so that a text running over a page break reads on
  const text = norm(squash(letterPages(r, 'raw', lossy).map((p) => bodyLines(p).join('')).join('')), lossy);
  const prose = letter.form === 'prose';
  // in the table form a cell's first line: the 修改意见 column holds about 16 characters, the 理由 column 5
  const whole = (s: string, table = 16) => (prose ? squash(s) : squash(s).slice(0, table));
  let at = 0;
  for (const item of letter.items) {
    const parts = [...(prose ? [whole(item.original.text)] : []), whole(item.opinion), ...(item.reason ? [whole(item.reason, 5)] : [])];
    // prose: each part after the one before; table: each cell after the row before (renderers read a row's cells
    // back in their own order)
    let from = at;
    for (const part of parts) {
      const found = findReadable(text, part, lossy, from);
      expect(found, `${item.index}: ${part}`).toBeGreaterThanOrEqual(from);
      if (prose) from = found + 1;
    }
    at = findReadable(text, whole(item.opinion), lossy, at);
    // a label such as 第六条 may read back as three U+FFFD in lossy mode: checked only where the text is whole
    if (!lossy) expect(findReadable(text, squash(item.clauseLabel), lossy), item.clauseLabel).toBeGreaterThanOrEqual(0);
  }
  for (const c of letter.comments) expect(findReadable(text, squash(c).slice(0, 20), lossy), c).toBeGreaterThanOrEqual(0);
  expect(findReadable(text, squash(letter.title).slice(0, 12), lossy)).toBeGreaterThanOrEqual(0);
  expect(findReadable(text, '2024年3月1日', lossy)).toBeGreaterThanOrEqual(0);
  expect(text).not.toMatch(/Un-named|chrome-extension|moz-extension|print\.html|about:blank|\d+\/\d+\/\d+,?\d+:\d+/);
}

/** The folio — n — on every page of the letter, none on the pages after it, and no page holding nothing else. */
export function expectFolios(r: PdfReading, lossy = false): void {
  const letter = letterPages(r, 'text', lossy);
  letter.forEach((page, i) => expect(page, `page ${i + 1}`).toMatch(new RegExp(`—\\s*${i + 1}\\s*—`)));
  r.text.slice(letter.length).forEach((page, i) => expect(page, `page ${letter.length + i + 1}`).not.toMatch(/—\s*\d+\s*—/));
  r.text.forEach((page, i) => expect(bodyLines(page).length, `page ${i + 1} holds more than a folio`).toBeGreaterThan(0));
}

/** No 一、 or （一）第…条 heading, nor the table's header row, as the last line of a page; the signer (and 盖章) on the date's page. */
export function expectNoLoneHeadingAndSignerWithDate(r: PdfReading, letter: Letter, lossy = false): void {
  const pages = letterPages(r, 'text', lossy).map((p) => norm(p, lossy));
  const num = lossy ? '[一二三四五六七八九十\\uFFFD]+' : '[一二三四五六七八九十]+';
  const lone = new RegExp(`^${num}、\\S{2,8}$|^[（(]${num}[）)]${readable('第', lossy)}\\S+${readable('条', lossy)}$|^${readable('序号', lossy)}\\s+${readable('条款', lossy)}`, 'u');
  pages.slice(0, -1).forEach((page, i) => {
    const last = bodyLines(page).at(-1)?.trim() ?? '';
    expect(last, `foot of page ${i + 1}`).not.toMatch(lone);
  });
  const withDate = pages.find((p) => findReadable(squash(p), '2024年3月1日', lossy) >= 0);
  expect(withDate).toBeDefined();
  expect(findReadable(squash(withDate!), squash(letter.closing.signer!), lossy), 'signer').toBeGreaterThanOrEqual(0);
  if (letter.closing.seal) expect(findReadable(squash(withDate!), '（盖章）', lossy), '盖章').toBeGreaterThanOrEqual(0);
}

/**
 * The right edge of the type area on some lines: the furthest a line reaches that does not end in a punctuation
 * mark (a renderer may let a closing punctuation mark hang past the margin, as Word and WPS do).
 */
function typeAreaRight(lines: PdfLine[]): number {
  const ends = lines.filter((l) => !/[，。、；：！？）》”’」』,.;:!?)]$/.test(squash(l.text)));
  return Math.max(...(ends.length ? ends : lines).map((l) => l.xMax));
}

/**
 * The closing as a 公文 sets it (GB/T 9704-2012 7.3.5): the date ends `at.date` characters (four for a short
 * signer) from the right edge of the type area, and the signer is centred over the date. Measured on where the
 * renderer put the lines: the type area's right edge is the furthest any text on the date's page reaches (a
 * justified line of the letter), a character is the body's 16 pt.
 */
export function expectClosingPlaced(lines: PdfLine[], letter: Letter, seal: string, lossy = false): void {
  const CHAR = 16;
  const { signer, at } = closingLines(letter.closing, letter.date, seal);
  const is = (l: PdfLine, text: string) => [...squash(l.text)].length === [...squash(text)].length && findReadable(squash(l.text), squash(text), lossy) === 0;
  const date = lines.find((l) => is(l, letter.date));
  expect(date, `the date line ${letter.date}`).toBeDefined();
  const page = lines.filter((l) => l.page === date!.page && !/^—\d+—$/.test(squash(l.text)));
  const right = typeAreaRight(page);
  expect((right - date!.xMax) / CHAR, 'the date, in characters from the right').toBeCloseTo(at.date, 0);
  if (signer === '') return;
  const signed = page.find((l) => is(l, signer));
  expect(signed, `the signer line ${signer}`).toBeDefined();
  expect(signed!.yMin).toBeLessThan(date!.yMin);
  expect((right - signed!.xMax) / CHAR, 'the signer, in characters from the right').toBeCloseTo(at.signer, 0);
  expect(Math.abs((signed!.xMin + signed!.xMax) / 2 - (date!.xMin + date!.xMax) / 2), 'the signer centred over the date (pt)').toBeLessThanOrEqual(CHAR / 2);
}

/**
 * The table form's header row (序号 条款 原文 修改意见 理由) at the head of every page the table runs over: from the
 * page of its first row to the page of its last row's 修改意见. Returns how many pages the table spans (a test can
 * then insist that it spans more than one, so the repeat is really tried).
 */
export function expectHeaderRowOnEveryTablePage(r: PdfReading, letter: Letter): number {
  const pages = letterPages(r, 'text').map((p) => bodyLines(p).map(squash));
  const first = squash(letter.items[0]!.opinion).slice(0, 8);
  const last = squash(letter.items.at(-1)!.opinion).slice(0, 8);
  const start = pages.findIndex((lines) => lines.join('').includes(first));
  const end = pages.findIndex((lines) => lines.join('').includes(last));
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThanOrEqual(start);
  const HEADER = '序号条款原文修改意见理由';
  expect(pages[start]!.includes(HEADER), `the header row on page ${start + 1}`).toBe(true);
  // a page the table runs on to opens with it
  for (let i = start + 1; i <= end; i++) expect(pages[i]![0], `the first line of page ${i + 1}`).toBe(HEADER);
  return end - start + 1;
}

/**
 * The page as GB/T 9704-2012 sets a 公文, measured where the renderer put page 1's lines: the type area 28 mm from
 * the left edge and 26 mm from the right (A4; within 1 mm), the title centred on it in 22 pt (二号) characters, the body in
 * 16 pt (三号) characters on lines 28 pt apart, and the 一、 heading indented two characters.
 */
export function expectGongwenGeometry(lines: PdfLine[], letter: Letter): void {
  const MM = 72 / 25.4;
  const cjk = (t: string) => t.length > 0 && [...t].every((c) => c.codePointAt(0)! >= 0x3000);
  const page = lines.filter((l) => l.page === 1 && !/^—\d+—$/.test(squash(l.text)));
  const left = Math.min(...page.map((l) => l.xMin));
  const right = typeAreaRight(page);
  expect(Math.abs(left / MM - 28), `left margin ${(left / MM).toFixed(1)} mm`).toBeLessThanOrEqual(1);
  expect(Math.abs(210 - right / MM - 26), `right margin ${(210 - right / MM).toFixed(1)} mm`).toBeLessThanOrEqual(1);
  const advance = (l: PdfLine) => (l.xMax - l.xMin) / [...squash(l.text)].length;
  // the title: its lines before the addressee, centred, in 22 pt characters where a line is all CJK
  const addressee = page.findIndex((l) => squash(l.text) === squash(letter.addressee ?? ''));
  expect(addressee, 'the addressee line').toBeGreaterThan(0);
  const title = page.slice(0, addressee);
  for (const l of title) expect(Math.abs((l.xMin + l.xMax) / 2 - (left + right) / 2), `title line ${l.text} centred (pt)`).toBeLessThanOrEqual(3);
  const whole = title.filter((l) => cjk(squash(l.text)));
  expect(whole.length, 'an all-CJK title line to measure').toBeGreaterThan(0);
  for (const l of whole) expect(advance(l), `title ${l.text}: pt a character`).toBeCloseTo(22, 0);
  // the body: the addressee line's characters and the pitch of the lines after it
  expect(advance(page[addressee]!), 'body: pt a character').toBeCloseTo(16, 0);
  const pitches = page.slice(addressee).map((l, i, all) => (i ? l.yMin - all[i - 1]!.yMin : 0)).filter((d) => d > 20 && d < 36);
  const common = pitches.sort((a, b) => a - b)[Math.floor(pitches.length / 2)]!;
  expect(common, 'body line pitch (pt)').toBeCloseTo(28, 0);
  const heading = page.find((l) => /^一、/.test(squash(l.text)));
  expect(heading, 'the 一、 heading').toBeDefined();
  expect((heading!.xMin - left) / 16, 'the 一、 heading indent (characters)').toBeCloseTo(2, 0);
}

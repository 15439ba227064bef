/**
 * Text cleaning for drafts that arrive as files: what LibreOffice, Word, WPS and a browser's "print to PDF" put
 * around and inside the article text. DOM-free, shared by the reader page and the outline CLI.
 */

/**
 * Compatibility ideographs and radicals to their unified characters (NFKC, but only there): some PDFs encode
 * 一 二 十 as the Kangxi radicals ⼀ ⼆ ⼗, and 第⼀条 is not an article heading until they are mapped back.
 * Full NFKC is not applied: it would also turn the full-width punctuation of Chinese text （，：） into ASCII.
 * Never throws.
 */
export function normaliseCompat(text: string): string {
  return text.replace(/[\u2E80-\u2FDF\uF900-\uFAFF\u{2F800}-\u{2FA1F}]/gu, (c) => RADICAL_SUPPLEMENT[c] ?? c.normalize('NFKC'));
}

/**
 * The CJK Radicals Supplement forms that stand for whole simplified characters (Unicode's equivalent unified
 * ideographs): NFKC leaves them, but PDFs made by macOS and cairo write 意⻅, ⾸⻚, ⼈⺠ with them.
 */
const RADICAL_SUPPLEMENT: Record<string, string> = {
  '⺠': '民', '⻅': '见', '⻆': '角', '⻉': '贝', '⻋': '车', '⻓': '长', '⻔': '门', '⻙': '韦', '⻚': '页', '⻛': '风',
  '⻜': '飞', '⻢': '马', '⻥': '鱼', '⻦': '鸟', '⻧': '卤', '⻨': '麦', '⻩': '黄', '⻪': '黾', '⻬': '齐', '⻮': '齿', '⻰': '龙',
};

const DASH = '[-‐‑‒–—―－~～_]';
const PAGE_NUMBER_RES: RegExp[] = [
  new RegExp(`^${DASH}*\\s*\\d{1,4}\\s*${DASH}*$`), // 3, - 3 -, — 3 —
  /^第\s*\d{1,4}\s*页(\s*[,，、/／]?\s*共\s*\d{1,4}\s*页)?$/, // 第3页, 第3页 共8页
  /^第?\s*\d{1,4}\s*[/／]\s*\d{1,4}\s*页?$/, // 第1/8页, 1/8
  /^共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页$/,
  /^(page\s*)?\d{1,4}(\s*of\s*\d{1,4})?$/i,
  /^[·•]\s*\d{1,4}\s*[·•]$/,
];

/** True for a line that is only a page number: `- 3 -`, `— 3 —`, `第3页`, `第1/8页`, `3/8`, `Page 3 of 8`. */
export function isPageNumber(line: string): boolean {
  const t = line.trim();
  return t.length > 0 && t.length <= 20 && PAGE_NUMBER_RES.some((re) => re.test(t));
}

/**
 * True for the lines a browser prints at the top and bottom of each page: the date and time (often followed by
 * the page's title), and the page's address (often followed by `1/8`).
 */
export function isPrintedMargin(line: string): boolean {
  const t = line.trim();
  if (/^(https?:\/\/|file:\/\/|www\.)\S+(\s+\d{1,4}\s*[/／]\s*\d{1,4})?$/i.test(t)) return true;
  return /^\d{2,4}[/.-]\d{1,2}[/.-]\d{1,4}\s*(上午|下午|AM|PM)?\s*\d{1,2}:\d{2}(:\d{2})?(\s*(AM|PM))?(\s.*)?$/i.test(t);
}

/** What running headers and footers have in common across pages: the text without digits and spaces. */
export function marginKey(line: string): string {
  return line.replace(/\s+/g, '').replace(/\d+/g, '#');
}

const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/;
const LATIN_END = /[A-Za-z0-9.,;:!?%)\]]$/;
const LATIN_START = /^[A-Za-z0-9([]/;

/**
 * Joins two lines of one sentence: no space between Chinese characters (or Chinese punctuation), one space
 * between Latin words; a hyphen that broke a Latin word stays. Never throws.
 */
export function joinLines(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return a + joinerBetween(a, b) + b;
}

/** The text that goes between two lines joined into one paragraph: '' or ' '. */
export function joinerBetween(a: string, b: string): string {
  const last = a[a.length - 1]!;
  const first = b[0]!;
  if (/\s/.test(last) || /\s/.test(first)) return '';
  if (CJK.test(last) || CJK.test(first)) return '';
  return LATIN_END.test(a) && LATIN_START.test(b) ? ' ' : '';
}

const NUM = '[零〇一二三四五六七八九十百千两0-9０-９]+';
const ARTICLE_START = new RegExp(`^第\\s*${NUM}\\s*[条條]`);
const STRUCTURE_START = new RegExp(`^(第\\s*${NUM}\\s*(编|編|分编|分編|章|节|節)|总则|總則|附则|附則|目\\s*录|目\\s*錄)`);
/** 第十六条第一款…, 第十六条规定的…, 第三条至第五条…: a reference to an article, not its heading. */
const CROSS_REF = new RegExp(
  `^第\\s*${NUM}\\s*[条條](之${NUM})?\\s*(第\\s*${NUM}\\s*[款项項目]|[规規]定|所[称稱列]|[的中]|至第|、第|和第|或者第|及第|前段|但[书書])`,
);

/** True when `line` starts with a structure heading (编/章/节, 总则, 目录) or an article heading that is not a cross-reference. */
export function startsHeading(line: string): boolean {
  const t = line.trimStart();
  if (STRUCTURE_START.test(t)) return true;
  return ARTICLE_START.test(t) && !isCrossReference(t);
}

/** True for a line that starts with a reference to an article (第十六条第一款…), which is not a heading. */
export function isCrossReference(line: string): boolean {
  return CROSS_REF.test(line.trimStart());
}

/** True when `line` starts with a structure heading (第X章, 第X节, 总则 …), the kind that may wrap onto a second line. */
export function isStructureHeading(line: string): boolean {
  return STRUCTURE_START.test(line.trimStart()) && !/^目\s*[录錄]/.test(line.trimStart());
}

/** True when a line ends a sentence or a clause that may end a paragraph. */
export function endsSentence(line: string): boolean {
  return /[。；;：:！!？?」』”"）)】]\s*$/.test(line);
}

/** Header cells of the columns of a 條文 | 說明 comparison table; the articles come from the first. */
export const ARTICLE_COLUMN = /^(修正|草案|新增)?(条文|條文)$/;
export const OTHER_COLUMN = /^(现行条文|現行條文|现行规定|現行規定|说明|說明|理由|备注|備註)$/;
/** `（草案第N條）`, `(草案第N条)`: a summary reference in a 說明 cell, never a heading. */
export const DRAFT_REFERENCE = new RegExp(`^[（(]\\s*草案\\s*第\\s*${NUM}\\s*[条條]\\s*[）)]`);

/** Measures the letter's layout shares between the .docx and the print view. DOM-free. */

/** Width of a text in characters of its size: CJK and full-width forms 1, ASCII and other Latin ½. */
export function textWidthChars(text: string): number {
  let w = 0;
  for (const c of text) w += /[\u0000-\u024f\u2000-\u206f]/.test(c) ? 0.5 : 1; // eslint-disable-line no-control-regex
  return w;
}


/**
 * The closing as a 公文 sets it: the signer's line (with （盖章） when the notice asks for a seal; '' without a
 * signer) and, in characters from the right margin, where the signer and the date end (closingIndents).
 */
export function closingLines(closing: { signer: string | null; seal: boolean }, date: string, seal: string): { signer: string; at: { signer: number; date: number } } {
  const signer = closing.signer === null ? '' : closing.seal ? closing.signer + seal : closing.signer;
  return { signer, at: closingIndents(signer, date) };
}

/**
 * Where the signer and the date sit, in characters from the right margin (GB/T 9704-2012 7.3.5): the date four
 * characters in, the signer centred over it, at least two characters in; a signer wider than that moves both left.
 */
export function closingIndents(signer: string, date: string): { signer: number; date: number } {
  const s = textWidthChars(signer);
  const d = textWidthChars(date);
  const centre = Math.max(4 + d / 2, 2 + s / 2);
  return { signer: centre - s / 2, date: centre - d / 2 };
}


/** The longest 条款 label the table's column is always wide enough for. */
export const WIDEST_LABEL = '第一千二百六十条之一';

/** How many characters of the title (二号, 22 pt) fit on one line of the type area (156 mm). */
export const TITLE_LINE_CHARS = 20;

/**
 * The title in lines that keep words whole (GB/T 9704-2012 7.3.1: a title that runs over is broken where the sense
 * allows): before the draft's 征求意见稿 suffix, else before 的修改意见, else as it comes. A title that fits is one
 * line. Never throws.
 */
export function titleLines(title: string): string[] {
  if (textWidthChars(title) <= TITLE_LINE_CHARS) return [title];
  for (const at of [/[（(]征求意见稿[）)]》/, /》的修改意见$/, /的修改意见$/]) {
    const m = at.exec(title);
    if (m === null || m.index === 0) continue;
    const cut = at.source.startsWith('》') ? m.index + 1 : m.index;
    const head = title.slice(0, cut);
    const tail = title.slice(cut);
    if (textWidthChars(head) <= TITLE_LINE_CHARS && textWidthChars(tail) <= TITLE_LINE_CHARS) return [head, tail];
  }
  return [title];
}

/** A standard's number: GB/T 9704-2012, GB 50016—2014, ISO 9001:2015, ISO/IEC 27001 (its inner spaces included). */
export const STANDARD_NUMBER = /\b[A-Z]{1,5}(?:\/[A-Z]{1,4})?\s?\d+(?:[.:][0-9]+)*(?:\s?[-—–]\s?\d{2,4})?\b/g;

/**
 * The text with the spaces inside each standard's number (see STANDARD_NUMBER) made no-break spaces (U+00A0), so
 * a word processor never breaks GB/T from its number. Never throws.
 */
export function joinStandardNumbers(text: string): string {
  return text.replace(STANDARD_NUMBER, (code) => code.replace(/ /g, '\u00a0'));
}

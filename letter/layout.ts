/** Measures the letter's layout shares between the .docx and the print view. DOM-free. */

/** Width of a text in characters of its size: CJK and full-width forms 1, ASCII and other Latin ½. */
export function textWidthChars(text: string): number {
  let w = 0;
  for (const c of text) w += /[\u0000-\u024f\u2000-\u206f]/.test(c) ? 0.5 : 1; // eslint-disable-line no-control-regex
  return w;
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

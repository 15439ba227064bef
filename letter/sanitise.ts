/**
 * Cleaning what goes into the letter. Two kinds of field:
 * - single-line (subject, names, addresses, phone, the addressee …): every line break becomes a space and every
 *   other control character is removed, so nothing can start a new mail header or a new line in a label;
 * - text (suggestions, reasons, comments, article text): line breaks are kept as "\n", other control characters
 *   are removed.
 * Both keep the rest of the text whole: nothing is ever shortened.
 */

// C0 and C1 controls and DEL, plus U+FFFE/U+FFFF (not characters; invalid in XML, so in a .docx)
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g;
// a surrogate half without its partner: not encodable in UTF-8
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// bidirectional overrides, embeddings and isolates, zero-width characters, directional marks and the BOM: a page
// can hide or reorder what a title or an address shows with them (an address that reads backwards in the To line)
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
// CR LF, CR, LF, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR
const BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;

/**
 * Returns `s` as one line: line breaks and tabs become a space, other control characters and the invisible and
 * bidirectional formatting characters (U+200B–200F, U+202A–202E, U+2066–2069, U+FEFF) are removed, runs of
 * spaces collapse to one, lone surrogates become U+FFFD, and the ends are trimmed. Never throws for a string.
 */
export function singleLine(s: string): string {
  return s
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(BREAKS, ' ')
    .replace(/\t/g, ' ')
    .replace(CONTROLS, '')
    .replace(INVISIBLE, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * Returns `s` as multi-line text: every line break form becomes "\n", tabs stay, other control characters
 * are removed, lone surrogates become U+FFFD, trailing whitespace of each line and blank lines at both ends
 * are dropped. The text itself is never shortened. Never throws for a string.
 */
export function multiLine(s: string): string {
  const lines = s.replace(LONE_SURROGATE, '\ufffd').replace(BREAKS, '\n').replace(CONTROLS, '').split('\n');
  let from = 0;
  let to = lines.length;
  const blank = (i: number) => lines[i]!.trim() === '';
  while (from < to && blank(from)) from++;
  while (to > from && blank(to - 1)) to--;
  return lines
    .slice(from, to)
    .map((line) => line.trimEnd())
    .join('\n');
}

/** Returns singleLine(s), or null when `s` is null/undefined or nothing is left of it. Never throws. */
export function singleLineOrNull(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const v = singleLine(s);
  return v === '' ? null : v;
}

/**
 * File names for the exported letter: 《济南市数字经济促进条例(征求意见稿)》修改意见.eml, safe on Windows, macOS and
 * Linux and accepted by the browser's downloads API.
 */
import type { Letter } from './model';
import { WORDING } from './wording';

/** The most UTF-8 bytes kept of a name before its extension (file systems allow 255 bytes per name). */
export const FILE_NAME_MAX_BYTES = 200;

// the characters Windows forbids, plus controls; ~ is refused by some download managers at the start only
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const FORBIDDEN = /[/\\:*?"<>|\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const encoder = new TextEncoder();
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * Returns `base` made safe as a file name stem: / \ : * ? " < > |, control and bidi-override characters removed,
 * whitespace collapsed, leading and trailing dots and spaces trimmed, Windows device names (CON, NUL, COM1 …)
 * prefixed with _, cut on a character boundary to FILE_NAME_MAX_BYTES of UTF-8, and `fallback` when nothing is
 * left. Never throws for strings.
 */
export function safeFileStem(base: string, fallback = '修改意见'): string {
  let s = base.replace(FORBIDDEN, '').replace(/\s+/g, ' ').replace(/^[.\s~]+|[.\s]+$/g, '');
  let bytes = 0;
  let cut = '';
  for (const ch of s) {
    const n = encoder.encode(ch).length;
    if (bytes + n > FILE_NAME_MAX_BYTES) break;
    bytes += n;
    cut += ch;
  }
  s = cut.replace(/[.\s]+$/, '');
  if (s === '') return fallback;
  return RESERVED.test(s) ? `_${s}` : s;
}

/**
 * Returns the letter's file name for `extension` (eml, docx, txt, md, html; given without the dot): the draft's
 * title as 《…》修改意见 (征求意见稿修改意见 when the notice names no title), made safe by safeFileStem. Throws a
 * RangeError when `extension` is not 1–10 ASCII letters or digits.
 */
export function letterFileName(letter: Letter, extension: string): string {
  if (!/^[A-Za-z0-9]{1,10}$/.test(extension)) throw new RangeError(`not a file extension: ${JSON.stringify(extension)}`);
  return `${safeFileStem(WORDING.subject(letter.draftTitle))}.${extension}`;
}

/**
 * The MIME pieces the .eml needs, written here so that the same code runs in the extension and in Node: base64,
 * RFC 2047 encoded words, RFC 2231 parameters, header folding. Everything returned is 7-bit ASCII.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const encoder = new TextEncoder();

/** Returns the UTF-8 bytes of a string (lone surrogates become U+FFFD). Never throws. */
export const utf8 = (s: string): Uint8Array => encoder.encode(s);

/** Returns the base64 of `bytes` (RFC 4648, with padding, no line breaks). Never throws. */
export function base64(bytes: Uint8Array): string {
  const out: string[] = [];
  let chunk = '';
  const n = bytes.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    chunk += ALPHABET[v >> 18]! + ALPHABET[(v >> 12) & 63]! + ALPHABET[(v >> 6) & 63]! + ALPHABET[v & 63]!;
    if (chunk.length >= 8192) {
      out.push(chunk);
      chunk = '';
    }
  }
  if (i < n) {
    const v = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8);
    chunk += ALPHABET[v >> 18]! + ALPHABET[(v >> 12) & 63]! + (i + 1 < n ? ALPHABET[(v >> 6) & 63]! : '=') + '=';
  }
  out.push(chunk);
  return out.join('');
}

/** Returns the base64 of `bytes` in lines of at most `width` (76, RFC 2045) characters, joined by CRLF. Never throws. */
export function base64Lines(bytes: Uint8Array, width = 76): string {
  const b = base64(bytes);
  const lines: string[] = [];
  for (let i = 0; i < b.length; i += width) lines.push(b.slice(i, i + width));
  return lines.join('\r\n');
}

/** The longest encoded word RFC 2047 allows. */
export const ENCODED_WORD_MAX = 75;
/** The longest header line written (RFC 2047 §2: lines holding encoded words are at most 76 characters). */
export const HEADER_LINE_MAX = 76;
const WORD_OVERHEAD = '=?UTF-8?B??='.length;

/** Bytes that fit in an encoded word of at most `chars` characters (B encoding). */
const bytesFor = (chars: number) => Math.floor((Math.min(chars, ENCODED_WORD_MAX) - WORD_OVERHEAD) / 4) * 3;

/**
 * RFC 2047 B-encoded words for `text`, split on character boundaries so that no word exceeds 75 characters and
 * the first fits in `firstRoom` characters (what is left of the first header line), and no word but the last ends
 * in base64 padding where a character boundary allows (see tripletCut). Always at least one word (an empty text
 * gives one empty word). Never throws for a string.
 */
export function encodedWords(text: string, firstRoom = ENCODED_WORD_MAX): string[] {
  const first = Math.max(bytesFor(firstRoom), 3);
  const rest = bytesFor(HEADER_LINE_MAX - 1);
  const words: number[][] = [];
  let current: number[] = [];
  for (const ch of text) {
    const bytes = utf8(ch);
    if (current.length + bytes.length > (words.length === 0 ? first : rest) && current.length > 0) {
      const cut = tripletCut(current);
      words.push(current.slice(0, cut));
      current = current.slice(cut);
    }
    current.push(...bytes);
  }
  words.push(current);
  return words.map((b) => `=?UTF-8?B?${base64(Uint8Array.from(b))}?=`);
}

/**
 * Where to end a word that is not the last: at the last character boundary that leaves a multiple of 3 bytes, so
 * the word's base64 has no padding; at its end when there is none (a run of 3-byte characters after an odd ASCII
 * one, longer than a word). GMime (mu, Balsa, Evolution) joins adjacent encoded words of one charset before
 * decoding and stops at the first "=": a subject split after its "(" read 《济南市数字经济促进条例( there. The
 * bytes after the cut begin the next word.
 */
function tripletCut(bytes: number[]): number {
  for (let cut = bytes.length - (bytes.length % 3); cut > 0; cut -= 3) {
    if (cut === bytes.length || (bytes[cut]! & 0xc0) !== 0x80) return cut;
  }
  return bytes.length;
}

const PLAIN_HEADER = /^[\x20-\x7e]*$/;

/**
 * A header line `Name: value`, folded with CRLF + space. A value of printable ASCII that fits on the line and holds
 * no "=?" is written as it is; anything else is written as encoded words (RFC 2047). The value must already be one
 * line (see sanitise.ts). Never throws.
 */
export function header(name: string, value: string): string {
  const prefix = `${name}: `;
  if (PLAIN_HEADER.test(value) && !value.includes('=?') && prefix.length + value.length <= HEADER_LINE_MAX) {
    return prefix + value;
  }
  return prefix + encodedWords(value, HEADER_LINE_MAX - prefix.length).join('\r\n ');
}

// RFC 2231 attribute-char: what may stay unencoded in an extended parameter value
const ATTR_CHAR = /^[A-Za-z0-9!#$&+\-.^_`|~]$/;

/**
 * An RFC 2231 extended parameter (`name*=UTF-8''…`, or `name*0*=…; name*1*=…` continuations when long), split
 * on character boundaries, each segment on its own folded line. Returns the text to put after "; ". Never throws.
 */
export function extendedParameter(name: string, value: string, segment = 60): string {
  const pieces: string[] = [];
  let current = '';
  for (const ch of value) {
    const enc = ATTR_CHAR.test(ch) ? ch : [...utf8(ch)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    if (current.length + enc.length > segment && current !== '') {
      pieces.push(current);
      current = '';
    }
    current += enc;
  }
  pieces.push(current);
  if (pieces.length === 1) return `${name}*=UTF-8''${pieces[0]}`;
  return pieces.map((p, i) => `${name}*${i}*=${i === 0 ? "UTF-8''" : ''}${p}`).join(';\r\n ');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** Returns an RFC 5322 date-time in UTC: "Fri, 01 Mar 2024 09:30:00 +0000". Throws a RangeError for an invalid Date. */
export function rfc5322Date(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new RangeError('invalid Date');
  return (
    `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`
  );
}

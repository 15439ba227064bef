/**
 * Similarity of Chinese text, which has no word breaks: character bigrams (Dice coefficient) for
 * text longer than 16 characters, a bounded edit distance for shorter strings (where one changed
 * character would swing a bigram score too far). Both work on a length-preserving fold that ignores
 * full-width/half-width punctuation differences, curly quotes and ASCII case.
 */

/** Strings up to this long are compared by edit distance, longer ones by bigram Dice. */
export const SHORT_STRING_MAX = 16;

const FOLD_RE = /[\uff01-\uff5e\u3000\u2018\u2019\u201c\u201dA-Z]/g;

function foldChar(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c >= 0xff01 && c <= 0xff5e) {
    const a = c - 0xfee0;
    return String.fromCharCode(a >= 65 && a <= 90 ? a + 32 : a);
  }
  if (c === 0x3000) return ' ';
  if (c === 0x2018 || c === 0x2019) return "'";
  if (c === 0x201c || c === 0x201d) return '"';
  return String.fromCharCode(c + 32); // A-Z
}

/**
 * Returns `s` with full-width ASCII forms (，；：（）０-９Ａ-Ｚ) and U+3000 mapped to their ASCII
 * counterparts, curly quotes to straight ones and A-Z to lower case. The result has the same length
 * as `s`, so offsets into it are offsets into `s`. Never throws.
 */
export function foldText(s: string): string {
  FOLD_RE.lastIndex = 0;
  return FOLD_RE.test(s) ? s.replace(FOLD_RE, foldChar) : s;
}

/** A string prepared for repeated comparison: its fold (short strings only) and its sorted bigram codes. */
export interface TextProfile {
  /** foldText(s) when s is at most SHORT_STRING_MAX long (compared by edit distance), else null. */
  folded: string | null;
  length: number;
  /** Sorted codes (folded first unit << 16 | folded second unit) of the bigrams with no whitespace. */
  bigrams: Uint32Array;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0 || c === 0x3000;
}

/** foldText for one UTF-16 unit. */
function foldCode(c: number): number {
  if (c < 0x80) return c >= 65 && c <= 90 ? c + 32 : c;
  if (c >= 0xff01 && c <= 0xff5e) {
    const a = c - 0xfee0;
    return a >= 65 && a <= 90 ? a + 32 : a;
  }
  if (c === 0x3000) return 32;
  if (c === 0x2018 || c === 0x2019) return 39;
  if (c === 0x201c || c === 0x201d) return 34;
  return c;
}

/**
 * Returns the comparison profile of `s`: its length, its fold when short, and its folded bigrams
 * (those spanning whitespace, such as the "\n" between paragraphs, are left out), sorted. Never
 * throws.
 */
export function textProfile(s: string): TextProfile {
  const n = s.length;
  const codes = new Uint32Array(Math.max(0, n - 1));
  let k = 0;
  let prev = n ? foldCode(s.charCodeAt(0)) : 0;
  for (let i = 1; i < n; i++) {
    const c = foldCode(s.charCodeAt(i));
    if (!isBlank(prev) && !isBlank(c)) codes[k++] = ((prev << 16) | c) >>> 0;
    prev = c;
  }
  const bigrams = codes.subarray(0, k);
  bigrams.sort();
  return { folded: n <= SHORT_STRING_MAX ? foldText(s) : null, length: n, bigrams };
}

/**
 * Returns the Dice coefficient of two sorted bigram lists (2 × shared / total, shared counted as a
 * multiset), 0..1; 0 when both are empty. Never throws.
 */
export function bigramDice(a: Uint32Array, b: Uint32Array): number {
  const total = a.length + b.length;
  return total === 0 ? 0 : (2 * intersectCount(a, b)) / total;
}

/** |a ∩ b| for two sorted lists (a value shared k times counts k times; for unique lists, the intersection's size). */
export function intersectCount(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

/**
 * Returns the Levenshtein distance between `a` and `b` (UTF-16 units; insert, delete and substitute
 * each cost 1), or `max + 1` as soon as it is known to exceed `max`. O(len(a) × len(b)) at worst,
 * with early exit. Never throws.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0) return lb;
  if (lb === 0) return la;
  let prev = new Int32Array(lb + 1);
  let cur = new Int32Array(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const sub = prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      const v = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  const d = prev[lb]!;
  return d > max ? max + 1 : d;
}

/**
 * Returns the similarity of two prepared profiles, 0..1, by the same rule as `similarity`. Never
 * throws.
 */
export function profileSimilarity(a: TextProfile, b: TextProfile): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (a.folded !== null && b.folded !== null) {
    if (a.folded === b.folded) return 1;
    const longest = Math.max(a.length, b.length);
    return 1 - editDistance(a.folded, b.folded, longest) / longest;
  }
  return bigramDice(a.bigrams, b.bigrams);
}

/**
 * Returns how alike two texts are, 0..1 (1 = equal after folding punctuation width and case, 0 = an
 * empty string against anything): 1 − edit distance / longer length when both are at most
 * SHORT_STRING_MAX (16) characters, otherwise the character-bigram Dice coefficient (which is 1 for
 * equal texts, and in practice only for them). Never throws.
 */
export function similarity(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0;
  const longest = Math.max(a.length, b.length);
  if (longest <= SHORT_STRING_MAX) {
    const fa = foldText(a);
    const fb = foldText(b);
    if (!fa.length || !fb.length) return 0;
    return 1 - editDistance(fa, fb, longest) / longest;
  }
  return profileSimilarity(textProfile(a), textProfile(b));
}

/**
 * Chinese and Arabic numerals as they appear in article labels (第一千二百六十条, 第 1-1 條)
 * and in dates (二〇二四年三月二十日).
 */

const DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, '○': 0, Ｏ: 0, 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4,
  五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const MYRIADS: Readonly<Record<string, number>> = { 万: 10_000, 萬: 10_000, 亿: 100_000_000, 億: 100_000_000 };

const ARABIC_RE = /^[0-9０-９]+$/;
const SPACE_RE = /[\s\u3000\u00a0]+/g;
const HAS_SPACE_RE = /[\s\u3000\u00a0]/;
const byCode = (r: Readonly<Record<string, number>>) => new Map(Object.entries(r).map(([k, v]) => [k.charCodeAt(0), v]));
const DIGIT_CODES = byCode(DIGITS);
const UNIT_CODES = byCode(UNITS);
const MYRIAD_CODES = byCode(MYRIADS);

/** Converts full-width digits ０-９ to ASCII 0-9; other characters are kept. */
export function toAsciiDigits(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 0xff10 && c <= 0xff19 ? String.fromCharCode(c - 0xff10 + 48) : s[i];
  }
  return out;
}

/**
 * Parses a numeral: Arabic digits (ASCII or full-width ０-９) or Chinese numerals with 十/百/千/万
 * (十 = 10, 十一 = 11, 二百零三 = 203, 一千二百六十 = 1260, 两百 = 200, 五百十四 = 514), or a string of
 * bare Chinese digits read positionally (二〇二四 = 2024). Whitespace inside is ignored.
 * Returns null for an empty string or anything that is not a numeral. Never throws.
 */
export function parseNumeral(s: string): number | null {
  if (typeof s !== 'string') return null;
  const t = HAS_SPACE_RE.test(s) ? s.replace(SPACE_RE, '') : s;
  if (t.length === 0) return null;
  if (ARABIC_RE.test(t)) {
    const n = Number(toAsciiDigits(t));
    return Number.isSafeInteger(n) ? n : null;
  }
  // char codes, not one-character strings: this runs for every label on the page
  let hasUnit = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (UNIT_CODES.has(c) || MYRIAD_CODES.has(c)) hasUnit = true;
    else if (!DIGIT_CODES.has(c)) return null;
  }
  if (!hasUnit) {
    // positional digits: 二〇二四
    let n = 0;
    for (let i = 0; i < t.length; i++) n = n * 10 + (DIGIT_CODES.get(t.charCodeAt(i)) ?? 0);
    return n;
  }
  let total = 0;
  let section = 0;
  let digit = -1; // -1: no pending digit
  let lastUnit = Infinity;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    const d = DIGIT_CODES.get(c);
    if (d !== undefined) {
      if (digit > 0) return null; // two digits in a row (一二百) is malformed
      digit = d;
      continue;
    }
    const u = UNIT_CODES.get(c);
    if (u !== undefined) {
      if (u >= lastUnit) return null; // 百百, 十百
      section += (digit > 0 ? digit : 1) * u; // 十 = 10, 零十 = 10
      lastUnit = u;
      digit = -1;
      continue;
    }
    const m = MYRIAD_CODES.get(c) ?? 1;
    section += digit > 0 ? digit : 0;
    if (section === 0) section = 1;
    total += section * m;
    section = 0;
    digit = -1;
    lastUnit = Infinity;
  }
  const n = total + section + (digit > 0 ? digit : 0);
  return Number.isSafeInteger(n) ? n : null;
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

function below10000(n: number, leadingTen: boolean): string {
  // n in 1..9999
  const parts: string[] = [];
  const units: Array<[number, string]> = [[1000, '千'], [100, '百'], [10, '十'], [1, '']];
  let zero = false;
  let started = false;
  for (const [u, name] of units) {
    const d = Math.floor(n / u) % 10;
    if (d === 0) {
      if (started) zero = true;
      continue;
    }
    if (zero) parts.push('零');
    zero = false;
    if (!(u === 10 && d === 1 && !started && leadingTen)) parts.push(CN_DIGITS[d] ?? '');
    parts.push(name);
    started = true;
  }
  return parts.join('');
}

/**
 * Writes a non-negative integer in Chinese numerals the way statutes number articles:
 * 10 → 十, 15 → 十五, 110 → 一百一十, 203 → 二百零三, 1260 → 一千二百六十, 10001 → 一万零一.
 * 0 → 零. Throws a RangeError for negative, non-integer or unsafe numbers.
 */
export function toChineseNumeral(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a non-negative integer: ${n}`);
  if (n === 0) return '零';
  const groups: number[] = [];
  let rest = n;
  while (rest > 0) {
    groups.push(rest % 10000);
    rest = Math.floor(rest / 10000);
  }
  const names = ['', '万', '亿', '万亿'];
  let out = '';
  let needZero = false;
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i] ?? 0;
    if (g === 0) {
      needZero = out.length > 0;
      continue;
    }
    if (out.length > 0 && (needZero || g < 1000)) out += '零';
    out += below10000(g, out.length === 0) + (names[i] ?? '');
    needZero = false;
  }
  return out;
}

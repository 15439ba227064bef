/**
 * Dates in notices: 2024年3月20日, 2024-03-20, 2024/3/20, 2024.3.20, 二〇二四年三月二十日, and 3月20日 (no year).
 */
import { parseNumeral } from './numerals';

/** One date found in a text. `iso` is null when the date has no year and no default year was given. */
export interface DateMatch {
  iso: string | null;
  year: number | null;
  month: number;
  day: number;
  /** Offsets of the match in the scanned text: [index, end). */
  index: number;
  end: number;
}

const D = '[0-9０-９]';
const CN_YEAR = '[〇零○Ｏ一二三四五六七八九]{4}';
const CN_MD = '[一二三四五六七八九十]{1,3}';
const SEP = '[-/.．／－]';
// Compiled once. Three alternatives: 年月日 with a year, numeric y-m-d, 月日 without a year.
const DATE_SOURCE =
  `(?<!${D})(${D}{4}|${CN_YEAR})\\s*年\\s*(${D}{1,2}|${CN_MD})\\s*月\\s*(${D}{1,2}|${CN_MD})\\s*[日号號]` +
  `|(?<!${D})(${D}{4})\\s*${SEP}\\s*(${D}{1,2})\\s*${SEP}\\s*(${D}{1,2})(?!${D})` +
  `|(?<![0-9０-９年〇零○一二三四五六七八九十])(${D}{1,2}|${CN_MD})\\s*月\\s*(${D}{1,2}|${CN_MD})\\s*[日号號]`;
const DATE_RE_G = new RegExp(DATE_SOURCE, 'g');

/** Formats y-m-d as YYYY-MM-DD after checking it is a real calendar date (years 1900-2199); null otherwise. Never throws. */
export function isoDate(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Finds every date in `text`, in order. Dates without a year take `defaultYear` when given
 * (their `iso` is null otherwise). Impossible dates (2月30日) are skipped. Never throws.
 */
export function scanDates(text: string, defaultYear?: number | null): DateMatch[] {
  const out: DateMatch[] = [];
  DATE_RE_G.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DATE_RE_G.exec(text)) !== null) {
    let y: number | null;
    let mo: number | null;
    let d: number | null;
    if (m[1] !== undefined) {
      y = parseNumeral(m[1]);
      mo = parseNumeral(m[2] ?? '');
      d = parseNumeral(m[3] ?? '');
    } else if (m[4] !== undefined) {
      y = parseNumeral(m[4]);
      mo = parseNumeral(m[5] ?? '');
      d = parseNumeral(m[6] ?? '');
    } else {
      y = null;
      mo = parseNumeral(m[7] ?? '');
      d = parseNumeral(m[8] ?? '');
    }
    if (mo === null || d === null) continue;
    const year = y ?? defaultYear ?? null;
    const iso = year === null ? null : isoDate(year, mo, d);
    if (year !== null && iso === null) continue;
    if (year === null && isoDate(2000, mo, d) === null) continue;
    out.push({ iso, year: y, month: mo, day: d, index: m.index, end: m.index + m[0].length });
  }
  return out;
}

/**
 * The first date in `s` as YYYY-MM-DD (any of the forms above, e.g. a <meta> value
 * "2024-02-18 09:30"), using `defaultYear` for a date without a year; null when there is none.
 * Never throws.
 */
export function parseDate(s: string | null | undefined, defaultYear?: number | null): string | null {
  if (typeof s !== 'string' || s.length === 0) return null;
  for (const d of scanDates(s.length > 2000 ? s.slice(0, 2000) : s, defaultYear)) {
    if (d.iso !== null) return d.iso;
  }
  return null;
}

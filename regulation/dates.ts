/**
 * Dates in notices: 2024年3月20日, 2024-03-20, 2024/3/20, 2024.3.20, 20240320日, 二〇二四年三月二十日,
 * 民國99年8月17日 (ROC years), and 3月20日 (no year).
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
const ROC_YEAR = `(?:${D}{2,3}|[一二三四五六七八九十百〇零○]{1,5})`;
const DATE_SOURCE =
  `(?:中華民國|中华民国|民國|民国)\\s*(${ROC_YEAR})\\s*年\\s*(${D}{1,2}|${CN_MD})\\s*月\\s*(${D}{1,2}|${CN_MD})\\s*[日号號]` +
  `|(?<!${D})(${D}{4})(${D}{2})(${D}{2})\\s*日` +
  `|(?<!${D})(${D}{4}|${CN_YEAR})\\s*年\\s*(${D}{1,2}|${CN_MD})\\s*月\\s*(${D}{1,2}|${CN_MD})\\s*[日号號]` +
  `|(?<!${D})(${D}{4})\\s*${SEP}\\s*(${D}{1,2})\\s*${SEP}\\s*(${D}{1,2})(?!${D})` +
  `|(?<![0-9０-９年〇零○一二三四五六七八九十])(${D}{1,2}|${CN_MD})\\s*月\\s*(${D}{1,2}|${CN_MD})\\s*[日号號]`;
const DATE_RE_G = new RegExp(DATE_SOURCE, 'g');
/** What follows a 月日 that is part of a street name (十月初五街, 十月一號前地). */
const STREET_AFTER_RE = /^(?:前地|街|馬路|马路|巷|圍|围|大馬路|大马路|前街)/;

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
      // 民國99年 = 2010
      const roc = parseNumeral(m[1]);
      y = roc === null ? null : roc + 1911;
      mo = parseNumeral(m[2] ?? '');
      d = parseNumeral(m[3] ?? '');
      if (y === null) continue;
    } else if (m[4] !== undefined) {
      // 20191220日, a date typed without separators
      y = parseNumeral(m[4]);
      mo = parseNumeral(m[5] ?? '');
      d = parseNumeral(m[6] ?? '');
    } else if (m[7] !== undefined) {
      y = parseNumeral(m[7]);
      mo = parseNumeral(m[8] ?? '');
      d = parseNumeral(m[9] ?? '');
    } else if (m[10] !== undefined) {
      y = parseNumeral(m[10]);
      mo = parseNumeral(m[11] ?? '');
      d = parseNumeral(m[12] ?? '');
    } else {
      y = null;
      mo = parseNumeral(m[13] ?? '');
      d = parseNumeral(m[14] ?? '');
    }
    // 十月一號前地 is a street in Macau, not a date
    if (STREET_AFTER_RE.test(text.slice(m.index + m[0].length, m.index + m[0].length + 3))) continue;
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

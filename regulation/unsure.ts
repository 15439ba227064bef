/**
 * Which notice fields the reader could not be sure of, so that the reviewer checks them (请核对): two different
 * email addresses or postal addresses in the notice, or a deadline written without its year (the year was
 * inferred). DOM-free; kept apart from notice.ts so that the reader's rules and these doubts change separately.
 */
import type { Notice } from './types';

const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
/** How far from an @ an address may reach (each side): keeps the scan linear on long runs of letters. */
const EMAIL_REACH = 64;
/** How much of the notice's text is looked at (as the reader's own limit). */
const MAX_CHARS = 120_000;
const ADDRESSES = /(?:通信地址|通讯地址|通訊地址|邮寄地址|郵寄地址|联系地址|聯繫地址|邮寄至|郵寄至|寄至|寄到|送至)(?:为|為|是)?\s*[:：]?\s*([^，,;；。\n（(]{4,})/g;

/** The distinct email addresses in `text` (lowercased), found from each @ outwards: linear in the text's length. */
function emails(text: string): Set<string> {
  const out = new Set<string>();
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let from = at;
    while (from > 0 && at - from < EMAIL_REACH && /[A-Za-z0-9._%+-]/.test(text[from - 1]!)) from--;
    const m = EMAIL.exec(text.slice(from, at + 1 + EMAIL_REACH));
    if (m) out.add(m[0].replace(/\.+$/, '').toLowerCase());
  }
  return out;
}

/** The distinct values of `re`'s matches (group 1, else the match) in `text`, without spaces. */
function distinct(text: string, re: RegExp): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(re)) out.add((m[1] ?? m[0]).replace(/\s+/g, '').replace(/\.+$/, '').toLowerCase());
  return out;
}

/**
 * The fields of `notice` (read from `text`, the notice's paragraphs) the reviewer should check: 'email' or
 * 'address' when the text gives two or more different ones, 'deadline' when the deadline's month and day are
 * written in the text but not with its year. Never throws.
 */
export function unsureFields(whole: string, notice: Notice): string[] {
  const text = whole.length > MAX_CHARS ? whole.slice(0, MAX_CHARS) : whole;
  const out: string[] = [];
  if (notice.channels.email !== null && emails(text).size > 1) out.push('email');
  if (notice.channels.address !== null && distinct(text, ADDRESSES).size > 1) out.push('address');
  if (notice.deadline !== null) {
    const [y, m, d] = notice.deadline.split('-').map(Number) as [number, number, number];
    const flat = text.replace(/\s+/g, '');
    const withYear = new RegExp(`${y}年0?${m}月0?${d}[日号]|${y}[-./]0?${m}[-./]0?${d}(?!\\d)`).test(flat);
    const monthDay = new RegExp(`(?<![0-9])0?${m}月0?${d}[日号]`).test(flat);
    if (!withYear && monthDay) out.push('deadline');
  }
  return out;
}

/**
 * Which notice fields the reader could not be sure of, so that the reviewer checks them (请核对): two different
 * email addresses or postal addresses in the notice, or a deadline written without its year (the year was
 * inferred). DOM-free; kept apart from notice.ts so that the reader's rules and these doubts change separately.
 */
import type { Notice } from './types';

const EMAILS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const ADDRESSES = /(?:通信地址|通讯地址|通訊地址|邮寄地址|郵寄地址|联系地址|聯繫地址|邮寄至|郵寄至|寄至|寄到|送至)(?:为|為|是)?\s*[:：]?\s*([^，,;；。\n（(]{4,})/g;

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
export function unsureFields(text: string, notice: Notice): string[] {
  const out: string[] = [];
  if (notice.channels.email !== null && distinct(text, EMAILS).size > 1) out.push('email');
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

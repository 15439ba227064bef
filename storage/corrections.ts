/**
 * The notice fields as the reviewer sees and sends them: the page's read, the stored notice and the reviewer's
 * corrections, combined. Pure and DOM-free (no Dexie): the content script, the side panel and the letter use it.
 */
import type { Channels, Notice } from '../regulation/types';
import { NOTICE_FIELDS, type DocumentRecord, type NoticeChange, type NoticeField } from './schema';
import { normaliseUrl } from './url';

const CHANNEL_FIELDS: ReadonlySet<string> = new Set<keyof Channels>(['email', 'subject', 'envelope', 'address', 'postcode', 'phone', 'fax', 'web']);

/** The value of `field` in `notice` (null when absent). Never throws. */
export function fieldOf(notice: Notice, field: NoticeField): string | null {
  if (CHANNEL_FIELDS.has(field)) return notice.channels[field as keyof Channels] ?? null;
  return (notice as unknown as Record<string, string | null>)[field] ?? null;
}

/** A copy of `notice` with `field` set to `value`. Never throws. */
export function withField(notice: Notice, field: NoticeField, value: string | null): Notice {
  if (CHANNEL_FIELDS.has(field)) return { ...notice, channels: { ...notice.channels, [field]: value } };
  return { ...notice, [field]: value };
}

/** The notice the letter uses, and what it took from where. */
export interface EffectiveNotice {
  notice: Notice;
  /** Fields the reviewer corrected. */
  corrected: ReadonlySet<NoticeField>;
  /** True when the page is the document's own URL (its read is the stored notice's source). */
  ownUrl: boolean;
}

/**
 * The notice fields to show and to send: without a document, the page's read; on the document's own URL, the
 * page's read with stored values filling its gaps; on any other URL (the same site, or one the reviewer
 * approved), the stored notice alone, since another URL never changes the fields on its own. Corrections
 * override all ('' is "none"). Never throws.
 */
export function effectiveNotice(page: Notice, doc: Pick<DocumentRecord, 'url' | 'notice' | 'corrections'> | null, pageUrl: string): EffectiveNotice {
  if (!doc) return { notice: page, corrected: new Set(), ownUrl: true };
  const ownUrl = normaliseUrl(pageUrl) === doc.url;
  let notice: Notice = ownUrl ? fillFrom(page, doc.notice) : { ...doc.notice, channels: { ...doc.notice.channels } };
  const corrected = new Set<NoticeField>();
  for (const f of NOTICE_FIELDS) {
    const c = doc.corrections?.[f];
    if (c === undefined) continue;
    corrected.add(f);
    notice = withField(notice, f, c === '' ? null : c);
  }
  return { notice, corrected, ownUrl };
}

/** `a` with its null fields taken from `b`. */
function fillFrom(a: Notice, b: Notice): Notice {
  let out: Notice = { ...a, channels: { ...a.channels } };
  for (const f of NOTICE_FIELDS) if (fieldOf(out, f) === null && fieldOf(b, f) !== null) out = withField(out, f, fieldOf(b, f));
  if (out.published === null) out.published = b.published;
  return out;
}

/** The fields whose values differ between `old` and `fresh` where `fresh` has a value (a null never erases). */
export function noticeChanges(old: Notice, fresh: Notice, at: number): NoticeChange[] {
  const out: NoticeChange[] = [];
  for (const field of NOTICE_FIELDS) {
    const was = fieldOf(old, field);
    const now = fieldOf(fresh, field);
    if (now !== null && now !== was) out.push({ field, was, now, at });
  }
  return out;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/** Why a corrected value is refused: an impossible date, an email that is not one. */
export type CorrectionProblem = 'date' | 'email' | 'too-long';

/**
 * Checks a corrected value: trimmed; '' (none) is always allowed; a deadline must be a real YYYY-MM-DD date; an
 * email one address; at most `max` characters. Returns the value to store, or the problem. Never throws.
 */
export function checkCorrection(field: NoticeField, raw: string, max: number): { ok: true; value: string } | { ok: false; problem: CorrectionProblem } {
  const value = String(raw ?? '').replace(/\s+/g, ' ').trim();
  if (value.length > max) return { ok: false, problem: 'too-long' };
  if (value === '') return { ok: true, value };
  if (field === 'deadline') {
    const m = ISO_DATE.exec(value);
    const d = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : null;
    if (!m || !d || d.getUTCMonth() !== +m[2]! - 1 || d.getUTCDate() !== +m[3]!) return { ok: false, problem: 'date' };
  }
  if (field === 'email' && !EMAIL.test(value)) return { ok: false, problem: 'email' };
  return { ok: true, value };
}

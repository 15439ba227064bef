/**
 * The notice's fields as the outline carries them, read from the notice's text: what `parseOutline` fills in at
 * once, and what the background answers the content script (background/notice-api.ts), which leaves the notice
 * parser out of the page.
 */
import { extractNotice, type NoticeSource } from './notice';
import type { NoticeStep } from './outline';
import type { Notice, Outline } from './types';
import { unsureFields } from './unsure';

/** The outline's notice fields: title, issuer, dates, channels, the titles named, the seal, the unsure fields. */
export interface NoticeFields extends Notice {
  titles: string[];
  seal?: true;
  unsure?: string[];
}

/** The notice fields read from `src` (never throws: on an internal failure, all null). */
export function readNoticeFields(src: NoticeSource): NoticeFields {
  try {
    const n = extractNotice(src);
    const fields: NoticeFields = {
      title: n.title,
      issuer: n.issuer,
      published: n.published,
      deadline: n.deadline,
      channels: n.channels,
      titles: n.titles,
    };
    if (n.seal) fields.seal = true; // the letter's signature then says （盖章）
    const unsure = unsureFields(`${src.notice.join('\n')}\n${src.fallback.join('\n')}`, n);
    if (unsure.length) fields.unsure = unsure;
    return fields;
  } catch {
    // there is no warning code for this, and the articles are still good
    return { ...NO_NOTICE, channels: { ...NO_NOTICE.channels }, titles: [] };
  }
}

const NO_NOTICE: NoticeFields = {
  title: null,
  issuer: null,
  published: null,
  deadline: null,
  channels: { email: null, subject: null, envelope: null, address: null, postcode: null, phone: null, fax: null, web: null },
  titles: [],
};

/** Puts `fields` into `out` (replacing its notice fields). */
export function applyNoticeFields(out: Outline, fields: NoticeFields): void {
  out.title = fields.title;
  out.issuer = fields.issuer;
  out.published = fields.published;
  out.deadline = fields.deadline;
  out.channels = fields.channels;
  out.titles = fields.titles;
  if (fields.seal) out.seal = true;
  else delete out.seal;
  if (fields.unsure?.length) out.unsure = fields.unsure;
  else delete out.unsure;
}

/** The parse step of `parseOutline`: reads the notice's fields into the outline at once. */
export function fillNotice(src: NoticeSource, out: Outline): void {
  applyNoticeFields(out, readNoticeFields(src));
}

/** Where a reader of pages gets the notice fields: the parse step, and the fields of the last text it saw. */
export interface NoticeReader {
  /** The outline parser's notice step: fills the fields at once when they are known. */
  step: NoticeStep;
  /**
   * The fields of the notice text the last parse saw, once they are known; null when the parse had them
   * already (or they cannot be had).
   */
  settle(): Promise<NoticeFields | null>;
}

/** The notice read where the page is read, at once (the file CLI, the unit tests); page/notice.ts asks the background. */
export const localNotice: NoticeReader = { step: fillNotice, settle: () => Promise.resolve(null) };

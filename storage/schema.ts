import type { ArticleRef, PassageRef } from '../anchoring/types';
import type { Notice } from '../regulation/types';

/**
 * The records the review database holds, as stored and as exported in a backup.
 * Plain data only (no classes, no Dates) so that a record survives IndexedDB's structured clone and JSON unchanged.
 */

/**
 * The IndexedDB name in production. Kept here, beside the records, so that a page may read the database raw (the side
 * panel's first look) without loading Dexie.
 */
export const DB_NAME = 'regdraft-review';

/** A reviewer's position on an article: 修改 / 删除 / 增加 / 保留 / 疑问 / 支持. */
export type Stance = 'modify' | 'delete' | 'add' | 'keep' | 'question' | 'support';

/** Every stance, in the order the editor offers them. */
export const STANCES: readonly Stance[] = ['modify', 'delete', 'add', 'keep', 'question', 'support'];

/** True when `v` is one of STANCES; never throws. */
export function isStance(v: unknown): v is Stance {
  return typeof v === 'string' && (STANCES as readonly string[]).includes(v);
}

/** One draft under review, however many URLs it was read from. */
export interface DocumentRecord {
  /** A UUID. */
  id: string;
  /** The normalised URL the draft was first read from (see normaliseUrl). */
  url: string;
  /** Every normalised URL seen for this draft, `url` included. */
  urls: string[];
  /** The draft title from 《…》, whitespace removed; null when the page names none. */
  title: string | null;
  notice: Notice;
  createdAt: number;
  updatedAt: number;
  /** Notice fields the reviewer corrected (修正); '' means "none". Used by the letter, never overwritten by a read. */
  corrections?: Partial<Record<NoticeField, string>>;
  /** What the last read of the document's own URL changed in the stored notice (was / now), until seen. */
  changes?: NoticeChange[];
}

/** A notice field the reviewer can correct. */
export type NoticeField =
  | 'title' | 'issuer' | 'deadline' | 'email' | 'subject' | 'envelope' | 'address' | 'postcode' | 'phone' | 'fax' | 'web';

/** Every correctable notice field, in the order the side panel lists them. */
export const NOTICE_FIELDS: readonly NoticeField[] = [
  'title', 'issuer', 'deadline', 'email', 'subject', 'envelope', 'address', 'postcode', 'phone', 'fax', 'web',
];

/** A stored notice field that a read of the document's own URL changed. */
export interface NoticeChange {
  field: NoticeField;
  was: string | null;
  now: string | null;
  at: number;
}

/** Where a note sits: anchoring/ owns these shapes, the database stores them as they are. */
export type { ArticleRef, PassageRef } from '../anchoring/types';

/** A reviewer's note on one article (or one passage of it). */
export interface NoteRecord {
  id: string;
  documentId: string;
  article: ArticleRef;
  passage: PassageRef | null;
  stance: Stance;
  /** 修改建议: the wording the reviewer proposes. */
  suggestion: string;
  /** 理由: why. */
  reason: string;
  /** A private remark, not part of the letter. */
  comment: string;
  tags: string[];
  createdAt: number;
  updatedAt: number;
  /** 1 when created, +1 on every write (edit, delete, restore, tag rename). */
  revision: number;
  /** Set (a timestamp) while the note is in the bin; absent otherwise. */
  deleted?: number;
}

/** What a caller writes of a note; the store adds id, timestamps and revision. */
export type NoteInput = Pick<
  NoteRecord,
  'documentId' | 'article' | 'passage' | 'stance' | 'suggestion' | 'reason' | 'comment' | 'tags'
>;

/** A document-level general comment (总体意见). */
export interface CommentRecord {
  id: string;
  documentId: string;
  text: string;
  createdAt: number;
  updatedAt: number;
  revision: number;
}

/** What a caller writes of a general comment. */
export type CommentInput = Pick<CommentRecord, 'documentId' | 'text'>;

/** A tag and its colour. */
export interface TagRecord {
  /** Primary key: the tag as shown, trimmed, 1–TAG_MAX_CHARS characters. */
  name: string;
  /** #rrggbb, lowercase. */
  color: string;
}

import type { Notice } from '../regulation/types';
import type { DocumentRecord, NoteRecord, NoticeField, TagWithCount } from '../storage';
import { NOTICE_FIELDS } from '../storage/schema';
import { ask, isId } from './messages';

/**
 * The reviewer's control over a draft's record, as typed messages to the background (which owns the database):
 * answering "is this the draft you read on another site?", correcting a notice field, acknowledging what a
 * re-read changed. Validated here, apart from shared/messages.ts.
 */

/** content -> background: the reviewer answered the same-title question; answer: the page's document and its notes. */
export interface DocAnswer {
  type: 'doc:answer';
  url: string;
  title: string | null;
  notice: Notice;
  /** The document the question named. */
  documentId: string;
  /** 'link': it is that draft (its notes show here); 'separate': another document for this page. */
  answer: 'link' | 'separate';
}
/** side panel -> background: store (value) or remove (null) the correction of one notice field. Answer: DocumentRecord. */
export interface NoticeCorrect {
  type: 'notice:correct';
  documentId: string;
  field: NoticeField;
  value: string | null;
}
/** side panel -> background: the reviewer saw what the last read changed. Answer: DocumentRecord. */
export interface NoticeSeen {
  type: 'notice:seen';
  documentId: string;
}
/** background -> the tabs showing a document: its record changed (a correction). */
export interface DocUpdated {
  type: 'doc:updated';
  document: DocumentRecord;
}

export type ControlRequest = DocAnswer | NoticeCorrect | NoticeSeen;

export interface ControlReplies {
  'doc:answer': { document: DocumentRecord; notes: NoteRecord[]; tags: TagWithCount[] };
  'notice:correct': DocumentRecord;
  'notice:seen': DocumentRecord;
}

const MAX_URL = 8192;
const MAX_VALUE = 4096;

/** True when `m` is a well-formed ControlRequest. Never throws. */
export function isControlRequest(m: unknown): m is ControlRequest {
  if (!m || typeof m !== 'object') return false;
  const o = m as Record<string, unknown>;
  switch (o.type) {
    case 'doc:answer':
      return (
        typeof o.url === 'string' && o.url.length > 0 && o.url.length <= MAX_URL &&
        (o.title === null || typeof o.title === 'string') && !!o.notice && typeof o.notice === 'object' &&
        isId(o.documentId) && (o.answer === 'link' || o.answer === 'separate')
      );
    case 'notice:correct':
      return (
        isId(o.documentId) && (NOTICE_FIELDS as readonly unknown[]).includes(o.field) &&
        (o.value === null || (typeof o.value === 'string' && o.value.length <= MAX_VALUE))
      );
    case 'notice:seen':
      return isId(o.documentId);
    default:
      return false;
  }
}

/** True when `m` is a well-formed DocUpdated. Never throws. */
export function isDocUpdated(m: unknown): m is DocUpdated {
  const o = m as Partial<DocUpdated> | null;
  return !!o && o.type === 'doc:updated' && !!o.document && typeof o.document === 'object' && isId(o.document.id);
}

/**
 * Sends a control request to the background and returns its value. Throws RequestError (the storage error's
 * code, or 'unreachable') as shared/messages.ts `request` does.
 */
export async function controlRequest<R extends ControlRequest>(message: R): Promise<ControlReplies[R['type']]> {
  return ask<ControlReplies[R['type']]>(message);
}

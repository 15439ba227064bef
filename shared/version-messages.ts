/**
 * Messages of the versions feature (issue 14), kept apart from shared/messages.ts: extension pages (the side panel)
 * -> background, which alone writes the review database. Each has a validator; the background answers
 * {ok: true, value} or {ok: false, error: {code, message}} like the notes requests.
 */
import { FATES, type Fate } from '../versions/fates';
import { ask, isId } from './messages';

export interface VersionsSaveText {
  type: 'versions:save-text';
  documentId: string;
  title: string | null;
  articles: Array<{ number: number; sub: number; label: string; title: string | null; text: string }>;
}
export interface VersionsLink {
  type: 'versions:link';
  from: string;
  to: string;
}
export interface VersionsUnlink {
  type: 'versions:unlink';
  id: string;
}
export interface VersionsOverrule {
  type: 'versions:overrule';
  from: string;
  to: string;
  noteId: string;
  /** null clears the overrule. */
  fate: Fate | null;
}
export interface VersionsCarried {
  type: 'versions:carried';
  linkId: string;
  /** new note id -> the note it came from */
  carried: Record<string, string>;
}

export type VersionsRequest = VersionsSaveText | VersionsLink | VersionsUnlink | VersionsOverrule | VersionsCarried;


/** True when `m` is a well-formed versions request (the store checks the articles field by field). */
export function isVersionsRequest(m: unknown): m is VersionsRequest {
  if (!m || typeof m !== 'object') return false;
  const o = m as Record<string, unknown>;
  switch (o.type) {
    case 'versions:save-text':
      return isId(o.documentId) && (o.title === null || (typeof o.title === 'string' && o.title.length <= 1000)) && Array.isArray(o.articles);
    case 'versions:link':
      return isId(o.from) && isId(o.to);
    case 'versions:unlink':
      return isId(o.id);
    case 'versions:overrule':
      return isId(o.from) && isId(o.to) && isId(o.noteId) && (o.fate === null || FATES.includes(o.fate as Fate));
    case 'versions:carried':
      return (
        isId(o.linkId) && !!o.carried && typeof o.carried === 'object' && !Array.isArray(o.carried) &&
        Object.entries(o.carried).every(([k, v]) => isId(k) && isId(v))
      );
    default:
      return false;
  }
}

/**
 * Sends a versions request to the background and returns its value. Throws a RequestError with the store's code
 * ('invalid', 'not-found', …) when refused, 'unreachable' when no background answered.
 */
export async function versionsRequest<T = unknown>(message: VersionsRequest): Promise<T> {
  return ask<T>(message);
}

import type { Channels, Notice } from '../regulation/types';
import type { ReviewDB } from './db';
import { NOTICE_FIELD_MAX_CHARS, URLS_MAX_PER_DOCUMENT } from './limits';
import { NOTICE_FIELDS, type DocumentRecord, type NoticeField } from './schema';
import { checkCorrection, noticeChanges } from './corrections';
import { hostOf, siteOf } from '../shared/site';
import { readNotice, readTitle, readUrl } from './validate';
import { StorageError } from './errors';

/** What the reader knows of a page when a note is about to be made. */
export interface OpenDocumentInput {
  url: string;
  /** The draft title from 《…》; defaults to notice.title. */
  title?: string | null;
  notice: Notice;
}

/** Returns `old` updated field by field with `fresh`, except where `fresh` is null (null never erases a known value). Never throws. */
export function mergeNotice(old: Notice, fresh: Notice): Notice {
  const channels = {} as Channels;
  for (const k of Object.keys(old.channels) as (keyof Channels)[]) channels[k] = fresh.channels[k] ?? old.channels[k];
  return {
    title: fresh.title ?? old.title,
    issuer: fresh.issuer ?? old.issuer,
    published: fresh.published ?? old.published,
    deadline: fresh.deadline ?? old.deadline,
    channels,
  };
}

/** Returns the most recently updated of `docs` (the oldest on a tie), or undefined for none. Never throws. */
export const newest = (docs: DocumentRecord[]): DocumentRecord | undefined =>
  [...docs].sort((a, b) => b.updatedAt - a.updatedAt || a.createdAt - b.createdAt)[0];

/**
 * Returns `doc.urls` with `more` appended (each once). Past URLS_MAX_PER_DOCUMENT the oldest URLs go, never
 * the primary `doc.url`. Returns `doc.urls` itself when nothing is new. Never throws.
 */
export function addUrls(doc: Pick<DocumentRecord, 'url' | 'urls'>, more: readonly string[]): string[] {
  const fresh = more.filter((u, i) => !doc.urls.includes(u) && more.indexOf(u) === i);
  if (fresh.length === 0) return doc.urls;
  const urls = [...doc.urls, ...fresh];
  while (urls.length > URLS_MAX_PER_DOCUMENT) urls.splice(urls[0] === doc.url ? 1 : 0, 1);
  return urls;
}

/** A draft of the same title was reviewed on another site: the reviewer decides whether this page is it. */
export interface SameTitleAsk {
  /** The document of that title (the newest when several). */
  documentId: string;
  title: string;
  /** The host the reviewer read it at (its first URL's), for the question. */
  host: string;
}

/** What opening a page gives: its document, or the question to put to the reviewer (nothing was stored). */
export type PageOpen = { document: DocumentRecord } | { ask: SameTitleAsk };

function readInput(input: OpenDocumentInput): { url: string; notice: Notice; title: string | null } {
  if (typeof input !== 'object' || input === null) throw new StorageError('invalid', 'input: expected an object');
  const url = readUrl(input.url, 'url');
  const notice = readNotice(input.notice, 'notice');
  // what the page says of itself is never refused for its length: an over-long field is cut (clip)
  return { url, notice, title: readTitle(input.title ?? notice.title, 'title') };
}

/**
 * Finds the document of a page, in one transaction: first by normalised URL (any URL it was seen at); then by an
 * equal non-null draft title among documents already read on the same site (registrable domain), which the
 * page's URL then joins; a document of that title only on other sites is not joined: the answer is `ask` and
 * nothing is written. Else (or with `separate`) a new document is created. A title or notice field longer than
 * NOTICE_FIELD_MAX_CHARS is cut with … (page data that is merely odd never blocks a note). The stored notice fields change only
 * when the page is the document's own URL (`url`): the read's non-null values replace them, and `changes` says
 * what was and what is (the side panel shows it). Throws StorageError 'invalid' / 'too-large' for bad input.
 */
export async function openPage(
  db: ReviewDB,
  now: number,
  newId: () => string,
  input: OpenDocumentInput,
  options: { separate?: boolean } = {},
): Promise<PageOpen> {
  const { url, notice, title } = readInput(input);
  return db.transaction('rw', db.documents, async () => {
    let found = newest(await db.documents.where('urls').equals(url).toArray());
    if (!found && title !== null && !options.separate) {
      const named = await db.documents.where('title').equals(title).toArray();
      const site = siteOf(url);
      found = newest(named.filter((d) => d.urls.some((u) => site !== '' && siteOf(u) === site)));
      const elsewhere = newest(named);
      if (!found && elsewhere) return { ask: { documentId: elsewhere.id, title, host: hostOf(elsewhere.url) || elsewhere.url } };
    }
    if (!found) {
      const doc: DocumentRecord = { id: newId(), url, urls: [url], title, notice, createdAt: now, updatedAt: now };
      await db.documents.add(doc);
      return { document: doc };
    }
    const own = found.url === url;
    const next: DocumentRecord = { ...found, urls: addUrls(found, [url]), title: found.title ?? title };
    if (own) {
      const changes = noticeChanges(found.notice, notice, now);
      next.notice = mergeNotice(found.notice, notice);
      if (changes.length) next.changes = changes;
    }
    if (JSON.stringify(next) === JSON.stringify(found)) return { document: found };
    next.updatedAt = now;
    await db.documents.put(next);
    return { document: next };
  });
}

/**
 * The reviewer said a page of another site is the draft `documentId`: its URL joins the document (its notes
 * show there from now on); the stored notice fields stay as they are. Returns the document. Throws StorageError
 * 'not-found' for an unknown document, 'invalid' for a bad URL.
 */
export async function linkPage(db: ReviewDB, now: number, documentId: string, rawUrl: string): Promise<DocumentRecord> {
  const url = readUrl(rawUrl, 'url');
  return db.transaction('rw', db.documents, async () => {
    const doc = await db.documents.get(documentId);
    if (!doc) throw new StorageError('not-found', `no document ${documentId}`);
    const urls = addUrls(doc, [url]);
    if (urls === doc.urls) return doc;
    const next = { ...doc, urls, updatedAt: now };
    await db.documents.put(next);
    return next;
  });
}

/**
 * Stores the reviewer's correction of one notice field (`value` '' = the notice has none; null = take the read
 * value again) and returns the document. Throws StorageError 'not-found', or 'invalid' for a value
 * checkCorrection refuses.
 */
export async function correctField(db: ReviewDB, now: number, documentId: string, field: NoticeField, value: string | null): Promise<DocumentRecord> {
  if (!NOTICE_FIELDS.includes(field)) throw new StorageError('invalid', `field: unknown ${String(field)}`, 'field');
  let stored: string | null = null;
  if (value !== null) {
    const checked = checkCorrection(field, value, NOTICE_FIELD_MAX_CHARS);
    if (!checked.ok) throw new StorageError('invalid', `value: ${checked.problem}`, 'value');
    stored = checked.value;
  }
  return db.transaction('rw', db.documents, async () => {
    const doc = await db.documents.get(documentId);
    if (!doc) throw new StorageError('not-found', `no document ${documentId}`);
    const corrections = { ...doc.corrections };
    if (stored === null) delete corrections[field];
    else corrections[field] = stored;
    const next: DocumentRecord = { ...doc, corrections, updatedAt: now };
    if (Object.keys(corrections).length === 0) delete next.corrections;
    await db.documents.put(next);
    return next;
  });
}

/** The reviewer saw what the last read changed: `changes` goes. Returns the document. Throws StorageError 'not-found'. */
export async function clearChanges(db: ReviewDB, documentId: string): Promise<DocumentRecord> {
  return db.transaction('rw', db.documents, async () => {
    const doc = await db.documents.get(documentId);
    if (!doc) throw new StorageError('not-found', `no document ${documentId}`);
    if (!doc.changes) return doc;
    const next = { ...doc };
    delete next.changes;
    await db.documents.put(next);
    return next;
  });
}

/**
 * Opens the page's own document: by URL, by title among documents of the same site, else a new one. Never joins
 * a document of another site (see openPage). Returns the document as stored. Throws StorageError as openPage.
 */
export async function openDocument(
  db: ReviewDB,
  now: number,
  newId: () => string,
  input: OpenDocumentInput,
): Promise<DocumentRecord> {
  const r = await openPage(db, now, newId, input);
  if ('document' in r) return r.document;
  const separate = await openPage(db, now, newId, input, { separate: true });
  return (separate as { document: DocumentRecord }).document;
}

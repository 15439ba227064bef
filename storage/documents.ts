import type { Channels, Notice } from '../regulation/types';
import type { ReviewDB } from './db';
import { URLS_MAX_PER_DOCUMENT } from './limits';
import type { DocumentRecord } from './schema';
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

/**
 * Finds the document of a page, in one transaction: first by normalised URL (any URL it was seen at), then
 * by an equal non-null draft title (the same draft published on a second site: the URL is added to its
 * `urls`), else creates one. A found document takes the notice fields this read found (nulls never erase)
 * and its title when it had none. A title or notice field longer than NOTICE_FIELD_MAX_CHARS is cut with …
 * (page data that is merely odd never blocks a note). Returns the document as stored. Throws StorageError
 * 'invalid' / 'too-large' for a bad URL, or a title or notice of the wrong type.
 */
export async function openDocument(
  db: ReviewDB,
  now: number,
  newId: () => string,
  input: OpenDocumentInput,
): Promise<DocumentRecord> {
  if (typeof input !== 'object' || input === null) throw new StorageError('invalid', 'input: expected an object');
  const url = readUrl(input.url, 'url');
  const notice = readNotice(input.notice, 'notice');
  // what the page says of itself is never refused for its length: an over-long field is cut (clip)
  const title = readTitle(input.title ?? notice.title, 'title');

  return db.transaction('rw', db.documents, async () => {
    let found = newest(await db.documents.where('urls').equals(url).toArray());
    if (!found && title !== null) found = newest(await db.documents.where('title').equals(title).toArray());
    if (!found) {
      const doc: DocumentRecord = { id: newId(), url, urls: [url], title, notice, createdAt: now, updatedAt: now };
      await db.documents.add(doc);
      return doc;
    }
    const next: DocumentRecord = {
      ...found,
      urls: addUrls(found, [url]),
      title: found.title ?? title,
      notice: mergeNotice(found.notice, notice),
    };
    if (JSON.stringify(next) === JSON.stringify(found)) return found;
    next.updatedAt = now;
    await db.documents.put(next);
    return next;
  });
}

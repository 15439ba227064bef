/**
 * Versions of a draft in the review database: the text of each version (so that a later one can be compared with
 * it), the links between versions the reviewer made, and the fates the reviewer overruled. Written only by the
 * background (background/versions-api.ts); plain records, like the rest of the schema.
 */
import type Dexie from 'dexie';
import type { Table } from 'dexie';
import type { Fate } from '../versions/fates';
import { FATES } from '../versions/fates';
import { StorageError } from './errors';

/** One article of a version as stored for comparison. */
export interface StoredArticle {
  number: number;
  sub: number;
  label: string;
  title: string | null;
  text: string;
}

/** The articles of one document, as last read. */
export interface VersionTextRecord {
  documentId: string;
  /** The draft's title as read (with its status), or null. */
  title: string | null;
  articles: StoredArticle[];
  savedAt: number;
}

/** "`to` is the next version of `from`": made by the reviewer, never automatically. */
export interface VersionLinkRecord {
  id: string;
  from: string;
  to: string;
  createdAt: number;
  /** Notes carried from `from` into `to`: new note id -> the note it came from. */
  carried: Record<string, string>;
}

/** A fate the reviewer set by hand for a note of `from` in the version `to`. */
export interface FateOverrideRecord {
  from: string;
  to: string;
  noteId: string;
  fate: Fate;
  updatedAt: number;
}

export interface VersionTables {
  versionTexts: Table<VersionTextRecord, string>;
  versionLinks: Table<VersionLinkRecord, string>;
  fateOverrides: Table<FateOverrideRecord, [string, string, string]>;
}

/** The Dexie stores of the versions tables (appended as one schema version in storage/db.ts). */
export const VERSION_STORES = {
  versionTexts: 'documentId',
  versionLinks: 'id, from, to',
  fateOverrides: '[from+to+noteId], [from+to]',
} as const;

/** Most articles a stored version may hold; the longest text of one article. */
export const MAX_STORED_ARTICLES = 5_000;
export const MAX_ARTICLE_CHARS = 100_000;

function isStoredArticle(a: unknown): a is StoredArticle {
  if (!a || typeof a !== 'object') return false;
  const o = a as Record<string, unknown>;
  return (
    Number.isInteger(o.number) && Number.isInteger(o.sub) && typeof o.label === 'string' && o.label.length <= 64 &&
    (o.title === null || (typeof o.title === 'string' && o.title.length <= 256)) &&
    typeof o.text === 'string' && o.text.length <= MAX_ARTICLE_CHARS
  );
}

/**
 * The versions part of the database, over tables a ReviewDB declares. Every method validates what it writes and
 * throws a StorageError ('invalid', 'not-found') for bad input; Dexie errors pass through.
 */
export class VersionsStore {
  constructor(
    private readonly db: Dexie & VersionTables,
    private readonly now: () => number = Date.now,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  /** Saves (replaces) the text of a document's version. Returns the record. */
  async saveText(documentId: string, title: string | null, articles: unknown): Promise<VersionTextRecord> {
    if (!Array.isArray(articles) || articles.length > MAX_STORED_ARTICLES || !articles.every(isStoredArticle)) {
      throw new StorageError('invalid', 'versions: articles must be a list of {number, sub, label, title, text}');
    }
    const record: VersionTextRecord = {
      documentId,
      title,
      articles: articles.map((a) => ({ number: a.number, sub: a.sub, label: a.label, title: a.title, text: a.text })),
      savedAt: this.now(),
    };
    await this.db.versionTexts.put(record);
    return record;
  }

  /**
   * Links `to` as the next version of `from`. Refuses a link to itself, a second link into `to` or out of `from` (a
   * chain, not a tree) and a link that would close a loop. Returns the link (the existing one when it is there).
   */
  async link(from: string, to: string): Promise<VersionLinkRecord> {
    if (from === to) throw new StorageError('invalid', 'versions: a document is not its own version');
    return this.db.transaction('rw', this.db.versionLinks, async () => {
      const same = await this.db.versionLinks.where('from').equals(from).first();
      if (same && same.to === to) return same;
      if (same) throw new StorageError('invalid', 'versions: that document already has a next version');
      if (await this.db.versionLinks.where('to').equals(to).count()) {
        throw new StorageError('invalid', 'versions: that document already has an earlier version');
      }
      // no loop: walking forward from `to` must not reach `from`
      for (let at: string | undefined = to, guard = 0; at !== undefined && guard < 1000; guard++) {
        if (at === from) throw new StorageError('invalid', 'versions: the link would make a loop');
        at = (await this.db.versionLinks.where('from').equals(at).first())?.to;
      }
      const link: VersionLinkRecord = { id: this.newId(), from, to, createdAt: this.now(), carried: {} };
      await this.db.versionLinks.add(link);
      return link;
    });
  }

  /** Removes a link (and its overruled fates); the notes carried stay where they are. */
  async unlink(id: string): Promise<void> {
    await this.db.transaction('rw', this.db.versionLinks, this.db.fateOverrides, async () => {
      const link = await this.db.versionLinks.get(id);
      if (!link) throw new StorageError('not-found', 'versions: no such link');
      await this.db.fateOverrides.where('[from+to]').equals([link.from, link.to]).delete();
      await this.db.versionLinks.delete(id);
    });
  }

  /** Sets (or, with null, clears) the reviewer's fate for a note of `from` in `to`. */
  async overrule(from: string, to: string, noteId: string, fate: Fate | null): Promise<void> {
    if (fate !== null && !FATES.includes(fate)) throw new StorageError('invalid', 'versions: unknown fate');
    if (fate === null) await this.db.fateOverrides.delete([from, to, noteId]);
    else await this.db.fateOverrides.put({ from, to, noteId, fate, updatedAt: this.now() });
  }

  /** Records that the notes `carried` (new id -> old id) came into `to` over the link `linkId`. */
  async recordCarried(linkId: string, carried: Record<string, string>): Promise<VersionLinkRecord> {
    return this.db.transaction('rw', this.db.versionLinks, async () => {
      const link = await this.db.versionLinks.get(linkId);
      if (!link) throw new StorageError('not-found', 'versions: no such link');
      const next = { ...link, carried: { ...link.carried, ...carried } };
      await this.db.versionLinks.put(next);
      return next;
    });
  }

  /** The chain of document ids through `documentId`, oldest first. */
  async chain(documentId: string): Promise<string[]> {
    const out = [documentId];
    for (let at = documentId, guard = 0; guard < 1000; guard++) {
      const back = await this.db.versionLinks.where('to').equals(at).first();
      if (!back) break;
      out.unshift(back.from);
      at = back.from;
    }
    for (let at = documentId, guard = 0; guard < 1000; guard++) {
      const next = await this.db.versionLinks.where('from').equals(at).first();
      if (!next) break;
      out.push(next.to);
      at = next.to;
    }
    return out;
  }
}

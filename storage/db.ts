import Dexie, { type Table, type Transaction } from 'dexie';
import { REVISION_MAX } from './limits';
import { DB_NAME, type CommentRecord, type DocumentRecord, type NoteRecord, type TagRecord } from './schema';
import type { FileRecord } from './files';
import { VERSION_STORES, type VersionTables } from './versions';

/**
 * The review database. It lives in the extension's own origin; the background service worker is its only
 * writer (through NotesService), extension pages may read it with liveQuery. Nothing here touches the DOM.
 */

export { DB_NAME } from './schema';

/** One step of the schema's history. */
export interface SchemaVersion {
  version: number;
  /** Dexie store specs: only the tables this version adds or changes (null deletes a table). */
  stores: Record<string, string | null>;
  /** Rewrites the records of the previous version into this version's shape. */
  upgrade?: (tx: Transaction) => Promise<void> | void;
}

/**
 * The schema as history: append a new entry for every change, never edit a published one (a browser that
 * opened version N runs only the upgrades after N). Each version's test lives in tests/unit/storage/migrations.
 */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      documents: 'id, url, *urls, title',
      // `deleted` is absent on live notes, and IndexedDB leaves records without the key out of the index:
      // the index holds only the bin, which purgeDeleted walks.
      notes: 'id, documentId, [documentId+article.number], *tags, updatedAt, deleted',
      comments: 'id, documentId',
      tags: 'name',
    },
  },
  {
    // storage (issue 9 §5): an import before this version copied any revision from a file, and a note given
    // 2^53 - 1 could be edited once and never again; revisions above REVISION_MAX come down to it (no index
    // changes). A tab still holding the old revision gets both versions shown on its next save, and chooses.
    version: 2,
    stores: {},
    upgrade: async (tx) => {
      for (const table of ['notes', 'comments']) {
        await tx
          .table(table)
          .filter((r: { revision?: unknown }) => typeof r.revision === 'number' && r.revision > REVISION_MAX)
          .modify((r: { revision: number }) => {
            r.revision = REVISION_MAX;
          });
      }
    },
  },
  {
    // drafts published as files: the bytes, keyed by their SHA-256, so a file reopens offline (storage/files.ts)
    version: 3,
    stores: { files: 'sha256, savedAt' },
  },
  {
    // Versions of a draft (issue 14): each version's articles, the reviewer's links between versions, overruled fates.
    version: 4,
    stores: { ...VERSION_STORES },
  },
];

/** The newest schema version; a backup from a newer one is refused. */
export const SCHEMA_VERSION: number = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;

/**
 * The Dexie database of documents, notes, general comments and tags. `upTo` declares only the versions up
 * to that number (the migration tests open an old shape with it; production code never passes it). The
 * constructor opens nothing and never throws for a valid `upTo`; it throws RangeError for a version that
 * is not in SCHEMA_VERSIONS.
 */
export class ReviewDB extends Dexie {
  // Keys are always supplied by the caller (UUIDs, tag names): insert types equal record types.
  declare documents: Table<DocumentRecord, string>;
  declare notes: Table<NoteRecord, string>;
  declare comments: Table<CommentRecord, string>;
  declare tags: Table<TagRecord, string>;
  declare files: Table<FileRecord, string>;
  declare versionTexts: VersionTables['versionTexts'];
  declare versionLinks: VersionTables['versionLinks'];
  declare fateOverrides: VersionTables['fateOverrides'];

  constructor(name: string = DB_NAME, upTo: number = SCHEMA_VERSION) {
    super(name);
    if (!SCHEMA_VERSIONS.some((v) => v.version === upTo)) throw new RangeError(`No schema version ${upTo}`);
    for (const v of SCHEMA_VERSIONS) {
      if (v.version > upTo) break;
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
  }
}

/**
 * Returns a ReviewDB at the newest schema version named `name` (the production name by default; tests pass
 * a unique one). The database opens on first use; opening fails (DatabaseClosedError and the like, from that
 * first call) only when IndexedDB is unavailable. Never throws itself.
 */
export function openReviewDB(name: string = DB_NAME): ReviewDB {
  return new ReviewDB(name);
}

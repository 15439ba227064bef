import { BACKUP_FORMAT, parseBackup, type BackupFile, type BackupRefusal, type ParseOptions } from './backup-parse';
import { SCHEMA_VERSION, type ReviewDB } from './db';
import { addUrls, mergeNotice, newest } from './documents';
import { guard } from './errors';
import { REVISION_MAX } from './limits';
import type { Table } from 'dexie';
import type { CommentRecord, DocumentRecord, NoteRecord } from './schema';
import { ensureTags } from './tags';

export { BACKUP_FORMAT, parseBackup };
export type { BackupErrorCode, BackupFile, BackupRefusal, ParseBackupResult, ParseOptions, RefusedRecord } from './backup-parse';

/** What an import did, counted over documents, notes, comments and tags of the file. */
export interface ImportResult {
  /** Records that were not here and now are. */
  added: number;
  /** Records already here with the same text (or the same document / tag): nothing to do. */
  identical: number;
  /** Documents already here that gained URLs or notice fields from the file. */
  updated: number;
  /** Notes and comments whose text differs here and in the file: nothing written, the reviewer chooses. */
  conflicts: ImportConflict[];
}

/**
 * A record as a backup carries it: its revision at most REVISION_MAX. Revisions count this browser's writes
 * and an import never compares them (it compares text), so capping loses nothing, and every backup this
 * extension writes can be read again, however often a note was edited after an import.
 */
const capRevision = <T extends { revision: number }>(r: T): T =>
  r.revision > REVISION_MAX ? { ...r, revision: REVISION_MAX } : r;

/**
 * Returns a backup of the whole database read in one transaction: every document, general comment and tag,
 * and every note not in the bin (revisions capped at REVISION_MAX). `exportedAt` is now, ISO 8601. Throws StorageError 'closed' when the
 * database is closed.
 */
export function exportBackup(db: ReviewDB): Promise<BackupFile> {
  return guard(() =>
    db.transaction('r', db.documents, db.notes, db.comments, db.tags, async () => ({
      format: BACKUP_FORMAT,
      schemaVersion: SCHEMA_VERSION,
      exportedAt: new Date().toISOString(),
      documents: await db.documents.toArray(),
      notes: (await db.notes.filter((n) => n.deleted === undefined).toArray()).map(capRevision),
      comments: (await db.comments.toArray()).map(capRevision),
      tags: await db.tags.toArray(),
    })),
  );
}

/**
 * Merges the file's documents into the database; returns a map from file document id to local id. A document
 * of the file matches a stored one by id, else (like openDocument) by a shared URL or equal title: the same
 * draft noted on two computers becomes one document. URLs are unioned; the newer side's notice fields win.
 */
async function mergeDocuments(db: ReviewDB, incoming: DocumentRecord[], count: ImportResult): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const byId = await db.documents.bulkGet(incoming.map((d) => d.id));
  for (const [i, doc] of incoming.entries()) {
    let stored = byId[i];
    if (!stored) stored = newest(await db.documents.where('urls').anyOf(doc.urls).toArray());
    if (!stored && doc.title !== null) stored = newest(await db.documents.where('title').equals(doc.title).toArray());
    if (!stored) {
      await db.documents.add(doc);
      ids.set(doc.id, doc.id);
      count.added++;
      continue;
    }
    ids.set(doc.id, stored.id);
    const theirsNewer = doc.updatedAt > stored.updatedAt;
    const next: DocumentRecord = {
      ...stored,
      urls: addUrls(stored, doc.urls),
      title: stored.title ?? doc.title,
      notice: theirsNewer ? mergeNotice(stored.notice, doc.notice) : mergeNotice(doc.notice, stored.notice),
      updatedAt: Math.max(stored.updatedAt, doc.updatedAt),
    };
    // the reviewer's corrections travel with the backup; one made on this computer is never replaced
    if (doc.corrections || stored.corrections) next.corrections = { ...doc.corrections, ...stored.corrections };
    if (JSON.stringify(next) === JSON.stringify(stored)) {
      count.identical++;
    } else {
      await db.documents.put(next);
      count.updated++;
    }
  }
  return ids;
}

/** A note or comment that differs between the database and the file: nothing was written, the reviewer chooses. */
export type ImportConflict =
  | { kind: 'note'; mine: NoteRecord; theirs: NoteRecord }
  | { kind: 'comment'; mine: CommentRecord; theirs: CommentRecord };

const sameTags = (a: readonly string[], b: readonly string[]) => {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((t) => set.has(t));
};

/** True when two notes say the same: stance, the three texts, the tags (in any order) and the quoted passage. */
export function sameNoteText(a: NoteRecord, b: NoteRecord): boolean {
  return (
    a.stance === b.stance &&
    a.suggestion === b.suggestion &&
    a.reason === b.reason &&
    a.comment === b.comment &&
    (a.passage?.exact ?? null) === (b.passage?.exact ?? null) &&
    sameTags(a.tags, b.tags)
  );
}

const sameCommentText = (a: CommentRecord, b: CommentRecord) => a.text === b.text;

/**
 * Adds the records of unknown id (a file note keeps its revision, at most REVISION_MAX); a record stored
 * with the same text is identical; one whose text differs is a conflict and is NOT written, whatever the
 * revisions say (a counter from another computer says nothing about which text is newer).
 */
async function mergeRevisioned<T extends NoteRecord | CommentRecord>(
  table: Table<T, string, T>,
  incoming: T[],
  docIds: Map<string, string>,
  same: (a: T, b: T) => boolean,
  count: ImportResult,
  conflicts: { mine: T; theirs: T }[],
): Promise<T[]> {
  const stored = await table.bulkGet(incoming.map((r) => r.id));
  const added: T[] = [];
  incoming.forEach((file, i) => {
    const r = { ...file, documentId: docIds.get(file.documentId) ?? file.documentId };
    const old = stored[i];
    if (!old) {
      added.push(r);
      count.added++;
    } else if (same(old, r)) count.identical++;
    else conflicts.push({ mine: old, theirs: r });
  });
  await table.bulkAdd(added);
  return added;
}

/**
 * Merges a parsed backup into the database in ONE transaction, so a failure part-way leaves the database
 * exactly as it was. Documents merge by id (else by URL or title), URLs unioned; notes and comments by id:
 * an unknown one is added, one with the same text is counted identical, and one whose text differs is never
 * written: it comes back in `conflicts` with both versions (the file's with its document id mapped to the
 * local one) for the reviewer to choose. Tags merge by name (an existing tag keeps its colour); tags that
 * added notes use are created when missing. Returns the counts over all records of the file. Throws
 * StorageError 'quota' / 'closed', and any other error unchanged, in both cases after rolling everything back.
 */
export function importBackup(db: ReviewDB, data: BackupFile): Promise<ImportResult> {
  return guard(() =>
    db.transaction('rw', db.documents, db.notes, db.comments, db.tags, async () => {
      const count: ImportResult = { added: 0, identical: 0, updated: 0, conflicts: [] };
      const docIds = await mergeDocuments(db, data.documents, count);
      const storedTags = await db.tags.bulkGet(data.tags.map((t) => t.name));
      const newTags = data.tags.filter((_, i) => !storedTags[i]);
      await db.tags.bulkAdd(newTags);
      count.added += newTags.length;
      count.identical += data.tags.length - newTags.length;
      const notes: { mine: NoteRecord; theirs: NoteRecord }[] = [];
      const added = await mergeRevisioned(db.notes, data.notes, docIds, sameNoteText, count, notes);
      await ensureTags(db, [...new Set(added.flatMap((n) => n.tags))]);
      const comments: { mine: CommentRecord; theirs: CommentRecord }[] = [];
      await mergeRevisioned(db.comments, data.comments, docIds, sameCommentText, count, comments);
      count.conflicts = [
        ...notes.map((c) => ({ kind: 'note' as const, ...c })),
        ...comments.map((c) => ({ kind: 'comment' as const, ...c })),
      ];
      return count;
    }),
  );
}

/**
 * Parses `text` (see parseBackup: in slices, so saves go on meanwhile) and imports it (see importBackup).
 * Returns the refusal when the text is refused (the database is not touched), else `{ok: true, result}`.
 * Throws what importBackup throws.
 */
export async function importBackupText(
  db: ReviewDB,
  text: string,
  options?: ParseOptions,
): Promise<BackupRefusal | { ok: true; result: ImportResult }> {
  const parsed = await parseBackup(text, options);
  if (!parsed.ok) return parsed;
  return { ok: true, result: await importBackup(db, parsed.data) };
}

import { BACKUP_FORMAT, parseBackup, type BackupFile, type BackupRefusal } from './backup-parse';
import { SCHEMA_VERSION, type ReviewDB } from './db';
import { addUrls, mergeNotice, newest } from './documents';
import { guard } from './errors';
import type { Table } from 'dexie';
import type { DocumentRecord } from './schema';
import { ensureTags } from './tags';

export { BACKUP_FORMAT, parseBackup };
export type { BackupErrorCode, BackupFile, BackupRefusal, ParseBackupResult } from './backup-parse';

/** What an import did, counted over documents, notes, comments and tags of the file. */
export interface ImportResult {
  added: number;
  updated: number;
  skipped: number;
}

/**
 * Returns a backup of the whole database read in one transaction: every document, general comment and tag,
 * and every note not in the bin. `exportedAt` is now, ISO 8601. Throws StorageError 'closed' when the
 * database is closed.
 */
export function exportBackup(db: ReviewDB): Promise<BackupFile> {
  return guard(() =>
    db.transaction('r', db.documents, db.notes, db.comments, db.tags, async () => ({
      format: BACKUP_FORMAT,
      schemaVersion: SCHEMA_VERSION,
      exportedAt: new Date().toISOString(),
      documents: await db.documents.toArray(),
      notes: await db.notes.filter((n) => n.deleted === undefined).toArray(),
      comments: await db.comments.toArray(),
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
      count.skipped++;
    } else {
      await db.documents.put(next);
      count.updated++;
    }
  }
  return ids;
}

/** Adds records of unknown id, replaces stored ones whose revision is lower, skips the rest. */
async function mergeRevisioned<T extends { id: string; documentId: string; revision: number }>(
  table: Table<T, string, T>,
  incoming: T[],
  docIds: Map<string, string>,
  count: ImportResult,
): Promise<void> {
  const stored = await table.bulkGet(incoming.map((r) => r.id));
  const winners: T[] = [];
  incoming.forEach((r, i) => {
    const old = stored[i];
    if (old && old.revision >= r.revision) {
      count.skipped++;
      return;
    }
    if (old) count.updated++;
    else count.added++;
    winners.push({ ...r, documentId: docIds.get(r.documentId) ?? r.documentId });
  });
  await table.bulkPut(winners);
}

/**
 * Merges a parsed backup into the database in ONE transaction, so a failure part-way leaves the database
 * exactly as it was. Documents merge by id (else by URL or title), URLs unioned; notes and comments by id,
 * where an incoming record replaces the stored one only when its revision is higher (same or lower:
 * skipped); tags by name (an existing tag keeps its colour). Tags that imported notes use are created when
 * missing. Returns the counts over all records of the file. Throws StorageError 'quota' / 'closed', and any
 * other error unchanged, in both cases after rolling everything back.
 */
export function importBackup(db: ReviewDB, data: BackupFile): Promise<ImportResult> {
  return guard(() =>
    db.transaction('rw', db.documents, db.notes, db.comments, db.tags, async () => {
      const count: ImportResult = { added: 0, updated: 0, skipped: 0 };
      const docIds = await mergeDocuments(db, data.documents, count);
      const storedTags = await db.tags.bulkGet(data.tags.map((t) => t.name));
      const newTags = data.tags.filter((_, i) => !storedTags[i]);
      await db.tags.bulkAdd(newTags);
      count.added += newTags.length;
      count.skipped += data.tags.length - newTags.length;
      await mergeRevisioned(db.notes, data.notes, docIds, count);
      await ensureTags(db, [...new Set(data.notes.flatMap((n) => n.tags))]);
      await mergeRevisioned(db.comments, data.comments, docIds, count);
      return count;
    }),
  );
}

/**
 * Parses `text` (see parseBackup) and imports it (see importBackup). Returns the refusal when the text is
 * refused (the database is not touched), else `{ok: true, result}`. Throws what importBackup throws.
 */
export async function importBackupText(
  db: ReviewDB,
  text: string,
): Promise<BackupRefusal | { ok: true; result: ImportResult }> {
  const parsed = parseBackup(text);
  if (!parsed.ok) return parsed;
  return { ok: true, result: await importBackup(db, parsed.data) };
}

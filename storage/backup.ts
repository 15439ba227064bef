import { BACKUP_FORMAT, backupJson, parseBackup, type BackupFile, type BackupRefusal, type ParseOptions } from './backup-parse';
import { SCHEMA_VERSION, type ReviewDB } from './db';
import { addUrls, mergeNotice, newest } from './documents';
import { guard } from './errors';
import { REVISION_MAX } from './limits';
import type { Table } from 'dexie';
import type { FileRecord } from './files';
import type { CommentRecord, DocumentRecord, NoteRecord } from './schema';
import { ensureTags } from './tags';
import type { FateOverrideRecord, VersionLinkRecord, VersionTextRecord } from './versions';

export { BACKUP_FORMAT, backupJson, parseBackup };
export type { BackupErrorCode, BackupFile, BackupList, BackupRefusal, ParseBackupResult, ParseOptions, RefusedRecord } from './backup-parse';

/**
 * A version record of the file that differs from this browser's: this browser's was kept and the file's left
 * out (a version's text read differently, a link or an overruled fate that says otherwise). The backup tab
 * counts them and lists them by their drafts' titles.
 */
export type KeptRecord =
  | { kind: 'versionText'; mine: VersionTextRecord; theirs: VersionTextRecord }
  | { kind: 'versionLink'; mine: VersionLinkRecord; theirs: VersionLinkRecord }
  | { kind: 'fateOverride'; mine: FateOverrideRecord | VersionLinkRecord | null; theirs: FateOverrideRecord };

/** What an import did, counted over every record of the file. */
export interface ImportResult {
  /** Records that were not here and now are. */
  added: number;
  /** Records already here with the same text (or the same document / tag): nothing to do. */
  identical: number;
  /** Documents already here that gained URLs or notice fields from the file. */
  updated: number;
  /** Notes and comments whose text differs here and in the file: nothing written, the reviewer chooses. */
  conflicts: ImportConflict[];
  /** Version records that differ here and in the file: this browser's kept, the file's left out. */
  kept: KeptRecord[];
}

/**
 * A record as a backup carries it: its revision at most REVISION_MAX. Revisions count this browser's writes
 * and an import never compares them (it compares text), so capping loses nothing, and every backup this
 * extension writes can be read again, however often a note was edited after an import.
 */
const capRevision = <T extends { revision: number }>(r: T): T =>
  r.revision > REVISION_MAX ? { ...r, revision: REVISION_MAX } : r;

/** What a backup holds besides the notes. */
export interface ExportOptions {
  /** Include the draft files' bytes (default false: the backup has no `files`). */
  files?: boolean;
}

/**
 * Returns a backup of the whole database read in one transaction: every document, general comment and tag,
 * every note not in the bin (revisions capped at REVISION_MAX), the versions' texts, links and overruled fates
 * (those of documents in the backup), and with `options.files` every draft file with its bytes. `exportedAt`
 * is now, ISO 8601. Throws StorageError 'closed' when the database is closed.
 */
export function exportBackup(db: ReviewDB, options: ExportOptions = {}): Promise<BackupFile> {
  const tables = [db.documents, db.notes, db.comments, db.tags, db.versionTexts, db.versionLinks, db.fateOverrides];
  return guard(() =>
    db.transaction('r', options.files ? [...tables, db.files] : tables, async () => {
      const documents = await db.documents.toArray();
      const ids = new Set(documents.map((d) => d.id));
      const backup: BackupFile = {
        format: BACKUP_FORMAT,
        schemaVersion: SCHEMA_VERSION,
        exportedAt: new Date().toISOString(),
        documents,
        notes: (await db.notes.filter((n) => n.deleted === undefined).toArray()).map(capRevision),
        comments: (await db.comments.toArray()).map(capRevision),
        tags: await db.tags.toArray(),
        // a version record whose document is gone would make the whole backup unreadable: left out
        versionTexts: (await db.versionTexts.toArray()).filter((t) => ids.has(t.documentId)),
        versionLinks: (await db.versionLinks.toArray()).filter((l) => ids.has(l.from) && ids.has(l.to)),
        fateOverrides: (await db.fateOverrides.toArray()).filter((f) => ids.has(f.from) && ids.has(f.to)),
      };
      if (options.files) backup.files = await db.files.toArray();
      return backup;
    }),
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
  const tables = [db.documents, db.notes, db.comments, db.tags, db.versionTexts, db.versionLinks, db.fateOverrides, db.files];
  return guard(() =>
    db.transaction('rw', tables, async () => {
      const count: ImportResult = { added: 0, identical: 0, updated: 0, conflicts: [], kept: [] };
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
      await mergeVersions(db, data, docIds, count);
      await mergeFiles(db, data.files ?? [], count);
      return count;
    }),
  );
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Merges the versions' records, their documents mapped to local ids. A version text, link or overruled fate
 * not here is added; one here that says the same is identical; one that differs is never written: this
 * browser's is kept and the pair comes back in `kept`. A link is "the same" when it joins the same two
 * documents (whatever its id): the notes carried over it are unioned (a carried note this browser maps
 * elsewhere stays as it is). A link that would give a document a second next or earlier version, or close
 * a loop, is kept out like a differing one, and so are the fates overruled over it.
 */
async function mergeVersions(db: ReviewDB, data: BackupFile, docIds: Map<string, string>, count: ImportResult): Promise<void> {
  const local = (id: string) => docIds.get(id) ?? id;
  for (const file of data.versionTexts) {
    const theirs = { ...file, documentId: local(file.documentId) };
    const mine = await db.versionTexts.get(theirs.documentId);
    if (!mine) {
      await db.versionTexts.add(theirs);
      count.added++;
    } else if (mine.title === theirs.title && sameJson(mine.articles, theirs.articles)) count.identical++;
    else count.kept.push({ kind: 'versionText', mine, theirs });
  }
  for (const file of data.versionLinks) {
    const theirs = { ...file, from: local(file.from), to: local(file.to) };
    const out = await db.versionLinks.where('from').equals(theirs.from).first();
    if (out && out.to === theirs.to) {
      const carried = { ...theirs.carried, ...out.carried };
      if (sameJson(carried, out.carried)) count.identical++;
      else {
        await db.versionLinks.put({ ...out, carried });
        count.updated++;
      }
      continue;
    }
    const into = out ?? (await db.versionLinks.where('to').equals(theirs.to).first()) ?? (await db.versionLinks.get(theirs.id));
    if (into || (await reaches(db, theirs.to, theirs.from))) {
      count.kept.push({ kind: 'versionLink', mine: into ?? theirs, theirs });
      continue;
    }
    await db.versionLinks.add(theirs);
    count.added++;
  }
  for (const file of data.fateOverrides) {
    const theirs = { ...file, from: local(file.from), to: local(file.to) };
    const link = await db.versionLinks.where('from').equals(theirs.from).first();
    if (!link || link.to !== theirs.to) {
      // its link was kept out: a fate over a link this browser does not have would hang in the air
      count.kept.push({ kind: 'fateOverride', mine: link ?? null, theirs });
      continue;
    }
    const mine = await db.fateOverrides.get([theirs.from, theirs.to, theirs.noteId]);
    if (!mine) {
      await db.fateOverrides.add(theirs);
      count.added++;
    } else if (mine.fate === theirs.fate) count.identical++;
    else count.kept.push({ kind: 'fateOverride', mine, theirs });
  }
}

/** True when following the links forward from `start` reaches `target` (a new link target -> start would close a loop). */
async function reaches(db: ReviewDB, start: string, target: string): Promise<boolean> {
  for (let at: string | undefined = start, guard = 0; at !== undefined && guard < 1000; guard++) {
    if (at === target) return true;
    at = (await db.versionLinks.where('from').equals(at).first())?.to;
  }
  return false;
}

/**
 * Adds the draft files not here (their bytes were checked against their SHA-256 by parseBackup); a file here
 * is the same bytes, identical, and keeps its name; a source or notice this browser lacks is taken from the file.
 */
async function mergeFiles(db: ReviewDB, files: FileRecord[], count: ImportResult): Promise<void> {
  for (const file of files) {
    const mine = await db.files.get(file.sha256);
    if (!mine) {
      await db.files.add(file);
      count.added++;
    } else if ((mine.source === null && file.source !== null) || (mine.notice === null && file.notice !== null)) {
      await db.files.put({ ...mine, source: mine.source ?? file.source, notice: mine.notice ?? file.notice });
      count.updated++;
    } else count.identical++;
  }
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

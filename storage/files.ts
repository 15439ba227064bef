/**
 * Drafts published as files: their bytes, kept with the notes so that a file opens again offline and the letter
 * quotes what the reviewer read. A file is its SHA-256: the same bytes from the site, a mirror or the disk are
 * one record (and one document, urn:sha256:…).
 */
import type { ReviewDB } from './db';
import { StorageError } from './errors';

export type StoredFileKind = 'pdf' | 'docx';

export interface FileRecord {
  /** SHA-256 of the bytes, lowercase hex. */
  sha256: string;
  /** The file name as offered (the link's text or the download's name). */
  name: string;
  kind: StoredFileKind;
  size: number;
  bytes: Uint8Array;
  /** The address the file was fetched from, or null (the reviewer's disk). */
  source: string | null;
  /** The notice page the file was opened from, or null. */
  notice: string | null;
  savedAt: number;
}

/** The largest file kept (bytes): a draft is rarely over a few MB; a 100 MB scan is not a draft to annotate. */
export const FILE_MAX_BYTES = 50 * 1024 * 1024;

/**
 * Stores a file (or refreshes its name, source and notice when the same bytes were stored before; a known source
 * or notice is never erased by null). Throws StorageError 'too-large' past FILE_MAX_BYTES, 'invalid' for a bad
 * hash or kind.
 */
export async function putFile(db: ReviewDB, rec: FileRecord): Promise<FileRecord> {
  if (!/^[0-9a-f]{64}$/.test(rec.sha256)) throw new StorageError('invalid', 'sha256: expected 64 hex digits', 'sha256');
  if (rec.kind !== 'pdf' && rec.kind !== 'docx') throw new StorageError('invalid', 'kind: expected pdf or docx', 'kind');
  if (!(rec.bytes instanceof Uint8Array) || rec.bytes.byteLength > FILE_MAX_BYTES) {
    throw new StorageError('too-large', `bytes: the limit is ${FILE_MAX_BYTES} bytes`, 'bytes');
  }
  return db.transaction('rw', db.files, async () => {
    const old = await db.files.get(rec.sha256);
    const next: FileRecord = old ? { ...old, name: rec.name || old.name, source: rec.source ?? old.source, notice: rec.notice ?? old.notice } : rec;
    await db.files.put(next);
    return next;
  });
}

/** How many files are kept and their total size in bytes. */
export async function fileUsage(db: ReviewDB): Promise<{ count: number; bytes: number }> {
  let bytes = 0;
  let count = 0;
  await db.files.each((f) => {
    count++;
    bytes += f.size;
  });
  return { count, bytes };
}

import { SCHEMA_VERSION } from './db';
import { StorageError } from './errors';
import { BACKUP_MAX_BYTES } from './limits';
import type { CommentRecord, DocumentRecord, NoteRecord, TagRecord } from './schema';
import { FORBIDDEN_KEYS, readCommentRecord, readDocumentRecord, readNoteRecord, readTagRecord } from './validate';

/** The `format` marker of a backup file. */
export const BACKUP_FORMAT = 'regdraft-backup';

/** A backup: everything in the database except the notes in the bin. Serialise it with JSON.stringify. */
export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  schemaVersion: number;
  /** ISO 8601. */
  exportedAt: string;
  documents: DocumentRecord[];
  notes: NoteRecord[];
  comments: CommentRecord[];
  tags: TagRecord[];
}

/** Why parseBackup refused a file (see parseBackup). */
export type BackupErrorCode = 'too-large' | 'not-json' | 'wrong-format' | 'wrong-version' | 'invalid';

/** Why a backup was refused; `path` is the JSON path of the first bad field (`notes[3].stance`). */
export interface BackupRefusal {
  ok: false;
  code: BackupErrorCode;
  message: string;
  path?: string;
}

/** parseBackup's answer: the clean data, or why the file was refused. */
export type ParseBackupResult = { ok: true; data: BackupFile } | BackupRefusal;

/** UTF-8 length of `s`, counting no further than `limit + 1`. */
function utf8Bytes(s: string, limit: number): number {
  let n = 0;
  for (let i = 0; i < s.length && n <= limit; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4; // a surrogate pair: one 4-byte character
      i++;
    } else n += 3;
  }
  return n;
}

const refuse = (code: BackupErrorCode, message: string, path?: string): BackupRefusal =>
  path === undefined ? { ok: false, code, message } : { ok: false, code, message, path };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads `key` of `root` as an array of records with `read`; ids (by `keyOf`) must be unique. */
function records<T>(
  root: Record<string, unknown>,
  key: string,
  read: (v: unknown, path: string) => T,
  keyOf: (r: T) => string,
  keyField: string,
): T[] {
  const list = root[key];
  if (!Array.isArray(list)) throw new StorageError('invalid', `${key}: expected an array`, key);
  const seen = new Set<string>();
  return list.map((v, i) => {
    const r = read(v, `${key}[${i}]`);
    const k = keyOf(r);
    if (seen.has(k)) throw new StorageError('invalid', `${key}[${i}].${keyField}: "${k}" appears twice`, `${key}[${i}].${keyField}`);
    seen.add(k);
    return r;
  });
}

/** Every note and comment must belong to a document of the file. */
function checkOwners(kind: 'notes' | 'comments', list: { documentId: string }[], documents: Set<string>): void {
  list.forEach((r, i) => {
    if (!documents.has(r.documentId)) {
      const path = `${kind}[${i}].documentId`;
      throw new StorageError('invalid', `${path}: no document "${r.documentId}" in the file`, path);
    }
  });
}

/**
 * Reads a backup file's text. Returns `{ok: true, data}` with fresh objects holding only the known fields,
 * or a refusal: 'too-large' over BACKUP_MAX_BYTES of UTF-8 (checked before parsing), 'not-json',
 * 'wrong-format' (not a regdraft backup), 'wrong-version' (made by a newer schema), 'invalid' for the first
 * missing or mistyped field, duplicate id, note of a document not in the file, over-long text, or
 * `__proto__` / `constructor` / `prototype` key, with its JSON path. HTML in text fields is text and is kept.
 * Never throws.
 */
export function parseBackup(text: string): ParseBackupResult {
  if (typeof text !== 'string') return refuse('not-json', 'A backup is text');
  if (text.length > BACKUP_MAX_BYTES || utf8Bytes(text, BACKUP_MAX_BYTES) > BACKUP_MAX_BYTES) {
    return refuse('too-large', `A backup has at most ${BACKUP_MAX_BYTES} bytes`);
  }
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    return refuse('not-json', `Not JSON: ${(e as Error).message}`);
  }
  if (!isPlainObject(root) || root.format !== BACKUP_FORMAT) {
    return refuse('wrong-format', `Not a ${BACKUP_FORMAT} file`, 'format');
  }
  for (const k of Object.keys(root)) if (FORBIDDEN_KEYS.has(k)) return refuse('invalid', `${k}: forbidden key`, k);
  const version = root.schemaVersion;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    return refuse('invalid', 'schemaVersion: expected an integer ≥ 1', 'schemaVersion');
  }
  if (version > SCHEMA_VERSION) {
    return refuse('wrong-version', `Made by a newer version (schema ${version}; this one reads up to ${SCHEMA_VERSION})`, 'schemaVersion');
  }
  // Only version 1 exists. A later version converts older records here, before they are read as current.
  if (typeof root.exportedAt !== 'string' || Number.isNaN(Date.parse(root.exportedAt))) {
    return refuse('invalid', 'exportedAt: expected an ISO date', 'exportedAt');
  }
  try {
    const documents = records(root, 'documents', readDocumentRecord, (d) => d.id, 'id');
    const notes = records(root, 'notes', readNoteRecord, (n) => n.id, 'id');
    const comments = records(root, 'comments', readCommentRecord, (c) => c.id, 'id');
    const tags = records(root, 'tags', readTagRecord, (t) => t.name, 'name');
    const ids = new Set(documents.map((d) => d.id));
    checkOwners('notes', notes, ids);
    checkOwners('comments', comments, ids);
    return {
      ok: true,
      // the records are in the current shape now
      data: { format: BACKUP_FORMAT, schemaVersion: SCHEMA_VERSION, exportedAt: root.exportedAt, documents, notes, comments, tags },
    };
  } catch (e) {
    if (e instanceof StorageError) return refuse('invalid', e.message, e.path);
    return refuse('invalid', String(e));
  }
}

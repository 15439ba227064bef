import { SCHEMA_VERSION } from './db';
import { StorageError } from './errors';
import { BACKUP_MAX_BYTES } from './limits';
import type { CommentRecord, DocumentRecord, NoteRecord, TagRecord } from './schema';
import * as v from 'valibot';
import { BackupHeader, clip } from './schemas';
import { read, readCommentRecord, readDocumentRecord, readNoteRecord, readTagRecord } from './validate';

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

/** The record of the file a refusal is about, named so the reviewer can find it (never shown as a path alone). */
export interface RefusedRecord {
  list: 'documents' | 'notes' | 'comments' | 'tags';
  /** Its index in that list (0-based). */
  index: number;
  /** A note's article label (第三条), a document's title, a tag's name, when the file has one. */
  label: string | null;
  /** The start of a note's suggestion or a comment's text, when the file has one. */
  text: string | null;
}

/** Why a backup was refused; `path` is the JSON path of the first bad field (`notes[3].stance`). */
export interface BackupRefusal {
  ok: false;
  code: BackupErrorCode;
  message: string;
  path?: string;
  /** The record the bad field belongs to, when it is inside one. */
  record?: RefusedRecord;
}

/** parseBackup's answer: the clean data, or why the file was refused. */
export type ParseBackupResult = { ok: true; data: BackupFile } | BackupRefusal;

/** How parseBackup shares the thread: it hands back control at least every `sliceMs` of work. */
export interface ParseOptions {
  /** Milliseconds of validation between two yields (default 8). */
  sliceMs?: number;
  /** Gives the thread back; resolves when the parser may go on (default: a macrotask, setTimeout 0). */
  pause?: () => Promise<void>;
}

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

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);


/** A short, safe string of `v` for naming a record (at most 40 characters), or null. */
const short = (x: unknown): string | null => (typeof x === 'string' && x.trim() !== '' ? clip(x.trim(), 40) : null);

/** Names the record of `root` that `path` points into (`notes[3].stance` → notes 3, its label and text). */
function refusedRecord(root: Record<string, unknown>, path: string | undefined): RefusedRecord | undefined {
  const m = path === undefined ? null : /^(documents|notes|comments|tags)\[(\d+)\]/.exec(path);
  if (!m) return undefined;
  const list = m[1] as RefusedRecord['list'];
  const index = Number(m[2]);
  const items = root[list];
  const r = Array.isArray(items) && isPlainObject(items[index]) ? items[index] : {};
  const article = isPlainObject(r.article) ? r.article : {};
  const label = list === 'notes' ? short(article.label) : list === 'tags' ? short(r.name) : list === 'documents' ? short(r.title) : null;
  const text = list === 'notes' ? short(r.suggestion) ?? short(r.reason) : list === 'comments' ? short(r.text) : null;
  return { list, index, label, text };
}

const defaultPause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Reads a backup file's text. Resolves to `{ok: true, data}` with fresh objects holding only the known fields,
 * or a refusal: 'too-large' over BACKUP_MAX_BYTES of UTF-8 (checked before parsing), 'not-json',
 * 'wrong-format' (not a regdraft backup), 'wrong-version' (made by a newer schema), 'invalid' for the first
 * missing or mistyped field, duplicate id, note of a document not in the file, over-long text, revision
 * above REVISION_MAX, or `__proto__` / `constructor` / `prototype` key, with its JSON path and the record it
 * belongs to. HTML in text fields is text and is kept. Every check is linear in the file's size; the records
 * are read in slices of `options.sliceMs` with a pause between them, so other work (a save) runs meanwhile.
 * Never rejects.
 */
export async function parseBackup(text: string, options: ParseOptions = {}): Promise<ParseBackupResult> {
  if (typeof text !== 'string') return refuse('not-json', 'A backup is text');
  if (text.length > BACKUP_MAX_BYTES || utf8Bytes(text, BACKUP_MAX_BYTES) > BACKUP_MAX_BYTES) {
    return refuse('too-large', `A backup has at most ${BACKUP_MAX_BYTES} bytes`);
  }
  const sliceMs = options.sliceMs ?? 8;
  const pause = options.pause ?? defaultPause;
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    return refuse('not-json', `Not JSON: ${(e as Error).message}`);
  }
  if (!isPlainObject(root) || root.format !== BACKUP_FORMAT) {
    return refuse('wrong-format', `Not a ${BACKUP_FORMAT} file`, 'format');
  }
  // a newer release's file is named as such, whatever else its header holds
  if (typeof root.schemaVersion === 'number' && root.schemaVersion > SCHEMA_VERSION) {
    return refuse('wrong-version', `Made by a newer version (schema ${root.schemaVersion}; this one reads up to ${SCHEMA_VERSION})`, 'schemaVersion');
  }
  let header: v.InferOutput<typeof BackupHeader>;
  try {
    header = read(BackupHeader, root, '');
  } catch (e) {
    const err = e as StorageError;
    return refuse('invalid', err.message, err.path);
  }
  // Only version 1 exists. A later version converts older records here, before they are read as current.
  const file = root;
  let sliceStart = performance.now();
  /** Reads every record of `key` with `read`, its key (by `keyOf`) unique, pausing between slices. */
  async function records<T>(key: RefusedRecord['list'], readOne: (x: unknown, path: string) => T, keyOf: (r: T) => string, keyField: string): Promise<T[]> {
    const list = file[key] as unknown[];
    const seen = new Set<string>();
    const out: T[] = [];
    for (let i = 0; i < list.length; i++) {
      const r = readOne(list[i], `${key}[${i}]`);
      const k = keyOf(r);
      if (seen.has(k)) throw new StorageError('invalid', `${key}[${i}].${keyField}: "${k}" appears twice`, `${key}[${i}].${keyField}`);
      seen.add(k);
      out.push(r);
      if (performance.now() - sliceStart >= sliceMs) {
        await pause();
        sliceStart = performance.now();
      }
    }
    return out;
  }
  try {
    const documents = await records('documents', readDocumentRecord, (d) => d.id, 'id');
    const notes = await records('notes', readNoteRecord, (n) => n.id, 'id');
    const comments = await records('comments', readCommentRecord, (c) => c.id, 'id');
    const tags = await records('tags', readTagRecord, (t) => t.name, 'name');
    const ids = new Set(documents.map((d) => d.id));
    checkOwners('notes', notes, ids);
    checkOwners('comments', comments, ids);
    return {
      ok: true,
      // the records are in the current shape now
      data: { format: BACKUP_FORMAT, schemaVersion: SCHEMA_VERSION, exportedAt: header.exportedAt, documents, notes, comments, tags },
    };
  } catch (e) {
    const r = e instanceof StorageError ? refuse('invalid', e.message, e.path) : refuse('invalid', String(e));
    const record = refusedRecord(file, r.path);
    return record ? { ...r, record } : r;
  }
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

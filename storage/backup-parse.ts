import { SCHEMA_VERSION } from './db';
import { StorageError } from './errors';
import { BACKUP_MAX_BYTES } from './limits';
import type { CommentRecord, DocumentRecord, NoteRecord, TagRecord } from './schema';
import * as v from 'valibot';
import { sha256Hex } from '../files/detect';
import { toBase64 } from '../shared/files-messages';
import type { FileRecord } from './files';
import { BackupFileEntry, BackupHeader, clip } from './schemas';
import {
  read,
  readBackupFileEntry,
  readCommentRecord,
  readDocumentRecord,
  readFateOverrideRecord,
  readNoteRecord,
  readTagRecord,
  readVersionLinkRecord,
  readVersionTextRecord,
} from './validate';
import type { FateOverrideRecord, VersionLinkRecord, VersionTextRecord } from './versions';

/** The `format` marker of a backup file. */
export const BACKUP_FORMAT = 'regdraft-backup';

/**
 * A backup: everything in the database except the notes in the bin, and the draft files when the reviewer
 * includes them. Serialise it with backupJson (a file's bytes become base64). The version lists and `files`
 * came later: a file written before them has none, and a backup that leaves the files out has no `files`.
 */
export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  schemaVersion: number;
  /** ISO 8601. */
  exportedAt: string;
  documents: DocumentRecord[];
  notes: NoteRecord[];
  comments: CommentRecord[];
  tags: TagRecord[];
  versionTexts: VersionTextRecord[];
  versionLinks: VersionLinkRecord[];
  fateOverrides: FateOverrideRecord[];
  /** The draft files with their bytes; absent when the backup leaves them out. */
  files?: FileRecord[];
}

/**
 * Returns the backup as JSON text (indented), a file's bytes as base64 (the form parseBackup reads). Never
 * throws for a BackupFile.
 */
export function backupJson(b: BackupFile): string {
  return JSON.stringify(b, (_key, value: unknown) => (value instanceof Uint8Array ? toBase64(value) : value), 2);
}

/** Why parseBackup refused a file (see parseBackup). */
export type BackupErrorCode = 'too-large' | 'not-json' | 'wrong-format' | 'wrong-version' | 'invalid';

/** The record of the file a refusal is about, named so the reviewer can find it (never shown as a path alone). */
export interface RefusedRecord {
  list: BackupList;
  /** Its index in that list (0-based). */
  index: number;
  /** A note's article label (第三条), a document's title, a tag's name, when the file has one. */
  label: string | null;
  /** The start of a note's suggestion or a comment's text, when the file has one. */
  text: string | null;
}

/** The lists of a backup file, in the order they are read. */
export type BackupList = 'documents' | 'notes' | 'comments' | 'tags' | 'versionTexts' | 'versionLinks' | 'fateOverrides' | 'files';

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
  const m = path === undefined ? null : /^(documents|notes|comments|tags|versionTexts|versionLinks|fateOverrides|files)\[(\d+)\]/.exec(path);
  if (!m) return undefined;
  const list = m[1] as RefusedRecord['list'];
  const index = Number(m[2]);
  const items = root[list];
  const r = Array.isArray(items) && isPlainObject(items[index]) ? items[index] : {};
  const article = isPlainObject(r.article) ? r.article : {};
  const label =
    list === 'notes' ? short(article.label)
    : list === 'tags' || list === 'files' ? short(r.name)
    : list === 'documents' || list === 'versionTexts' ? short(r.title)
    : null;
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
 * belongs to. The version lists (texts, links, overruled fates: their documents must be in the file) and
 * `files` may be absent (older files, or files left out); a file's base64 bytes must decode to `size` bytes
 * whose SHA-256 is its `sha256`, else 'invalid' at `files[i].bytes`. HTML in text fields is text and is kept. Every check is linear in the file's size; the records
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
  async function records<T>(key: BackupList, readOne: (x: unknown, path: string) => T, keyOf: (r: T) => string, keyField: string): Promise<T[]> {
    // a list added after version 1 of the file is absent from older files: none
    const list = (file[key] ?? []) as unknown[];
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
    const versionTexts = await records('versionTexts', readVersionTextRecord, (t) => t.documentId, 'documentId');
    const versionLinks = await records('versionLinks', readVersionLinkRecord, (l) => l.id, 'id');
    const fateOverrides = await records('fateOverrides', readFateOverrideRecord, (f) => JSON.stringify([f.from, f.to, f.noteId]), 'noteId');
    const entries = await records('files', readBackupFileEntry, (f) => f.sha256, 'sha256');
    const ids = new Set(documents.map((d) => d.id));
    checkOwners('notes', notes, ids);
    checkOwners('comments', comments, ids);
    checkOwners('versionTexts', versionTexts, ids);
    for (const end of ['from', 'to'] as const) {
      checkOwners('versionLinks', versionLinks, ids, end);
      checkOwners('fateOverrides', fateOverrides, ids, end);
    }
    const files = file.files === undefined ? undefined : await decodeFiles(entries, pause);
    const data: BackupFile = {
      format: BACKUP_FORMAT,
      schemaVersion: SCHEMA_VERSION,
      exportedAt: header.exportedAt,
      documents,
      notes,
      comments,
      tags,
      versionTexts,
      versionLinks,
      fateOverrides,
    };
    if (files) data.files = files;
    // the records are in the current shape now
    return { ok: true, data };
  } catch (e) {
    const r = e instanceof StorageError ? refuse('invalid', e.message, e.path) : refuse('invalid', String(e));
    const record = refusedRecord(file, r.path);
    return record ? { ...r, record } : r;
  }
}

/** Every note, comment and version record must belong to documents of the file (`field` names the reference). */
function checkOwners(kind: BackupList, list: readonly object[], documents: Set<string>, field: 'documentId' | 'from' | 'to' = 'documentId'): void {
  list.forEach((r, i) => {
    const id = (r as Record<string, string>)[field]!;
    if (!documents.has(id)) {
      const path = `${kind}[${i}].${field}`;
      throw new StorageError('invalid', `${path}: no document "${id}" in the file`, path);
    }
  });
}

/** Base64 characters decoded between two pauses (a multiple of 4: 1 MiB of text, 768 KiB of bytes). */
const DECODE_SLICE = 1024 * 1024;

/** Decodes base64 `b64` into `out`, a slice at a time with `pause` between slices, so saves go on meanwhile. */
async function decodeBase64(b64: string, out: Uint8Array, pause: () => Promise<void>): Promise<void> {
  let at = 0;
  for (let i = 0; i < b64.length; i += DECODE_SLICE) {
    const s = atob(b64.slice(i, i + DECODE_SLICE));
    for (let j = 0; j < s.length; j++) out[at++] = s.charCodeAt(j);
    if (i + DECODE_SLICE < b64.length) await pause();
  }
}

/**
 * Decodes the files' base64 bytes (in slices, see decodeBase64) and checks them: as many bytes as `size` says
 * (checked before decoding), and their SHA-256 equal to `sha256` (the key the notes of a file hang on).
 * Throws StorageError 'invalid' at `files[i].bytes` otherwise.
 */
async function decodeFiles(entries: v.InferOutput<typeof BackupFileEntry>[], pause: () => Promise<void>): Promise<FileRecord[]> {
  const out: FileRecord[] = [];
  for (const [i, { bytes: b64, ...meta }] of entries.entries()) {
    const path = `files[${i}].bytes`;
    const length = (b64.length / 4) * 3 - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
    if (length !== meta.size) throw new StorageError('invalid', `${path}: ${length} bytes, but size says ${meta.size}`, path);
    const bytes = new Uint8Array(length);
    await decodeBase64(b64, bytes, pause);
    const hash = await sha256Hex(bytes);
    if (hash !== meta.sha256) throw new StorageError('invalid', `${path}: the bytes' SHA-256 is ${hash}, not ${meta.sha256}`, path);
    out.push({ ...meta, bytes });
    await pause();
  }
  return out;
}

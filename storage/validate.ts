import type { Channels, Notice } from '../regulation/types';
import { StorageError } from './errors';
import * as L from './limits';
import {
  isStance,
  NOTICE_FIELDS,
  STANCES,
  type NoticeField,
  type ArticleRef,
  type CommentInput,
  type CommentRecord,
  type DocumentRecord,
  type NoteInput,
  type NoteRecord,
  type PassageRef,
  type TagRecord,
} from './schema';
import { normaliseTitle } from './title';
import { normaliseUrl } from './url';

/**
 * Hand-written readers for every record shape. Each takes an unknown value and the JSON path it sits at,
 * and returns a fresh object holding only the known fields (so `__proto__` and stray keys never travel
 * further), or throws StorageError ('invalid', or 'too-large' for a size limit) naming the first bad field.
 * Used on what callers send to NotesService and on every record of a backup.
 */

type Obj = Record<string, unknown>;

/** Keys that could reach an object's prototype when copied carelessly; refused wherever they appear. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const at = (path: string, key: string): string => (path ? `${path}.${key}` : key);
const bad = (path: string, message: string): StorageError =>
  new StorageError('invalid', `${path || 'input'}: ${message}`, path || undefined);
const tooLarge = (path: string, message: string): StorageError =>
  new StorageError('too-large', `${path || 'input'}: ${message}`, path || undefined);

const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function object(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(path, `expected an object, got ${typeName(v)}`);
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) throw bad(path, 'expected a plain object');
  for (const k of Object.keys(v)) if (FORBIDDEN_KEYS.has(k)) throw bad(at(path, k), `forbidden key "${k}"`);
  return v as Obj;
}

function str(v: unknown, p: string, max: number, min = 0): string {
  if (typeof v !== 'string') throw bad(p, `expected a string, got ${typeName(v)}`);
  if (v.length < min) throw bad(p, min === 1 ? 'must not be empty' : `must have at least ${min} characters`);
  if (v.length > max) throw tooLarge(p, `has ${v.length} characters; the limit is ${max}`);
  return v;
}

const string = (o: Obj, key: string, path: string, max: number, min = 0): string =>
  str(o[key], at(path, key), max, min);

function nullableString(o: Obj, key: string, path: string, max: number): string | null {
  return o[key] === null ? null : string(o, key, path, max);
}

function int(v: unknown, p: string, min: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw bad(p, `expected an integer, got ${typeof v === 'number' ? v : typeName(v)}`);
  if (v < min) throw bad(p, `must be at least ${min}`);
  return v;
}

const integer = (o: Obj, key: string, path: string, min: number): number => int(o[key], at(path, key), min);

const timestamp = (o: Obj, key: string, path: string): number => integer(o, key, path, 0);

function array(o: Obj, key: string, path: string, max: number): unknown[] {
  const v = o[key];
  if (!Array.isArray(v)) throw bad(at(path, key), `expected an array, got ${typeName(v)}`);
  if (v.length > max) throw bad(at(path, key), `has ${v.length} entries; the limit is ${max}`);
  return v;
}

/** Reads a record id: a non-empty string of at most ID_MAX_CHARS. Throws StorageError ('invalid' / 'too-large') at `path` otherwise. */
export function readId(v: unknown, path: string): string {
  return str(v, path, L.ID_MAX_CHARS, 1);
}

/** Reads a revision a caller last saw: an integer ≥ 0. Throws StorageError 'invalid' at `path` otherwise. */
export function readRevision(v: unknown, path: string): number {
  return int(v, path, 0);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
function date(o: Obj, key: string, path: string): string | null {
  const v = nullableString(o, key, path, 10);
  if (v !== null && !DATE.test(v)) throw bad(at(path, key), 'expected YYYY-MM-DD or null');
  return v;
}

/** Reads the Channels of a Notice (every field a string or null). Throws StorageError as described above. */
export function readChannels(v: unknown, path: string): Channels {
  const o = object(v, path);
  const s = (k: string) => nullableString(o, k, path, L.NOTICE_FIELD_MAX_CHARS);
  return {
    email: s('email'),
    subject: s('subject'),
    envelope: s('envelope'),
    address: s('address'),
    postcode: s('postcode'),
    phone: s('phone'),
    fax: s('fax'),
    web: s('web'),
  };
}

/** Reads a Notice (dates as YYYY-MM-DD or null). Throws StorageError as described above. */
export function readNotice(v: unknown, path: string): Notice {
  const o = object(v, path);
  const s = (k: string) => nullableString(o, k, path, L.NOTICE_FIELD_MAX_CHARS);
  return {
    title: s('title'),
    issuer: s('issuer'),
    published: date(o, 'published', path),
    deadline: date(o, 'deadline', path),
    channels: readChannels(o.channels, at(path, 'channels')),
  };
}

/** Reads an ArticleRef (number ≥ 1, sub ≥ 0, label non-empty, excerpt ≤ EXCERPT_MAX_CHARS). Throws StorageError. */
export function readArticleRef(v: unknown, path: string): ArticleRef {
  const o = object(v, path);
  return {
    number: integer(o, 'number', path, 1),
    sub: integer(o, 'sub', path, 0),
    label: string(o, 'label', path, L.LABEL_MAX_CHARS, 1),
    excerpt: string(o, 'excerpt', path, L.EXCERPT_MAX_CHARS),
  };
}

/** Reads a PassageRef or null (0 ≤ start ≤ end). Throws StorageError as described above. */
export function readPassageRef(v: unknown, path: string): PassageRef | null {
  if (v === null) return null;
  const o = object(v, path);
  const passage = {
    exact: string(o, 'exact', path, L.PASSAGE_MAX_CHARS),
    prefix: string(o, 'prefix', path, L.PASSAGE_CONTEXT_MAX_CHARS),
    suffix: string(o, 'suffix', path, L.PASSAGE_CONTEXT_MAX_CHARS),
    start: integer(o, 'start', path, 0),
    end: integer(o, 'end', path, 0),
  };
  if (passage.end < passage.start) throw bad(at(path, 'end'), 'must not be before start');
  return passage;
}

/**
 * Returns a tag name trimmed, or throws StorageError 'invalid' (at `path`) when it is not a string or is
 * empty or longer than TAG_MAX_CHARS once trimmed.
 */
export function readTagName(v: unknown, path: string): string {
  const name = str(v, path, Number.MAX_SAFE_INTEGER).trim();
  if (name.length < 1) throw bad(path, 'a tag must not be empty');
  if (name.length > L.TAG_MAX_CHARS) throw bad(path, `a tag has at most ${L.TAG_MAX_CHARS} characters`);
  return name;
}

/** Reads a note's tags: each trimmed, duplicates removed (first kept), at most TAGS_MAX_PER_NOTE. Throws StorageError. */
export function readTags(o: Obj, key: string, path: string): string[] {
  const list = array(o, key, path, Number.MAX_SAFE_INTEGER);
  const tags: string[] = [];
  list.forEach((t, i) => {
    const name = readTagName(t, `${at(path, key)}[${i}]`);
    if (!tags.includes(name)) tags.push(name);
  });
  if (tags.length > L.TAGS_MAX_PER_NOTE) throw bad(at(path, key), `a note has at most ${L.TAGS_MAX_PER_NOTE} tags`);
  return tags;
}

/** Reads text fields whose lengths add up to at most NOTE_TEXT_MAX_CHARS; 'too-large' names the field that crosses it. */
function texts<K extends string>(o: Obj, keys: readonly K[], path: string): Record<K, string> {
  const out = {} as Record<K, string>;
  let total = 0;
  for (const k of keys) {
    const s = string(o, k, path, Number.MAX_SAFE_INTEGER);
    total += s.length;
    if (total > L.NOTE_TEXT_MAX_CHARS) {
      throw tooLarge(at(path, k), `the note's text has more than ${L.NOTE_TEXT_MAX_CHARS} characters`);
    }
    out[k] = s;
  }
  return out;
}

/** Reads what a caller writes of a note (NoteInput). Throws StorageError ('invalid' / 'too-large') naming the field. */
export function readNoteInput(v: unknown, path = ''): NoteInput {
  const o = object(v, path);
  const documentId = readId(o.documentId, at(path, 'documentId'));
  const article = readArticleRef(o.article, at(path, 'article'));
  const passage = readPassageRef(o.passage, at(path, 'passage'));
  if (!isStance(o.stance)) throw bad(at(path, 'stance'), `expected one of ${STANCES.join(', ')}`);
  const { suggestion, reason, comment } = texts(o, ['suggestion', 'reason', 'comment'], path);
  const tags = readTags(o, 'tags', path);
  return { documentId, article, passage, stance: o.stance, suggestion, reason, comment, tags };
}

/** Reads a stored or exported NoteRecord. Throws StorageError naming the first bad field. */
export function readNoteRecord(v: unknown, path: string): NoteRecord {
  const o = object(v, path);
  const note: NoteRecord = {
    id: readId(o.id, at(path, 'id')),
    ...readNoteInput(o, path),
    createdAt: timestamp(o, 'createdAt', path),
    updatedAt: timestamp(o, 'updatedAt', path),
    revision: integer(o, 'revision', path, 1),
  };
  if (o.deleted !== undefined) note.deleted = timestamp(o, 'deleted', path);
  return note;
}

/** Reads what a caller writes of a general comment. Throws StorageError naming the field. */
export function readCommentInput(v: unknown, path = ''): CommentInput {
  const o = object(v, path);
  return { documentId: readId(o.documentId, at(path, 'documentId')), ...texts(o, ['text'], path) };
}

/** Reads a stored or exported CommentRecord. Throws StorageError naming the first bad field. */
export function readCommentRecord(v: unknown, path: string): CommentRecord {
  const o = object(v, path);
  return {
    id: readId(o.id, at(path, 'id')),
    ...readCommentInput(o, path),
    createdAt: timestamp(o, 'createdAt', path),
    updatedAt: timestamp(o, 'updatedAt', path),
    revision: integer(o, 'revision', path, 1),
  };
}

/** Reads a page URL (non-empty, ≤ URL_MAX_CHARS) and returns it normalised. Throws StorageError naming the field. */
export function readUrl(v: unknown, path: string): string {
  return normaliseUrl(str(v, path, L.URL_MAX_CHARS, 1));
}

/**
 * Reads an exported DocumentRecord: URLs are normalised again and `url` is added to `urls` when missing,
 * the title loses its whitespace. Throws StorageError naming the first bad field.
 */
export function readDocumentRecord(v: unknown, path: string): DocumentRecord {
  const o = object(v, path);
  const id = readId(o.id, at(path, 'id'));
  const url = readUrl(o.url, at(path, 'url'));
  const urls = [url];
  array(o, 'urls', path, L.URLS_MAX_PER_DOCUMENT).forEach((u, i) => {
    const normalised = readUrl(u, `${at(path, 'urls')}[${i}]`);
    if (!urls.includes(normalised)) urls.push(normalised);
  });
  const title = nullableString(o, 'title', path, L.NOTICE_FIELD_MAX_CHARS);
  const doc: DocumentRecord = {
    id,
    url,
    urls,
    title: normaliseTitle(title),
    notice: readNotice(o.notice, at(path, 'notice')),
    createdAt: timestamp(o, 'createdAt', path),
    updatedAt: timestamp(o, 'updatedAt', path),
  };
  if (o.corrections !== undefined) doc.corrections = readCorrections(o.corrections, at(path, 'corrections'));
  return doc;
}

/** Reads the reviewer's corrections of notice fields (optional; each a known field, a string within limits). */
function readCorrections(v: unknown, path: string): NonNullable<DocumentRecord['corrections']> {
  const o = object(v, path);
  const out: NonNullable<DocumentRecord['corrections']> = {};
  for (const k of Object.keys(o)) {
    if (!(NOTICE_FIELDS as readonly string[]).includes(k)) throw bad(at(path, k), 'not a notice field');
    out[k as NoticeField] = string(o, k, path, L.NOTICE_FIELD_MAX_CHARS);
  }
  return out;
}

const COLOR = /^#[0-9a-f]{6}$/i;

/** Reads a TagRecord (name trimmed, colour #rrggbb lowercased). Throws StorageError naming the first bad field. */
export function readTagRecord(v: unknown, path: string): TagRecord {
  const o = object(v, path);
  const name = readTagName(o.name, at(path, 'name'));
  const color = string(o, 'color', path, 7);
  if (!COLOR.test(color)) throw bad(at(path, 'color'), 'expected #rrggbb');
  return { name, color: color.toLowerCase() };
}

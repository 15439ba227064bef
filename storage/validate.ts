import * as v from 'valibot';
import type { Channels, Notice } from '../regulation/types';
import { StorageError } from './errors';
import type {
  ArticleRef,
  CommentInput,
  CommentRecord,
  DocumentRecord,
  NoteInput,
  NoteRecord,
  PassageRef,
  TagRecord,
} from './schema';
import * as S from './schemas';
import type { FateOverrideRecord, VersionLinkRecord, VersionTextRecord } from './versions';

/**
 * Readers for every record shape, built on the valibot schemas of schemas.ts. Each takes an unknown value and
 * the JSON path it sits at, and returns a fresh object holding only the known fields (so `__proto__` and
 * stray keys never travel further), or throws StorageError ('invalid', or 'too-large' for a size limit)
 * naming the first bad field (`notes[3].tags[1]`). Used on what callers send to NotesService and on every
 * record of a backup. Every reader is linear in the size of its input.
 */

export { FORBIDDEN_KEYS } from './schemas';

/** Returns an issue's path as `a.b[2].c` after `base`. */
export function issuePath(base: string, issue: v.BaseIssue<unknown>): string {
  let out = base;
  for (const item of issue.path ?? []) {
    const key = (item as { key?: unknown }).key;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** Returns the StorageError for a failed parse: 'too-large' for a string over its limit or a TOO_LARGE issue, else 'invalid'. */
export function issueError(base: string, issue: v.BaseIssue<unknown>): StorageError {
  const path = issuePath(base, issue);
  const tooLarge =
    issue.expected === S.TOO_LARGE || (issue.type === 'max_length' && typeof issue.input === 'string');
  return new StorageError(tooLarge ? 'too-large' : 'invalid', `${path || 'input'}: ${issue.message}`, path || undefined);
}

/** Parses `value` with `schema` (stopping at the first issue); returns its output or throws issueError. */
export function read<S extends v.GenericSchema>(schema: S, value: unknown, path: string): v.InferOutput<S> {
  const r = v.safeParse(schema, value, { abortEarly: true });
  if (r.success) return r.output;
  throw issueError(path, r.issues[0]);
}

/** Reads a record id: a non-empty string of at most ID_MAX_CHARS. Throws StorageError ('invalid' / 'too-large') at `path` otherwise. */
export const readId = (x: unknown, path: string): string => read(S.Id, x, path);

/** Reads a revision a caller last saw: an integer ≥ 0. Throws StorageError 'invalid' at `path` otherwise. */
export const readRevision = (x: unknown, path: string): number => read(S.BaseRevision, x, path);

/** Reads the Channels of a Notice (every field a string or null; longer than NOTICE_FIELD_MAX_CHARS: cut). Throws StorageError. */
export const readChannels = (x: unknown, path: string): Channels => read(S.Channels, x, path);

/** Reads a Notice (dates as YYYY-MM-DD or null; over-long fields cut with …). Throws StorageError as described above. */
export const readNotice = (x: unknown, path: string): Notice => read(S.Notice, x, path);

/** Reads an ArticleRef (number ≥ 1, sub ≥ 0, label non-empty, excerpt ≤ EXCERPT_MAX_CHARS). Throws StorageError. */
export const readArticleRef = (x: unknown, path: string): ArticleRef => read(S.ArticleRef, x, path);

/** Reads a PassageRef or null (0 ≤ start ≤ end). Throws StorageError as described above. */
export const readPassageRef = (x: unknown, path: string): PassageRef | null => read(S.PassageRef, x, path);

/**
 * Returns a tag name trimmed, or throws StorageError 'invalid' (at `path`) when it is not a string or is
 * empty or longer than TAG_MAX_CHARS once trimmed.
 */
export const readTagName = (x: unknown, path: string): string => read(S.TagName, x, path);

/** Reads a list of tags: each trimmed, duplicates removed (first kept), at most TAGS_MAX_PER_NOTE. Throws StorageError. */
export const readTags = (x: unknown, path: string): string[] => read(S.Tags, x, path);

/** Reads what a caller writes of a note (NoteInput). Throws StorageError ('invalid' / 'too-large') naming the field. */
export const readNoteInput = (x: unknown, path = ''): NoteInput => read(S.NoteInput, x, path);

/** Reads a stored or exported NoteRecord (revision 1 … REVISION_MAX). Throws StorageError naming the first bad field. */
export const readNoteRecord = (x: unknown, path: string): NoteRecord => read(S.NoteRecord, x, path);

/** Reads what a caller writes of a general comment. Throws StorageError naming the field. */
export const readCommentInput = (x: unknown, path = ''): CommentInput => read(S.CommentInput, x, path);

/** Reads a stored or exported CommentRecord. Throws StorageError naming the first bad field. */
export const readCommentRecord = (x: unknown, path: string): CommentRecord => read(S.CommentRecord, x, path);

/** Reads a page URL (non-empty, ≤ URL_MAX_CHARS) and returns it normalised. Throws StorageError naming the field. */
export const readUrl = (x: unknown, path: string): string => read(S.Url, x, path);

/** Reads a draft title from a page: cut to NOTICE_FIELD_MAX_CHARS, whitespace removed, null when empty. Throws StorageError. */
export const readTitle = (x: unknown, path: string): string | null => read(S.Title, x, path);

/**
 * Reads an exported DocumentRecord: URLs are normalised again and `url` is added to `urls` when missing,
 * the title loses its whitespace. Throws StorageError naming the first bad field.
 */
export const readDocumentRecord = (x: unknown, path: string): DocumentRecord => read(S.DocumentRecord, x, path);

/** Reads a TagRecord (name trimmed, colour #rrggbb lowercased). Throws StorageError naming the first bad field. */
export const readTagRecord = (x: unknown, path: string): TagRecord => read(S.TagRecord, x, path);

/** Reads a stored version's articles (VersionTextRecord; title cut like a page's). Throws StorageError naming the first bad field. */
export const readVersionTextRecord = (x: unknown, path: string): VersionTextRecord => read(S.VersionTextRecord, x, path);

/** Reads a link between two versions (never from a document to itself). Throws StorageError naming the first bad field. */
export const readVersionLinkRecord = (x: unknown, path: string): VersionLinkRecord => read(S.VersionLinkRecord, x, path);

/** Reads a fate the reviewer set by hand. Throws StorageError naming the first bad field. */
export const readFateOverrideRecord = (x: unknown, path: string): FateOverrideRecord => read(S.FateOverrideRecord, x, path);

/** Reads a backup's draft file entry, its bytes still base64 (decoded and checked by parseBackup). Throws StorageError. */
export const readBackupFileEntry = (x: unknown, path: string): v.InferOutput<typeof S.BackupFileEntry> => read(S.BackupFileEntry, x, path);

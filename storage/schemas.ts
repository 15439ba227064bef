import * as v from 'valibot';
import * as L from './limits';
import { NOTICE_FIELDS, STANCES, type NoticeField } from './schema';
import type { Fate } from '../versions/fates';
import { normaliseTitle } from './title';
import { normaliseUrl } from './url';

/**
 * The valibot schemas of every stored record and of what callers write (see validate.ts for the readers
 * built on them). Each output is a fresh object holding only the known fields. Every check is linear in the
 * size of its input: arrays are bounded before their items are read, tags are de-duplicated with a Set.
 * An issue whose `expected` is TOO_LARGE is a size limit (StorageError 'too-large'); every other one is 'invalid'.
 */

/** Keys that could reach an object's prototype when copied carelessly; refused wherever they appear. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The `expected` of an issue that is a size limit. */
export const TOO_LARGE = 'too-large';

const typeName = (x: unknown): string => (x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x);

/** A check that a value is a plain object (prototype Object.prototype or null) with none of FORBIDDEN_KEYS. */
const plainCheck = () =>
  v.rawCheck<unknown>(({ dataset, addIssue }) => {
    const o = dataset.value;
    if (typeof o !== 'object' || o === null || Array.isArray(o)) {
      addIssue({ message: `expected an object, got ${typeName(o)}` });
      return;
    }
    const proto: unknown = Object.getPrototypeOf(o);
    if (proto !== Object.prototype && proto !== null) {
      addIssue({ message: 'expected a plain object' });
      return;
    }
    for (const key of Object.keys(o)) {
      if (FORBIDDEN_KEYS.has(key)) {
        const value = (o as Record<string, unknown>)[key];
        addIssue({ message: `forbidden key "${key}"`, path: [{ type: 'object', origin: 'value', input: o as Record<string, unknown>, key, value }] });
        return;
      }
    }
  });

/** A plain object (see plainCheck), then `entries` read from it (other keys dropped). */
function plain<E extends v.ObjectEntries>(entries: E) {
  return v.pipe(v.unknown(), plainCheck(), v.object(entries));
}

/** A string of at most `max` UTF-16 code units (and at least `min`); longer is TOO_LARGE. */
const text = (max: number, min = 0) =>
  v.pipe(
    v.string((i) => `expected a string, got ${typeName(i.input)}`),
    v.minLength(min, min === 1 ? 'must not be empty' : `must have at least ${min} characters`),
    v.maxLength(max, (i) => `has ${i.input.length} characters; the limit is ${max}`),
  );

/**
 * Returns `s` cut to at most `max` code units, ending in … when cut (never splitting a surrogate pair).
 * Page data that is merely long (a notice field that swallowed a whole address list) is kept this way
 * rather than refused. Never throws.
 */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max - 1;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${s.slice(0, end)}…`;
}

/** A field read from a page: a string cut to NOTICE_FIELD_MAX_CHARS (see clip), or null. */
const pageField = v.nullable(v.pipe(v.string(), v.transform((s) => clip(s, L.NOTICE_FIELD_MAX_CHARS))));

const integer = (min: number, max: number = Number.MAX_SAFE_INTEGER) =>
  v.pipe(
    v.number((i) => `expected an integer, got ${typeName(i.input)}`),
    v.safeInteger((i) => `expected an integer, got ${String(i.input)}`),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, (i) => `${String(i.input)} is above the limit of ${max}`),
  );

/** A record id: 1–ID_MAX_CHARS characters. */
export const Id = text(L.ID_MAX_CHARS, 1);
/** A revision a caller last saw: an integer ≥ 0 (local revisions may pass REVISION_MAX by local edits). */
export const BaseRevision = integer(0);
/** A stored or exported revision: 1 … REVISION_MAX. */
const Revision = integer(1, L.REVISION_MAX);
const Timestamp = integer(0);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const date = v.nullable(v.pipe(v.string('expected YYYY-MM-DD or null'), v.regex(DATE, 'expected YYYY-MM-DD or null')));

export const Channels = plain({
  email: pageField,
  subject: pageField,
  envelope: pageField,
  address: pageField,
  postcode: pageField,
  phone: pageField,
  fax: pageField,
  web: pageField,
});

/** A Notice; over-long fields are cut (clip), dates are YYYY-MM-DD or null. */
export const Notice = plain({
  title: pageField,
  issuer: pageField,
  published: date,
  deadline: date,
  channels: Channels,
});

export const ArticleRef = plain({
  number: integer(1),
  sub: integer(0),
  label: text(L.LABEL_MAX_CHARS, 1),
  excerpt: text(L.EXCERPT_MAX_CHARS),
});

export const PassageRef = v.nullable(
  v.pipe(
    plain({
      exact: text(L.PASSAGE_MAX_CHARS),
      prefix: text(L.PASSAGE_CONTEXT_MAX_CHARS),
      suffix: text(L.PASSAGE_CONTEXT_MAX_CHARS),
      start: integer(0),
      end: integer(0),
    }),
    v.forward(
      v.check((p) => p.end >= p.start, 'must not be before start'),
      ['end'],
    ),
  ),
);

/** A tag name, trimmed: 1–TAG_MAX_CHARS characters once trimmed. */
export const TagName = v.pipe(
  v.string((i) => `expected a string, got ${typeName(i.input)}`),
  v.trim(),
  v.check((s) => s.length >= 1, 'a tag must not be empty'),
  v.check((s) => s.length <= L.TAG_MAX_CHARS, `a tag has at most ${L.TAG_MAX_CHARS} characters`),
);

/** An array, not read yet: its length can be bounded before any item is (v.array would walk every item first). */
const list = () => v.custom<unknown[]>(Array.isArray, (i) => `expected an array, got ${typeName(i.input)}`);

/**
 * A note's tags: each trimmed, duplicates removed (first kept; a Set, so linear), at most TAGS_MAX_PER_NOTE
 * once de-duplicated. A list of more than TAGS_MAX_RAW entries is refused before any is read. The items are
 * read in one loop (a tag list is the one place a crafted file packs millions of tiny values).
 */
export const Tags = v.pipe(
  list(),
  v.maxLength(L.TAGS_MAX_RAW, `a note has at most ${L.TAGS_MAX_PER_NOTE} tags`),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const input = dataset.value;
    const seen = new Set<string>();
    for (let key = 0; key < input.length; key++) {
      const value = input[key];
      const name = typeof value === 'string' ? value.trim() : null;
      const problem =
        name === null ? `expected a string, got ${typeName(value)}`
        : name.length < 1 ? 'a tag must not be empty'
        : name.length > L.TAG_MAX_CHARS ? `a tag has at most ${L.TAG_MAX_CHARS} characters`
        : null;
      if (problem !== null) {
        addIssue({ message: problem, path: [{ type: 'array', origin: 'value', input, key, value }] });
        return NEVER;
      }
      seen.add(name!);
    }
    return [...seen];
  }),
  v.check((tags) => tags.length <= L.TAGS_MAX_PER_NOTE, `a note has at most ${L.TAGS_MAX_PER_NOTE} tags`),
);

const Stance = v.picklist(STANCES, `expected one of ${STANCES.join(', ')}`);

/** The text fields of a note or comment add up to at most NOTE_TEXT_MAX_CHARS; the issue names the field that crosses it. */
function textTotal<T extends object>(keys: readonly (keyof T & string)[]) {
  return v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const o = dataset.value as T & Record<string, string>;
    let total = 0;
    for (const key of keys) {
      total += o[key].length;
      if (total > L.NOTE_TEXT_MAX_CHARS) {
        addIssue({
          message: `the note's text has more than ${L.NOTE_TEXT_MAX_CHARS} characters`,
          expected: TOO_LARGE,
          path: [{ type: 'object', origin: 'value', input: o, key, value: o[key] }],
        });
        return;
      }
    }
  });
}

const noteInputEntries = {
  documentId: Id,
  article: ArticleRef,
  passage: PassageRef,
  stance: Stance,
  suggestion: v.string((i) => `expected a string, got ${typeName(i.input)}`),
  reason: v.string((i) => `expected a string, got ${typeName(i.input)}`),
  comment: v.string((i) => `expected a string, got ${typeName(i.input)}`),
  tags: Tags,
};

const NOTE_TEXTS = ['suggestion', 'reason', 'comment'] as const;
const noteInputObject = plain(noteInputEntries);
const noteRecordObject = plain({
  id: Id,
  ...noteInputEntries,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  revision: Revision,
  deleted: v.optional(Timestamp),
});

/** What a caller writes of a note. */
export const NoteInput = v.pipe(noteInputObject, textTotal<v.InferOutput<typeof noteInputObject>>(NOTE_TEXTS));

/** A stored or exported note; `deleted` only when in the bin. */
export const NoteRecord = v.pipe(
  noteRecordObject,
  textTotal<v.InferOutput<typeof noteRecordObject>>(NOTE_TEXTS),
  v.transform(({ deleted, ...rest }) => (deleted === undefined ? rest : { ...rest, deleted })),
);

const commentText = { text: v.string((i) => `expected a string, got ${typeName(i.input)}`) };

const commentInputObject = plain({ documentId: Id, ...commentText });
const commentRecordObject = plain({ id: Id, documentId: Id, ...commentText, createdAt: Timestamp, updatedAt: Timestamp, revision: Revision });

/** What a caller writes of a general comment. */
export const CommentInput = v.pipe(commentInputObject, textTotal<v.InferOutput<typeof commentInputObject>>(['text']));

/** A stored or exported general comment. */
export const CommentRecord = v.pipe(commentRecordObject, textTotal<v.InferOutput<typeof commentRecordObject>>(['text']));

/** A page URL (1–URL_MAX_CHARS), normalised. */
export const Url = v.pipe(text(L.URL_MAX_CHARS, 1), v.transform(normaliseUrl));

/** A document title from a page: cut (clip), whitespace removed, null when empty. */
export const Title = v.pipe(pageField, v.transform((t: string | null) => normaliseTitle(t)));

/** The reviewer's corrections of notice fields: only known fields ('' means "none"), each within the field limit. */
const Corrections = v.pipe(
  v.unknown(),
  plainCheck(),
  v.rawCheck<unknown>(({ dataset, addIssue }) => {
    const o = dataset.value;
    if (typeof o !== 'object' || o === null) return; // plainCheck said so
    for (const key of Object.keys(o)) {
      if (!(NOTICE_FIELDS as readonly string[]).includes(key)) {
        const input = o as Record<string, unknown>;
        addIssue({ message: 'not a notice field', path: [{ type: 'object', origin: 'key', input, key, value: input[key] }] });
        return;
      }
    }
  }),
  v.record(v.string(), text(L.NOTICE_FIELD_MAX_CHARS)),
  v.transform((o) => o as Partial<Record<NoticeField, string>>),
);

/**
 * An exported document: URLs normalised again, `url` added to `urls` when missing (each once), the title
 * without whitespace.
 */
export const DocumentRecord = v.pipe(
  plain({
    id: Id,
    url: Url,
    urls: v.pipe(
      list(),
      v.maxLength(L.URLS_MAX_PER_DOCUMENT, (i) => `has ${i.input.length} entries; the limit is ${L.URLS_MAX_PER_DOCUMENT}`),
      v.array(Url),
    ),
    title: Title,
    notice: Notice,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    corrections: v.optional(Corrections),
  }),
  v.transform(({ corrections, ...d }) => ({ ...d, urls: [...new Set([d.url, ...d.urls])], ...(corrections ? { corrections } : {}) })),
);

const COLOR = /^#[0-9a-f]{6}$/i;

/** A tag and its colour (#rrggbb, lowercased). */
export const TagRecord = plain({
  name: TagName,
  color: v.pipe(v.string(), v.regex(COLOR, 'expected #rrggbb'), v.toLowerCase()),
});

/** The fates a reviewer may set by hand (versions/fates.ts FATES; a test keeps the two lists equal). */
export const FATE_NAMES = ['adopted', 'modified', 'unchanged', 'deleted'] as const satisfies readonly Fate[];

/** One article of a stored version (storage/versions.ts StoredArticle): the bounds VersionsStore.saveText checks. */
const StoredArticle = plain({
  number: integer(Number.MIN_SAFE_INTEGER),
  sub: integer(Number.MIN_SAFE_INTEGER),
  label: text(L.LABEL_MAX_CHARS),
  title: v.nullable(text(L.VERSION_ARTICLE_TITLE_MAX_CHARS)),
  text: text(L.VERSION_ARTICLE_MAX_CHARS),
});

/** The articles of one version of a document, as last read (storage/versions.ts VersionTextRecord). */
export const VersionTextRecord = plain({
  documentId: Id,
  title: pageField,
  articles: v.pipe(
    list(),
    v.maxLength(L.VERSION_ARTICLES_MAX, (i) => `has ${i.input.length} articles; the limit is ${L.VERSION_ARTICLES_MAX}`),
    v.array(StoredArticle),
  ),
  savedAt: Timestamp,
});

/** The notes carried over a link: new note id -> the note it came from (plain keys only). */
const Carried = v.pipe(v.unknown(), plainCheck(), v.record(Id, Id));

/** "`to` is the next version of `from`", as the reviewer linked them (storage/versions.ts VersionLinkRecord). */
export const VersionLinkRecord = v.pipe(
  plain({ id: Id, from: Id, to: Id, createdAt: Timestamp, carried: Carried }),
  v.forward(
    v.check((l) => l.from !== l.to, 'a document is not its own version'),
    ['to'],
  ),
);

/** A fate the reviewer set by hand (storage/versions.ts FateOverrideRecord). */
export const FateOverrideRecord = plain({
  from: Id,
  to: Id,
  noteId: Id,
  fate: v.picklist(FATE_NAMES, `expected one of ${FATE_NAMES.join(', ')}`),
  updatedAt: Timestamp,
});

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * A draft file as a backup carries it: its bytes in base64 (checked against `sha256` and `size` when they are
 * decoded, see backup-parse.ts). Metadata as storage/files.ts FileRecord.
 */
export const BackupFileEntry = plain({
  sha256: v.pipe(v.string('expected 64 hex digits'), v.regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits')),
  name: v.pipe(v.string('expected a string'), v.transform((s) => clip(s, L.NOTICE_FIELD_MAX_CHARS))),
  kind: v.picklist(['pdf', 'docx'], 'expected pdf or docx'),
  size: integer(0, L.FILE_MAX_BYTES),
  bytes: v.pipe(
    v.string('expected base64 text'),
    v.check((s) => s.length % 4 === 0 && BASE64.test(s), 'expected base64 text'),
  ),
  source: v.nullable(v.pipe(v.string('expected a string or null'), v.transform((s) => clip(s, L.URL_MAX_CHARS)))),
  notice: v.nullable(v.pipe(v.string('expected a string or null'), v.transform((s) => clip(s, L.URL_MAX_CHARS)))),
  savedAt: Timestamp,
});

/**
 * The top of a backup file, read once its `format` is known: a schema version (≥ 1; whether this release
 * reads it is decided after), an ISO date, and the four lists (their records are read one by one after).
 * The version lists and the files came later: a file without them has none.
 */
export const BackupHeader = plain({
  schemaVersion: integer(1),
  exportedAt: v.pipe(
    v.string('expected an ISO date'),
    v.check((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO date'),
  ),
  documents: list(),
  notes: list(),
  comments: list(),
  tags: list(),
  versionTexts: v.optional(list()),
  versionLinks: v.optional(list()),
  fateOverrides: v.optional(list()),
  files: v.optional(list()),
});

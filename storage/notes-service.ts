import type { Table } from 'dexie';
import type { ReviewDB } from './db';
import { clearChanges, correctField, linkPage, openDocument, openPage, type OpenDocumentInput, type PageOpen } from './documents';
import { guard, StorageError } from './errors';
import { byArticle } from './note-order';
import type { CommentInput, CommentRecord, DocumentRecord, NoteInput, NoteRecord, NoticeField, TagRecord } from './schema';
import * as tags from './tags';
import { readCommentInput, readId, readNoteInput, readRevision } from './validate';

/** What notes and comments share: the revision rule applies to both. */
type VersionedRecord = { id: string; documentId: string; revision: number; createdAt: number; updatedAt: number };

/** A save that carries the revision the editor started from; omit both for a new record. */
export type Versioned<T> = T & { id?: string; baseRevision?: number };

/** saveNote's answer: written, or refused because the note changed since `baseRevision` (both versions given). */
export type SaveNoteResult =
  | { ok: true; note: NoteRecord }
  | { ok: false; conflict: { mine: NoteInput; theirs: NoteRecord } };

/** saveComment's answer, like SaveNoteResult. */
export type SaveCommentResult =
  | { ok: true; comment: CommentRecord }
  | { ok: false; conflict: { mine: CommentInput; theirs: CommentRecord } };

/** Injection points for tests; production code passes nothing. */
export interface NotesServiceOptions {
  /** The clock (ms since the epoch); tests pin it. */
  now?: () => number;
  /** Id factory for new records; crypto.randomUUID by default. */
  newId?: () => string;
}

const notFound = (what: string, id: string) => new StorageError('not-found', `No ${what} with id "${id}"`, 'id');

/**
 * The write side of the review database, for the background service worker (the only writer). Every method
 * validates its input, runs in one transaction, and throws StorageError: 'invalid' / 'too-large' for bad
 * input (nothing is written, nothing truncated), 'not-found' for a missing record, 'quota' when the browser
 * refuses to store more, 'closed' when the database is closed. Other errors are bugs and pass unchanged.
 * Constructing it opens nothing and never throws.
 */
export class NotesService {
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(
    readonly db: ReviewDB,
    options: NotesServiceOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? (() => crypto.randomUUID());
  }

  /**
   * Returns the document of a page: found by normalised URL, else by equal non-null draft title on the same
   * site (the URL is then linked to it), else created. Throws StorageError as described on the class.
   */
  openDocument(input: OpenDocumentInput): Promise<DocumentRecord> {
    return guard(() => openDocument(this.db, this.now(), this.newId, input));
  }

  /** Opens a page as a tab's reader does: its document, or the question when only another site has its title (see openPage). */
  openPage(input: OpenDocumentInput, options: { separate?: boolean } = {}): Promise<PageOpen> {
    return guard(() => openPage(this.db, this.now(), this.newId, input, options));
  }

  /** The reviewer said the page is document `documentId` (see linkPage). */
  linkPage(documentId: string, url: string): Promise<DocumentRecord> {
    return guard(() => linkPage(this.db, this.now(), readId(documentId, 'documentId'), url));
  }

  /** Stores (or, with null, removes) the reviewer's correction of a notice field (see correctField). */
  correctField(documentId: string, field: NoticeField, value: string | null): Promise<DocumentRecord> {
    return guard(() => correctField(this.db, this.now(), readId(documentId, 'documentId'), field, value));
  }

  /** Forgets the document's last `changes` (the reviewer saw them). */
  clearChanges(documentId: string): Promise<DocumentRecord> {
    return guard(() => clearChanges(this.db, readId(documentId, 'documentId')));
  }

  /** Returns the document with this id, or undefined. Throws StorageError 'closed' / 'invalid'. */
  getDocument(id: string): Promise<DocumentRecord | undefined> {
    return guard(async () => this.db.documents.get(readId(id, 'id')));
  }

  /**
   * Returns the notes of a document that are not in the bin, in article order (then oldest first); only
   * those of article `articleNumber` when given. Throws StorageError 'closed' / 'invalid'.
   */
  listNotes(documentId: string, articleNumber?: number): Promise<NoteRecord[]> {
    return guard(async () => {
      const doc = readId(documentId, 'documentId');
      if (articleNumber !== undefined) readRevision(articleNumber, 'articleNumber');
      const query =
        articleNumber === undefined
          ? this.db.notes.where('documentId').equals(doc)
          : this.db.notes.where('[documentId+article.number]').equals([doc, articleNumber]);
      const notes = await query.filter((n) => n.deleted === undefined).toArray();
      return notes.sort(byArticle);
    });
  }

  /** Returns the note with this id, in the bin or not (check `deleted`), or undefined. Throws StorageError 'closed' / 'invalid'. */
  getNote(id: string): Promise<NoteRecord | undefined> {
    return guard(async () => this.db.notes.get(readId(id, 'id')));
  }

  /**
   * Creates a note (no `id`, or an `id` not stored yet: revision 1) or updates one. An update is written only
   * when `baseRevision` equals the stored revision; otherwise nothing is written and the answer carries both
   * versions. A written note gets revision + 1 and a new updatedAt; its tags are created when missing. A note
   * in the bin stays there. Throws StorageError: 'invalid' / 'too-large' for bad input, 'not-found' for an
   * unknown document (or an unknown id with a baseRevision above 0), 'invalid' when an update names another
   * document, 'quota' / 'closed'.
   */
  saveNote(input: Versioned<NoteInput>): Promise<SaveNoteResult> {
    return guard(async () => {
      const mine = readNoteInput(input);
      const db = this.db;
      return db.transaction('rw', db.documents, db.notes, db.tags, async (): Promise<SaveNoteResult> => {
        const r = await this.putVersioned(db.notes, 'note', mine, input, () => tags.ensureTags(db, mine.tags));
        return r.ok ? { ok: true, note: r.record } : { ok: false, conflict: { mine, theirs: r.theirs } };
      });
    });
  }

  /**
   * Moves a note to the bin: sets `deleted` to now and bumps revision and updatedAt (restoreNote undoes it).
   * Returns the note as stored; a note already in the bin comes back unchanged. Throws StorageError
   * 'not-found' / 'invalid' / 'quota' / 'closed'.
   */
  deleteNote(id: string): Promise<NoteRecord> {
    return this.updateNote(id, (n, now) =>
      n.deleted !== undefined ? n : { ...n, deleted: now, updatedAt: now, revision: n.revision + 1 },
    );
  }

  /**
   * Takes a note out of the bin (clears `deleted`, bumps revision and updatedAt). Returns the note as stored;
   * a note not in the bin comes back unchanged. Throws StorageError 'not-found' / 'invalid' / 'quota' / 'closed'.
   */
  restoreNote(id: string): Promise<NoteRecord> {
    return this.updateNote(id, (n, now) => {
      if (n.deleted === undefined) return n;
      const { deleted: _deleted, ...rest } = n;
      return { ...rest, updatedAt: now, revision: n.revision + 1 };
    });
  }

  private updateNote(id: string, change: (n: NoteRecord, now: number) => NoteRecord): Promise<NoteRecord> {
    return guard(async () => {
      const key = readId(id, 'id');
      const db = this.db;
      return db.transaction('rw', db.notes, async () => {
        const stored = await db.notes.get(key);
        if (!stored) throw notFound('note', key);
        const next = change(stored, this.now());
        if (next !== stored) await db.notes.put(next);
        return next;
      });
    });
  }

  /**
   * Deletes for good the notes that went to the bin at least `olderThanMs` ago (0: the whole bin). Returns
   * how many. Throws StorageError 'invalid' for a negative or non-finite age, 'closed'.
   */
  purgeDeleted(olderThanMs: number): Promise<number> {
    return guard(async () => {
      if (typeof olderThanMs !== 'number' || !(olderThanMs >= 0) || !Number.isFinite(olderThanMs)) {
        throw new StorageError('invalid', 'olderThanMs: expected a number ≥ 0', 'olderThanMs');
      }
      const cutoff = this.now() - olderThanMs;
      return this.db.transaction('rw', this.db.notes, () => this.db.notes.where('deleted').belowOrEqual(cutoff).delete());
    });
  }

  /**
   * Creates or updates a general comment (总体意见) with the same revision rule as saveNote. Throws
   * StorageError: 'invalid' / 'too-large' (text over NOTE_TEXT_MAX_CHARS), 'not-found' for an unknown
   * document, 'quota' / 'closed'.
   */
  saveComment(input: Versioned<CommentInput>): Promise<SaveCommentResult> {
    return guard(async () => {
      const mine = readCommentInput(input);
      const db = this.db;
      return db.transaction('rw', db.documents, db.comments, async (): Promise<SaveCommentResult> => {
        const r = await this.putVersioned(db.comments, 'comment', mine, input);
        return r.ok ? { ok: true, comment: r.record } : { ok: false, conflict: { mine, theirs: r.theirs } };
      });
    });
  }

  /**
   * The revision rule shared by notes and comments, inside the caller's transaction: a new record gets
   * revision 1; an update is written only when `baseRevision` equals the stored revision (else the stored
   * record comes back as `theirs`), and gets revision + 1. Throws StorageError 'not-found' for an unknown
   * document or an unknown id with a baseRevision above 0, 'invalid' when an update names another document.
   */
  private async putVersioned<R extends VersionedRecord, I extends { documentId: string }>(
    table: Table<R, string>,
    what: 'note' | 'comment',
    mine: I,
    input: { id?: string; baseRevision?: number },
    beforePut?: () => Promise<unknown>,
  ): Promise<{ ok: true; record: R } | { ok: false; theirs: R }> {
    const id = input.id === undefined ? undefined : readId(input.id, 'id');
    const base = input.baseRevision === undefined ? undefined : readRevision(input.baseRevision, 'baseRevision');
    if (!(await this.db.documents.get(mine.documentId))) {
      throw new StorageError('not-found', `No document with id "${mine.documentId}"`, 'documentId');
    }
    const stored = id === undefined ? undefined : await table.get(id);
    const now = this.now();
    let record: R;
    if (!stored) {
      if (id !== undefined && base !== undefined && base > 0) throw notFound(what, id);
      record = { id: id ?? this.newId(), ...mine, createdAt: now, updatedAt: now, revision: 1 } as unknown as R;
    } else {
      if (stored.documentId !== mine.documentId) {
        throw new StorageError('invalid', `documentId: a ${what} cannot move to another document`, 'documentId');
      }
      if (base !== stored.revision) return { ok: false, theirs: stored };
      record = { ...stored, ...mine, updatedAt: now, revision: stored.revision + 1 };
    }
    await beforePut?.();
    await table.put(record);
    return { ok: true, record };
  }

  /** Returns the general comments of a document, oldest first. Throws StorageError 'closed' / 'invalid'. */
  listComments(documentId: string): Promise<CommentRecord[]> {
    return guard(async () => {
      const list = await this.db.comments.where('documentId').equals(readId(documentId, 'documentId')).toArray();
      return list.sort((a, b) => a.createdAt - b.createdAt);
    });
  }

  /**
   * Deletes a general comment for good and returns it as it was (to offer undo by saving it again with its
   * id). Throws StorageError 'not-found' / 'invalid' / 'closed'.
   */
  deleteComment(id: string): Promise<CommentRecord> {
    return guard(async () => {
      const key = readId(id, 'id');
      return this.db.transaction('rw', this.db.comments, async () => {
        const stored = await this.db.comments.get(key);
        if (!stored) throw notFound('comment', key);
        await this.db.comments.delete(key);
        return stored;
      });
    });
  }

  /** Returns every tag with the number of notes (not in the bin) carrying it, sorted by name. Throws StorageError 'closed'. */
  listTags(): Promise<tags.TagWithCount[]> {
    return guard(() => tags.listTags(this.db));
  }

  /**
   * Creates the missing tags of `names` with a palette colour; returns the records of all of them (trimmed,
   * each once, in the order given). Throws StorageError 'invalid' for an empty or over-long name, 'closed'.
   */
  ensureTags(names: readonly string[]): Promise<TagRecord[]> {
    return guard(() => tags.ensureTags(this.db, names));
  }

  /**
   * Renames a tag on every note (a merge when `to` exists). Returns the number of notes changed. Throws
   * StorageError 'invalid' for a bad name, 'not-found' when `from` does not exist, 'closed'.
   */
  renameTag(from: string, to: string): Promise<number> {
    return guard(() => tags.renameTag(this.db, this.now(), from, to));
  }

  /**
   * Replaces the tags `sources` with `target` on every note and deletes them. Returns the number of notes
   * changed. Throws StorageError 'invalid' for a bad name, 'not-found' when no source exists, 'closed'.
   */
  mergeTags(sources: readonly string[], target: string): Promise<number> {
    return guard(() => tags.mergeTags(this.db, this.now(), sources, target));
  }

  /** Deletes a tag and removes it from every note. Returns the number of notes changed. Throws StorageError 'invalid' / 'closed'. */
  deleteTag(name: string): Promise<number> {
    return guard(() => tags.deleteTag(this.db, this.now(), name));
  }
}

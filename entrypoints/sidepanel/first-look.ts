import type { FirstNotes } from '../../shared/messages';
import { DB_NAME, type NoteRecord } from '../../storage/schema';

/*
 * The notes view's first look: the first cards and the count of a draft's notes, read raw from IndexedDB, without
 * Dexie: the panel reads it as its script starts (early.ts), while Dexie is still to load (live.ts).
 */

/** How many notes the first look reads: a few screens of cards. */
export const FIRST_LOOK_NOTES = 40;

/**
 * The first notes of a draft and how many it has, shown before the whole list: up to FIRST_LOOK_NOTES notes in
 * article-number order (the page's order unless the draft was renumbered), and the count of the draft's notes, those
 * in the bin left out. From the page when it has its notes (early.ts), else read here (firstLook).
 */
export type FirstLook = FirstNotes;

/** Where the first look reads: the production database unless a test names another. */
let firstLookDB = DB_NAME;
/** For tests: the database the first look reads. */
export function setFirstLookDB(name: string): void {
  firstLookDB = name;
}

const opened = new Map<string, Promise<IDBDatabase>>();
/**
 * The review database opened raw, for reading only (every write goes to the background). Never creates it: a panel
 * opened before the background made it finds none (rejects). Closed when the background wants to upgrade it.
 */
export function openRaw(name: string = firstLookDB): Promise<IDBDatabase> {
  let p = opened.get(name);
  if (p) return p;
  p = new Promise<IDBDatabase>((ok, no) => {
    const req = indexedDB.open(name);
    // no such database yet: leave making it to the background (the open then fails, and nothing is made)
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onsuccess = () => {
      const db = req.result;
      db.onversionchange = () => {
        db.close();
        if (opened.get(name) === p) opened.delete(name);
      };
      ok(db);
    };
    req.onerror = () => no(req.error);
  });
  opened.set(name, p);
  p.catch(() => opened.get(name) === p && opened.delete(name));
  return p;
}

const asked = <T>(req: IDBRequest<T>) =>
  new Promise<T>((ok, no) => {
    req.onsuccess = () => ok(req.result);
    req.onerror = () => no(req.error);
  });

/**
 * The first screens of a draft's notes and their count, in three short reads of one transaction: reading every note of
 * a long review takes a while (3,000 notes: 85 to 160 ms of IndexedDB alone on the test machine, about 200 ms through
 * Dexie, before any is drawn), the first cards and the count take a few milliseconds. Read raw, through the indexes
 * Dexie declared (storage/db.ts), so that it needs no Dexie. Never throws: null when the database cannot be read (the
 * whole list says why).
 */
export async function firstLook(documentId: string): Promise<FirstLook | null> {
  try {
    const db = await openRaw();
    const notes = db.transaction('notes', 'readonly').objectStore('notes');
    const [first, all, bin] = await Promise.all([
      // [documentId, any article number]: an array key sorts after every number
      asked(notes.index('[documentId+article.number]').getAll(IDBKeyRange.bound([documentId, -Infinity], [documentId, []]), FIRST_LOOK_NOTES)),
      asked(notes.index('documentId').count(IDBKeyRange.only(documentId))),
      // the bin over all drafts (live notes have no `deleted`, so the index holds only the bin) is short
      asked(notes.index('deleted').getAll()),
    ]);
    const binned = (bin as NoteRecord[]).filter((n) => n.documentId === documentId).length;
    return { notes: (first as NoteRecord[]).filter((n) => n.deleted === undefined), count: all - binned };
  } catch {
    return null;
  }
}

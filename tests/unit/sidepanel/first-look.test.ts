import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import { FIRST_LOOK_NOTES, firstLook, openRaw, setFirstLookDB } from '../../../entrypoints/sidepanel/first-look';
import { openReviewDB, type NoteRecord, type ReviewDB } from '../../../storage';
import { noteRecord } from './note-record';

/** The notes view's first look: the first cards in article order and the count, before the whole list is read. */
let db: ReviewDB | null = null;
afterEach(async () => {
  if (db) (await openRaw(db.name).catch(() => null))?.close();
  db?.close();
  if (db) await db.delete();
  db = null;
});

const note = noteRecord;

describe('firstLook', () => {
  test('the first notes by article number, and the draft\'s count without the bin or other drafts', async () => {
    db = openReviewDB(`first-look-${Math.random()}`);
    setFirstLookDB(db.name);
    const notes: NoteRecord[] = [];
    // 300 notes written in a shuffled order, three of them in the bin; another draft's notes beside them
    for (let k = 0; k < 300; k++) notes.push(note(`n${k}`, 'doc', ((k * 37) % 300) + 1, k < 3 ? 1 : undefined));
    for (let k = 0; k < 50; k++) notes.push(note(`o${k}`, 'other', k + 1));
    await db.notes.bulkPut(notes);
    const look = (await firstLook('doc'))!;
    expect(look.count).toBe(297);
    expect(look.notes.length).toBeLessThanOrEqual(FIRST_LOOK_NOTES);
    expect(look.notes.length).toBeGreaterThanOrEqual(FIRST_LOOK_NOTES - 3);
    const numbers = look.notes.map((n) => n.article.number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(look.notes.every((n) => n.documentId === 'doc' && n.deleted === undefined)).toBe(true);
    // the notes of the first articles: what the list shows at its top
    const live = notes.filter((n) => n.documentId === 'doc' && n.deleted === undefined).map((n) => n.article.number).sort((a, b) => a - b);
    expect(numbers).toEqual(live.slice(0, numbers.length));
  });

  test('a draft without notes: nothing, counted 0', async () => {
    db = openReviewDB(`first-look-${Math.random()}`);
    await db.open();
    setFirstLookDB(db.name);
    expect(await firstLook('none')).toEqual({ notes: [], count: 0 });
  });

  test('no database yet (a panel opened before the background made it): null, and the look makes none', async () => {
    const name = `first-look-none-${Math.random()}`;
    setFirstLookDB(name);
    expect(await firstLook('doc')).toBeNull();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
    // the background then makes it at its version, as if the look had never been
    db = openReviewDB(name);
    await db.notes.put(note('n1', 'doc', 1));
    expect((await firstLook('doc'))?.count).toBe(1);
  });

  test('the raw connection gives way when the background upgrades the database', async () => {
    db = openReviewDB(`first-look-${Math.random()}`);
    await db.notes.put(note('n1', 'doc', 1));
    setFirstLookDB(db.name);
    expect((await firstLook('doc'))?.count).toBe(1);
    db.close();
    // a newer schema opened elsewhere: without the look's connection closing, this open would wait for ever
    const upgraded = await new Promise<IDBDatabase>((ok, no) => {
      const req = indexedDB.open(db!.name, db!.verno * 10 + 1);
      req.onsuccess = () => ok(req.result);
      req.onerror = () => no(req.error);
    });
    upgraded.close();
    expect((await firstLook('doc'))?.count).toBe(1);
  });
});

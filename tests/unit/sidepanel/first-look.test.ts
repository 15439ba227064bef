import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import { FIRST_LOOK_NOTES, firstLook } from '../../../entrypoints/sidepanel/live';
import { openReviewDB, type NoteRecord, type ReviewDB } from '../../../storage';

/** The notes view's first look: the first cards in article order and the count, before the whole list is read. */
let db: ReviewDB | null = null;
afterEach(async () => {
  db?.close();
  if (db) await db.delete();
  db = null;
});

const note = (id: string, documentId: string, number: number, deleted?: number): NoteRecord =>
  ({
    id,
    documentId,
    article: { number, sub: 0, label: `第${number}条`, excerpt: '' },
    passage: null,
    stance: 'modify',
    suggestion: '',
    reason: '',
    comment: '',
    tags: [],
    createdAt: number,
    updatedAt: number,
    revision: 1,
    ...(deleted === undefined ? {} : { deleted }),
  }) as NoteRecord;

describe('firstLook', () => {
  test('the first notes by article number, and the draft\'s count without the bin or other drafts', async () => {
    db = openReviewDB(`first-look-${Math.random()}`);
    const notes: NoteRecord[] = [];
    // 300 notes written in a shuffled order, three of them in the bin; another draft's notes beside them
    for (let k = 0; k < 300; k++) notes.push(note(`n${k}`, 'doc', ((k * 37) % 300) + 1, k < 3 ? 1 : undefined));
    for (let k = 0; k < 50; k++) notes.push(note(`o${k}`, 'other', k + 1));
    await db.notes.bulkPut(notes);
    const look = (await firstLook(db, 'doc'))!;
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
    expect(await firstLook(db, 'none')).toEqual({ notes: [], count: 0 });
  });
});

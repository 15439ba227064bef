import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import { TAG_PALETTE, type NoteRecord, type ReviewDB } from '../../../storage';
import { dump, expectStorageError, noteInput, setup } from './helpers';

let db: ReviewDB | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

/** A document with notes tagged [a], [a, b], [b], [c] and a binned [a]. */
async function tagged() {
  const s = await setup();
  db = s.db;
  const save = async (tags: string[]) => {
    const r = await s.service.saveNote(noteInput(s.doc.id, { tags }));
    if (!r.ok) throw new Error('conflict');
    return r.note;
  };
  const notes = { a: await save(['a']), ab: await save(['a', 'b']), b: await save(['b']), c: await save(['c']), binned: await save(['a']) };
  await s.service.deleteNote(notes.binned.id);
  return { ...s, notes };
}

const counts = async (s: Awaited<ReturnType<typeof tagged>>) =>
  Object.fromEntries((await s.service.listTags()).map((t) => [t.name, t.count]));
const tagsOf = async (s: Awaited<ReturnType<typeof tagged>>, note: NoteRecord) => (await s.service.getNote(note.id))!.tags;

describe('tags', () => {
  test('saving a note creates its tags with distinct palette colours; counts skip the bin', async () => {
    const s = await tagged();
    const list = await s.service.listTags();
    expect(list.map((t) => t.name)).toEqual(['a', 'b', 'c']);
    expect(new Set(list.map((t) => t.color)).size).toBe(3);
    for (const t of list) expect(TAG_PALETTE).toContain(t.color);
    expect(await counts(s)).toEqual({ a: 2, b: 2, c: 1 });
  });

  test('ensureTags keeps existing tags and colours, creates the missing ones, spreads colours over the palette', async () => {
    const s = await tagged();
    const before = await s.service.listTags();
    const names = Array.from({ length: TAG_PALETTE.length - 3 }, (_, i) => `new${i}`);
    const out = await s.service.ensureTags([' a ', ...names, 'a']);
    expect(out[0]).toEqual({ name: 'a', color: before[0]!.color });
    expect(out.map((t) => t.name)).toEqual(['a', ...names]);
    expect(new Set((await s.service.listTags()).map((t) => t.color)).size).toBe(TAG_PALETTE.length);
    await expectStorageError(s.service.ensureTags(['']), 'invalid', 'names[0]');
  });

  test('renameTag changes every note (bin included), bumps revisions, and keeps the colour', async () => {
    const s = await tagged();
    const colorA = (await s.db.tags.get('a'))!.color;
    s.clock.tick();
    expect(await s.service.renameTag('a', '数据出境')).toBe(3);
    expect(await counts(s)).toEqual({ 数据出境: 2, b: 2, c: 1 });
    expect(await s.db.tags.get('数据出境')).toEqual({ name: '数据出境', color: colorA });
    expect(await s.db.tags.get('a')).toBeUndefined();
    expect(await tagsOf(s, s.notes.ab)).toEqual(['数据出境', 'b']);
    expect(await tagsOf(s, s.notes.binned)).toEqual(['数据出境']);
    expect(await s.service.getNote(s.notes.a.id)).toMatchObject({ revision: 2, updatedAt: s.clock.t });
    expect(await s.service.getNote(s.notes.c.id)).toEqual(s.notes.c);
  });

  test('renaming onto an existing tag merges: each note carries it once, the target keeps its colour', async () => {
    const s = await tagged();
    const colorB = (await s.db.tags.get('b'))!.color;
    expect(await s.service.renameTag('a', 'b')).toBe(3);
    expect(await tagsOf(s, s.notes.ab)).toEqual(['b']);
    expect(await counts(s)).toEqual({ b: 3, c: 1 });
    expect((await s.db.tags.get('b'))!.color).toBe(colorB);
  });

  test('mergeTags folds several tags into one, new or existing', async () => {
    const s = await tagged();
    expect(await s.service.mergeTags(['a', 'b', 'missing'], '综合')).toBe(4);
    expect(await counts(s)).toEqual({ 综合: 3, c: 1 });
    expect(await tagsOf(s, s.notes.ab)).toEqual(['综合']);
    expect(await s.service.mergeTags(['综合'], 'c')).toBe(4);
    expect(await counts(s)).toEqual({ c: 4 });
  });

  test('deleteTag removes the tag from every note and returns how many changed', async () => {
    const s = await tagged();
    expect(await s.service.deleteTag('a')).toBe(3);
    expect(await counts(s)).toEqual({ b: 2, c: 1 });
    expect(await tagsOf(s, s.notes.a)).toEqual([]);
    expect(await tagsOf(s, s.notes.ab)).toEqual(['b']);
    expect(await s.service.deleteTag('a')).toBe(0);
  });

  test('a tag change makes an open editor of the old revision conflict instead of writing the old tags back', async () => {
    const s = await tagged();
    await s.service.renameTag('a', 'z');
    const r = await s.service.saveNote({ ...noteInput(s.doc.id, { tags: ['a'] }), id: s.notes.a.id, baseRevision: 1 });
    expect(r.ok).toBe(false);
  });

  test('bad names and unknown tags are refused; the database is unchanged', async () => {
    const s = await tagged();
    const before = await dump(s.db);
    await expectStorageError(s.service.renameTag('nope', 'x'), 'not-found');
    await expectStorageError(s.service.renameTag('a', '  '), 'invalid', 'target');
    await expectStorageError(s.service.renameTag('a', 'x'.repeat(41)), 'invalid', 'target');
    await expectStorageError(s.service.mergeTags(['nope', 'never'], 'x'), 'not-found');
    expect(await s.service.renameTag('a', ' a ')).toBe(0);
    expect(await dump(s.db)).toEqual(before);
  });

  test('a failure part-way through a rename leaves every note and tag as it was', async () => {
    const s = await tagged();
    const before = await dump(s.db);
    s.db.tags.hook('deleting', () => {
      throw new Error('injected');
    });
    await expect(s.service.renameTag('a', 'z')).rejects.toThrow('injected');
    expect(await dump(s.db)).toEqual(before);
  });
});

describe('TAG_PALETTE', () => {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };

  test('every colour reads white text at a contrast of at least 4.5:1, and no colour repeats', () => {
    for (const c of TAG_PALETTE) {
      expect(c).toMatch(/^#[0-9a-f]{6}$/);
      expect(1.05 / (luminance(c) + 0.05), c).toBeGreaterThanOrEqual(4.5);
    }
    expect(new Set(TAG_PALETTE).size).toBe(TAG_PALETTE.length);
  });
});

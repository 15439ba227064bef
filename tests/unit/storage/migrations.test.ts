import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import { NotesService, openReviewDB, SCHEMA_VERSION, SCHEMA_VERSIONS, type ReviewDB } from '../../../storage';
import { openAtVersion, writeRaw } from './harness';
import { dump, noteInput, notice, uniqueName } from './helpers';

const names: string[] = [];
afterEach(async () => {
  await Promise.all(names.splice(0).map((n) => openReviewDB(n).delete()));
});
const fresh = () => {
  const n = uniqueName();
  names.push(n);
  return n;
};

/**
 * One entry per published schema version: records as that version stored them, and what they must be at
 * the newest version. When version 2 is appended to SCHEMA_VERSIONS, add `2: {...}` here and update the
 * `expect` of version 1 to the shape its upgrade produces, e.g.:
 *
 *   1: { records: {notes: [v1Note]}, expect: async (db) => expect(await db.notes.get('n1')).toMatchObject({priority: 0}) },
 *   2: { records: {notes: [{...v1Note, priority: 2}]}, expect: async (db) => ... },
 *
 * The test below then writes each version's records through openAtVersion and checks them at the newest.
 */
const v1Document = {
  id: 'd1',
  url: 'https://example.gov.cn/draft',
  urls: ['https://example.gov.cn/draft'],
  title: '测试条例',
  notice: notice(),
  createdAt: 1,
  updatedAt: 1,
};
const v1Note = { id: 'n1', ...noteInput('d1', { tags: ['数据'] }), createdAt: 2, updatedAt: 2, revision: 1 };
const v1Binned = { ...v1Note, id: 'n2', deleted: 3, revision: 2 };

const FIXTURES: Record<number, { records: Record<string, object[]>; expect: (db: ReviewDB) => Promise<void> }> = {
  1: {
    records: {
      documents: [v1Document],
      notes: [v1Note, v1Binned],
      comments: [{ id: 'c1', documentId: 'd1', text: '总体意见', createdAt: 4, updatedAt: 4, revision: 1 }],
      tags: [{ name: '数据', color: '#1d4ed8' }],
    },
    expect: async (db) => {
      expect(await db.documents.get('d1')).toEqual(v1Document);
      expect(await db.notes.get('n1')).toEqual(v1Note);
      expect(await db.notes.get('n2')).toEqual(v1Binned);
      expect(await db.comments.where('documentId').equals('d1').count()).toBe(1);
      expect(await db.tags.get('数据')).toEqual({ name: '数据', color: '#1d4ed8' });
      // the indexes of the newest version answer on old records
      expect(await db.documents.where('urls').equals('https://example.gov.cn/draft').count()).toBe(1);
      expect(await db.notes.where('[documentId+article.number]').equals(['d1', 3]).count()).toBe(2);
      expect(await db.notes.where('tags').equals('数据').count()).toBe(2);
      expect((await db.notes.where('deleted').above(0).toArray()).map((n) => n.id)).toEqual(['n2']);
      // version 2's tables are there, empty
      expect(await db.versionLinks.count()).toBe(0);
    },
  },
  2: {
    records: {
      documents: [v1Document, { ...v1Document, id: 'd2', url: 'https://example.gov.cn/enacted', urls: ['https://example.gov.cn/enacted'] }],
      notes: [v1Note],
      versionTexts: [{ documentId: 'd1', title: '测试条例（草案）', articles: [{ number: 1, sub: 0, label: '第一条', title: null, text: '为了测试，制定本条例。' }], savedAt: 5 }],
      versionLinks: [{ id: 'l1', from: 'd1', to: 'd2', createdAt: 6, carried: {} }],
      fateOverrides: [{ from: 'd1', to: 'd2', noteId: 'n1', fate: 'adopted', updatedAt: 7 }],
    },
    expect: async (db) => {
      expect(await db.notes.get('n1')).toEqual(v1Note);
      expect((await db.versionTexts.get('d1'))?.articles[0]?.label).toBe('第一条');
      expect(await db.versionLinks.where('to').equals('d2').count()).toBe(1);
      expect(await db.fateOverrides.where('[from+to]').equals(['d1', 'd2']).toArray()).toEqual([
        { from: 'd1', to: 'd2', noteId: 'n1', fate: 'adopted', updatedAt: 7 },
      ]);
    },
  },
};

describe('schema history', () => {
  test('versions are numbered 1, 2, 3 … and SCHEMA_VERSION is the last (2 today)', () => {
    expect(SCHEMA_VERSIONS.map((v) => v.version)).toEqual(SCHEMA_VERSIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(SCHEMA_VERSIONS.at(-1)!.version);
    expect(SCHEMA_VERSION).toBe(2);
  });

  test('every published version has a migration fixture', () => {
    expect(Object.keys(FIXTURES).map(Number)).toEqual(SCHEMA_VERSIONS.map((v) => v.version));
  });

  test.each(SCHEMA_VERSIONS.map((v) => v.version))('records written at version %i are all there at the newest version', async (version) => {
    const name = fresh();
    const old = await openAtVersion(name, version);
    expect(old.verno).toBe(version);
    for (const [table, records] of Object.entries(FIXTURES[version]!.records)) await writeRaw(old, table, records);
    old.close();

    const db = openReviewDB(name);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    await FIXTURES[version]!.expect(db);
    db.close();
  });

  test('closing and reopening the database finds every record, the bin included', async () => {
    const name = fresh();
    const first = openReviewDB(name);
    const service = new NotesService(first);
    const doc = await service.openDocument({ url: 'https://example.gov.cn/a', notice: notice() });
    const kept = await service.saveNote(noteInput(doc.id, { tags: ['保留'] }));
    const binned = await service.saveNote(noteInput(doc.id));
    if (!kept.ok || !binned.ok) throw new Error('conflict');
    await service.deleteNote(binned.note.id);
    await service.saveComment({ documentId: doc.id, text: '总体意见' });
    const before = await dump(first);
    first.close();

    const again = openReviewDB(name);
    expect(await dump(again)).toEqual(before);
    expect(before.notes).toHaveLength(2);
    expect(await new NotesService(again).listNotes(doc.id)).toEqual([kept.note]);
    again.close();
  });

  test('openAtVersion refuses a version that was never published', async () => {
    await expect(openAtVersion(fresh(), SCHEMA_VERSION + 1)).rejects.toThrow(RangeError);
    await expect(openAtVersion(fresh(), 0)).rejects.toThrow(RangeError);
  });
});

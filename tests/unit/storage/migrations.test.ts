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
const v3File = { sha256: 'ab'.repeat(32), name: '草案.pdf', kind: 'pdf', size: 3, bytes: new Uint8Array([1, 2, 3]), source: null, notice: null, savedAt: 5 };

/** Revisions an import before version 2 copied from a crafted file (one note could be edited once, then never). */
const v1HighNotes = [
  { ...v1Note, id: 'n3', revision: Number.MAX_SAFE_INTEGER },
  { ...v1Binned, id: 'n4', revision: 2 ** 31 + 1 },
];
const v1HighComment = { id: 'c2', documentId: 'd1', text: '另一条', createdAt: 5, updatedAt: 5, revision: 2 ** 40 };

/** Version 2's upgrade brought those revisions down to 2^31, left the rest alone, and the notes are editable again. */
async function expectRevisionsCapped(db: ReviewDB): Promise<void> {
  const [n1, n3, n4] = await db.notes.bulkGet(['n1', 'n3', 'n4']);
  expect([n1!.revision, n3!.revision, n4!.revision]).toEqual([1, 2 ** 31, 2 ** 31]);
  expect(n3).toEqual({ ...v1HighNotes[0], revision: 2 ** 31 });
  expect((await db.comments.get('c2'))!.revision).toBe(2 ** 31);
  const service = new NotesService(db);
  let base = n3!.revision;
  for (const text of ['一', '二']) {
    const r = await service.saveNote({ ...noteInput('d1'), id: 'n3', baseRevision: base, suggestion: text });
    if (!r.ok) throw new Error('conflict');
    base = r.note.revision;
  }
  await db.notes.put(n3!); // as it was, for the checks that follow
}

const FIXTURES: Record<number, { records: Record<string, object[]>; expect: (db: ReviewDB) => Promise<void> }> = {
  1: {
    records: {
      documents: [v1Document],
      notes: [v1Note, v1Binned, ...v1HighNotes],
      comments: [{ id: 'c1', documentId: 'd1', text: '总体意见', createdAt: 4, updatedAt: 4, revision: 1 }, v1HighComment],
      tags: [{ name: '数据', color: '#1d4ed8' }],
    },
    expect: async (db) => {
      await expectRevisionsCapped(db);
      expect(await db.documents.get('d1')).toEqual(v1Document);
      expect(await db.notes.get('n1')).toEqual(v1Note);
      expect(await db.notes.get('n2')).toEqual(v1Binned);
      expect(await db.comments.where('documentId').equals('d1').count()).toBe(2);
      expect(await db.tags.get('数据')).toEqual({ name: '数据', color: '#1d4ed8' });
      // the indexes of the newest version answer on old records
      expect(await db.documents.where('urls').equals('https://example.gov.cn/draft').count()).toBe(1);
      expect(await db.notes.where('[documentId+article.number]').equals(['d1', 3]).count()).toBe(4);
      expect(await db.notes.where('tags').equals('数据').count()).toBe(4);
      expect((await db.notes.where('deleted').above(0).toArray()).map((n) => n.id).sort()).toEqual(['n2', 'n4']);
      expect(await db.files.count()).toBe(0);
      // version 4's tables are there, empty
      expect(await db.versionLinks.count()).toBe(0);
    },
  },
  // version 2 (storage): the same shapes; nothing to convert
  2: {
    records: { documents: [v1Document], notes: [v1Note], comments: [{ id: 'c1', documentId: 'd1', text: '总体意见', createdAt: 4, updatedAt: 4, revision: 3 }] },
    expect: async (db) => {
      expect(await db.notes.get('n1')).toEqual(v1Note);
      expect((await db.comments.get('c1'))!.revision).toBe(3);
    },
  },
  // version 3 (files): the files table
  3: {
    records: { documents: [v1Document], files: [v3File] },
    expect: async (db) => {
      expect(await db.documents.get('d1')).toEqual(v1Document);
      expect(await db.files.get('ab'.repeat(32))).toEqual(v3File);
      expect(await db.files.where('savedAt').above(4).count()).toBe(1);
    },
  },
  // version 4 (versions): each version's articles, the links, the overruled fates
  4: {
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
  test('versions are numbered 1, 2, 3 … and SCHEMA_VERSION is the last (4 today)', () => {
    expect(SCHEMA_VERSIONS.map((v) => v.version)).toEqual(SCHEMA_VERSIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(SCHEMA_VERSIONS.at(-1)!.version);
    expect(SCHEMA_VERSION).toBe(4);
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

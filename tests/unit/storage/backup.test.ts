import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  BACKUP_MAX_BYTES,
  exportBackup,
  importBackup,
  importBackupText,
  openReviewDB,
  parseBackup,
  SCHEMA_VERSION,
  type BackupFile,
  type ReviewDB,
} from '../../../storage';
import { dump, noteInput, notice, setup, uniqueName } from './helpers';

const dbs: ReviewDB[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(dbs.splice(0).map((d) => d.delete()));
});
const emptyDb = () => {
  const d = openReviewDB(uniqueName());
  dbs.push(d);
  return d;
};

const HTML = '<img src=x onerror=alert(1)>';

/** Two documents with notes, tags, comments, HTML, a passage and one note in the bin. */
async function populated() {
  const s = await setup();
  dbs.push(s.db);
  const other = await s.service.openDocument({ url: 'https://www.npc.gov.cn/flcaw/2.html', notice: notice({ title: '另一部法律（草案）' }) });
  const ok = async <T,>(p: Promise<{ ok: true } & T | { ok: false }>) => {
    const r = await p;
    if (!r.ok) throw new Error('conflict');
    return r;
  };
  await ok(s.service.saveNote(noteInput(s.doc.id, { tags: ['数据', '跨境'], suggestion: HTML })));
  await ok(
    s.service.saveNote(
      noteInput(s.doc.id, {
        stance: 'question',
        passage: { exact: '重要数据', prefix: '国家对', suffix: '实行', start: 3, end: 7 },
        tags: ['数据'],
      }),
    ),
  );
  await ok(s.service.saveNote(noteInput(other.id, { stance: 'support', article: { number: 1, sub: 0, label: '第一条', excerpt: '为了' } })));
  const binned = await ok(s.service.saveNote(noteInput(s.doc.id, { tags: ['废弃'] })));
  await s.service.deleteNote(binned.note.id);
  await ok(s.service.saveComment({ documentId: s.doc.id, text: `总体意见 ${HTML}` }));
  await s.service.ensureTags(['未用']);
  return { ...s, other, binnedId: binned.note.id };
}

const roundTrip = (b: BackupFile): BackupFile => {
  const r = parseBackup(JSON.stringify(b));
  if (!r.ok) throw new Error(`${r.code} ${r.path}: ${r.message}`);
  return r.data;
};
const withoutTime = ({ exportedAt: _t, ...rest }: BackupFile) => rest;

describe('exportBackup', () => {
  test('holds every document, comment and tag and the notes not in the bin', async () => {
    const s = await populated();
    const b = await exportBackup(s.db);
    expect(b).toMatchObject({ format: 'regdraft-backup', schemaVersion: SCHEMA_VERSION });
    expect(new Date(b.exportedAt).toISOString()).toBe(b.exportedAt);
    expect(b.documents).toHaveLength(2);
    expect(b.notes).toHaveLength(3);
    expect(b.notes.some((n) => n.id === s.binnedId)).toBe(false);
    expect(b.comments).toHaveLength(1);
    expect(b.tags.map((t) => t.name).sort()).toEqual(['废弃', '数据', '未用', '跨境'].sort());
  });
});

describe('importBackup', () => {
  test('export → JSON → parseBackup → import into an empty database reproduces everything', async () => {
    const s = await populated();
    const backup = await exportBackup(s.db);
    const target = emptyDb();
    const result = await importBackup(target, roundTrip(backup));
    expect(result).toEqual({ added: 2 + 3 + 1 + 4, updated: 0, skipped: 0 });
    expect(withoutTime(await exportBackup(target))).toEqual(withoutTime(backup));
    const source = await dump(s.db);
    const copy = await dump(target);
    expect(copy.notes).toEqual(source.notes.filter((n) => n.deleted === undefined));
    expect(copy.notes.find((n) => n.suggestion === HTML)).toBeDefined();
  });

  test('importing the same backup twice adds nothing', async () => {
    const s = await populated();
    const backup = roundTrip(await exportBackup(s.db));
    const target = emptyDb();
    await importBackup(target, backup);
    const once = await dump(target);
    expect(await importBackup(target, backup)).toEqual({ added: 0, updated: 0, skipped: 10 });
    expect(await dump(target)).toEqual(once);
    // and into the database it came from: all skipped, the bin untouched
    const before = await dump(s.db);
    expect(await importBackup(s.db, backup)).toEqual({ added: 0, updated: 0, skipped: 10 });
    expect(await dump(s.db)).toEqual(before);
  });

  test('a record with a higher revision replaces the stored one; the same or lower is skipped', async () => {
    const s = await populated();
    const backup = roundTrip(await exportBackup(s.db));
    const [n0, n1] = backup.notes;
    const newer = { ...n0!, suggestion: '来自另一台电脑的新写法', revision: n0!.revision + 1 };
    const older = { ...n1!, suggestion: '旧写法', revision: n1!.revision - 1 };
    const sameRev = { ...backup.notes[2]!, suggestion: '同版本不同内容' };
    const comment = { ...backup.comments[0]!, text: 'newer comment', revision: 5 };
    const result = await importBackup(s.db, { ...backup, notes: [newer, older, sameRev], comments: [comment] });
    // skipped: 2 documents, 4 tags, the older note and the same-revision note
    expect(result).toEqual({ added: 0, updated: 2, skipped: 2 + 4 + 2 });
    expect(await s.db.notes.get(n0!.id)).toEqual(newer);
    expect(await s.db.notes.get(n1!.id)).toEqual(n1);
    expect((await s.db.notes.get(sameRev.id))!.suggestion).not.toBe('同版本不同内容');
    expect(await s.db.comments.get(comment.id)).toEqual(comment);
  });

  test('a note in the bin here stays there unless the backup has a newer revision', async () => {
    const s = await populated();
    const target = emptyDb();
    await importBackup(target, roundTrip(await exportBackup(s.db)));
    const [first] = await target.notes.toArray();
    // binned after the backup: revision is now higher than the backup's
    await target.notes.put({ ...first!, deleted: 1, revision: first!.revision + 1 });
    await importBackup(target, roundTrip(await exportBackup(s.db)));
    expect((await target.notes.get(first!.id))!.deleted).toBe(1);
  });

  test('documents merge by id with their URLs unioned; the same draft under another id joins the local one', async () => {
    const s = await populated();
    const backup = roundTrip(await exportBackup(s.db));
    const doc = backup.documents.find((d) => d.id === s.doc.id)!;
    const moreUrls = { ...doc, urls: [...doc.urls, 'https://mirror.example.cn/draft'] };
    const r1 = await importBackup(s.db, { ...backup, documents: [moreUrls, ...backup.documents.filter((d) => d !== doc)] });
    expect(r1.updated).toBe(1);
    expect((await s.db.documents.get(doc.id))!.urls).toEqual([doc.url, 'https://mirror.example.cn/draft']);

    // another computer noted the same page under its own document id
    const foreignDoc = { ...doc, id: 'laptop-doc', urls: [doc.url] };
    const foreignNote = { ...backup.notes[0]!, id: 'laptop-note', documentId: 'laptop-doc' };
    const foreign: BackupFile = { ...backup, documents: [foreignDoc], notes: [foreignNote], comments: [], tags: [] };
    expect(await importBackup(s.db, foreign)).toEqual({ added: 1, updated: 0, skipped: 1 });
    expect(await s.db.documents.get('laptop-doc')).toBeUndefined();
    expect((await s.db.notes.get('laptop-note'))!.documentId).toBe(doc.id);
    expect(await importBackup(s.db, foreign)).toEqual({ added: 0, updated: 0, skipped: 2 });
  });

  test('a failure injected part-way through an import leaves the database exactly as before', async () => {
    const s = await populated();
    const backup = roundTrip(await exportBackup(s.db));
    const t = await setup(1_800_000_000_000, 'local');
    dbs.push(t.db);
    await t.service.saveNote(noteInput(t.doc.id, { tags: ['本地'] }));
    const before = await dump(t.db);
    // documents, tags and notes are written before comments: the failure comes after them
    let writes = 0;
    t.db.comments.hook('creating', () => {
      writes++;
      throw new Error('injected failure');
    });
    await expect(importBackup(t.db, backup)).rejects.toThrow('injected failure');
    expect(writes).toBe(1);
    expect(await dump(t.db)).toEqual(before);
  });
});

describe('parseBackup refuses malformed input and the database stays unchanged', () => {
  async function refused(mutate: (b: Record<string, unknown>) => unknown, code: string, path?: string) {
    const s = await populated();
    const backup = JSON.parse(JSON.stringify(await exportBackup(s.db))) as Record<string, unknown>;
    const text = mutate(backup); // a string replaces the file; otherwise the mutated backup is the file
    const input = typeof text === 'string' ? text : JSON.stringify(backup);
    const before = await dump(s.db);
    const r = await importBackupText(s.db, input);
    expect(r).toMatchObject({ ok: false, code });
    if (path !== undefined) expect(r).toMatchObject({ path });
    expect(await dump(s.db)).toEqual(before);
    return r;
  }
  const notes = (b: Record<string, unknown>) => b.notes as Record<string, unknown>[];

  test('not JSON', async () => {
    await refused(() => '{"format": "regdraft-backup",', 'not-json');
    await refused(() => '', 'not-json');
  });

  test('wrong format', async () => {
    await refused(() => '[]', 'wrong-format');
    await refused(() => '"regdraft-backup"', 'wrong-format');
    await refused((b) => void (b.format = 'other-extension-backup'), 'wrong-format', 'format');
  });

  test('a newer schema version', async () => {
    const r = await refused((b) => void (b.schemaVersion = SCHEMA_VERSION + 1), 'wrong-version', 'schemaVersion');
    expect(r).toMatchObject({ message: expect.stringContaining('newer') });
    await refused((b) => void (b.schemaVersion = '1'), 'invalid', 'schemaVersion');
  });

  test('a missing field, with its path', async () => {
    await refused((b) => void delete notes(b)[1]!.stance, 'invalid', 'notes[1].stance');
    await refused((b) => void delete b.comments, 'invalid', 'comments');
    await refused((b) => void delete (b.documents as Record<string, Record<string, unknown>>[])[0]!.notice!.channels, 'invalid', 'documents[0].notice.channels');
  });

  test('a mistyped field, with its path', async () => {
    await refused((b) => void (notes(b)[2]!.revision = '2'), 'invalid', 'notes[2].revision');
    await refused((b) => void (notes(b)[0]!.stance = 'oppose'), 'invalid', 'notes[0].stance');
    await refused((b) => void ((notes(b)[0]!.tags as unknown[])[1] = 7), 'invalid', 'notes[0].tags[1]');
    await refused((b) => void ((notes(b)[0]!.article as Record<string, unknown>).number = -3), 'invalid', 'notes[0].article.number');
    await refused((b) => void ((b.tags as Record<string, unknown>[])[0]!.color = 'red'), 'invalid', 'tags[0].color');
    await refused((b) => void (b.exportedAt = 'yesterday'), 'invalid', 'exportedAt');
    await refused((b) => void (notes(b)[0]!.suggestion = 'x'.repeat(1_000_001)), 'invalid', 'notes[0].suggestion');
  });

  test('duplicate ids and notes of a document not in the file', async () => {
    await refused((b) => void notes(b).push({ ...notes(b)[0]! }), 'invalid', 'notes[3].id');
    await refused((b) => void (notes(b)[1]!.documentId = 'elsewhere'), 'invalid', 'notes[1].documentId');
  });

  test('a 50 MB string is refused before it is parsed, fast', async () => {
    const parse = vi.spyOn(JSON, 'parse');
    const huge = 'x'.repeat(50 * 1024 * 1024);
    const t0 = performance.now();
    expect(parseBackup(huge)).toMatchObject({ ok: false, code: 'too-large' });
    expect(performance.now() - t0).toBeLessThan(200); // generous for loaded CI; the spy below is the real check
    expect(parse).not.toHaveBeenCalled();
  });

  test('the limit counts UTF-8 bytes: 8 M Chinese characters (24 MB) are too large, a padded 20 MiB file is not', async () => {
    expect(parseBackup('条'.repeat(8 * 1024 * 1024))).toMatchObject({ ok: false, code: 'too-large' });
    const s = await populated();
    const text = JSON.stringify(await exportBackup(s.db));
    expect(parseBackup(text + ' '.repeat(BACKUP_MAX_BYTES - Buffer.byteLength(text)))).toMatchObject({ ok: true });
    expect(parseBackup(text + ' '.repeat(BACKUP_MAX_BYTES - Buffer.byteLength(text) + 1))).toMatchObject({ code: 'too-large' });
  });

  test('__proto__ and constructor keys are refused and pollute nothing', async () => {
    const inject = (key: string) => (b: Record<string, unknown>) =>
      JSON.stringify(b).replace('"stance":', `"${key}":{"polluted":true},"stance":`);
    await refused(inject('__proto__'), 'invalid', 'notes[0].__proto__');
    await refused(inject('constructor'), 'invalid', 'notes[0].constructor');
    await refused((b) => JSON.stringify(b).replace('{"format"', '{"__proto__":{"polluted":true},"format"'), 'invalid', '__proto__');
    await refused(
      (b) => JSON.stringify(b).replace('"channels":{', '"channels":{"__proto__":{"polluted":true},'),
      'invalid',
      'documents[0].notice.channels.__proto__',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('unknown keys are dropped and HTML in text is kept: what comes out holds only the known fields', async () => {
    const s = await populated();
    const b = JSON.parse(JSON.stringify(await exportBackup(s.db))) as Record<string, unknown>;
    notes(b)[0]!.extra = { nested: true };
    const r = parseBackup(JSON.stringify(b));
    if (!r.ok) throw new Error(r.message);
    expect(r.data.notes[0]).not.toHaveProperty('extra');
    expect(r.data.notes.some((n) => n.suggestion === HTML)).toBe(true);
    expect(Object.getPrototypeOf(r.data.notes[0])).toBe(Object.prototype);
  });
});

import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  BACKUP_MAX_BYTES,
  exportBackup,
  importBackup,
  importBackupText,
  NotesService,
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

const roundTrip = async (b: BackupFile): Promise<BackupFile> => {
  const r = await parseBackup(JSON.stringify(b));
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
    const result = await importBackup(target, await roundTrip(backup));
    expect(result).toEqual({ added: 2 + 3 + 1 + 4, identical: 0, updated: 0, conflicts: [], kept: [] });
    expect(withoutTime(await exportBackup(target))).toEqual(withoutTime(backup));
    const source = await dump(s.db);
    const copy = await dump(target);
    expect(copy.notes).toEqual(source.notes.filter((n) => n.deleted === undefined));
    expect(copy.notes.find((n) => n.suggestion === HTML)).toBeDefined();
  });

  test('importing the same backup twice adds nothing', async () => {
    const s = await populated();
    const backup = await roundTrip(await exportBackup(s.db));
    const target = emptyDb();
    await importBackup(target, backup);
    const once = await dump(target);
    expect(await importBackup(target, backup)).toEqual({ added: 0, identical: 10, updated: 0, conflicts: [], kept: [] });
    expect(await dump(target)).toEqual(once);
    // and into the database it came from: all skipped, the bin untouched
    const before = await dump(s.db);
    expect(await importBackup(s.db, backup)).toEqual({ added: 0, identical: 10, updated: 0, conflicts: [], kept: [] });
    expect(await dump(s.db)).toEqual(before);
  });

  test('a note or comment whose text differs is a conflict with both versions, never replaced, whatever the revisions', async () => {
    const s = await populated();
    const backup = await roundTrip(await exportBackup(s.db));
    const [n0, n1, n2] = backup.notes;
    const newer = { ...n0!, suggestion: '来自另一台电脑的新写法', revision: n0!.revision + 5 };
    const older = { ...n1!, reason: '旧理由', revision: 1 };
    const sameText = { ...n2!, revision: n2!.revision + 3, updatedAt: n2!.updatedAt + 1 };
    const comment = { ...backup.comments[0]!, text: 'newer comment', revision: 5 };
    const before = await dump(s.db);
    const result = await importBackup(s.db, { ...backup, notes: [newer, older, sameText], comments: [comment] });
    expect(result).toMatchObject({ added: 0, identical: 2 + 4 + 1, updated: 0 });
    expect(result.conflicts).toEqual([
      { kind: 'note', mine: await s.db.notes.get(n0!.id), theirs: newer },
      { kind: 'note', mine: await s.db.notes.get(n1!.id), theirs: older },
      { kind: 'comment', mine: await s.db.comments.get(comment.id), theirs: comment },
    ]);
    // nothing written: today's text is all still here
    expect(await dump(s.db)).toEqual(before);
  });

  test('a conflict resolved by taking the file\'s text goes through the normal save (base revision) and stays editable', async () => {
    const s = await populated();
    const backup = await roundTrip(await exportBackup(s.db));
    const theirs = { ...backup.notes[0]!, suggestion: '文件里的写法', revision: 2 ** 31 };
    const { conflicts } = await importBackup(s.db, { ...backup, notes: [theirs] });
    const c = conflicts[0]!;
    if (c.kind !== 'note') throw new Error('expected a note conflict');
    const { id, createdAt: _c, updatedAt: _u, revision: _r, deleted: _d, ...fields } = c.theirs;
    const taken = await s.service.saveNote({ ...fields, id, baseRevision: c.mine.revision });
    expect(taken).toMatchObject({ ok: true, note: { suggestion: '文件里的写法', revision: c.mine.revision + 1 } });
  });

  test('a file note of revision 2^31 is added and stays editable, and its backup is read again', async () => {
    const s = await populated();
    const backup = await roundTrip(await exportBackup(s.db));
    const high = { ...backup.notes[0]!, id: 'high', revision: 2 ** 31 };
    const target = emptyDb();
    const service = new NotesService(target);
    await importBackup(target, { ...backup, notes: [high] });
    let base = 2 ** 31;
    for (let i = 0; i < 3; i++) {
      const r = await service.saveNote({ ...noteInput(high.documentId), id: 'high', baseRevision: base, suggestion: `第 ${i} 次` });
      if (!r.ok) throw new Error('conflict');
      base = r.note.revision;
    }
    expect((await target.notes.get('high'))!.suggestion).toBe('第 2 次');
    expect(await parseBackup(JSON.stringify(await exportBackup(target)))).toMatchObject({ ok: true });
  });

  test('a note in the bin here stays there unless the backup has a newer revision', async () => {
    const s = await populated();
    const target = emptyDb();
    await importBackup(target, await roundTrip(await exportBackup(s.db)));
    const [first] = await target.notes.toArray();
    // binned after the backup: revision is now higher than the backup's
    await target.notes.put({ ...first!, deleted: 1, revision: first!.revision + 1 });
    await importBackup(target, await roundTrip(await exportBackup(s.db)));
    expect((await target.notes.get(first!.id))!.deleted).toBe(1);
  });

  test('documents merge by id with their URLs unioned; the same draft under another id joins the local one', async () => {
    const s = await populated();
    const backup = await roundTrip(await exportBackup(s.db));
    const doc = backup.documents.find((d) => d.id === s.doc.id)!;
    const moreUrls = { ...doc, urls: [...doc.urls, 'https://mirror.example.cn/draft'] };
    const r1 = await importBackup(s.db, { ...backup, documents: [moreUrls, ...backup.documents.filter((d) => d !== doc)] });
    expect(r1.updated).toBe(1);
    expect((await s.db.documents.get(doc.id))!.urls).toEqual([doc.url, 'https://mirror.example.cn/draft']);

    // another computer noted the same page under its own document id
    const foreignDoc = { ...doc, id: 'laptop-doc', urls: [doc.url] };
    const foreignNote = { ...backup.notes[0]!, id: 'laptop-note', documentId: 'laptop-doc' };
    const foreign: BackupFile = { ...backup, documents: [foreignDoc], notes: [foreignNote], comments: [], tags: [] };
    expect(await importBackup(s.db, foreign)).toEqual({ added: 1, identical: 1, updated: 0, conflicts: [], kept: [] });
    expect(await s.db.documents.get('laptop-doc')).toBeUndefined();
    expect((await s.db.notes.get('laptop-note'))!.documentId).toBe(doc.id);
    expect(await importBackup(s.db, foreign)).toEqual({ added: 0, identical: 2, updated: 0, conflicts: [], kept: [] });
  });

  test('a failure injected part-way through an import leaves the database exactly as before', async () => {
    const s = await populated();
    const backup = await roundTrip(await exportBackup(s.db));
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
    // a newer file is named as newer even when its header changed shape
    await refused(() => `{"format":"regdraft-backup","schemaVersion":${SCHEMA_VERSION + 1}}`, 'wrong-version', 'schemaVersion');
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

  test('a 50 MB string is refused before it is parsed', async () => {
    const parse = vi.spyOn(JSON, 'parse');
    const huge = 'x'.repeat(50 * 1024 * 1024);
    expect(await parseBackup(huge)).toMatchObject({ ok: false, code: 'too-large' });
    expect(parse).not.toHaveBeenCalled();
  });

  test('the limit counts UTF-8 bytes: 8 M Chinese characters (24 MB) are too large, a padded 20 MiB file is not', async () => {
    expect(await parseBackup('条'.repeat(8 * 1024 * 1024))).toMatchObject({ ok: false, code: 'too-large' });
    const s = await populated();
    const text = JSON.stringify(await exportBackup(s.db));
    expect(await parseBackup(text + ' '.repeat(BACKUP_MAX_BYTES - Buffer.byteLength(text)))).toMatchObject({ ok: true });
    expect(await parseBackup(text + ' '.repeat(BACKUP_MAX_BYTES - Buffer.byteLength(text) + 1))).toMatchObject({ code: 'too-large' });
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
    const r = await parseBackup(JSON.stringify(b));
    if (!r.ok) throw new Error(r.message);
    expect(r.data.notes[0]).not.toHaveProperty('extra');
    expect(r.data.notes.some((n) => n.suggestion === HTML)).toBe(true);
    expect(Object.getPrototypeOf(r.data.notes[0])).toBe(Object.prototype);
  });

  test('a revision above 2^31 is refused, naming the note', async () => {
    const r = await refused((b) => void (notes(b)[1]!.revision = Number.MAX_SAFE_INTEGER), 'invalid', 'notes[1].revision');
    expect(r).toMatchObject({ record: { list: 'notes', index: 1, label: '第三条' } });
    expect((r as { record: { text: string } }).record.text.length).toBeGreaterThan(0);
    await refused((b) => void (notes(b)[0]!.revision = 2 ** 31 + 1), 'invalid', 'notes[0].revision');
    await refused((b) => void ((b.comments as Record<string, unknown>[])[0]!.revision = 2 ** 40), 'invalid', 'comments[0].revision');
  });

  test('250,000 distinct tags on a note are refused (the list is bounded before it is read)', async () => {
    const s = await populated();
    const b = JSON.parse(JSON.stringify(await exportBackup(s.db))) as Record<string, unknown>;
    notes(b)[0]!.tags = Array.from({ length: 250_000 }, (_, i) => `t${i}`);
    expect(await parseBackup(JSON.stringify(b))).toMatchObject({ ok: false, code: 'invalid', path: 'notes[0].tags' });
    // 1,000 entries with duplicates are read and de-duplicated
    notes(b)[0]!.tags = Array.from({ length: 1_000 }, (_, i) => ` t${i % 7} `);
    const r = await parseBackup(JSON.stringify(b));
    if (!r.ok) throw new Error(r.message);
    expect(r.data.notes[0]!.tags).toEqual(['t0', 't1', 't2', 't3', 't4', 't5', 't6']);
  });
});

describe('an import shares the background', () => {
  test('a save issued while a large import runs is answered before the import ends', async () => {
    const s = await populated();
    dbs.push(s.db);
    const backup = await exportBackup(s.db);
    const docId = s.doc.id;
    // 4,000 notes of 500 characters: about 4 MB to read
    const many = Array.from({ length: 4_000 }, (_, i) => ({
      ...backup.notes[0]!,
      id: `bulk-${i}`,
      documentId: docId,
      suggestion: `${i}`.padEnd(500, '字'),
    }));
    const text = JSON.stringify({ ...backup, notes: many });
    const order: string[] = [];
    const imported = importBackupText(s.db, text).then((r) => {
      order.push('import');
      return r;
    });
    const saved = s.service.saveNote(noteInput(docId, { suggestion: '导入时写的' })).then((r) => {
      order.push('save');
      return r;
    });
    const [r, w] = await Promise.all([imported, saved]);
    expect(r).toMatchObject({ ok: true, result: { added: 4_000 } });
    expect(w).toMatchObject({ ok: true });
    expect(order).toEqual(['save', 'import']);
  });
});

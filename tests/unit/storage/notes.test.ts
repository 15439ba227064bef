import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { NOTE_TEXT_MAX_CHARS, StorageError, type NoteRecord, type ReviewDB } from '../../../storage';
import { toStorageError } from '../../../storage/errors';
import { dump, expectStorageError, noteInput, setup } from './helpers';

let db: ReviewDB | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await db?.delete();
  db = undefined;
});

async function ready() {
  const s = await setup();
  db = s.db;
  return s;
}

const saved = async (p: Promise<{ ok: true; note: NoteRecord } | { ok: false }>): Promise<NoteRecord> => {
  const r = await p;
  if (!r.ok) throw new Error('unexpected conflict');
  return r.note;
};

describe('saveNote', () => {
  test('a new note gets an id, revision 1 and the time; it is listed and read back as saved', async () => {
    const { service, doc, clock } = await ready();
    const note = await saved(service.saveNote(noteInput(doc.id)));
    expect(note).toEqual({ id: 'id-0002', ...noteInput(doc.id), createdAt: clock.t, updatedAt: clock.t, revision: 1 });
    expect(await service.getNote(note.id)).toEqual(note);
    expect(await service.listNotes(doc.id)).toEqual([note]);
  });

  test('an update carrying the stored revision is written: revision + 1, new updatedAt, same createdAt', async () => {
    const { service, doc, clock } = await ready();
    const v1 = await saved(service.saveNote(noteInput(doc.id)));
    clock.tick();
    const v2 = await saved(service.saveNote({ ...noteInput(doc.id, { stance: 'delete', reason: '重复' }), id: v1.id, baseRevision: 1 }));
    expect(v2).toMatchObject({ id: v1.id, stance: 'delete', reason: '重复', revision: 2, createdAt: v1.createdAt, updatedAt: clock.t });
    expect(await service.getNote(v1.id)).toEqual(v2);
  });

  test('two tabs edit the same note: the stale save is refused with both versions and the stored note is unchanged', async () => {
    const { service, doc, clock, db } = await ready();
    const original = await saved(service.saveNote(noteInput(doc.id)));
    clock.tick();
    const tabA = await saved(service.saveNote({ ...noteInput(doc.id, { suggestion: 'A 的写法' }), id: original.id, baseRevision: 1 }));
    const before = await dump(db);
    clock.tick();
    const tabB = await service.saveNote({ ...noteInput(doc.id, { suggestion: 'B 的写法' }), id: original.id, baseRevision: 1 });
    expect(tabB).toEqual({ ok: false, conflict: { mine: noteInput(doc.id, { suggestion: 'B 的写法' }), theirs: tabA } });
    expect(await dump(db)).toEqual(before);
    // B resolves by saving again on top of what it now knows
    const resolved = await saved(service.saveNote({ ...noteInput(doc.id, { suggestion: 'A 与 B 合并' }), id: original.id, baseRevision: 2 }));
    expect(resolved.revision).toBe(3);
  });

  test('an update without baseRevision is a conflict, not an overwrite', async () => {
    const { service, doc } = await ready();
    const note = await saved(service.saveNote(noteInput(doc.id)));
    const r = await service.saveNote({ ...noteInput(doc.id, { suggestion: 'x' }), id: note.id });
    expect(r.ok).toBe(false);
    expect(await service.getNote(note.id)).toEqual(note);
  });

  test('unknown document, unknown id with a revision, and moving a note to another document are refused', async () => {
    const { service, doc } = await ready();
    await expectStorageError(service.saveNote(noteInput('no-such-doc')), 'not-found', 'documentId');
    await expectStorageError(service.saveNote({ ...noteInput(doc.id), id: 'gone', baseRevision: 4 }), 'not-found', 'id');
    const other = await service.openDocument({ url: 'https://other.cn/x', notice: { ...doc.notice, title: '别的' } });
    const note = await saved(service.saveNote(noteInput(doc.id)));
    await expectStorageError(service.saveNote({ ...noteInput(other.id), id: note.id, baseRevision: 1 }), 'invalid', 'documentId');
    // a client-chosen id for a new note is fine
    expect((await saved(service.saveNote({ ...noteInput(doc.id), id: 'my-own-id' }))).id).toBe('my-own-id');
  });

  test('HTML in every text field is text: stored and read back unchanged', async () => {
    const { service, doc } = await ready();
    const html = '<img src=x onerror=alert(1)>';
    const input = noteInput(doc.id, {
      suggestion: html,
      reason: `<script>alert("x")</script>${html}`,
      comment: '&lt;b&gt; & <b>',
      tags: ['<b>tag</b>'],
      article: { number: 3, sub: 0, label: '第三条', excerpt: html },
      passage: { exact: html, prefix: '<p>', suffix: '</p>', start: 0, end: html.length },
    });
    const note = await saved(service.saveNote(input));
    expect(await service.getNote(note.id)).toMatchObject(input);
    expect((await service.listTags()).map((t) => t.name)).toEqual(['<b>tag</b>']);
  });

  test('listNotes sorts by article and filters by article number', async () => {
    const { service, doc, clock } = await ready();
    const art = (number: number, sub = 0) => ({ number, sub, label: `第${number}条`, excerpt: '' });
    const n12 = await saved(service.saveNote(noteInput(doc.id, { article: art(12) })));
    clock.tick();
    const n3b = await saved(service.saveNote(noteInput(doc.id, { article: art(3) })));
    const n3a = await saved(service.saveNote(noteInput(doc.id, { article: art(3, 1) })));
    clock.tick();
    const n3 = await saved(service.saveNote(noteInput(doc.id, { article: art(3) })));
    expect((await service.listNotes(doc.id)).map((n) => n.id)).toEqual([n3b.id, n3.id, n3a.id, n12.id]);
    expect((await service.listNotes(doc.id, 12)).map((n) => n.id)).toEqual([n12.id]);
    expect(await service.listNotes('another-doc')).toEqual([]);
  });
});

describe('limits', () => {
  test('a note of exactly 1,000,000 characters is kept whole', async () => {
    const { service, doc } = await ready();
    const big = '条'.repeat(NOTE_TEXT_MAX_CHARS);
    const note = await saved(service.saveNote(noteInput(doc.id, { suggestion: big, reason: '', comment: '' })));
    expect((await service.getNote(note.id))!.suggestion).toBe(big);
    const spread = await saved(
      service.saveNote(noteInput(doc.id, { suggestion: 'a'.repeat(400_000), reason: 'b'.repeat(300_000), comment: 'c'.repeat(300_000) })),
    );
    expect(spread.comment.length).toBe(300_000);
  });

  test('1,000,001 characters is refused as too-large, never truncated, and nothing is written', async () => {
    const { service, doc, db } = await ready();
    const note = await saved(service.saveNote(noteInput(doc.id)));
    const before = await dump(db);
    await expectStorageError(service.saveNote(noteInput(doc.id, { suggestion: 'x'.repeat(NOTE_TEXT_MAX_CHARS + 1), reason: '', comment: '' })), 'too-large', 'suggestion');
    await expectStorageError(
      service.saveNote({ ...noteInput(doc.id, { suggestion: 'x'.repeat(500_000), reason: '', comment: 'y'.repeat(500_001) }), id: note.id, baseRevision: 1 }),
      'too-large',
      'comment',
    );
    expect(await dump(db)).toEqual(before);
  });

  test('tags are trimmed and de-duplicated; at most 50 of 1-40 characters', async () => {
    const { service, doc } = await ready();
    const note = await saved(service.saveNote(noteInput(doc.id, { tags: ['  数据 ', '数据', '跨境'] })));
    expect(note.tags).toEqual(['数据', '跨境']);
    const fifty = Array.from({ length: 50 }, (_, i) => `t${i}`);
    expect((await saved(service.saveNote(noteInput(doc.id, { tags: fifty })))).tags).toHaveLength(50);
    expect((await saved(service.saveNote(noteInput(doc.id, { tags: ['字'.repeat(40)] })))).tags).toEqual(['字'.repeat(40)]);
    await expectStorageError(service.saveNote(noteInput(doc.id, { tags: [...fifty, 'one more'] })), 'invalid', 'tags');
    await expectStorageError(service.saveNote(noteInput(doc.id, { tags: ['ok', '字'.repeat(41)] })), 'invalid', 'tags[1]');
    await expectStorageError(service.saveNote(noteInput(doc.id, { tags: ['   '] })), 'invalid', 'tags[0]');
  });

  test('every field is checked: stance, article, passage, types, and prototype keys', async () => {
    const { service, doc, db } = await ready();
    const before = await dump(db);
    const bad = (over: Record<string, unknown>) => service.saveNote({ ...noteInput(doc.id), ...over } as never);
    await expectStorageError(bad({ stance: 'oppose' }), 'invalid', 'stance');
    await expectStorageError(bad({ suggestion: 42 }), 'invalid', 'suggestion');
    await expectStorageError(bad({ tags: 'a,b' }), 'invalid', 'tags');
    await expectStorageError(bad({ article: { number: 0, sub: 0, label: '第〇条', excerpt: '' } }), 'invalid', 'article.number');
    await expectStorageError(bad({ article: { number: 1.5, sub: 0, label: '第一条', excerpt: '' } }), 'invalid', 'article.number');
    await expectStorageError(bad({ article: { number: 1, sub: 0, label: '第一条', excerpt: 'x'.repeat(121) } }), 'too-large', 'article.excerpt');
    await expectStorageError(bad({ passage: { exact: 'a', prefix: '', suffix: '', start: 5, end: 4 } }), 'invalid', 'passage.end');
    await expectStorageError(bad({ baseRevision: -1, id: 'x' }), 'invalid', 'baseRevision');
    const polluted = JSON.parse(`{"__proto__": {"polluted": true}, "documentId": "${doc.id}"}`) as object;
    await expectStorageError(service.saveNote({ ...noteInput(doc.id), ...polluted } as never), 'invalid', '__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await expectStorageError(service.saveNote(null as never), 'invalid');
    expect(await dump(db)).toEqual(before);
  });
});

describe('bin', () => {
  test('deleteNote moves a note to the bin (revision + 1); restoreNote brings it back (revision + 1)', async () => {
    const { service, doc, clock } = await ready();
    const note = await saved(service.saveNote(noteInput(doc.id)));
    clock.tick();
    const binned = await service.deleteNote(note.id);
    expect(binned).toEqual({ ...note, deleted: clock.t, updatedAt: clock.t, revision: 2 });
    expect(await service.listNotes(doc.id)).toEqual([]);
    expect(await service.getNote(note.id)).toEqual(binned);
    expect(await service.deleteNote(note.id)).toEqual(binned); // twice is once
    clock.tick();
    const back = await service.restoreNote(note.id);
    expect(back).toEqual({ ...note, updatedAt: clock.t, revision: 3 });
    expect('deleted' in back).toBe(false);
    expect(await service.listNotes(doc.id)).toEqual([back]);
    expect(await service.restoreNote(note.id)).toEqual(back);
  });

  test('an editor still holding the pre-delete revision gets a conflict showing the deletion', async () => {
    const { service, doc } = await ready();
    const note = await saved(service.saveNote(noteInput(doc.id)));
    await service.deleteNote(note.id);
    const r = await service.saveNote({ ...noteInput(doc.id, { reason: 'late edit' }), id: note.id, baseRevision: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.conflict.theirs.deleted).toBeTypeOf('number');
  });

  test('unknown ids are not-found', async () => {
    const { service } = await ready();
    await expectStorageError(service.deleteNote('nope'), 'not-found', 'id');
    await expectStorageError(service.restoreNote('nope'), 'not-found', 'id');
  });

  test('purgeDeleted removes only notes in the bin for at least the given time', async () => {
    const { service, doc, clock, db } = await ready();
    const old = await saved(service.saveNote(noteInput(doc.id)));
    const recent = await saved(service.saveNote(noteInput(doc.id)));
    const live = await saved(service.saveNote(noteInput(doc.id)));
    await service.deleteNote(old.id);
    clock.tick(10_000);
    await service.deleteNote(recent.id);
    clock.tick(1_000);
    expect(await service.purgeDeleted(5_000)).toBe(1);
    expect((await db.notes.toArray()).map((n) => n.id).sort()).toEqual([recent.id, live.id].sort());
    expect(await service.purgeDeleted(0)).toBe(1);
    expect((await db.notes.toArray()).map((n) => n.id)).toEqual([live.id]);
    await expectStorageError(service.purgeDeleted(-1), 'invalid', 'olderThanMs');
  });
});

describe('general comments', () => {
  test('save, update by revision, conflict, list, delete', async () => {
    const { service, doc, clock } = await ready();
    const r1 = await service.saveComment({ documentId: doc.id, text: '总体赞成，建议细化第三章。' });
    if (!r1.ok) throw new Error('conflict');
    expect(r1.comment).toMatchObject({ documentId: doc.id, revision: 1, createdAt: clock.t });
    clock.tick();
    const r2 = await service.saveComment({ id: r1.comment.id, baseRevision: 1, documentId: doc.id, text: '<b>修改</b>' });
    expect(r2).toMatchObject({ ok: true, comment: { revision: 2, text: '<b>修改</b>', updatedAt: clock.t } });
    const stale = await service.saveComment({ id: r1.comment.id, baseRevision: 1, documentId: doc.id, text: 'stale' });
    expect(stale).toMatchObject({ ok: false, conflict: { mine: { text: 'stale' }, theirs: { revision: 2 } } });
    const second = await service.saveComment({ documentId: doc.id, text: '第二条意见' });
    expect((await service.listComments(doc.id)).map((c) => c.text)).toEqual(['<b>修改</b>', '第二条意见']);
    if (!second.ok) throw new Error('conflict');
    expect(await service.deleteComment(second.comment.id)).toEqual(second.comment);
    expect(await service.listComments(doc.id)).toHaveLength(1);
    await expectStorageError(service.deleteComment(second.comment.id), 'not-found');
    await expectStorageError(service.saveComment({ documentId: doc.id, text: 'x'.repeat(NOTE_TEXT_MAX_CHARS + 1) }), 'too-large', 'text');
    await expectStorageError(service.saveComment({ documentId: 'nope', text: '' }), 'not-found', 'documentId');
  });
});

describe('storage conditions', () => {
  test('a closed database is StorageError closed', async () => {
    const { service, doc, db } = await ready();
    db.close({ disableAutoOpen: true });
    await expectStorageError(service.listNotes(doc.id), 'closed');
    await expectStorageError(service.saveNote(noteInput(doc.id)), 'closed');
  });

  test('a full disk is StorageError quota, and nothing is written', async () => {
    const { service, doc, db } = await ready();
    const before = await dump(db);
    vi.spyOn(db.notes, 'put').mockImplementation(() => Dexie.Promise.reject(new DOMException('full', 'QuotaExceededError')) as never);
    await expectStorageError(service.saveNote(noteInput(doc.id, { tags: ['新标签'] })), 'quota');
    expect(await dump(db)).toEqual(before);
  });

  test('toStorageError unwraps Dexie errors and leaves other errors alone', () => {
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError', inner: new Dexie.QuotaExceededError('q') });
    expect(toStorageError(abort)).toMatchObject({ name: 'StorageError', code: 'quota' });
    expect(toStorageError(new Dexie.DatabaseClosedError('c'))).toMatchObject({ code: 'closed' });
    const bug = new TypeError('x is undefined');
    expect(toStorageError(bug)).toBe(bug);
    const own = new StorageError('invalid', 'm');
    expect(toStorageError(own)).toBe(own);
  });
});

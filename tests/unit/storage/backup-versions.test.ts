import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, test } from 'vitest';
import { backupJson, exportBackup, importBackup, openReviewDB, parseBackup, type BackupFile, type ReviewDB } from '../../../storage';
import { FILE_MAX_BYTES as FILES_LIMIT, putFile, type FileRecord } from '../../../storage/files';
import * as L from '../../../storage/limits';
import { FATE_NAMES } from '../../../storage/schemas';
import { MAX_ARTICLE_CHARS, MAX_STORED_ARTICLES, VersionsStore } from '../../../storage/versions';
import { FATES } from '../../../versions/fates';
import { notice, noteInput, setup, uniqueName } from './helpers';

const dbs: ReviewDB[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((d) => d.delete()));
});
const emptyDb = () => {
  const d = openReviewDB(uniqueName());
  dbs.push(d);
  return d;
};

const article = (number: number, text: string) => ({ number, sub: 0, label: `第${number}条`, title: null, text });

/** A draft and its second draft, linked, with a note carried over and one fate overruled; and a PDF kept. */
async function withVersions() {
  const s = await setup();
  dbs.push(s.db);
  const second = await s.service.openDocument({ url: 'https://www.example.gov.cn/zhengce/2024/draft2.htm', notice: notice({ title: '中华人民共和国数据安全管理条例（二次审议稿）' }) });
  const saved = await s.service.saveNote(noteInput(s.doc.id));
  if (!saved.ok) throw new Error('conflict');
  const versions = new VersionsStore(s.db, () => 1_700_000_000_000, () => 'link-1');
  await versions.saveText(s.doc.id, '数据安全管理条例（征求意见稿）', [article(1, '为了保障数据安全。'), article(2, '国家建立制度。')]);
  await versions.saveText(second.id, '数据安全管理条例（二次审议稿）', [article(1, '为了保障数据安全，促进发展。')]);
  const link = await versions.link(s.doc.id, second.id);
  await versions.recordCarried(link.id, { 'carried-note': saved.note.id });
  await versions.overrule(s.doc.id, second.id, saved.note.id, 'adopted');
  return { ...s, second, versions, link, note: saved.note };
}

const pdf = (text: string): FileRecord => {
  const bytes = new TextEncoder().encode(`%PDF-1.7\n${text}\n%%EOF`);
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    name: '草案.pdf',
    kind: 'pdf',
    size: bytes.byteLength,
    bytes,
    source: 'https://www.example.gov.cn/files/draft.pdf',
    notice: 'https://www.example.gov.cn/zhengce/2024/draft.htm',
    savedAt: 1_700_000_000_000,
  };
};

const versionTables = async (db: ReviewDB) => ({
  versionTexts: await db.versionTexts.toArray(),
  versionLinks: await db.versionLinks.toArray(),
  fateOverrides: await db.fateOverrides.toArray(),
});

const parsed = async (text: string): Promise<BackupFile> => {
  const r = await parseBackup(text);
  if (!r.ok) throw new Error(`${r.code} ${r.path}: ${r.message}`);
  return r.data;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test edits parsed JSON of any shape, as a crafted file would
type Json = any;

/** The backup's JSON as an object, changed by `edit`, back to text. */
const edited = (b: BackupFile, edit: (o: Json) => void): string => {
  const o = JSON.parse(backupJson(b)) as Json;
  edit(o);
  return JSON.stringify(o);
};

describe('the version tables in a backup', () => {
  test('export → JSON → import into an empty database brings back every text, link, carried note and overruled fate', async () => {
    const s = await withVersions();
    const backup = await exportBackup(s.db);
    expect(backup.versionTexts).toHaveLength(2);
    expect(backup.versionLinks).toEqual([{ ...s.link, carried: { 'carried-note': s.note.id } }]);
    expect(backup.fateOverrides).toMatchObject([{ from: s.doc.id, to: s.second.id, noteId: s.note.id, fate: 'adopted' }]);
    const target = emptyDb();
    const result = await importBackup(target, await parsed(backupJson(backup)));
    expect(result).toEqual({ added: 2 + 1 + 0 + 0 + 2 + 1 + 1, identical: 0, updated: 0, conflicts: [], kept: [] });
    expect(await versionTables(target)).toEqual(await versionTables(s.db));
    // the chain is whole again: the versions panel finds it
    expect(await new VersionsStore(target).chain(s.second.id)).toEqual([s.doc.id, s.second.id]);
  });

  test('importing the same backup again, or into the database it came from, adds nothing', async () => {
    const s = await withVersions();
    const data = await parsed(backupJson(await exportBackup(s.db)));
    const before = await versionTables(s.db);
    expect(await importBackup(s.db, data)).toEqual({ added: 0, identical: 7, updated: 0, conflicts: [], kept: [] });
    expect(await versionTables(s.db)).toEqual(before);
  });

  test('a backup written before the version lists existed still imports, with none', async () => {
    const s = await withVersions();
    const old = edited(await exportBackup(s.db), (o) => {
      delete o.versionTexts;
      delete o.versionLinks;
      delete o.fateOverrides;
      o.schemaVersion = 1;
    });
    const data = await parsed(old);
    expect(data).toMatchObject({ versionTexts: [], versionLinks: [], fateOverrides: [] });
    expect(data.files).toBeUndefined();
    const target = emptyDb();
    expect(await importBackup(target, data)).toMatchObject({ added: 2 + 1 + 0 + 0, kept: [] });
    expect(await versionTables(target)).toEqual({ versionTexts: [], versionLinks: [], fateOverrides: [] });
  });

  test('what differs here is kept and reported, never overwritten; carried notes are unioned', async () => {
    const s = await withVersions();
    const data = await parsed(backupJson(await exportBackup(s.db)));
    const [text0, text1] = data.versionTexts;
    const otherText = { ...text0!, articles: [article(1, '另一台电脑读到的文字。')] };
    const otherFate = { ...data.fateOverrides[0]!, fate: 'unchanged' as const };
    const moreCarried = { ...data.versionLinks[0]!, id: 'laptop-link', carried: { ...data.versionLinks[0]!.carried, 'laptop-note': s.note.id } };
    const before = await versionTables(s.db);
    const result = await importBackup(s.db, { ...data, versionTexts: [otherText, text1!], versionLinks: [moreCarried], fateOverrides: [otherFate] });
    expect(result.kept).toEqual([
      { kind: 'versionText', mine: before.versionTexts.find((t) => t.documentId === text0!.documentId), theirs: otherText },
      { kind: 'fateOverride', mine: before.fateOverrides[0], theirs: otherFate },
    ]);
    expect(result.updated).toBe(1);
    const after = await versionTables(s.db);
    expect(after.versionTexts).toEqual(before.versionTexts);
    expect(after.fateOverrides).toEqual(before.fateOverrides);
    // the same link under another id: one link, the laptop's carried note added to it
    expect(after.versionLinks).toEqual([{ ...before.versionLinks[0], carried: { 'carried-note': s.note.id, 'laptop-note': s.note.id } }]);
  });

  test('a link that would fork or loop the chain is kept out, with the fates overruled over it', async () => {
    const s = await withVersions();
    const third = await s.service.openDocument({ url: 'https://www.example.gov.cn/zhengce/2024/law.htm', notice: notice({ title: '中华人民共和国数据安全管理条例' }) });
    const data = await parsed(backupJson(await exportBackup(s.db)));
    // the other computer linked the draft straight to the enacted text, and the enacted text back to the draft
    const fork = { ...data.versionLinks[0]!, id: 'fork', to: third.id, carried: {} };
    const loop = { ...data.versionLinks[0]!, id: 'loop', from: s.second.id, to: s.doc.id, carried: {} };
    const fate = { ...data.fateOverrides[0]!, to: third.id };
    const before = await versionTables(s.db);
    const result = await importBackup(s.db, { ...data, versionLinks: [fork, loop], fateOverrides: [fate] });
    expect(result.kept.map((k) => [k.kind, k.theirs])).toEqual([
      ['versionLink', fork],
      ['versionLink', loop],
      ['fateOverride', fate],
    ]);
    expect(await versionTables(s.db)).toEqual(before);
  });

  test('version records follow their document when the same draft is known here under another id', async () => {
    const s = await withVersions();
    const data = await parsed(backupJson(await exportBackup(s.db)));
    const t = await setup(1_800_000_000_000, 'laptop');
    dbs.push(t.db);
    // the laptop opened the first draft itself: same URL, its own id
    const result = await importBackup(t.db, data);
    expect(result.kept).toEqual([]);
    const links = await t.db.versionLinks.toArray();
    expect(links).toMatchObject([{ from: t.doc.id, to: s.second.id }]);
    expect((await t.db.versionTexts.get(t.doc.id))?.articles).toHaveLength(2);
    expect(await t.db.fateOverrides.toArray()).toMatchObject([{ from: t.doc.id, to: s.second.id, fate: 'adopted' }]);
  });

  test('a link whose two versions are one draft here (same URL, same title) is kept out, not made a link to itself', async () => {
    const s = await withVersions();
    const data = await parsed(backupJson(await exportBackup(s.db)));
    const local = await s.db.documents.get(s.doc.id);
    const t = await setup(1_800_000_000_000, 'laptop');
    dbs.push(t.db);
    // the file's second version carries the first draft's title: both map to the laptop's one document
    const second = { ...data.documents.find((d) => d.id === s.second.id)!, title: local!.title };
    const r = await importBackup(t.db, { ...data, documents: [data.documents.find((d) => d.id === s.doc.id)!, second] });
    expect(r.kept.map((k) => k.kind)).toEqual(['versionText', 'versionLink', 'fateOverride']);
    expect(await t.db.versionLinks.count()).toBe(0);
  });

  test('a malformed version record refuses the whole file, naming the record and the field', async () => {
    const s = await withVersions();
    const backup = await exportBackup(s.db);
    const cases: [(o: Json) => void, string, string][] = [
      [(o) => (o.fateOverrides[0].fate = 'accepted'), 'fateOverrides[0].fate', 'fateOverrides'],
      [(o) => (o.versionLinks[0].to = 'nowhere'), 'versionLinks[0].to', 'versionLinks'],
      [(o) => (o.versionLinks[0].to = o.versionLinks[0].from), 'versionLinks[0].to', 'versionLinks'],
      [(o) => (o.versionLinks[0].carried = { __proto__: null, constructor: 'x' }), 'versionLinks[0].carried.constructor', 'versionLinks'],
      [(o) => (o.versionTexts[1].articles[0].text = 5), 'versionTexts[1].articles[0].text', 'versionTexts'],
      [(o) => (o.versionTexts[0].documentId = 'nowhere'), 'versionTexts[0].documentId', 'versionTexts'],
      [(o) => o.versionTexts.push(o.versionTexts[0]), 'versionTexts[2].documentId', 'versionTexts'],
      [(o) => (o.versionTexts = 'none'), 'versionTexts', ''],
    ];
    for (const [edit, path, list] of cases) {
      const r = await parseBackup(edited(backup, edit));
      expect(r, path).toMatchObject({ ok: false, code: 'invalid', path });
      if (!r.ok && list) expect(r.record?.list).toBe(list);
    }
  });

  test('the schemas and the store agree on the fates and the limits', () => {
    expect([...FATE_NAMES]).toEqual([...FATES]);
    expect(L.VERSION_ARTICLES_MAX).toBe(MAX_STORED_ARTICLES);
    expect(L.VERSION_ARTICLE_MAX_CHARS).toBe(MAX_ARTICLE_CHARS);
    expect(L.FILE_MAX_BYTES).toBe(FILES_LIMIT);
  });
});

describe('the draft files in a backup', () => {
  test('left out unless asked for; included, their bytes come back whole and keyed by their SHA-256', async () => {
    const s = await withVersions();
    const file = pdf('第一条 为了保障数据安全。');
    await putFile(s.db, file);
    expect((await exportBackup(s.db)).files).toBeUndefined();
    expect(JSON.parse(backupJson(await exportBackup(s.db)))).not.toHaveProperty('files');
    const text = backupJson(await exportBackup(s.db, { files: true }));
    expect(JSON.parse(text).files[0].bytes).toBe(Buffer.from(file.bytes).toString('base64'));
    const data = await parsed(text);
    expect(data.files).toEqual([file]);
    const target = emptyDb();
    expect(await importBackup(target, data)).toMatchObject({ added: 8, kept: [] });
    const back = await target.files.get(file.sha256);
    expect(back).toEqual(file);
    expect(createHash('sha256').update(back!.bytes).digest('hex')).toBe(file.sha256);
    // again: identical
    expect(await importBackup(target, data)).toMatchObject({ added: 0, identical: 8 });
  });

  test('a file of several megabytes is decoded in slices, with pauses between them, byte for byte', async () => {
    const s = await withVersions();
    const big = pdf('x');
    const bytes = new Uint8Array(3 * 1024 * 1024 - 1); // base64 ends in one '='
    for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
    const file = { ...big, bytes, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    await putFile(s.db, file);
    const text = backupJson(await exportBackup(s.db, { files: true }));
    let pauses = 0;
    const r = await parseBackup(text, { sliceMs: 1e9, pause: async () => void pauses++ });
    if (!r.ok) throw new Error(r.message);
    const [back] = r.data.files!;
    expect({ ...back!, bytes: null }).toEqual({ ...file, bytes: null });
    expect(Buffer.from(back!.bytes).equals(Buffer.from(bytes))).toBe(true);
    // 4 MiB of base64 in 1 MiB slices: 3 pauses inside the file and one after it (records never paused: sliceMs is huge)
    expect(pauses).toBe(4);
  });

  test('a file here keeps its name; a source it lacks comes from the backup', async () => {
    const s = await withVersions();
    const file = pdf('x');
    const target = emptyDb();
    await putFile(target, { ...file, name: '本地名.pdf', source: null });
    await putFile(s.db, file);
    const data = await parsed(backupJson(await exportBackup(s.db, { files: true })));
    const r = await importBackup(target, { ...data, documents: [], notes: [], comments: [], tags: [], versionTexts: [], versionLinks: [], fateOverrides: [] });
    expect(r).toMatchObject({ added: 0, updated: 1 });
    expect(await target.files.get(file.sha256)).toMatchObject({ name: '本地名.pdf', source: file.source });
  });

  test('bytes that do not hash to their key, or not as many as their size, refuse the file', async () => {
    const s = await withVersions();
    await putFile(s.db, pdf('第一条'));
    const backup = await exportBackup(s.db, { files: true });
    const other = Buffer.from('%PDF-1.7 another file').toString('base64');
    const cases: [(o: Json) => void, string][] = [
      [(o) => (o.files[0].bytes = other), 'files[0].bytes'],
      [(o) => (o.files[0].size += 1), 'files[0].bytes'],
      [(o) => (o.files[0].bytes = `${o.files[0].bytes.slice(0, -4)}!!!!`), 'files[0].bytes'],
      [(o) => (o.files[0].sha256 = 'abc'), 'files[0].sha256'],
      [(o) => (o.files[0].kind = 'exe'), 'files[0].kind'],
      [(o) => o.files.push(o.files[0]), 'files[1].sha256'],
    ];
    for (const [edit, path] of cases) {
      const r = await parseBackup(edited(backup, edit));
      expect(r, path).toMatchObject({ ok: false, code: 'invalid', path, record: { list: 'files', label: '草案.pdf' } });
    }
    const target = emptyDb();
    expect(await target.files.count()).toBe(0);
  });
});

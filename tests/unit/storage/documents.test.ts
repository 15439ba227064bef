import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import type { ReviewDB } from '../../../storage';
import { NOTICE_FIELD_MAX_CHARS } from '../../../storage';
import { expectStorageError, noteInput, notice, setup } from './helpers';

let db: ReviewDB | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

describe('openDocument', () => {
  test('creates a document at the normalised URL, and finds it again from any variant of that URL', async () => {
    const s = await setup();
    db = s.db;
    expect(s.doc).toMatchObject({
      url: 'https://www.example.gov.cn/zhengce/2024/draft.htm',
      urls: ['https://www.example.gov.cn/zhengce/2024/draft.htm'],
      title: '中华人民共和国数据安全管理条例（征求意见稿）',
      createdAt: s.clock.t,
      updatedAt: s.clock.t,
    });
    s.clock.tick();
    const again = await s.service.openDocument({
      url: 'http://WWW.example.gov.cn/zhengce/2024/draft.htm/?utm_source=weibo#article-3',
      notice: notice(),
    });
    expect(again).toEqual(s.doc);
    expect(await s.db.documents.count()).toBe(1);
  });

  test('the same draft at a second URL of the same site is linked by its title: one document, both URLs', async () => {
    const s = await setup();
    db = s.db;
    s.clock.tick();
    const second = await s.service.openDocument({ url: 'https://fgs.example.gov.cn/pub/draft-42.html', notice: notice() });
    expect(second.id).toBe(s.doc.id);
    expect(second.urls).toEqual(['https://www.example.gov.cn/zhengce/2024/draft.htm', 'https://fgs.example.gov.cn/pub/draft-42.html']);
    expect(second.url).toBe(s.doc.url);
    expect(second.updatedAt).toBe(s.clock.t);
    // the linked URL now finds it directly, even after the title changed on the page
    const byUrl = await s.service.openDocument({ url: 'https://fgs.example.gov.cn/pub/draft-42.html', notice: notice({ title: null }) });
    expect(byUrl.id).toBe(s.doc.id);
    expect(await s.db.documents.count()).toBe(1);
  });

  test('titles compare without whitespace; the explicit title wins over the notice title', async () => {
    const s = await setup();
    db = s.db;
    const spaced = await s.service.openDocument({
      url: 'https://other.example.gov.cn/a',
      title: '中华人民共和国 数据安全管理条例 （征求意见稿）',
      notice: notice({ title: 'something else' }),
    });
    expect(spaced.id).toBe(s.doc.id);
  });

  test('pages without a title are never linked to each other; a different title makes a new document', async () => {
    const s = await setup();
    db = s.db;
    const a = await s.service.openDocument({ url: 'https://a.example.cn/1', notice: notice({ title: null }) });
    const b = await s.service.openDocument({ url: 'https://b.example.cn/1', notice: notice({ title: null }) });
    const c = await s.service.openDocument({ url: 'https://c.example.cn/1', notice: notice({ title: '另一部条例' }) });
    expect(new Set([a.id, b.id, c.id, s.doc.id]).size).toBe(4);
    expect(a.title).toBeNull();
  });

  test('a later read fills in what it found, and a null never erases a known notice field', async () => {
    const s = await setup();
    db = s.db;
    s.clock.tick();
    const later = await s.service.openDocument({
      url: s.doc.url,
      notice: notice({ deadline: null, issuer: '国家网信办', channels: { ...notice().channels, email: null, fax: '010-1234' } }),
    });
    expect(later.notice.deadline).toBe('2024-06-01');
    expect(later.notice.issuer).toBe('国家网信办');
    expect(later.notice.channels.email).toBe('review@example.gov.cn');
    expect(later.notice.channels.fax).toBe('010-1234');
    expect(await s.service.getDocument(s.doc.id)).toEqual(later);
  });

  test('bad input is refused with the path of the field', async () => {
    const s = await setup();
    db = s.db;
    await expectStorageError(s.service.openDocument({ url: '', notice: notice() }), 'invalid', 'url');
    const { channels: _c, ...noChannels } = notice();
    await expectStorageError(s.service.openDocument({ url: 'https://x.cn', notice: noChannels as never }), 'invalid', 'notice.channels');
    await expectStorageError(s.service.openDocument({ url: 'https://x.cn', notice: notice({ deadline: '6月1日' }) }), 'invalid', 'notice.deadline');
    expect(await s.db.documents.count()).toBe(1);
  });

  test('a notice field or title longer than the limit is cut with … and the document opens; notes can be saved', async () => {
    const s = await setup();
    db = s.db;
    const run = '济南市历下区龙鼎大道1号龙奥大厦'.repeat(150); // 2,400 characters: an address run
    const title = `${'很长的标题'.repeat(500)}(征求意见稿)`;
    const doc = await s.service.openDocument({
      url: 'https://www.jinan.gov.cn/art/2024/long.html',
      title,
      notice: notice({ issuer: run, channels: { ...notice().channels, address: run } }),
    });
    expect(doc.notice.channels.address).toHaveLength(NOTICE_FIELD_MAX_CHARS);
    expect(doc.notice.channels.address!.endsWith('…')).toBe(true);
    expect(run.startsWith(doc.notice.channels.address!.slice(0, -1))).toBe(true);
    expect(doc.notice.issuer).toHaveLength(NOTICE_FIELD_MAX_CHARS);
    expect(doc.title).toHaveLength(NOTICE_FIELD_MAX_CHARS);
    expect(await s.service.saveNote(noteInput(doc.id))).toMatchObject({ ok: true });
    // a cut never splits a surrogate pair
    const astral = await s.service.openDocument({ url: 'https://x.cn/a', notice: notice({ issuer: '𠀀'.repeat(1_500) }) });
    expect(astral.notice.issuer!.isWellFormed()).toBe(true);
  });
});

describe('a title on another site (openPage)', () => {
  const mirror = 'https://www.mirror-site.com/copy/draft.html';
  const hostile = () => notice({ deadline: '2099-01-01', channels: { ...notice().channels, email: 'collect@mirror-site.com' } });

  test('asks, and stores nothing: no document, no URL added, the stored notice unchanged', async () => {
    const s = await setup();
    db = s.db;
    const before = await s.db.documents.toArray();
    s.clock.tick();
    const opened = await s.service.openPage({ url: mirror, notice: hostile() });
    expect(opened).toEqual({ ask: { documentId: s.doc.id, title: s.doc.title, host: 'www.example.gov.cn' } });
    expect(await s.db.documents.toArray()).toEqual(before);
  });

  test('after "yes" the URL joins the document; its fields stay as stored, and the next read there finds it without asking', async () => {
    const s = await setup();
    db = s.db;
    s.clock.tick();
    const linked = await s.service.linkPage(s.doc.id, mirror);
    expect(linked.urls).toEqual([s.doc.url, mirror]);
    expect(linked.notice).toEqual(s.doc.notice);
    const again = await s.service.openPage({ url: mirror, notice: hostile() });
    expect('document' in again && again.document.id).toBe(s.doc.id);
    expect('document' in again && again.document.notice).toEqual(s.doc.notice);
  });

  test('"no" makes a separate document for the page; it is found by its URL from then on', async () => {
    const s = await setup();
    db = s.db;
    const sep = await s.service.openPage({ url: mirror, notice: hostile() }, { separate: true });
    expect('document' in sep && sep.document.id).not.toBe(s.doc.id);
    const again = await s.service.openPage({ url: mirror, notice: hostile() });
    expect('document' in again && again.document.id).toBe('document' in sep && sep.document.id);
    expect((await s.service.getDocument(s.doc.id))!.notice).toEqual(s.doc.notice);
  });

  test('only the own URL changes the stored fields, and the change is recorded (was / now)', async () => {
    const s = await setup();
    db = s.db;
    // another URL of the same site: linked, but its different email does not replace the stored one
    const other = await s.service.openPage({ url: 'https://other.example.gov.cn/x.html', notice: hostile() });
    expect('document' in other && other.document.notice.channels.email).toBe('review@example.gov.cn');
    expect('document' in other && other.document.changes).toBeUndefined();
    s.clock.tick();
    const own = await s.service.openPage({ url: s.doc.url, notice: notice({ deadline: '2024-06-15' }) });
    expect('document' in own && own.document.notice.deadline).toBe('2024-06-15');
    expect('document' in own && own.document.changes).toEqual([{ field: 'deadline', was: '2024-06-01', now: '2024-06-15', at: s.clock.t }]);
    const seen = await s.service.clearChanges(s.doc.id);
    expect(seen.changes).toBeUndefined();
  });

  test('a correction is stored, checked, survives later reads, and can be taken back', async () => {
    const s = await setup();
    db = s.db;
    const c = await s.service.correctField(s.doc.id, 'email', '  right@example.gov.cn ');
    expect(c.corrections).toEqual({ email: 'right@example.gov.cn' });
    await s.service.openPage({ url: s.doc.url, notice: notice({ channels: { ...notice().channels, email: 'wrong@example.gov.cn' } }) });
    expect((await s.service.getDocument(s.doc.id))!.corrections).toEqual({ email: 'right@example.gov.cn' });
    await expectStorageError(s.service.correctField(s.doc.id, 'deadline', '2024-02-30'), 'invalid', 'value');
    await expectStorageError(s.service.correctField(s.doc.id, 'email', 'not an address'), 'invalid', 'value');
    await expectStorageError(s.service.correctField('nope', 'email', 'a@b.cn'), 'not-found');
    const none = await s.service.correctField(s.doc.id, 'address', '');
    expect(none.corrections).toEqual({ email: 'right@example.gov.cn', address: '' });
    const back = await s.service.correctField(s.doc.id, 'email', null);
    expect(back.corrections).toEqual({ address: '' });
  });
});

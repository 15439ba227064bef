import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { parseOutline } from '../../../regulation/outline';
import { toOutlineJson } from '../../../regulation/json';
import { unsureFields } from '../../../regulation/unsure';
import { checkCorrection, effectiveNotice, noticeChanges } from '../../../storage/corrections';
import { notice } from '../storage/helpers';

const doc = (over: object = {}) => ({
  url: 'https://www.jinan.gov.cn/art/1.html',
  notice: notice(),
  ...over,
});

describe('effectiveNotice', () => {
  test('no document: the page read as it is', () => {
    const page = notice({ issuer: 'X' });
    expect(effectiveNotice(page, null, 'https://a.cn/').notice).toBe(page);
  });

  test('the own URL: the page read, stored values fill its gaps; corrections win', () => {
    const page = notice({ deadline: null, channels: { ...notice().channels, email: 'new@jinan.gov.cn' } });
    const e = effectiveNotice(page, doc({ corrections: { subject: '关于条例的意见', address: '' } }), 'http://www.jinan.gov.cn/art/1.html#x');
    expect(e.ownUrl).toBe(true);
    expect(e.notice.channels.email).toBe('new@jinan.gov.cn');
    expect(e.notice.deadline).toBe('2024-06-01');
    expect(e.notice.channels.subject).toBe('关于条例的意见');
    expect(e.notice.channels.address).toBeNull();
    expect([...e.corrected].sort()).toEqual(['address', 'subject']);
  });

  test('another URL: the stored fields, never the page\'s own', () => {
    const page = notice({ deadline: '2099-01-01', channels: { ...notice().channels, email: 'collect@mirror-site.com' } });
    const e = effectiveNotice(page, doc(), 'https://www.mirror-site.com/copy.html');
    expect(e.ownUrl).toBe(false);
    expect(e.notice.channels.email).toBe('review@example.gov.cn');
    expect(e.notice.deadline).toBe('2024-06-01');
  });
});

test('noticeChanges lists changed fields with values; a null never counts as a change', () => {
  const changes = noticeChanges(notice(), notice({ issuer: '新机关', deadline: null }), 5);
  expect(changes).toEqual([{ field: 'issuer', was: '国家互联网信息办公室', now: '新机关', at: 5 }]);
});

test('checkCorrection trims, allows none, refuses impossible dates, non-addresses and overlong text', () => {
  expect(checkCorrection('subject', '  a   b ', 100)).toEqual({ ok: true, value: 'a b' });
  expect(checkCorrection('email', '', 100)).toEqual({ ok: true, value: '' });
  expect(checkCorrection('deadline', '2025-02-29', 100)).toEqual({ ok: false, problem: 'date' });
  expect(checkCorrection('deadline', '2024-02-29', 100)).toEqual({ ok: true, value: '2024-02-29' });
  expect(checkCorrection('email', 'a@b', 100)).toEqual({ ok: false, problem: 'email' });
  expect(checkCorrection('address', 'x'.repeat(101), 100)).toEqual({ ok: false, problem: 'too-long' });
});

describe('unsure fields (请核对)', () => {
  test('two different emails or addresses; a deadline without its year', () => {
    const n = notice({ deadline: '2024-06-30', channels: { ...notice().channels, address: '济南市龙鼎大道1号' } });
    const text = '请于6月30日前发送至 a@jinan.gov.cn 或 b@jinan.gov.cn。通信地址：济南市龙鼎大道1号；邮寄至：济南市泺源大街2号';
    expect(unsureFields(text, n)).toEqual(['email', 'address', 'deadline']);
  });

  test('one email written twice, one address, a deadline with its year: nothing to check', () => {
    const n = notice({ deadline: '2024-06-30', channels: { ...notice().channels, email: 'a@jinan.gov.cn', address: '济南市龙鼎大道1号' } });
    const text = '截止日期为2024年6月30日。邮箱：a@jinan.gov.cn（A@jinan.gov.cn）。通信地址：济南市龙鼎大道1号';
    expect(unsureFields(text, n)).toEqual([]);
  });

  test('the outline carries `unsure`, and the CLI JSON does not', () => {
    const o = parseOutline([
      '关于公开征求《某某条例（征求意见稿）》意见的公告',
      '2024年5月1日',
      '请于6月30日前将意见发送至 a@jinan.gov.cn 或 b@jinan.gov.cn。',
      '第一条 为了规范某某,制定本条例。',
      '第二条 本条例自公布之日起施行。',
    ]);
    expect(o.channels.email).toBe('a@jinan.gov.cn');
    expect(o.unsure).toEqual(expect.arrayContaining(['email']));
    expect('unsure' in toOutlineJson(o)).toBe(false);
  });
});

describe('corrections in a backup', () => {
  test('exported and imported with the document; a local correction is never replaced by the file\'s', async () => {
    const { setup } = await import('../storage/helpers');
    const { exportBackup, importBackupText } = await import('../../../storage');
    const a = await setup();
    await a.service.correctField(a.doc.id, 'email', 'fixed@example.gov.cn');
    await a.service.correctField(a.doc.id, 'address', '济南市龙鼎大道1号');
    const text = JSON.stringify(await exportBackup(a.db));
    const b = await setup(1_700_000_000_000, 'other');
    await b.service.correctField(b.doc.id, 'email', 'mine@example.gov.cn');
    const r = await importBackupText(b.db, text);
    expect(r.ok).toBe(true);
    expect((await b.service.getDocument(b.doc.id))!.corrections).toEqual({ email: 'mine@example.gov.cn', address: '济南市龙鼎大道1号' });
    const bad = JSON.parse(text) as { documents: Array<{ corrections: Record<string, unknown> }> };
    bad.documents[0]!.corrections = { password: 'x' };
    expect((await importBackupText(b.db, JSON.stringify(bad))).ok).toBe(false);
    await a.db.delete();
    await b.db.delete();
  });
});

test('the banner names what the letter lacks: the email, the address, or both', async () => {
  const { missingKey } = await import('../../../entrypoints/content/consent');
  const c = notice().channels;
  expect(missingKey(notice({ channels: { ...c, address: '济南市龙鼎大道1号' } }))).toBeNull();
  expect(missingKey(notice())).toBe('controlMissingAddress');
  expect(missingKey(notice({ channels: { ...c, email: null, address: '济南市龙鼎大道1号' } }))).toBe('controlMissingEmail');
  expect(missingKey(notice({ channels: { ...c, email: null } }))).toBe('controlMissingBoth');
});

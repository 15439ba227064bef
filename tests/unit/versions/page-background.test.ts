/**
 * The background's answer to a page's versions:page (background/page-versions.ts) over a real (fake-indexeddb)
 * review database: the offer, the marks once linked, "不是" honoured, and the reviewed draft's text kept.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { pageVersions } from '../../../background/page-versions';
import { paragraphsFromText } from '../../../regulation/json';
import { parseOutline } from '../../../regulation/outline';
import { VersionsStore } from '../../../storage/versions';
import { declineKey } from '../../../versions/page';
import { noteInput, notice, setup } from '../storage/helpers';

const load = (file: string) =>
  parseOutline(paragraphsFromText(readFileSync(new URL(file, new URL('../../versions/', import.meta.url)), 'utf8'))).articles.map(
    ({ number, sub, label, title, text }) => ({ number, sub, label, title, text }),
  );
const draft = load('jinan-digital-economy-2024-draft.txt');
const enacted = load('jinan-digital-economy-2024-enacted.txt');

async function twoDrafts() {
  const { db, service } = await setup();
  const store = new VersionsStore(db);
  const first = await service.openDocument({ url: 'https://www.jinan.gov.cn/a.html', notice: notice({ title: '济南市数字经济促进条例（征求意见稿）' }) });
  const second = await service.openDocument({ url: 'https://www.jinan.gov.cn/b.html', notice: notice({ title: '济南市数字经济促进条例' }) });
  const ask = (documentId: string, articles = enacted, title: string | null = '济南市数字经济促进条例') => ({ type: 'versions:page' as const, documentId, title, articles });
  return { db, service, store, first, second, ask };
}

describe('pageVersions', () => {
  test('a reviewed draft (a note, its text kept on its own page) is offered to its next version; the link then marks', async () => {
    const { db, service, store, first, second, ask } = await twoDrafts();
    // the first draft's page, before any note: nothing kept; with a note: its text is kept
    expect(await pageVersions(db, store, ask(first.id, draft, '济南市数字经济促进条例（征求意见稿）'), [])).toEqual({ offer: null, marks: [] });
    expect(await db.versionTexts.get(first.id)).toBeUndefined();
    await service.saveNote({ ...noteInput(first.id), article: { number: 1, sub: 0, label: '第一条', excerpt: draft[0]!.text.slice(0, 20) } });
    await pageVersions(db, store, ask(first.id, draft, '济南市数字经济促进条例（征求意见稿）'), []);
    expect((await db.versionTexts.get(first.id))!.articles).toHaveLength(draft.length);

    // the enacted text's page: offered, not linked, its text not kept (no note, no chain)
    expect(await pageVersions(db, store, ask(second.id), [])).toEqual({ offer: { from: first.id, title: '济南市数字经济促进条例（征求意见稿）' }, marks: [] });
    expect(await db.versionLinks.count()).toBe(0);
    expect(await db.versionTexts.get(second.id)).toBeUndefined();
    // "不是" for that pair: no offer
    expect((await pageVersions(db, store, ask(second.id), [declineKey(first.id, second.id)])).offer).toBeNull();

    // linked: no offer, the changed and added articles marked, the new version's text kept for the next one
    await store.link(first.id, second.id);
    const linked = await pageVersions(db, store, ask(second.id), []);
    expect(linked.offer).toBeNull();
    expect(linked.marks.length).toBeGreaterThan(0);
    expect(linked.marks.every((m) => (m.kind === 'changed' || m.kind === 'added') && m.index < enacted.length)).toBe(true);
    expect((await db.versionTexts.get(second.id))!.articles).toHaveLength(enacted.length);
  });

  test('malformed articles are refused with a StorageError and nothing is kept', async () => {
    const { db, store, first, second, ask } = await twoDrafts();
    await store.link(first.id, second.id);
    await expect(pageVersions(db, store, ask(second.id, [{ number: 'x' }] as never), [])).rejects.toMatchObject({ code: 'invalid' });
    expect(await db.versionTexts.get(second.id)).toBeUndefined();
  });
});

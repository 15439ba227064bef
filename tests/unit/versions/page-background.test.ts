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
import { articlesFingerprint } from '../../../versions/fingerprint';
import { isPageVersionsRequest, type PageVersions, type PageVersionsAsk } from '../../../shared/page-version-messages';
import { askPageVersions } from '../../../entrypoints/content/versions-ask';
import type { Article } from '../../../regulation/types';
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
  const ask = (documentId: string, articles = enacted, title: string | null = '济南市数字经济促进条例') => ({
    type: 'versions:page' as const,
    documentId,
    title,
    fingerprint: articlesFingerprint(articles),
    articles,
  });
  return { db, service, store, first, second, ask };
}

describe('the page asks in two steps: the title and a fingerprint, the articles only when needed', () => {
  /** The page's askPageVersions answered by the background's pageVersions; every message kept. */
  const exchange = (db: Parameters<typeof pageVersions>[0], store: VersionsStore) => {
    const sent: PageVersionsAsk[] = [];
    const send = async (m: PageVersionsAsk) => {
      sent.push(structuredClone(m));
      expect(isPageVersionsRequest(m)).toBe(true);
      return { ok: true, value: await pageVersions(db, store, m, []) };
    };
    return { sent, ask: (id: string, title: string | null, articles: Article[]) => askPageVersions(send, id, title, articles) };
  };
  const articlesOf = (list: typeof draft) => list.map((a, i) => ({ ...a, chapter: null, paragraphs: [i, i + 1] as [number, number], bodyOffset: 0 }));

  test('a page nothing compares with sends no article; a reviewed draft sends its articles once, then only when they change', async () => {
    const { db, service, store, first } = await twoDrafts();
    const { sent, ask } = exchange(db, store);
    const page = articlesOf(draft);
    const title = '济南市数字经济促进条例（征求意见稿）';
    // no note, no link, no other draft of the regulation kept: one message, with no text in it
    expect(await ask(first.id, title, page)).toEqual({ offer: null, marks: [] });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.articles).toBeUndefined();
    expect(JSON.stringify(sent[0]).length).toBeLessThan(300);

    // with a note its text is kept: the background asks for the articles once
    await service.saveNote({ ...noteInput(first.id), article: { number: 1, sub: 0, label: '第一条', excerpt: draft[0]!.text.slice(0, 20) } });
    sent.length = 0;
    await ask(first.id, title, page);
    expect(sent.map((m) => !!m.articles)).toEqual([false, true]);
    expect((await db.versionTexts.get(first.id))!.articles).toHaveLength(draft.length);
    // the same text again (an outline change elsewhere, a later open): the fingerprint says it is kept, no text sent
    sent.length = 0;
    await ask(first.id, title, articlesOf(draft));
    expect(sent.map((m) => !!m.articles)).toEqual([false]);
    // an article edited: sent again, and kept
    const edited = articlesOf(draft);
    edited[3] = { ...edited[3]!, text: `${edited[3]!.text}（新增一句）` };
    sent.length = 0;
    await ask(first.id, title, edited);
    expect(sent.map((m) => !!m.articles)).toEqual([false, true]);
    expect((await db.versionTexts.get(first.id))!.articles[3]!.text).toContain('新增一句');
  });

  test('a draft of the same regulation kept: the articles are sent for the offer; once linked, the kept text gives the marks', async () => {
    const { db, service, store, first, second } = await twoDrafts();
    await service.saveNote({ ...noteInput(first.id), article: { number: 1, sub: 0, label: '第一条', excerpt: draft[0]!.text.slice(0, 20) } });
    await store.saveText(first.id, '济南市数字经济促进条例（征求意见稿）', draft);
    const { sent, ask } = exchange(db, store);
    const page = articlesOf(enacted);
    expect(await ask(second.id, '济南市数字经济促进条例', page)).toEqual({ offer: { from: first.id, title: '济南市数字经济促进条例（征求意见稿）' }, marks: [] });
    expect(sent.map((m) => !!m.articles)).toEqual([false, true]);

    await store.link(first.id, second.id);
    sent.length = 0;
    const marked = await ask(second.id, '济南市数字经济促进条例', page);
    expect(sent.map((m) => !!m.articles)).toEqual([false, true]); // the new version's text is kept now
    expect(marked!.marks.length).toBeGreaterThan(0);
    sent.length = 0;
    expect(await ask(second.id, '济南市数字经济促进条例', articlesOf(enacted))).toEqual(marked);
    expect(sent.map((m) => !!m.articles)).toEqual([false]);
  });

  test('a versions:page without a fingerprint is refused', () => {
    expect(isPageVersionsRequest({ type: 'versions:page', documentId: 'd1', title: null, articles: [] })).toBe(false);
  });
});

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
    expect(((await pageVersions(db, store, ask(second.id), [declineKey(first.id, second.id)])) as PageVersions).offer).toBeNull();

    // linked: no offer, the changed and added articles marked, the new version's text kept for the next one
    await store.link(first.id, second.id);
    const linked = (await pageVersions(db, store, ask(second.id), [])) as PageVersions;
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

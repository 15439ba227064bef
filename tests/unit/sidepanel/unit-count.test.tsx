// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parseOutline } from '../../../regulation/outline';
import { withItemUnits } from '../../../regulation/items';

/**
 * A draft numbered only by items (一、（一）1.) is counted in items, "N 项" / "N items", in the side panel and the
 * popup; a draft with 第N条 in articles, "N 条". The real catalogues answer browser.i18n.
 */

type Catalogue = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const catalogue = (lang: string) => JSON.parse(readFileSync(resolve('public/_locales', lang, 'messages.json'), 'utf8')) as Catalogue;

/** browser.i18n.getMessage over one catalogue, placeholders filled as the browser does. */
function speak(lang: 'zh_CN' | 'en'): void {
  const cat = catalogue(lang);
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string, subs?: string[]) => {
    const m = cat[key];
    if (!m) return '';
    return m.message.replace(/\$(\w+)\$/g, (_, name: string) => (m.placeholders?.[name.toLowerCase()]?.content ?? '').replace(/\$(\d)/g, (__, i: string) => subs?.[Number(i) - 1] ?? ''));
  }) as typeof fakeBrowser.i18n.getMessage);
}

/** A draft numbered only by items: three units (一、 （一） 二、), no 第N条. */
const itemsDraft = () =>
  withItemUnits(parseOutline(['关于推进某项工作的意见', '一、总体要求', '（一）指导思想。以……为指导。', '二、主要任务', '做好……工作。']));
/** A draft with articles: two 第N条 under one chapter. */
const articlesDraft = () => withItemUnits(parseOutline(['第一章 总则', '第一条 为了规范……，制定本办法。', '第二条 本办法适用于……。']));

beforeEach(() => {
  fakeBrowser.reset();
  // t() keeps what it looked up: each test loads the modules afresh, in its own language
  vi.resetModules();
});
afterEach(() => vi.restoreAllMocks());

describe('counting a draft numbered only by items', () => {
  test('the outlines: items dressed as units, or articles with no items', () => {
    const items = itemsDraft();
    expect(items.items).toHaveLength(3);
    expect(items.articles.map((a) => a.label)).toEqual(['第一部分', '第一部分第（一）项', '第二部分']);
    const articles = articlesDraft();
    expect(articles.items).toEqual([]);
    expect(articles.articles).toHaveLength(2);
  });

  test('zh: "3 项" for the items, "2 条" for the articles; the side panel\'s re-read announcement likewise', async () => {
    speak('zh_CN');
    const { unitCount, unitsUpdated, unitsAreItems } = await import('../../../shared/unit-count');
    expect(unitsAreItems(itemsDraft())).toBe(true);
    expect(unitsAreItems(articlesDraft())).toBe(false);
    expect(unitCount(itemsDraft())).toBe('3 项');
    expect(unitCount(articlesDraft())).toBe('2 条');
    expect(unitsUpdated(itemsDraft())).toBe('条目已更新:3 项');
    expect(unitsUpdated(articlesDraft())).toBe('条文已更新:2 条');
  });

  test('en: "3 items" and "2 articles"', async () => {
    speak('en');
    const { unitCount, unitsUpdated } = await import('../../../shared/unit-count');
    expect(unitCount(itemsDraft())).toBe('3 items');
    expect(unitCount(articlesDraft())).toBe('2 articles');
    expect(unitsUpdated(itemsDraft())).toBe('Outline updated: 3 items');
  });

  test('the side panel\'s outline tab: "3 项" with no "0 章" for the items; "2 条 · 1 章" for the articles', async () => {
    speak('zh_CN');
    const { OutlineView } = await import('../../../entrypoints/sidepanel/OutlinePanel');
    const root = document.createElement('div');
    document.body.append(root);
    const counts = async (outline: ReturnType<typeof itemsDraft>) => {
      await act(() => render(<OutlineView outline={outline} tabId={1} url="https://www.example.gov.cn/a.html" documentId={null} ensureDocument={() => Promise.resolve('d')} />, root));
      return root.querySelector('[data-testid=counts]')!.textContent;
    };
    expect(await counts(itemsDraft())).toBe('3 项');
    expect(await counts(articlesDraft())).toBe('2 条 · 1 章');
    await act(() => render(null, root));
    root.remove();
  });
});

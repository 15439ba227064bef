// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OutlineView } from '../../../entrypoints/sidepanel/OutlinePanel';
import { parseOutline } from '../../../regulation/outline';

/** The side panel leads to the file reader page where a page has no articles: a notice whose draft is a file. */
const messages: Record<string, string> = { panelNoArticles: '本页未找到“第…条”形式的条文。', filesOpenFile: '打开本机文件(PDF、Word)…', panelOutline: '目录' };

afterEach(() => {
  vi.restoreAllMocks();
  render(null, document.body);
});

describe('the outline view', () => {
  test('a notice without articles: the empty line and "open a file", which links to the reader page', async () => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((k: string) => messages[k] ?? '') as never);
    const outline = parseOutline(['关于公开征求《某某条例(征求意见稿)》意见的公告', '请于2024年3月20日前提出意见。', '附件:征求意见稿.pdf']);
    expect(outline.articles).toEqual([]);
    await act(() => render(<OutlineView outline={outline} tabId={1} url="http://www.jinan.gov.cn/a.html" documentId={null} ensureDocument={async () => 'd'} />, document.body));
    expect(document.body.textContent).toContain('本页未找到“第…条”形式的条文。');
    const link = document.querySelector<HTMLAnchorElement>('a[data-testid=open-file]')!;
    expect(link.textContent).toBe('打开本机文件(PDF、Word)…');
    expect(link.getAttribute('href')).toMatch(/\/reader\.html$/);
    expect(link.target).toBe('_blank');
  });

  test('a draft with articles lists them, without the link', async () => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((k: string) => messages[k] ?? '') as never);
    const outline = parseOutline(['第一条 为了规范……,制定本办法。', '第二条 本办法适用于……。']);
    await act(() => render(<OutlineView outline={outline} tabId={1} url="http://www.jinan.gov.cn/a.html" documentId={null} ensureDocument={async () => 'd'} />, document.body));
    expect(document.querySelector('a[data-testid=open-file]')).toBeNull();
  });
});

// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FileActions } from '../../../entrypoints/popup/FileActions';

/**
 * The popup's file actions (issue 13 §1). The e2e harness cannot press the toolbar button, and only that click's
 * activeTab grant shows the popup a PDF tab's address, so the offer is tested here against the tab it is given.
 */
const messages: Record<string, string> = { filesOpenThisPdf: '用审阅助手打开此 PDF', filesOpenFile: '打开本机文件…' };
const flush = () => act(async () => void (await new Promise((ok) => setTimeout(ok, 0))));

afterEach(() => {
  vi.restoreAllMocks();
  render(null, document.body);
});

async function popupOn(url: string | undefined) {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((k: string) => messages[k] ?? '') as never);
  vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({ id: 5, url } as never);
  const create = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({ id: 6 } as never);
  vi.spyOn(window, 'close').mockImplementation(() => undefined);
  await act(() => render(<FileActions tabId={5} />, document.body));
  await flush();
  return create;
}

describe('the popup on a tab', () => {
  test('showing a PDF: "open this PDF" opens the reader page on its address and name', async () => {
    const create = await popupOn('http://www.jinan.gov.cn/files/%E8%8D%89%E6%A1%88.pdf?v=2');
    const offer = document.querySelector<HTMLButtonElement>('[data-testid=open-pdf]')!;
    expect(offer.textContent).toBe('用审阅助手打开此 PDF');
    offer.click();
    await flush();
    const url = new URL(create.mock.calls[0]![0].url!, 'chrome-extension://x/');
    expect(url.pathname).toBe('/reader.html');
    expect([url.searchParams.get('src'), url.searchParams.get('name')]).toEqual(['http://www.jinan.gov.cn/files/%E8%8D%89%E6%A1%88.pdf?v=2', '草案.pdf']);
  });

  test('showing a page, or an address it may not see: only "open a file", which opens the empty reader page', async () => {
    for (const url of ['http://www.jinan.gov.cn/art/2024/2/18/art_1.html', undefined, 'file:///home/me/draft.pdf']) {
      const create = await popupOn(url);
      expect(document.querySelector('[data-testid=open-pdf]'), String(url)).toBeNull();
      document.querySelector<HTMLButtonElement>('[data-testid=open-file]')!.click();
      await flush();
      expect(create.mock.calls.at(-1)![0].url).toMatch(/\/reader\.html$/);
      render(null, document.body);
      vi.restoreAllMocks();
    }
  });
});

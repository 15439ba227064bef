// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Deferred } from '../../../entrypoints/sidepanel/deferred';

/** The side panel's views other than the outline and the notes load their code when first shown. */
const messages: Record<string, string> = { panelViewLoading: '正在载入…', panelViewFailed: '无法载入此视图。请关闭侧边栏后重新打开。' };

afterEach(() => {
  vi.restoreAllMocks();
  render(null, document.body);
});

const flush = () => act(async () => void (await new Promise((ok) => setTimeout(ok, 0))));

describe('a view loaded when first shown', () => {
  test('says it is loading, then draws the view with its props; shown again, it draws at once', async () => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((k: string) => messages[k] ?? '') as never);
    let release!: () => void;
    const gate = new Promise<void>((ok) => (release = ok));
    const load = vi.fn(async () => {
      await gate;
      return ({ who }: { who: string }) => <p data-view>{`视图：${who}`}</p>;
    });
    await act(() => render(<Deferred load={load} props={{ who: '导出' }} />, document.body));
    expect(document.body.textContent).toBe('正在载入…');
    release();
    await flush();
    expect(document.body.textContent).toBe('视图：导出');
    await act(() => render(null, document.body));
    await act(() => render(<Deferred load={load} props={{ who: '再次' }} />, document.body));
    expect(document.body.textContent).toBe('视图：再次');
    expect(load).toHaveBeenCalledTimes(1);
  });

  test('code that cannot be loaded (the extension was updated meanwhile) is said in words, as an alert', async () => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((k: string) => messages[k] ?? '') as never);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await act(() => render(<Deferred load={() => Promise.reject(new Error('Failed to fetch dynamically imported module'))} props={{}} />, document.body));
    await flush();
    expect(document.querySelector('[role=alert]')?.textContent).toBe('无法载入此视图。请关闭侧边栏后重新打开。');
  });
});

import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PANEL_VIEW_KEY, runCommand } from '../../background/commands';

const tab = { id: 5, windowId: 2 } as Browser.tabs.Tab;
const page = { url: 'http://www.jinan.gov.cn/a.html', outline: { articles: [] }, documentId: 'd1' };

describe('keyboard commands', () => {
  let open: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    fakeBrowser.reset();
    open = vi.fn(async () => undefined);
    (fakeBrowser as unknown as { sidePanel: unknown }).sidePanel = { open };
  });
  afterEach(() => {
    delete (fakeBrowser as unknown as { sidePanel?: unknown }).sidePanel;
    vi.restoreAllMocks();
  });

  test('note and step commands go to the page as page:command', async () => {
    const sent = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (_id: number, m: { type: string }) =>
      m.type === 'outline:get' ? page : true) as never);
    for (const c of ['add-note', 'next-note', 'prev-note'] as const) await runCommand(c, tab);
    expect(sent.mock.calls.filter(([, m]) => (m as { type: string }).type === 'page:command').map(([id, m]) => [id, m])).toEqual([
      [5, { type: 'page:command', command: 'add-note' }],
      [5, { type: 'page:command', command: 'next-note' }],
      [5, { type: 'page:command', command: 'prev-note' }],
    ]);
  });

  test('on a page not read yet, "add a note" reads it first (the command grants activeTab)', async () => {
    let injected = false;
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (_id: number, m: { type: string }) => {
      if (m.type === 'outline:get' && !injected) throw new Error('Could not establish connection');
      return m.type === 'outline:get' ? page : true;
    }) as never);
    const inject = vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async () => {
      injected = true;
      return [];
    }) as never);
    await runCommand('add-note', tab);
    expect(inject).toHaveBeenCalledWith({ target: { tabId: 5 }, files: ['/content-scripts/content.js'] });
  });

  test('open-panel opens the side panel of the window; export opens it on the export view', async () => {
    const told = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    await runCommand('open-panel', tab);
    expect(open).toHaveBeenCalledWith({ windowId: 2 });
    await runCommand('export-letter', tab);
    expect(open).toHaveBeenCalledTimes(2);
    expect(told).toHaveBeenCalledWith({ type: 'panel:view', view: 'export' });
    expect((await fakeBrowser.storage.session.get(PANEL_VIEW_KEY))[PANEL_VIEW_KEY]).toBe('export');
  });

  test('an unknown command is ignored with a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await runCommand('launch-rockets', tab);
    expect(warn).toHaveBeenCalledWith('regdraft: unknown command', 'launch-rockets');
  });
});

describe('the background listens for the commands', () => {
  test('a command fired by the browser reaches the page', async () => {
    fakeBrowser.reset();
    const { default: background } = await import('../../entrypoints/background');
    const { fireCommand } = await import('./setup');
    background.main();
    const sent = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (_id: number, m: { type: string }) =>
      m.type === 'outline:get' ? page : true) as never);
    fireCommand('next-note', tab);
    await vi.waitFor(() => expect(sent).toHaveBeenCalledWith(5, { type: 'page:command', command: 'next-note' }));
  });
});

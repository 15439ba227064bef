import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';

const tab = { id: 7, windowId: 3, index: 0, highlighted: true, active: true, pinned: false, incognito: false } as unknown as Browser.tabs.Tab;

describe('background', () => {
  let executeScript: ReturnType<typeof vi.fn>;
  let openPanel: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    fakeBrowser.reset();
    executeScript = vi.fn(async () => []);
    openPanel = vi.fn(async () => undefined);
    (fakeBrowser.scripting as unknown as { executeScript: unknown }).executeScript = executeScript;
    (fakeBrowser as unknown as { sidePanel: { open: unknown } }).sidePanel.open = openPanel;
    background.main();
  });

  test('the toolbar button opens the side panel and reads the page through activeTab', async () => {
    await fakeBrowser.action.onClicked.trigger(tab);
    expect(openPanel).toHaveBeenCalledWith({ windowId: 3 });
    expect(executeScript).toHaveBeenCalledWith({ target: { tabId: 7 }, files: ['/content-scripts/content.js'] });
  });

  test('a page that cannot be read (chrome://, the store) is no error', async () => {
    executeScript.mockRejectedValueOnce(new Error('Cannot access a chrome:// URL'));
    await expect(fakeBrowser.action.onClicked.trigger(tab)).resolves.toBeDefined();
  });

  test('the badge shows the article count of the tab that reported it, and clears at zero', async () => {
    const sender = { id: fakeBrowser.runtime.id, tab };
    await fakeBrowser.runtime.onMessage.trigger({ type: 'outline:changed', count: 65 }, sender, () => undefined);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('65');
    await fakeBrowser.runtime.onMessage.trigger({ type: 'outline:changed', count: 0 }, sender, () => undefined);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('');
  });

  test('messages from another extension or of unknown shape change nothing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'outline:changed', count: 9 }, { id: 'evil', tab }, () => undefined);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'outline:changed', count: -1 }, { id: fakeBrowser.runtime.id, tab }, () => undefined);
    expect(await fakeBrowser.action.getBadgeText({ tabId: 7 })).toBe('');
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});

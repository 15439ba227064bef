import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CONTENT_SCRIPT, ensureReader, injectReader, openSidePanel } from '../../../shared/toolbar';

/** What the toolbar button does, now from its popup: read the page, open the side panel. */
describe('the toolbar popup’s actions', () => {
  let executeScript: ReturnType<typeof vi.fn>;
  let openPanel: ReturnType<typeof vi.fn>;
  let sendMessage: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    fakeBrowser.reset();
    executeScript = vi.fn(async () => []);
    openPanel = vi.fn(async () => undefined);
    sendMessage = vi.fn(async () => undefined);
    (fakeBrowser.scripting as unknown as { executeScript: unknown }).executeScript = executeScript;
    (fakeBrowser as unknown as { sidePanel: { open: unknown } }).sidePanel.open = openPanel;
    (fakeBrowser.tabs as unknown as { sendMessage: unknown }).sendMessage = sendMessage;
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
  });

  test('opens the side panel of the window (Chrome), synchronously from the click', async () => {
    const opened = openSidePanel(3);
    expect(openPanel).toHaveBeenCalledWith({ windowId: 3 }); // before any await: still the user's gesture
    expect(await opened).toBe(true);
  });

  test('a refused side panel resolves false', async () => {
    openPanel.mockRejectedValueOnce(new Error('may only be called in response to a user gesture'));
    expect(await openSidePanel(3)).toBe(false);
  });

  test('Firefox: opens the sidebar', async () => {
    const open = vi.fn(async () => undefined);
    const b = fakeBrowser as unknown as { sidePanel?: unknown; sidebarAction?: unknown };
    const sidePanel = b.sidePanel;
    b.sidePanel = undefined;
    b.sidebarAction = { open };
    try {
      expect(await openSidePanel(undefined)).toBe(true);
      expect(open).toHaveBeenCalled();
    } finally {
      b.sidePanel = sidePanel;
      delete b.sidebarAction;
    }
  });

  test('injects the built content script through activeTab', async () => {
    expect(await injectReader(7)).toBe(true);
    expect(executeScript).toHaveBeenCalledWith({ target: { tabId: 7 }, files: [CONTENT_SCRIPT] });
    expect(CONTENT_SCRIPT).toBe('/content-scripts/content.js');
  });

  test('a page that cannot be read (chrome://, the store) is no error', async () => {
    executeScript.mockRejectedValue(new Error('Cannot access a chrome:// URL'));
    expect(await injectReader(7)).toBe(false);
    expect(await ensureReader(7)).toEqual({ page: undefined, injected: false });
  });

  test('a tab with a reader is asked, not injected again', async () => {
    const page = { url: 'http://www.jinan.gov.cn/x', outline: {}, documentId: null };
    sendMessage.mockResolvedValue(page);
    expect(await ensureReader(7)).toEqual({ page, injected: false });
    expect(executeScript).not.toHaveBeenCalled();
    expect(sendMessage).toHaveBeenCalledWith(7, { type: 'outline:get' });
  });

  test('a tab without a reader gets one, and is asked until it answers', async () => {
    const page = { url: 'http://example.org/draft', outline: {}, documentId: null };
    sendMessage.mockRejectedValueOnce(new Error('Receiving end does not exist')).mockResolvedValueOnce(undefined).mockResolvedValue(page);
    expect(await ensureReader(7, { interval: 1 })).toEqual({ page, injected: true });
    expect(executeScript).toHaveBeenCalledTimes(1);
  });

  test('a reader that never answers gives up after the timeout', async () => {
    expect(await ensureReader(7, { timeout: 20, interval: 5 })).toEqual({ page: undefined, injected: true });
  });
});

import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';

const tab = { id: 7, windowId: 3, index: 0, highlighted: true, active: true, pinned: false, incognito: false } as unknown as Browser.tabs.Tab;

describe('background', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    background.main();
  });

  test('the toolbar button belongs to the popup: the background does not listen for clicks (shared/toolbar.ts reads the page)', () => {
    expect(fakeBrowser.action.onClicked.hasListeners()).toBe(false);
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

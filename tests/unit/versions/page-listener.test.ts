/**
 * The background's listener for the page's versions messages (background/page-versions.ts) in the fake browser:
 * "不是" remembered once per pair, messages from elsewhere refused, and the old text's ask handed to the side panel.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, test } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listenForPageVersions } from '../../../background/page-versions';
import { DECLINED_KEY, SHOW_KEY } from '../../../shared/page-version-messages';

const tab = { id: 7, windowId: 3, index: 0, highlighted: true, active: true, pinned: false, incognito: false } as unknown as Browser.tabs.Tab;

/** Sends `message` to the listener as `sender` and returns its answer. */
function ask(message: unknown, sender: object = { id: fakeBrowser.runtime.id, tab }): Promise<unknown> {
  return new Promise((ok) => {
    void fakeBrowser.runtime.onMessage.trigger(message, sender, ok);
    setTimeout(() => ok('no answer'), 300);
  });
}

describe('the page versions listener', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    listenForPageVersions();
  });

  test('"不是" is stored once per pair; another extension\'s message stores nothing', async () => {
    expect(await ask({ type: 'versions:decline', from: 'a', to: 'b' })).toEqual({ ok: true, value: null });
    await ask({ type: 'versions:decline', from: 'a', to: 'b' });
    await ask({ type: 'versions:decline', from: 'c', to: 'b' });
    await ask({ type: 'versions:decline', from: 'x', to: 'y' }, { id: 'evil', tab });
    expect((await fakeBrowser.storage.local.get(DECLINED_KEY))[DECLINED_KEY]).toEqual(['a>b', 'c>b']);
  });

  test('the old text asked from a tab: left for the side panel, and an open panel of that tab says it shows it', async () => {
    const seen: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((m: unknown, _s, reply) => {
      if ((m as { type?: string }).type !== 'versions:show-panel') return false;
      seen.push(m);
      reply(true);
      return true;
    });
    expect(await ask({ type: 'versions:show', index: 4 })).toEqual({ ok: true, value: true });
    expect(seen).toEqual([{ type: 'versions:show-panel', tabId: 7, index: 4 }]);
    expect((await fakeBrowser.storage.session.get(SHOW_KEY))[SHOW_KEY]).toMatchObject({ tabId: 7, index: 4 });
    // the panel opened by the browser (none open before): shown; refused and none open: not shown (the page says so)
    seen.length = 0;
    fakeBrowser.reset();
    listenForPageVersions();
    const panelApi = (fakeBrowser as unknown as { sidePanel: { open: (o: object) => Promise<void> } }).sidePanel;
    panelApi.open = () => Promise.resolve();
    expect(await ask({ type: 'versions:show', index: 2 })).toEqual({ ok: true, value: true });
    panelApi.open = () => Promise.reject(new Error('sidePanel.open() may only be called in response to a user gesture.'));
    expect(await ask({ type: 'versions:show', index: 2 })).toEqual({ ok: true, value: false });
    // not from a tab: nothing to show
    expect(await ask({ type: 'versions:show', index: 4 }, { id: fakeBrowser.runtime.id })).toEqual({ ok: true, value: false });
  });
});

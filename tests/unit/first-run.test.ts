import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listenForFirstRun, WELCOME_PATH, WELCOMED_KEY, welcomeOnInstalled } from '../../background/first-run';
import background from '../../entrypoints/background';

const WELCOME_URL = `chrome-extension://${fakeBrowser.runtime.id}${WELCOME_PATH}`;

/** The tabs opened since the fake browser was reset (it starts with one tab of its own). */
async function openTabs(): Promise<Array<{ url?: string; active: boolean }>> {
  return (await fakeBrowser.tabs.query({})).slice(1).map((tab) => ({ url: tab.url, active: tab.active }));
}

describe('first run, driven through the background', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    background.main();
  });

  test('installing opens the welcome page once, in a tab that does not take focus', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    expect(await openTabs()).toEqual([{ url: WELCOME_URL, active: false }]);
  });

  test('installed again on the same profile (Chromium and --load-extension, a Firefox temporary add-on, at every start): nothing more', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    expect(await openTabs()).toHaveLength(1);
    expect(await fakeBrowser.storage.local.get(WELCOMED_KEY)).toEqual({ [WELCOMED_KEY]: expect.any(Number) });
  });

  test('an update, a browser update or a shared module update opens nothing', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.9' });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'chrome_update' });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'shared_module_update', id: 'other' });
    expect(await openTabs()).toEqual([]);
  });
});

describe('welcomeOnInstalled', () => {
  beforeEach(() => fakeBrowser.reset());

  test('resolves the new tab on install and null otherwise', async () => {
    expect((await welcomeOnInstalled({ reason: 'install' }))?.url).toBe(WELCOME_URL);
    expect(await welcomeOnInstalled({ reason: 'update' })).toBeNull();
    expect(await openTabs()).toHaveLength(1);
  });

  test('a tab the browser refuses is logged, not thrown, so the background carries on', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const create = vi.spyOn(fakeBrowser.tabs, 'create').mockRejectedValue(new Error('No current window'));
    listenForFirstRun();
    await expect(fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' })).resolves.toEqual([null]);
    expect(warn).toHaveBeenCalledWith('regdraft: could not open the welcome page', expect.any(Error));
    expect(await fakeBrowser.storage.local.get(WELCOMED_KEY)).toEqual({}); // not marked: the next install tries again
    create.mockRestore();
    warn.mockRestore();
  });
});

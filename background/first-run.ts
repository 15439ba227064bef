import { browser, type Browser } from 'wxt/browser';

/** The first-run page (entrypoints/welcome) inside the extension. */
export const WELCOME_PATH = '/welcome.html';
/** The storage.local key saying the welcome page has been opened on this profile (the time it was, in ms). */
export const WELCOMED_KEY = 'welcomedAt';

/**
 * Opens the first-run page when the extension is installed, never on an update, a browser update or a reload.
 * The tab opens just before the reviewer's current tab without taking focus (`active: false`): the store page
 * or draft they were reading stays in front, and Firefox's sidebar, which follows the active tab, keeps showing
 * that page. Before, not after: a browser closing a tab selects its right-hand neighbour, so tabs opened and
 * closed later never hand the focus to the welcome page by accident. It opens once per profile: Chromium reports
 * an extension loaded with --load-extension, and Firefox a temporary add-on, as installed again at every start,
 * so a flag in storage.local remembers it (uninstalling
 * clears it, so a new install is welcomed again). Resolves the new tab, or null when nothing was opened (not an
 * install, already welcomed, or the browser refused: logged, never thrown, so the background's other work
 * goes on).
 */
export async function welcomeOnInstalled(details: { reason: Browser.runtime.InstalledDetails['reason'] }): Promise<Browser.tabs.Tab | null> {
  if (details.reason !== 'install') return null;
  try {
    if ((await browser.storage.local.get(WELCOMED_KEY))[WELCOMED_KEY] !== undefined) return null;
    const [current] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    const tab = await browser.tabs.create({
      url: browser.runtime.getURL(WELCOME_PATH),
      active: false,
      ...(current ? { windowId: current.windowId, index: current.index } : {}),
    });
    await browser.storage.local.set({ [WELCOMED_KEY]: Date.now() });
    return tab;
  } catch (e) {
    console.warn('regdraft: could not open the welcome page', e);
    return null;
  }
}

/**
 * Registers the install listener. The background calls this synchronously at start-up, as Chrome only
 * delivers onInstalled to listeners added in the service worker's first turn.
 */
export function listenForFirstRun(): void {
  browser.runtime.onInstalled.addListener((details) => welcomeOnInstalled(details));
}

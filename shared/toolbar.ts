import { browser } from 'wxt/browser';
import { CONTENT_SCRIPT } from './content-files';
import { sendToTab, type PageState } from './messages';

/**
 * What the toolbar button does, called from the popup it opens: read the page (inject the reader into a tab
 * outside the manifest's matches, which activeTab allows after the click) and open the side panel.
 */

/** The content script's built file, injected on pages outside the manifest's matches when asked. */
export { CONTENT_SCRIPT };

interface PanelApis {
  sidePanel?: { open(o: { tabId?: number; windowId?: number }): Promise<void> };
  sidebarAction?: { open(): Promise<void> };
}

/**
 * Opens the side panel of `windowId` (Chrome's sidePanel) or the sidebar (Firefox's sidebarAction). Call it
 * synchronously from a click handler: both browsers accept it only while the click still counts as a user
 * gesture. Resolves false when neither API exists or the browser refused; never throws.
 */
export async function openSidePanel(windowId: number | undefined): Promise<boolean> {
  const b = browser as unknown as PanelApis;
  try {
    if (b.sidePanel && windowId !== undefined) await b.sidePanel.open({ windowId });
    else if (b.sidebarAction) await b.sidebarAction.open();
    else return false;
    return true;
  } catch (e) {
    console.info('regdraft: cannot open the side panel:', (e as Error).message);
    return false;
  }
}

/**
 * Injects the reader into a tab the user asked about (activeTab grants it; the reader ignores a second
 * injection). Resolves false when the tab cannot be read (chrome:// pages, the web store, PDF viewers); never
 * throws.
 */
export async function injectReader(tabId: number): Promise<boolean> {
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT] });
    return true;
  } catch (e) {
    console.info('regdraft: cannot read this tab:', (e as Error).message);
    return false;
  }
}

export interface ReaderOptions {
  /** How long to wait for the injected reader's first answer (ms). */
  timeout?: number;
  /** How often to ask meanwhile (ms). */
  interval?: number;
}

/**
 * The page state of a tab's reader: asks the reader; when none answers, injects it and asks again until it
 * answers or `timeout` passes. Resolves `{ page, injected }`, with `page` undefined when the tab cannot be read
 * or its reader did not answer in time; never throws.
 */
export async function ensureReader(
  tabId: number,
  { timeout = 5_000, interval = 100 }: ReaderOptions = {},
): Promise<{ page: PageState | undefined; injected: boolean }> {
  const ask = () => sendToTab<PageState>(tabId, { type: 'outline:get' });
  const first = await ask();
  if (first) return { page: first, injected: false };
  if (!(await injectReader(tabId))) return { page: undefined, injected: false };
  const until = Date.now() + timeout;
  for (;;) {
    const page = await ask();
    if (page || Date.now() >= until) return { page, injected: true };
    await new Promise((ok) => setTimeout(ok, interval));
  }
}

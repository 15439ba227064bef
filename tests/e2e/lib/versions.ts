import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../../../scripts/lib/launch';

/** How many article texts the database keeps for `documentId` (read straight from IndexedDB from an extension page). */
export function storedText(page: Page, documentId: string): Promise<number> {
  return page.evaluate(
    (id) =>
      new Promise<number>((ok, fail) => {
        const open = indexedDB.open('regdraft-review');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('versionTexts')) return ok(0);
          const get = db.transaction('versionTexts').objectStore('versionTexts').get(id);
          get.onsuccess = () => ok(get.result ? (get.result as { articles: unknown[] }).articles.length : 0);
          get.onerror = () => fail(get.error);
        };
      }),
    documentId,
  );
}

/** The side panel (as a tab) on its versions view, aimed at `tabId`. */
export async function openVersionsPanel(browser: ExtensionBrowser, tabId: number): Promise<Page> {
  const panel = await browser.context.newPage();
  await panel.setViewportSize({ width: 420, height: 900 });
  await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?tab=${tabId}&view=versions`);
  await panel.waitForSelector('[role=tab][data-view=versions][aria-selected=true]');
  return panel;
}

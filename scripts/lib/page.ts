import type { Page } from 'playwright-core';

/**
 * Waits until the extension's in-page UI host is in `page`. The host stands before the reader has read the page
 * and listens for messages: a test that asks the tab's reader next asks until it answers (launch.ts's tabIdOf).
 * With `timing`, waits instead for the reader's 'regdraft:ready' measure and returns its start-to-ready time (ms):
 * the reader writes its marks to the page's timeline only in a browser launched with `timeline: true`
 * (page/timeline.ts). Resolves 0 without `timing`. Throws after `timeout` ms.
 */
export async function waitForReader(page: Page, timeout = 10_000, timing = false): Promise<number> {
  const handle = await page.waitForFunction(
    (t) => (t ? (performance.getEntriesByName('regdraft:ready', 'measure').at(-1)?.duration ?? false) : !!document.querySelector('regdraft-ui')),
    timing,
    { timeout, polling: 20 },
  );
  return timing ? ((await handle.jsonValue()) as number) : 0;
}

import type { Page } from 'playwright-core';

/**
 * Waits until the extension's reader has finished on `page` and returns its start-to-ready time (ms),
 * read from the performance timeline it marks ('regdraft:ready'). Throws after `timeout` ms.
 */
export async function waitForReader(page: Page, timeout = 10_000): Promise<number> {
  const handle = await page.waitForFunction(
    () => performance.getEntriesByName('regdraft:ready', 'measure').at(-1)?.duration ?? false,
    undefined,
    { timeout, polling: 20 },
  );
  return (await handle.jsonValue()) as number;
}

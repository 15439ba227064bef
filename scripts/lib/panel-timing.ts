import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROME_BUILD } from './launch';

/*
 * When the side panel's notes view is listed: the start of the frame in which the page first holds a note card and a
 * count of at least n notes (a requestAnimationFrame loop's time, from navigation start). The loop is installed before
 * the page's own scripts run (DevTools' Page.addScriptToEvaluateOnNewDocument): Playwright's waitForFunction starts
 * polling only after the load event and a round trip, which on this machine added 30 to 60 ms to an empty page.
 */

const watcher = (n: number) => `(() => {
  const look = () => {
    const count = Number(/\\d+/.exec(document.querySelector('[data-testid=notes-count]')?.textContent ?? '')?.[0] ?? 0);
    if (document.querySelector('[data-note]') && count >= ${n}) performance.mark('bench:listed');
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})()`;

/** Opens `url` in a new page and returns it with the time its notes were listed (ms from navigation start). */
export async function openListed(context: BrowserContext, url: string, n: number, timeout = 60_000): Promise<{ page: Page; listed: number }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Page.enable');
  await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: watcher(n) });
  await page.goto(url);
  const mark = await page.waitForFunction(() => performance.getEntriesByName('bench:listed')[0]?.startTime ?? false, undefined, { timeout });
  const listed = (await mark.jsonValue()) as number;
  await cdp.detach();
  return { page, listed };
}

/**
 * The floor for openListed on this machine: an extension page of one tiny script that draws a card and the count at
 * once (no Preact, no message, no database). Written into the unpacked build for the benchmark's run only
 * (writeFloorPage before the browser starts, removeFloorPage after).
 */
export const FLOOR_PAGE = 'bench-floor.html';
const FLOOR_SCRIPT = 'bench-floor.js';

export function writeFloorPage(): void {
  writeFileSync(
    join(CHROME_BUILD, FLOOR_PAGE),
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>floor</title><script type="module" src="/${FLOOR_SCRIPT}"></script></head><body><div id="app"></div></body></html>`,
  );
  writeFileSync(
    join(CHROME_BUILD, FLOOR_SCRIPT),
    `const count = document.createElement('p');
count.dataset.testid = 'notes-count';
count.textContent = '共 999999 条笔记';
const card = document.createElement('li');
card.dataset.note = '1';
card.textContent = '第一条 笔记';
const list = document.createElement('ul');
list.append(card);
document.getElementById('app').append(count, list);`,
  );
}

export function removeFloorPage(): void {
  for (const f of [FLOOR_PAGE, FLOOR_SCRIPT]) rmSync(join(CHROME_BUILD, f), { force: true });
}

/** Opens the floor page `runs` times; its listed times (ms from navigation start). */
export async function floorRuns(context: BrowserContext, extensionId: string, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { page, listed } = await openListed(context, `chrome-extension://${extensionId}/${FLOOR_PAGE}`, 1, 20_000);
    times.push(listed);
    await page.close();
  }
  return times;
}

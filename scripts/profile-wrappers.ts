/**
 * Why the first read of a 100,000-article page has a long task that slicing cannot remove:
 * `npx tsx scripts/profile-wrappers.ts [articles] [rounds]` walks the text of the huge test page in chunks of 32 text
 * nodes (a task each, as the reader's slices are), holding every text node (and, in the second variant, its parent
 * element, as the reader does), once in the page's own world and once in a fresh isolated world (DevTools
 * `Page.createIsolatedWorld`, where a content script runs). It prints each world's total and its chunks of 5 ms or
 * more, with how many DOM nodes the walk had touched by then. A developer's tool for issue 10; the benchmark does not
 * run it. The page is served on 127.0.0.1, outside the extension's match patterns, so no content script runs in it.
 */
import type { CDPSession } from 'playwright-core';
import { hugePage } from './lib/huge-page';
import { launchWithExtension } from './lib/launch';
import { startFixtureServer } from './lib/server';

const articles = Number(process.argv[2] ?? 100_000);
const rounds = Number(process.argv[3] ?? 3);

/** The walk, as a page script: `hold` is what each visited text node makes the world hold besides the node itself. */
function walk(parents: boolean): string {
  return `(async () => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const held = [];
    const slow = [];
    let total = 0;
    let worst = 0;
    for (let n = walker.nextNode(); n; ) {
      const start = performance.now();
      for (let i = 0; i < 32 && n; i++) {
        held.push(n);
        ${parents ? 'held.push(n.parentNode);' : ''}
        n = walker.nextNode();
      }
      const took = performance.now() - start;
      total += took;
      worst = Math.max(worst, took);
      if (took >= 5) slow.push(took.toFixed(1) + ' ms at ' + held.length);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return { total: total.toFixed(1), worst: worst.toFixed(1), slow };
  })()`;
}

const server = await startFixtureServer();
server.route('/p/huge.html', hugePage(articles));
const browser = await launchWithExtension({ port: server.port });
try {
  for (let r = 1; r <= rounds; r++) {
    for (const parents of [false, true]) {
      for (const world of ['page', 'isolated'] as const) {
        const page = await browser.context.newPage();
        await page.goto(`http://127.0.0.1:${server.port}/p/huge.html`, { timeout: 300_000 });
        await page.waitForTimeout(1000); // the page's own layout is done
        const cdp: CDPSession = await browser.context.newCDPSession(page);
        let contextId: number | undefined;
        if (world === 'isolated') {
          const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
          ({ executionContextId: contextId } = (await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'walk' })) as { executionContextId: number });
        }
        const { result } = (await cdp.send('Runtime.evaluate', { expression: walk(parents), awaitPromise: true, returnByValue: true, ...(contextId ? { contextId } : {}) })) as {
          result: { value: { total: string; worst: string; slow: string[] } };
        };
        const v = result.value;
        console.log(`round ${r}, ${parents ? 'text nodes and their parents' : 'text nodes'}, ${world} world: ${v.total} ms in all, worst chunk ${v.worst} ms; chunks ≥ 5 ms: ${v.slow.join(', ') || 'none'} (nodes held)`);
        await page.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}

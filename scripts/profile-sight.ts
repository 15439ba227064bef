/**
 * What seeing the text costs, against the bare pass the benchmark's 5x target is set on:
 * `npx tsx scripts/profile-sight.ts [rounds]` loads the civil code page (1,260 articles, 2,267 paragraphs) and runs,
 * each in a fresh isolated world of the page (DevTools `Page.createIsolatedWorld`, where a content script runs, so
 * that every loop pays that world's first touch of each node), the bare pass and the same loop with what the reader
 * adds per paragraph: the text's parent element looked up once, then `checkVisibility`, then the box's size, as
 * page/blocks.ts `Sight` asks them. It prints each loop's median and quartiles over the rounds (the loops alternate
 * their order from round to round). A developer's tool for issue 10; the benchmark does not run it. The page is
 * served on 127.0.0.1, outside the extension's match patterns, so no content script runs in it.
 */
import { chromium } from 'playwright-core';
import { chromiumPath, QUIET_FLAGS } from './lib/chromium';
import { corpusPage } from './lib/civil-code-page';
import { startFixtureServer } from './lib/server';

const rounds = Number(process.argv[2] ?? 21);

/** A loop over every text node that asks `ask` (an expression of `p`, the parent element) once per parent. */
const perParent = (ask: string) => `
  const seen = new Map();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const p = n.parentNode;
    if (!seen.has(p)) seen.set(p, ${ask});
    chars += n.data.length;
  }`;
const SEE = 'p.checkVisibility({ visibilityProperty: true })';
const loops: Record<string, string> = {
  'bare pass (the benchmark\'s)': `
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) chars += walker.currentNode.data.length;`,
  '+ each parent looked up once': perParent('true'),
  '+ checkVisibility': perParent(SEE),
  '+ box size (offsetWidth, offsetHeight)': perParent('p.offsetWidth > 0 && p.offsetHeight > 0'),
  '+ checkVisibility and box size (Sight)': perParent(`${SEE} && p.offsetWidth > 0 && p.offsetHeight > 0`),
};

const server = await startFixtureServer();
server.route('/civil-code.html', corpusPage());
const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...QUIET_FLAGS, '--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const times = new Map<string, number[]>();
for (let round = 0; round < rounds; round++) {
  await page.goto(`http://127.0.0.1:${server.port}/civil-code.html`);
  await page.waitForTimeout(300);
  const cdp = await page.context().newCDPSession(page);
  const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  const names = Object.keys(loops);
  if (round % 2) names.reverse();
  for (const [k, name] of names.entries()) {
    const world = { frameId: frameTree.frame.id, worldName: `sight-${round}-${k}` };
    const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', world)) as { executionContextId: number };
    const { result } = (await cdp.send('Runtime.evaluate', {
      contextId: executionContextId,
      returnByValue: true,
      expression: `(() => {
        const t0 = performance.now();
        let chars = 0;
        ${loops[name]};
        return chars > 0 ? performance.now() - t0 : -1;
      })()`,
    })) as { result: { value: number } };
    if (result.value < 0) throw new Error(`${name}: read no text`);
    if (!times.has(name)) times.set(name, []);
    times.get(name)!.push(result.value);
  }
  await cdp.detach();
}
await browser.close();
await server.close();

const at = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * q)]!;
const bare = at(times.get(Object.keys(loops)[0]!)!, 0.5);
console.log(`civil code page, ${rounds} rounds, each loop in a fresh isolated world:`);
console.log('median (quartiles), and the median as a multiple of the bare pass');
for (const [name, xs] of times) {
  const [q1, med, q3] = [0.25, 0.5, 0.75].map((q) => at(xs, q).toFixed(2));
  console.log(`${name.padEnd(42)} ${med} ms (${q1}–${q3})  ${(at(xs, 0.5) / bare).toFixed(1)}x`);
}

/**
 * What the 10 ms ticker page holds on to: `npx tsx scripts/profile-ticker.ts [seconds]` loads the ticker page with the
 * extension (www.jinan.gov.cn) and without it (127.0.0.1, outside its match pattern) side by side, adds an article
 * every seconds/8 s as the benchmark does, and prints the JS heap (after GC) of both at 1 s, about 15 s and the end,
 * and the heap snapshot's growth by constructor in the extension's tab. A developer's tool for issue 10.
 */
import type { CDPSession, Page } from 'playwright-core';
import { launchWithExtension } from './lib/launch';
import { waitForReader } from './lib/page';
import { SAMPLE, SAMPLE_HOST, startFixtureServer } from './lib/server';

const SECONDS = Number(process.argv[2] ?? 60);
const server = await startFixtureServer();
const path = '/bench/ticker.html';
const ticker = '<div id="ticker">滚动新闻</div><script>let n = 0; setInterval(() => { document.getElementById("ticker").textContent = "滚动新闻 " + n++; }, 10);</script>';
server.route(path, SAMPLE.replace('<div id="zoom">', `${ticker}<div id="zoom">`));
const browser = await launchWithExtension({ port: server.port });
const { context } = browser;

async function tab(url: string) {
  const page = await context.newPage();
  await page.goto(url);
  const cdp = await context.newCDPSession(page);
  return { page, cdp };
}
const withExt = await tab(`http://${SAMPLE_HOST}${path}`);
await waitForReader(withExt.page);
const without = await tab(`http://127.0.0.1:${server.port}${path}`);

async function heap(cdp: CDPSession) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const { nodes } = (await cdp.send('Memory.getDOMCounters')) as { nodes: number };
  return { heap: Math.round(usedSize / 1024), nodes };
}

async function snapshot(cdp: CDPSession): Promise<Map<string, { count: number; size: number }>> {
  let chunks = '';
  const onChunk = (e: { chunk: string }) => void (chunks += e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snap = JSON.parse(chunks) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] };
  const f = snap.snapshot.meta.node_fields;
  const width = f.length;
  const ti = f.indexOf('type');
  const ni = f.indexOf('name');
  const si = f.indexOf('self_size');
  const types = snap.snapshot.meta.node_types[0];
  const out = new Map<string, { count: number; size: number }>();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + ti]!]!;
    const name = type === 'object' || type === 'native' || type === 'closure' ? snap.strings[snap.nodes[i + ni]!]!.slice(0, 60) : '';
    const key = `${type} ${name}`;
    const e = out.get(key) ?? { count: 0, size: 0 };
    e.count++;
    e.size += snap.nodes[i + si]!;
    out.set(key, e);
  }
  return out;
}

const addArticle = (page: Page, k: number) =>
  page.evaluate((k) => {
    const p = document.createElement('p');
    p.textContent = `第${['六十六', '六十七', '六十八', '六十九', '七十', '七十一', '七十二'][k]}条 本条为页面加载后加入的条文。`;
    document.getElementById('zoom')!.appendChild(p);
  }, k);

await withExt.page.waitForTimeout(1000);
const first = [await heap(withExt.cdp), await heap(without.cdp)];
const snapFirst = await snapshot(withExt.cdp);
let warm = first;
const started = Date.now();
for (let i = 0; i < 7; i++) {
  await addArticle(withExt.page, i);
  await addArticle(without.page, i);
  await withExt.page.waitForTimeout((SECONDS * 1000) / 8);
  if (i === 1) warm = [await heap(withExt.cdp), await heap(without.cdp)];
}
await withExt.page.waitForTimeout(Math.max(0, SECONDS * 1000 - (Date.now() - started)));
const last = [await heap(withExt.cdp), await heap(without.cdp)];
const snapLast = await snapshot(withExt.cdp);
console.log('with extension: first', first[0], 'warm', warm[0], 'last', last[0]);
console.log('without:        first', first[1], 'warm', warm[1], 'last', last[1]);
const growth = [...snapLast]
  .map(([k, v]) => ({ k, d: v.size - (snapFirst.get(k)?.size ?? 0), n: v.count - (snapFirst.get(k)?.count ?? 0) }))
  .sort((a, b) => b.d - a.d)
  .slice(0, 25);
for (const g of growth) console.log(`${(g.d / 1024).toFixed(1)} KB  ${g.n} objects  ${g.k}`);
await browser.close();
await server.close();

/// <reference types="chrome" />
/**
 * Where the side panel's time goes before its notes are listed: `npx tsx scripts/profile-panel.ts [notes]` seeds
 * that many notes (3000 unless told) on the sample draft, opens the panel's notes view 3 times, and prints the
 * load's timeline (resources, marks) and the CPU profile's self time by script and by function. A developer's tool.
 */
import type { Article } from '../regulation/types';
import { launchWithExtension, tabIdOf } from './lib/launch';
import { saveBenchNotes } from './lib/bench-notes';
import { waitForReader } from './lib/page';
import { SAMPLE_HOST, SAMPLE_PATH, startFixtureServer } from './lib/server';

const N = Number(process.argv[2] ?? 3000);
const server = await startFixtureServer();
const browser = await launchWithExtension({ port: server.port, timeline: true });
const { context } = browser;
const url = `http://${SAMPLE_HOST}${SAMPLE_PATH}`;
const page = await context.newPage();
await page.goto(url);
await waitForReader(page);
const tabId = await tabIdOf(browser, url);
const ext = await context.newPage();
await ext.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
type S = { documentId: string | null; outline: { articles: Article[] } };
let s = (await ext.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'outline:get' }), tabId)) as S;
for (let i = 0; i < 100 && !s.documentId; i++) {
  await ext.waitForTimeout(50);
  s = (await ext.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'outline:get' }), tabId)) as S;
}
await saveBenchNotes(ext, s.documentId, s.outline.articles, N);
for (let run = 0; run < 3; run++) {
  const panel = await context.newPage();
  const cdp = await context.newCDPSession(panel);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?tab=${tabId}&view=notes`);
  const took = await panel.waitForFunction(
    (n) => !!document.querySelector('[data-note]') && Number(/\d+/.exec(document.querySelector('[data-testid=notes-count]')?.textContent ?? '')?.[0] ?? 0) >= n && performance.now(),
    N,
    { timeout: 60_000, polling: 'raf' },
  );
  const listed = (await took.jsonValue()) as number;
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: Array<{ id: number; callFrame: { url: string; functionName: string; lineNumber: number } }>; samples: number[]; timeDeltas: number[] };
  };
  const timeline = await panel.evaluate(() =>
    performance
      .getEntries()
      .filter((e) => e.entryType !== 'resource' || e.duration > 5)
      .map((e) => `${e.entryType} ${e.name.split('/').pop()} ${e.startTime.toFixed(1)} +${e.duration.toFixed(1)}`),
  );
  console.log(`\n=== run ${run}: listed at ${listed.toFixed(1)} ms\n${timeline.join('\n')}`);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const byUrl = new Map<string, number>();
  const byFn = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const n = byId.get(profile.samples[i]!)!;
    const dt = (profile.timeDeltas[i + 1] ?? 100) / 1000;
    const u = n.callFrame.url.split('/').pop() || n.callFrame.functionName;
    byUrl.set(u, (byUrl.get(u) ?? 0) + dt);
    const f = `${n.callFrame.functionName || '(anon)'} ${u}:${n.callFrame.lineNumber}`;
    byFn.set(f, (byFn.get(f) ?? 0) + dt);
  }
  const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([x, v]) => `  ${v.toFixed(1)} ms ${x}`).join('\n');
  console.log(`by script:\n${top(byUrl, 10)}\nby function:\n${top(byFn, 20)}`);
  await panel.close();
}
await browser.close();
await server.close();

/// <reference types="chrome" />
/**
 * Where a long task's time goes: `npx tsx scripts/profile-page.ts <sample|civil|huge|notes> [rate]` loads the page with
 * the built extension at `rate`x CPU throttling (4 unless told) under a DevTools trace and a sampling CPU profile,
 * then prints every main-thread task of 50 ms or more with the trace events and the functions (self time, from
 * the profile's samples) inside it. A developer's tool for issue 10; the benchmark does not run it.
 */
import type { CDPSession } from 'playwright-core';
import { corpusPage } from './lib/civil-code-page';
import { hugePage } from './lib/huge-page';
import { launchWithExtension } from './lib/launch';
import { waitForReader } from './lib/page';
import { SAMPLE_HOST, SAMPLE_PATH, startFixtureServer } from './lib/server';
import { recordTrace } from './lib/trace';

const which = process.argv[2] ?? 'civil';
const rate = Number(process.argv[3] ?? 4);
const server = await startFixtureServer();
server.route('/p/civil.html', corpusPage());
server.route('/p/huge.html', hugePage(100_000));
const path = which === 'sample' ? SAMPLE_PATH : which === 'huge' ? '/p/huge.html' : '/p/civil.html';
const browser = await launchWithExtension({ port: server.port, timeline: true });
const { context } = browser;
const url = `http://${SAMPLE_HOST}${path}`;

if (which === 'notes') {
  // 300 notes on the civil code page (a third on passages), as the notes benchmark writes them
  const { describeArticle, describePassage } = await import('../anchoring');
  const first = await context.newPage();
  await first.goto(url);
  await waitForReader(first);
  const ext = await context.newPage();
  await ext.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
  const { tabIdOf } = await import('./lib/launch');
  const tabId = await tabIdOf(browser, url);
  type S = { documentId: string | null; outline: { articles: import('../regulation/types').Article[] } };
  let s = (await ext.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'outline:get' }), tabId)) as S;
  for (let i = 0; i < 100 && !s.documentId; i++) {
    await ext.waitForTimeout(50);
    s = (await ext.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'outline:get' }), tabId)) as S;
  }
  const articles = s.outline.articles;
  const step = Math.floor(articles.length / 300);
  const notes = Array.from({ length: 300 }, (_, i) => {
    const a = articles[i * step]!;
    return {
      documentId: s.documentId,
      article: describeArticle(a),
      passage: i % 3 === 0 && a.text.length > 24 ? describePassage(a.text, 4, Math.min(a.text.length, 20)) : null,
      stance: 'modify',
      suggestion: `建议${i}`,
      reason: '',
      comment: '',
      tags: [],
    };
  });
  await ext.evaluate(async (list) => {
    for (const note of list) await chrome.runtime.sendMessage({ type: 'note:save', note });
  }, notes);
  await first.close();
  await ext.close();
}

const page = await context.newPage();
const cdp: CDPSession = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate });
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
let profile: Profile = { nodes: [], startTime: 0, samples: [], timeDeltas: [] };
const events = await recordTrace(cdp, 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink.user_timing', async () => {
  await cdp.send('Profiler.start');
  // warm: one load first (the bench's loads after the first are warm too), then the measured one
  await page.goto(url, { timeout: 300_000 });
  await waitForReader(page, 300_000, true);
  if (which === 'notes') await page.waitForFunction(() => performance.getEntriesByName('regdraft:notes-shown', 'measure').length > 0, undefined, { timeout: 60_000 });
  await page.waitForTimeout(1500);
  profile = ((await cdp.send('Profiler.stop')) as unknown as { profile: Profile }).profile;
});
const marks = await page.evaluate(() => performance.getEntries().filter((e) => e.name.startsWith('regdraft')).map((e) => `${e.entryType} ${e.name} ${e.startTime.toFixed(1)} +${e.duration.toFixed(1)}`));
console.log(marks.join('\n'));

interface Profile { nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; parent?: number; children?: number[] }>; startTime: number; samples: number[]; timeDeltas: number[] }

// the renderer's main thread: where the page's RunTasks with user timing live
const threadName = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.name === 'EvaluateScript'));
const main = events.filter((e) => e.pid === threadName?.pid && e.tid === threadName?.tid);
const tasks = main.filter((e) => e.name === 'RunTask' && e.ph === 'X' && (e.dur ?? 0) >= Number(process.env.PROFILE_MIN_MS ?? 50) * 1000);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
for (const n of profile.nodes) for (const c of n.children ?? []) byId.get(c)!.parent = n.id;
const sampleTimes: number[] = [];
let t = profile.startTime;
for (const d of profile.timeDeltas) sampleTimes.push((t += d));
for (const task of tasks) {
  const end = task.ts + task.dur!;
  console.log(`\n=== task ${(task.dur! / 1000).toFixed(1)} ms at ${task.ts}`);
  const inner = main
    .filter((e) => e.ph === 'X' && e !== task && e.ts >= task.ts && e.ts < end && (e.dur ?? 0) >= 2000)
    .sort((a, b) => a.ts - b.ts)
    .slice(0, 25);
  for (const e of inner) console.log(`  ${e.name} ${((e.dur ?? 0) / 1000).toFixed(1)} ms ${JSON.stringify(e.args?.data ?? {}).slice(0, 120)}`);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    if (sampleTimes[i]! < task.ts || sampleTimes[i]! >= end) continue;
    const dt = (profile.timeDeltas[i + 1] ?? 100) / 1000;
    let n = byId.get(profile.samples[i]!);
    const key = (x: typeof n) => `${x!.callFrame.functionName || '(anon)'} ${x!.callFrame.url.split('/').pop()}:${x!.callFrame.lineNumber}`;
    self.set(key(n), (self.get(key(n)) ?? 0) + dt);
    const seen = new Set<string>();
    for (; n; n = n.parent !== undefined ? byId.get(n.parent) : undefined) {
      const k = key(n);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  }
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 18).map(([k, v]) => `    ${v.toFixed(1)} ms  ${k}`).join('\n');
  console.log('  self:\n' + top(self));
  console.log('  total:\n' + top(total));
}
await browser.close();
await server.close();

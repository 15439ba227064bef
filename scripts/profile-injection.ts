/**
 * What the content script's start costs in a new tab, and how Chromium puts content scripts into tasks:
 * `npx tsx scripts/profile-injection.ts [loads] [rate] [rounds] [variants] [sample|civil]` (after `npm run build`)
 * loads the sample draft (or the civil code page) in new tabs (each a new renderer: V8 has compiled nothing of the
 * script there yet) with the CPU throttled `rate` times (4 unless told), under altered copies of the built extension
 * (`npx tsx scripts/profile-injection.ts 8 4 3 'as built,classic'`: 3 rounds of those two, one browser each per
 * round, in turn, so that the machine's load falls on both alike):
 * - as built: the manifest's loader, which imports the reader as a module (shared/content-files.ts), the reader's
 *   copy whose first line is V8's compile hint (CONTENT_MODULE);
 * - no hint: the same, the module without that line (as pages got it before the hint, 2026-12-04);
 * - classic: the reader itself as the manifest's content script, as the toolbar's button injects it (and as pages
 *   got it before 2026-12-04);
 * - classic hinted: the same with the hint;
 * - compile only: instead of it, the same file with its outer function never called (V8's compile of it, no run);
 * - two entries: the reader, and the compile-only copy as a second manifest entry;
 * - one entry two files: the same two files listed in one entry.
 *
 * For each script it prints the median (min–max) of its evaluation on the page's main thread (DevTools'
 * EvaluateScript, the compile included; for a module, its compile from the streamed bytes, `v8.compileModule`) and
 * of the task that held it, the longest task per load that held any of them, and how many loads ran both scripts in
 * one task. Then, until the reader is ready: the reader's main-thread time (its read's slices and its first render,
 * as the benchmark's *ready*), its first render alone, and the longest task with at least 2 ms of the extension's
 * code in it (scripts/lib/long-tasks.ts). A developer's tool for issue 10 (BENCHMARKS.md cites it); the benchmark
 * does not run it. The copies live in a temporary folder, removed at the end.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { COMPILE_HINT, CONTENT_MODULE, CONTENT_SCRIPT } from '../shared/content-files';
import { corpusPage } from './lib/civil-code-page';
import { CHROME_BUILD, launchWithExtension } from './lib/launch';
import { traceTasks } from './lib/long-tasks';
import { waitForReader } from './lib/page';
import { SAMPLE_HOST, SAMPLE_PATH, startFixtureServer } from './lib/server';
import type { TraceEvent } from './lib/trace';

const loads = Number(process.argv[2] ?? 7);
const rate = Number(process.argv[3] ?? 4);
const rounds = Number(process.argv[4] ?? 1);
const only = process.argv[5]?.split(',');
const civil = process.argv[6] === 'civil';

const built = readFileSync(join(CHROME_BUILD, CONTENT_SCRIPT.slice(1)), 'utf8').trimEnd();
const hinted = readFileSync(join(CHROME_BUILD, CONTENT_MODULE.slice(1)), 'utf8').trimEnd();
// the build is one immediately called function, `(function(){…})();`, and the module the same after V8's compile hint
if (!built.startsWith('(function(){') || !built.endsWith('})();')) throw new Error('the content script is no longer `(function(){…})();`: adapt this tool');
if (hinted !== `${COMPILE_HINT}\n${built}`) throw new Error(`${CONTENT_MODULE} is no longer ${CONTENT_SCRIPT} after ${COMPILE_HINT}: adapt this tool`);
const compileOnly = `${built.slice(0, -'();'.length)};`;

interface Variant {
  name: string;
  files: Record<string, string>;
  entries: string[][] | null;
}
const allVariants: Variant[] = [
  { name: 'as built', files: {}, entries: null },
  { name: 'no hint', files: { [CONTENT_MODULE.slice(1)]: built }, entries: null },
  { name: 'classic', files: {}, entries: [['content-scripts/content.js']] },
  { name: 'classic hinted', files: { 'content-scripts/content.js': hinted }, entries: [['content-scripts/content.js']] },
  { name: 'compile only', files: { 'content-scripts/compile-only.js': compileOnly }, entries: [['content-scripts/compile-only.js']] },
  { name: 'two entries', files: { 'content-scripts/compile-only.js': compileOnly }, entries: [['content-scripts/content.js'], ['content-scripts/compile-only.js']] },
  { name: 'one entry two files', files: { 'content-scripts/compile-only.js': compileOnly }, entries: [['content-scripts/content.js', 'content-scripts/compile-only.js']] },
];
const variants = allVariants.filter((v) => !only || only.includes(v.name));

interface Result {
  listed: string;
  files: number;
  evals: Map<string, number[]>;
  tasks: Map<string, number[]>;
  longest: number[];
  shared: number;
  /** until ready: the reader's main-thread ms, its first render's, and the longest task with the extension's work in it */
  ready: number[];
  render: number[];
  longestOurs: number[];
}
const results = new Map<string, Result>();

/** The content script's files (the loader, content-scripts/…), by their address. */
const CONTENT_URL = /^chrome-extension:\/\/[^/]+\/content/;

const spread = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `${s[s.length >> 1]!.toFixed(1)} ms (${s[0]!.toFixed(1)}–${s[s.length - 1]!.toFixed(1)})`;
};

const server = await startFixtureServer();
server.route('/p/civil.html', corpusPage());
const path = civil ? '/p/civil.html' : SAMPLE_PATH;
const root = mkdtempSync(join(tmpdir(), 'regdraft-injection-'));
try {
  for (let round = 0; round < rounds; round++) for (const v of variants) {
    const dir = join(root, `${v.name.replace(/\W+/g, '-')}-${round}`);
    cpSync(CHROME_BUILD, dir, { recursive: true });
    for (const [file, text] of Object.entries(v.files)) writeFileSync(join(dir, file), text);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { content_scripts: Array<Record<string, unknown>> };
    const entry = manifest.content_scripts[0]!;
    if (v.entries) manifest.content_scripts = v.entries.map((js) => ({ ...entry, js }));
    const files = (manifest.content_scripts.flatMap((e) => e.js) as string[]).length;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));

    const listed = (manifest.content_scripts.map((e) => e.js) as string[][]).map((e) => `[${e.map((f) => f.slice(f.lastIndexOf('/') + 1)).join(', ')}]`).join(' ');
    const result: Result = results.get(v.name) ?? { listed, files, evals: new Map(), tasks: new Map(), longest: [], shared: 0, ready: [], render: [], longestOurs: [] };
    results.set(v.name, result);
    const { evals, tasks } = result;
    const browser = await launchWithExtension({ port: server.port, extensionDir: dir, timeline: true });
    try {
      for (let i = 0; i < loads; i++) {
        const page = await browser.context.newPage();
        const cdp: CDPSession = await browser.context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate });
        let events: readonly TraceEvent[] = [];
        const traced = await traceTasks(
          page,
          browser.extensionId,
          async () => {
            await page.goto(`http://${SAMPLE_HOST}${path}?load=${i}`);
            await waitForReader(page, 30_000, true);
          },
          cdp,
          0,
          { categories: 'v8', events: (e) => (events = e) },
        );
        // (no named functions in here: tsx would wrap them in a __name() the page does not have)
        const marks = await page.evaluate(() => {
          const [ready, mount] = ['regdraft:ready', 'regdraft:mount'].map((name) => performance.getEntriesByName(name, 'mark').at(-1)?.startTime ?? NaN);
          const read = performance.getEntriesByName('regdraft:read-work', 'measure').at(-1)?.duration ?? NaN;
          return { read, render: ready! - mount! };
        });
        await page.close();
        result.ready.push(marks.read + marks.render);
        result.render.push(marks.render);
        result.longestOurs.push(Math.max(0, ...traced.filter((t) => t.ours >= 2).map((t) => t.duration)));
        const holders = new Set<TraceEvent>();
        // the page's main thread: the one that evaluated the content script (the trace also holds other tabs, such as the
        // welcome page the extension opens in a new browser)
        const evaluated = events.find((e) => e.name === 'EvaluateScript' && CONTENT_URL.test(e.args?.data?.url ?? ''));
        for (const ev of events) {
          const url = ev.args?.data?.url ?? '';
          const kind = ev.name === 'EvaluateScript' ? '' : ev.name === 'v8.compileModule' ? ' (module compile)' : null;
          if (kind === null || !CONTENT_URL.test(url) || ev.pid !== evaluated?.pid || ev.tid !== evaluated.tid) continue;
          const name = url.slice(url.lastIndexOf('/') + 1) + kind;
          const task = events.find(
            (t) => (t.name === 'ThreadControllerImpl::RunTask' || t.name === 'RunTask') && t.ph === 'X' && t.pid === ev.pid && t.tid === ev.tid && t.ts <= ev.ts && t.ts + t.dur! >= ev.ts + ev.dur!,
          );
          (evals.get(name) ?? evals.set(name, []).get(name)!).push(ev.dur! / 1000);
          if (task) {
            (tasks.get(name) ?? tasks.set(name, []).get(name)!).push(task.dur! / 1000);
            holders.add(task);
          }
        }
        if (files > 1 && holders.size === 1) result.shared++;
        result.longest.push(Math.max(0, ...[...holders].map((t) => t.dur! / 1000)));
      }
    } finally {
      await browser.close();
    }
  }
  for (const [name, r] of results) {
    const n = r.longest.length;
    console.log(`${name} (${r.listed}), CPU ${rate}x slower, ${n} new tabs${rounds > 1 ? ` in ${rounds} browsers` : ''}:`);
    for (const [file, xs] of r.evals) console.log(`  ${file}: evaluation ${spread(xs)}, its task ${r.tasks.get(file) ? spread(r.tasks.get(file)!) : '?'}`);
    console.log(`  the longest of those tasks per load: ${spread(r.longest)}, ${r.longest.filter((x) => x >= 50).length} of ${n} at 50 ms or more`);
    if (r.files > 1) console.log(`  both scripts in one task: ${r.shared} of ${n} loads`);
    console.log(`  until ready: the reader's main-thread time ${spread(r.ready)}, its first render ${spread(r.render)}`);
    console.log(`  the longest task with the extension's work in it: ${spread(r.longestOurs)}, ${r.longestOurs.filter((x) => x >= 50).length} of ${n} at 50 ms or more`);
  }
} finally {
  rmSync(root, { recursive: true, force: true });
  await server.close();
}

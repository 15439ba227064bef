/**
 * What the task that evaluates the content script costs in a new tab, and how Chromium puts content scripts into
 * tasks: `npx tsx scripts/profile-injection.ts [loads] [rate]` (after `npm run build`) loads the sample draft in new
 * tabs (each a new renderer: V8 has compiled nothing of the script there yet) with the CPU throttled `rate` times
 * (4 unless told), under altered copies of the built extension (`npx tsx scripts/profile-injection.ts 8 4 3 'as
 * built,classic'`: 3 rounds of those two, one browser each per round, in turn, so that the machine's load falls on
 * both alike):
 * - as built: the manifest's loader, which imports the reader as a module (shared/content-files.ts);
 * - classic: the reader itself as the manifest's content script, as before 2026-12-04;
 * - compile only: instead of it, the same file with its outer function never called (V8's compile of it, no run);
 * - two entries: the reader, and the compile-only copy as a second manifest entry;
 * - one entry, two files: the same two files listed in one entry.
 *
 * For each script it prints the median (min–max) of its evaluation on the page's main thread (DevTools'
 * EvaluateScript, the compile included; for a module, its compile from the streamed bytes, `v8.compileModule`) and
 * of the task that held it, the longest task per load that held any of them, and how many loads ran both scripts in
 * one task. A developer's tool for issue 10 (BENCHMARKS.md cites it); the benchmark does not run it. The copies live
 * in a temporary folder, removed at the end.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { CHROME_BUILD, launchWithExtension } from './lib/launch';
import { SAMPLE_HOST, SAMPLE_PATH, startFixtureServer } from './lib/server';
import { recordTrace, type TraceEvent } from './lib/trace';

const loads = Number(process.argv[2] ?? 7);
const rate = Number(process.argv[3] ?? 4);
const rounds = Number(process.argv[4] ?? 1);
const only = process.argv[5]?.split(',');

const built = readFileSync(join(CHROME_BUILD, 'content-scripts/content.js'), 'utf8').trimEnd();
// the build is one immediately called function: `(function(){…})();`
if (!built.startsWith('(function(){') || !built.endsWith('})();')) throw new Error('the content script is no longer `(function(){…})();`: adapt this tool');
const compileOnly = `${built.slice(0, -'();'.length)};`;

interface Variant {
  name: string;
  files: Record<string, string>;
  entries: string[][] | null;
}
const allVariants: Variant[] = [
  { name: 'as built', files: {}, entries: null },
  { name: 'classic', files: {}, entries: [['content-scripts/content.js']] },
  { name: 'compile only', files: { 'content-scripts/compile-only.js': compileOnly }, entries: [['content-scripts/compile-only.js']] },
  { name: 'two entries', files: { 'content-scripts/compile-only.js': compileOnly }, entries: [['content-scripts/content.js'], ['content-scripts/compile-only.js']] },
  { name: 'one entry, two files', files: { 'content-scripts/compile-only.js': compileOnly }, entries: [['content-scripts/content.js', 'content-scripts/compile-only.js']] },
];
const variants = allVariants.filter((v) => !only || only.includes(v.name));

interface Result {
  listed: string;
  files: number;
  evals: Map<string, number[]>;
  tasks: Map<string, number[]>;
  longest: number[];
  shared: number;
}
const results = new Map<string, Result>();

/** The content script's files (the loader, content-scripts/…), by their address. */
const CONTENT_URL = /^chrome-extension:\/\/[^/]+\/content/;

const spread = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `${s[s.length >> 1]!.toFixed(1)} ms (${s[0]!.toFixed(1)}–${s[s.length - 1]!.toFixed(1)})`;
};

const server = await startFixtureServer();
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
    const result: Result = results.get(v.name) ?? { listed, files, evals: new Map(), tasks: new Map(), longest: [], shared: 0 };
    results.set(v.name, result);
    const { evals, tasks } = result;
    const browser = await launchWithExtension({ port: server.port, extensionDir: dir });
    try {
      for (let i = 0; i < loads; i++) {
        const page = await browser.context.newPage();
        const cdp: CDPSession = await browser.context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate });
        const events = await recordTrace(cdp, 'toplevel,devtools.timeline,v8.execute,v8', async () => {
          await page.goto(`http://${SAMPLE_HOST}${SAMPLE_PATH}?load=${i}`);
          await page.waitForTimeout(1000 * rate);
        });
        await page.close();
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
  }
} finally {
  rmSync(root, { recursive: true, force: true });
  await server.close();
}

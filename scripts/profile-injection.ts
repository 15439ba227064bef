/**
 * What the task that evaluates the content script costs in a new tab, and how Chromium puts content scripts into
 * tasks: `npx tsx scripts/profile-injection.ts [loads] [rate]` (after `npm run build`) loads the sample draft in new
 * tabs (each a new renderer: V8 has compiled nothing of the script there yet) with the CPU throttled `rate` times
 * (4 unless told), under altered copies of the built extension:
 * - as built: the one content script;
 * - compile only: instead of it, the same file with its outer function never called (V8's compile of it, no run);
 * - two entries: the built script, and the compile-only copy as a second manifest entry;
 * - one entry, two files: the same two files listed in one entry.
 *
 * For each script it prints the median (min–max) of its evaluation (DevTools' EvaluateScript, the compile included)
 * and of the task that held it, and how many loads ran both scripts in one task. A developer's tool for issue 10
 * (BENCHMARKS.md cites it); the benchmark does not run it. The copies live in a temporary folder, removed at the end.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { CHROME_BUILD, launchWithExtension } from './lib/launch';
import { SAMPLE_HOST, SAMPLE_PATH, startFixtureServer } from './lib/server';

const loads = Number(process.argv[2] ?? 7);
const rate = Number(process.argv[3] ?? 4);

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string } };
}

const built = readFileSync(join(CHROME_BUILD, 'content-scripts/content.js'), 'utf8').trimEnd();
// the build is one immediately called function: `(function(){…})();`
if (!built.startsWith('(function(){') || !built.endsWith('})();')) throw new Error('the content script is no longer `(function(){…})();`: adapt this tool');
const compileOnly = `${built.slice(0, -'();'.length)};`;

const variants: Array<{ name: string; files: Record<string, string>; entries: string[][] }> = [
  { name: 'as built', files: {}, entries: [['content-scripts/content.js']] },
  { name: 'compile only', files: { 'content-scripts/compile-only.js': compileOnly }, entries: [['content-scripts/compile-only.js']] },
  { name: 'two entries', files: { 'content-scripts/compile-only.js': compileOnly }, entries: [['content-scripts/content.js'], ['content-scripts/compile-only.js']] },
  { name: 'one entry, two files', files: { 'content-scripts/compile-only.js': compileOnly }, entries: [['content-scripts/content.js', 'content-scripts/compile-only.js']] },
];

const spread = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `${s[s.length >> 1]!.toFixed(1)} ms (${s[0]!.toFixed(1)}–${s[s.length - 1]!.toFixed(1)})`;
};

const server = await startFixtureServer();
const root = mkdtempSync(join(tmpdir(), 'regdraft-injection-'));
try {
  for (const v of variants) {
    const dir = join(root, v.name.replace(/\W+/g, '-'));
    cpSync(CHROME_BUILD, dir, { recursive: true });
    for (const [file, text] of Object.entries(v.files)) writeFileSync(join(dir, file), text);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { content_scripts: Array<Record<string, unknown>> };
    const entry = manifest.content_scripts[0]!;
    manifest.content_scripts = v.entries.map((js) => ({ ...entry, js }));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));

    const browser = await launchWithExtension({ port: server.port, extensionDir: dir });
    const evals = new Map<string, number[]>();
    const tasks = new Map<string, number[]>();
    let shared = 0;
    try {
      for (let i = 0; i < loads; i++) {
        const page = await browser.context.newPage();
        const cdp: CDPSession = await browser.context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate });
        const events: TraceEvent[] = [];
        cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
        const done = new Promise<void>((ok) => cdp.once('Tracing.tracingComplete', () => ok()));
        await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline,v8.execute', transferMode: 'ReportEvents' });
        await page.goto(`http://${SAMPLE_HOST}${SAMPLE_PATH}?load=${i}`);
        await page.waitForTimeout(1000 * rate);
        await cdp.send('Tracing.end');
        await done;
        await page.close();
        const holders = new Set<TraceEvent>();
        for (const ev of events) {
          const url = ev.args?.data?.url ?? '';
          if (ev.name !== 'EvaluateScript' || !url.includes('/content-scripts/')) continue;
          const name = url.slice(url.lastIndexOf('/') + 1);
          const task = events.find(
            (t) => (t.name === 'ThreadControllerImpl::RunTask' || t.name === 'RunTask') && t.ph === 'X' && t.pid === ev.pid && t.tid === ev.tid && t.ts <= ev.ts && t.ts + t.dur! >= ev.ts + ev.dur!,
          );
          (evals.get(name) ?? evals.set(name, []).get(name)!).push(ev.dur! / 1000);
          if (task) {
            (tasks.get(name) ?? tasks.set(name, []).get(name)!).push(task.dur! / 1000);
            holders.add(task);
          }
        }
        if (v.entries.flat().length > 1 && holders.size === 1) shared++;
      }
    } finally {
      await browser.close();
    }
    console.log(`${v.name} (${v.entries.map((e) => `[${e.map((f) => f.slice(f.lastIndexOf('/') + 1)).join(', ')}]`).join(' ')}), CPU ${rate}x slower, ${loads} new tabs:`);
    for (const [name, xs] of evals) console.log(`  ${name}: evaluation ${spread(xs)}, its task ${tasks.get(name) ? spread(tasks.get(name)!) : '?'}`);
    if (v.entries.flat().length > 1) console.log(`  both scripts in one task: ${shared} of ${loads} loads`);
  }
} finally {
  rmSync(root, { recursive: true, force: true });
  await server.close();
}

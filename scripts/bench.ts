/// <reference types="chrome" />
/**
 * `npm run bench`: speed and size of the page reader in headless Chromium with the built extension.
 * Writes BENCHMARKS.md (figures, targets, the command and the machine). Exits 1 when a target is missed.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { benchBackup } from './bench-backup';
import { benchFiles } from './bench-files';
import { benchLetter } from './bench-letter';
import { benchBusy } from './bench-busy';
import { benchNotes } from './bench-notes';
import { benchVersions } from './bench-versions';
import { chromiumPath } from './lib/chromium';
import { reviewerJourney } from './lib/journey';
import { corpusPage } from './lib/civil-code-page';
import { CHROME_BUILD, launchWithExtension, tabIdOf } from './lib/launch';
import { removeFloorPage, writeFloorPage } from './lib/panel-timing';
import { waitForReader } from './lib/page';
import { SAMPLE, SAMPLE_HOST, SAMPLE_PATH, startFixtureServer } from './lib/server';

const RUNS = 7;
/** The machine's load when the run started (a shared machine makes every absolute figure noisy). */
const LOAD_AT_START = loadavg()[0]!;
const CIVIL_PATH = '/bench/civil-code.html';
/**
 * The 4x rows of the pages without notes load copies under a title of their own: the notes and journey parts run
 * before them leave notes on the civil code page and the sample, and a page of the same title on the same site
 * shows its draft's notes (until 2026-12-04 the "civil code page" row at 4x was the page with 300 notes).
 */
const BARE_SAMPLE_PATH = '/bench/4x/sample.html';
const BARE_CIVIL_PATH = '/bench/4x/civil-code.html';

interface PageRun {
  ready: number;
  /** ready, split: reading the DOM into blocks, parsing the outline, mounting the UI */
  read: number;
  parse: number;
  mount: number;
  bare: number;
  /** The bare pass in a fresh isolated world (see isolatedBare). */
  isolated: number;
  longestDuringReader: number;
  longestOverall: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(2)} ms`;

const server = await startFixtureServer();
server.route(CIVIL_PATH, corpusPage());
server.route(BARE_SAMPLE_PATH, SAMPLE.replaceAll('济南市数字经济促进条例', '济南市数字经济促进条例（基准副本）'));
server.route(BARE_CIVIL_PATH, corpusPage().replaceAll('中华人民共和国民法典', '中华人民共和国民法典基准副本'));
// the side panel's timings are set beside an empty extension page's (scripts/lib/panel-timing.ts)
writeFloorPage();
process.on('exit', removeFloorPage);
const browser = await launchWithExtension({ port: server.port, timeline: true });
const { context } = browser;
await context.addInitScript(() => {
  const w = window as unknown as { __longtasks: Array<{ start: number; duration: number }> };
  w.__longtasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no longtask support: reported as 0
  }
});

/**
 * The same bare TreeWalker pass, run once in a fresh isolated world of the page (as a content script runs): it pays
 * that world's first touch of every node, as the reader does. The fair baseline for a content script.
 */
async function isolatedBare(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', {
    frameId: frameTree.frame.id,
    worldName: `regdraft-bench-${Date.now()}`,
  })) as { executionContextId: number };
  const { result } = (await cdp.send('Runtime.evaluate', {
    contextId: executionContextId,
    returnByValue: true,
    expression: `(() => {
      const t0 = performance.now();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let chars = 0;
      while (walker.nextNode()) chars += walker.currentNode.data.length;
      return chars >= 0 ? performance.now() - t0 : -1;
    })()`,
  })) as { result: { value: number } };
  await cdp.detach();
  return result.value;
}

async function runOnce(page: Page, url: string): Promise<PageRun> {
  await page.goto(url);
  const ready = await waitForReader(page, 10_000, true);
  await page.waitForTimeout(300);
  const isolated = await isolatedBare(page);
  const run = await page.evaluate((readyMs) => {
    const m = performance.getEntriesByName('regdraft:ready', 'measure').at(-1)!;
    // (no named helper functions in here: tsx would wrap them in a __name() the page does not have)
    const marks: Record<string, number> = {};
    for (const e of performance.getEntriesByType('mark')) marks[e.name] = e.startTime;
    const t0 = performance.now();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let chars = 0;
    while (walker.nextNode()) chars += (walker.currentNode as Text).data.length;
    const bare = performance.now() - t0;
    if (chars < 0) throw new Error('unreachable');
    const tasks = (window as unknown as { __longtasks: Array<{ start: number; duration: number }> }).__longtasks;
    const during = tasks.filter((t) => t.start < m.startTime + m.duration && t.start + t.duration > m.startTime);
    // the read is sliced: its main-thread work is the read-work measure, then the mount in the last slice's task
    const readWork = performance.getEntriesByName('regdraft:read-work', 'measure').at(-1)?.duration;
    return {
      // (the mount runs in a task of its own after the read: from its own mark)
      ready: readWork === undefined ? readyMs : readWork + marks['regdraft:ready']! - (marks['regdraft:mount'] ?? marks['regdraft:parsed']!),
      read: marks['regdraft:blocks']! - marks['regdraft:start']!,
      parse: marks['regdraft:parsed']! - marks['regdraft:blocks']!,
      mount: marks['regdraft:ready']! - (marks['regdraft:mount'] ?? marks['regdraft:parsed']!),
      bare,
      longestDuringReader: Math.max(0, ...during.map((t) => t.duration)),
      longestOverall: Math.max(0, ...tasks.map((t) => t.duration)),
    };
  }, ready);
  return { ...run, isolated };
}

async function heapAfterLoad(url: string): Promise<number> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(url);
  await page.waitForTimeout(500);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await page.close();
  return usedSize;
}

async function benchPage(name: string, path: string) {
  const page = await context.newPage();
  const runs: PageRun[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await runOnce(page, `http://${SAMPLE_HOST}${path}`));
  const url = `http://${SAMPLE_HOST}${path}`;
  const tabId = await tabIdOf(browser, url);
  const articles = await browser.badgeText(tabId);
  await page.close();
  // the same page without the extension's reader (127.0.0.1 is outside its match pattern) vs with it
  const without = median([await heapAfterLoad(`http://127.0.0.1:${server.port}${path}`), await heapAfterLoad(`http://127.0.0.1:${server.port}${path}`)]);
  const withReader = median([await heapAfterLoad(`http://${SAMPLE_HOST}${path}`), await heapAfterLoad(`http://${SAMPLE_HOST}${path}`)]);
  const ready = median(runs.map((r) => r.ready));
  const bare = median(runs.map((r) => r.bare));
  return {
    name,
    articles,
    ready,
    read: median(runs.map((r) => r.read)),
    parse: median(runs.map((r) => r.parse)),
    mount: median(runs.map((r) => r.mount)),
    bare,
    ratio: ready / bare,
    isolated: median(runs.map((r) => r.isolated)),
    isolatedRatio: ready / median(runs.map((r) => r.isolated)),
    longestDuringReader: Math.max(...runs.map((r) => r.longestDuringReader)),
    longestOverall: Math.max(...runs.map((r) => r.longestOverall)),
    heap: withReader - without,
  };
}

/** Checks the longtask observer really reports: a page that blocks its main thread for 80 ms must show it. */
async function calibrateLongTasks(): Promise<number> {
  server.route('/bench/busy.html', '<html><body><p>busy</p><script>setTimeout(() => { const t = performance.now(); while (performance.now() - t < 80); }, 50);</script></body></html>');
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${server.port}/bench/busy.html`);
  await page.waitForTimeout(400);
  const longest = await page.evaluate(() =>
    Math.max(0, ...(window as unknown as { __longtasks: Array<{ duration: number }> }).__longtasks.map((t) => t.duration)),
  );
  await page.close();
  return longest;
}

/**
 * BENCH_ONLY=part,part… runs only those parts (pages, notes, journey, 4x, ticker, huge, panel, files, letter,
 * backup, versions) for a developer's rerun: their figures and targets are printed, BENCHMARKS.md is left as it
 * is, and the exit code says whether the targets of the parts run were met. (The 4x rows with notes need the
 * notes part's 300 notes: run 'notes' with them.)
 */
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((x) => x.trim())) : null;
const only = (part: string) => !ONLY || ONLY.has(part);
const skipped = { markdown: '', checks: [] as Array<[string, boolean]> };

const calibration = await calibrateLongTasks();
const results = only('pages') ? [await benchPage('sample draft (Jinan, 65 articles)', SAMPLE_PATH), await benchPage('civil code page (1260 articles)', CIVIL_PATH)] : [];
const notesBench = only('notes') ? await benchNotes(browser, CIVIL_PATH) : skipped;

// (a failure here is reported as a missed target, not lost with every figure above)
const journey = only('journey')
  ? await reviewerJourney(browser).catch((e: unknown) => ({ actions: [] as string[], error: String(e) }))
  : { actions: [] as string[] };
// after the journey: its 3,000 side-panel notes land on a copy of the sample (the same draft title)
const busyBench = await benchBusy(
  browser,
  server,
  [
    { name: 'sample draft (Jinan, 65 articles)', path: BARE_SAMPLE_PATH },
    { name: 'civil code page (1260 articles)', path: BARE_CIVIL_PATH },
    ...(only('notes') ? [{ name: 'civil code page with 300 notes shown', path: CIVIL_PATH, notes: true }] : []),
  ],
  only,
);
const filesBench = only('files') ? await benchFiles(browser) : skipped;
await browser.close();
const letterBench = only('letter') ? await benchLetter() : { ...skipped, ok: true };
const backupBench = only('backup') ? await benchBackup() : { ...skipped, ok: true };
const versionsBench = only('versions') ? benchVersions() : { ...skipped, ok: true };
await server.close();

const bundle = readFileSync(`${CHROME_BUILD}/content-scripts/content.js`);
const gz = gzipSync(bundle, { level: 9 }).length;
const hasDexie = /dexie/i.test(bundle.toString('utf8'));

const chromiumVersion = execFileSync(chromiumPath(), ['--version']).toString().trim();
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; ${chromiumVersion} (headless)`;

const checks: Array<[string, boolean]> = [];
for (const r of results) {
  // (issue 10 §4 sets the target against a bare pass in an isolated world; the page world's ratio is in the table)
  checks.push([`${r.name}: ready within 5x the bare pass in an isolated world (${r.isolatedRatio.toFixed(2)}x)`, r.isolatedRatio <= 5]);
  checks.push([`${r.name}: no long task ≥ 50 ms during the reader`, r.longestDuringReader < 50]);
}
checks.push([`the longtask observer works (an 80 ms busy loop was seen as ${ms(calibration)})`, calibration >= 80]);
if (!ONLY) checks.push([`content script ≤ 30 KB gzip with the editor in its own frame (issue 9): ${(gz / 1024).toFixed(1)} KB`, gz <= 30 * 1024]);
checks.push(['no Dexie in the content script', !hasDexie]);
checks.push(...notesBench.checks);
checks.push(...busyBench.checks);
if (only('journey')) checks.push([
  'error' in journey
    ? `the reviewer's way to the .eml: the scripted journey failed this run (${journey.error.split('\n')[0]})`
    : `the reviewer's way to the .eml with three notes: ${journey.actions.length} actions (aim: at most 15)`,
  !('error' in journey) && journey.actions.length <= 15,
]);
checks.push(...filesBench.checks);
if (only('letter')) checks.push(['letter: text ≤ 20 ms, .eml ≤ 50 ms, .docx ≤ 300 ms for 300 notes (see the table)', letterBench.ok]);
if (only('backup')) checks.push(['backup: every crafted 20 MB file refused within 2 s (see the table)', backupBench.ok]);
if (only('versions')) checks.push(['versions: align 1,260 articles against an edited copy ≤ 500 ms', versionsBench.ok]);

const rows = results
  .map(
    (r) =>
      `| ${r.name} | ${r.articles} | ${ms(r.ready)} (${r.read.toFixed(1)} + ${r.parse.toFixed(1)} + ${r.mount.toFixed(1)}) | ${ms(r.bare)} | ${r.ratio.toFixed(2)}x | ${ms(r.isolated)} | ${r.isolatedRatio.toFixed(2)}x | ${ms(r.longestDuringReader)} | ${ms(r.longestOverall)} | ${(r.heap / 1024).toFixed(0)} KB |`,
  )
  .join('\n');
const md = `# Benchmarks

Command: \`npm run bench\` (checks the system programs as \`npm test\` does, builds the extension, then \`tsx scripts/bench.ts\`).
Machine: ${machine}.
Run: ${new Date().toISOString().slice(0, 10)}; each page loaded ${RUNS} times, medians reported (longest tasks: the maximum over all loads).
Load average when the run started: ${LOAD_AT_START.toFixed(1)} on ${cpus().length} cores${LOAD_AT_START > cpus().length ? ' (a machine shared with other work: absolute figures are inflated and noisy; compare ratios within this run)' : ''}.

## Page reader (content script)

- *ready*: the content script's main-thread time from its start to ready (outline built, in-page UI mounted): the
  page is read in slices of at most 8 ms with the page's own tasks between them, so this is the sum of the slices
  (the \`regdraft:read-work\` measure) plus the mount; *read* and *parse* below are wall times, turns included.
- *bare pass*: in the same page and run, a TreeWalker over every text node of the body, reading each node's text.
- *longest task*: PerformanceObserver 'longtask' entries overlapping the reader's run, and over the whole page load
  (HTML parsing included) for comparison.
- *heap growth*: V8 heap in use after load and a forced GC, page on www.jinan.gov.cn (reader runs) minus the same
  page on 127.0.0.1 (outside the match pattern, no reader).

| page | badge | ready (read + parse + mount) | bare pass (page world) | ratio | bare pass (isolated world) | ratio | longest task (reader) | longest task (page load) | heap growth |
|---|---|---|---|---|---|---|---|---|---|
${rows}

Content script bundle: ${(bundle.length / 1024).toFixed(1)} KB, **${(gz / 1024).toFixed(1)} KB gzip**; Dexie in it: ${hasDexie ? 'yes' : 'no'}.

## Why "ready within 5x the bare pass in an isolated world" is missed

The bare pass runs in the page's own JavaScript world; the reader runs in the content script's isolated world,
where the first touch of every DOM node creates that world's wrapper objects. The table therefore also times the very
same bare loop in a fresh isolated world of the page (DevTools \`Page.createIsolatedWorld\`), the fair baseline for a
content script: it costs about 1.5 to 3 times the page-world pass, and the reader's *ready* is still far above 5x
even of that. The reader then reads blocks (text nodes plus the parent element of each, which it needs to scroll to
and mark articles) and parses 107,000 characters with cold, not yet optimised code; the 5x target would need the
reader to do almost nothing but walk. The target is kept as it was set, and reported as missed.
What was done: one TreeWalker pass over text nodes only, each parent element looked at once; numerals parsed by
char code; the binary-junk check as one native regex scan (ready on the civil code page went from 24.4 ms to about
18 ms). Since the notes landed, *mount* also runs the first render of a larger in-page UI (banner, markers and highlights
are in the same bundle, ${(bundle.length / 1024).toFixed(0)} KB; the note editor is a frame of its own): a few milliseconds of cold code on first
call, which is why the sample's ratio grew while its absolute time stays far below one frame. The whole run stays far
below one 50 ms long task. Issue 10 sets the target against the isolated world's pass, and the check uses that ratio
since 2026-12-04 (before, the page world's, a stricter one).
Where the civil code page's *ready* goes (a temporary split of the \`regdraft:read-work\` measure, 2 runs of 7 loads,
2026-12-04): the read's slices 32-42 ms, of them 12-17 ms the visibility checks below (a build without them read in
20-25 ms), the parse's 18-20 ms, the first render about 2 ms; 5x the isolated pass is 28-41 ms here.
Since issue 10 the read also leaves out text the reader cannot see: for each distinct parent element of text it asks
\`checkVisibility\` and reads the box's width and height (and computed style only for a zero-size box), three more
DOM calls per paragraph than the bare pass makes (six until 2026-12-04, when the \`hidden\` attribute, the tag and the
width were read again; the change was within the noise of an A/B of 18 loads: 62.1 ms against 62.7 ms), and the whole
read runs in slices of at most 8 ms with the page's own tasks between them (*ready* counts only the slices' main-thread
time). A CPU profile of the read (8 loads, ticks by function) put about a third of it in the walk, nearly as much in
these checks, and a quarter in the parse.
**Why the target cannot be met while the reader reads only what the page shows** (\`scripts/profile-sight.ts\`, 2026-12-04,
on a quiet machine, 21 and 31 rounds, each loop in a fresh isolated world of the civil code page): the bare pass
3.2-4.0 ms; the same loop asking each paragraph's element \`checkVisibility\` and its box's size, as \`Sight\` does,
10.4-13.4 ms, that is 3.3-3.4x the bare pass before a single character is kept. The parse of the page's 107,000
characters alone then takes several times the bare pass again (the table's *parse*). Reading text hidden from the
reviewer (collapsed panels, closed tabs, \`display:none\` menus) would put words into the draft that its page does not
show: the checks are kept, and the 5x target is reported as missed.

${notesBench.markdown}
${busyBench.markdown}
${filesBench.markdown}
${letterBench.markdown}
${backupBench.markdown}
${versionsBench.markdown}
## How many actions a reviewer needs

From opening the sample draft to holding the .eml with three notes on three articles (\`scripts/lib/journey.ts\`,
also run as the e2e test \`tests/e2e/journey.e2e.ts\`): clicks and key presses, typing a note's text counted as one,
moving the pointer not counted. **${journey.actions.length} actions:**

${journey.actions.map((a, i) => `${i + 1}. ${a}`).join('\n')}

## Targets

${checks.map(([name, ok]) => `- ${ok ? '✅' : '❌'} ${name}`).join('\n')}
`;
if (ONLY) console.log(`(BENCH_ONLY=${[...ONLY].join(',')}: only those parts were run; BENCHMARKS.md is left as it is)`);
else writeFileSync('BENCHMARKS.md', md);
console.log(md);
if (checks.some(([, ok]) => !ok)) {
  console.error('A target was missed.');
  process.exit(1);
}

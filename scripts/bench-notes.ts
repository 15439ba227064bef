/// <reference types="chrome" />
/**
 * The notes benchmark (issue 3), called by scripts/bench.ts: on the civil-code page (1260 articles) with 300
 * notes (100 on passages), how much main-thread work it takes from load to every note and highlight shown,
 * how long a save takes to show in another tab, and how long the side panel takes to list 300 notes.
 */
import type { Page } from 'playwright-core';
import { describeArticle, describePassage } from '../anchoring';
import type { Article } from '../regulation/types';
import { tabIdOf, type ExtensionBrowser } from './lib/launch';
import { longestOurs, traceTasks } from './lib/long-tasks';
import { waitForReader } from './lib/page';
import { floorRuns, openListed } from './lib/panel-timing';
import { SAMPLE_HOST } from './lib/server';

const NOTES = 300;
const PASSAGES = 100;
const SAVES = 50;
const LOADS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;
/** Side panel openings timed (issue 10 asks for medians over at least 7). */
const PANEL_RUNS = 7;

interface Load {
  ready: number;
  notesWork: number;
  shown: number;
  highlights: number;
  longest: number;
}

/** Runs the notes benchmark; returns its Markdown section and its target checks. */
export async function benchNotes(browser: ExtensionBrowser, civilPath: string): Promise<{ markdown: string; checks: Array<[string, boolean]> }> {
  const { context } = browser;
  const url = `http://${SAMPLE_HOST}${civilPath}`;
  const ext = await context.newPage();
  await ext.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
  const ask = (m: unknown) => ext.evaluate((msg) => chrome.runtime.sendMessage(msg), m) as Promise<{ ok: boolean; value: never }>;

  // the page's document and outline, then 300 notes written straight to the background
  const first = await context.newPage();
  await first.goto(url);
  await waitForReader(first, 10_000, true);
  const tabId = await tabIdOf(browser, url);
  const state = await pollState(ext, tabId);
  await first.close();
  const articles = state.outline.articles;
  const step = Math.floor(articles.length / NOTES);
  let passages = 0;
  for (let i = 0; i < NOTES; i++) {
    const a = articles[i * step]!;
    const passage = i % 3 === 0 && i / 3 < PASSAGES && a.text.length > 24 ? describePassage(a.text, 4, Math.min(a.text.length, 4 + 16)) : null;
    const r = await ask({
      type: 'note:save',
      note: {
        documentId: state.documentId,
        article: describeArticle(a),
        passage,
        stance: i % 2 ? 'modify' : 'question',
        suggestion: `建议修改第${i}项`,
        reason: '基准测试的理由',
        comment: '',
        tags: [i % 5 ? '基准' : '重点'],
      },
    });
    if (!r.ok) throw new Error(`seeding note ${i} failed: ${JSON.stringify(r)}`);
    if (passage) passages++;
  }

  // load -> every note and highlight shown
  const page = await context.newPage();
  const loads: Load[] = [];
  for (let i = 0; i < LOADS; i++) {
    await page.goto(url);
    await waitForReader(page, 10_000, true);
    await page.waitForFunction(() => performance.getEntriesByName('regdraft:notes-shown', 'measure').length > 0, undefined, { timeout: 10_000 });
    await page.waitForTimeout(300);
    loads.push(
      await page.evaluate(() => {
        // (no named helper functions in here: tsx would wrap them in a __name() the page does not have)
        const ready = performance.getEntriesByName('regdraft:ready', 'measure').at(-1)!;
        const work = performance.getEntriesByName('regdraft:notes-work', 'measure').at(-1)!;
        const shown = performance.getEntriesByName('regdraft:notes-shown', 'measure').at(-1)!;
        const classes = new Set<string>();
        for (const m of document.querySelectorAll('mark.regdraft-hl')) for (const c of m.classList) if (/^regdraft-h\d+$/.test(c)) classes.add(c);
        const tasks = (window as unknown as { __longtasks: Array<{ start: number; duration: number }> }).__longtasks;
        const during = tasks.filter((t) => t.start < shown.startTime + shown.duration + 50 && t.start + t.duration > ready.startTime);
        return {
          // main-thread work, as the label says (the read is sliced, the mount runs in a task of its own: the wall
          // time from start to ready, used before, counted the page's own tasks between the slices)
          ready:
            (performance.getEntriesByName('regdraft:read-work', 'measure').at(-1)?.duration ?? ready.duration) +
            (performance.getEntriesByName('regdraft:mount', 'mark').length
              ? ready.startTime + ready.duration - performance.getEntriesByName('regdraft:mount', 'mark').at(-1)!.startTime
              : 0),
          notesWork: work.duration,
          shown: shown.duration,
          highlights: classes.size,
          longest: Math.max(0, ...during.map((t) => t.duration)),
        };
      }),
    );
  }

  // the same loads again under a DevTools trace: the longtask observer above cannot tell the page's own tasks (the
  // civil code page's own layout, 60-75 ms with no script in it, falls inside that window on some loads, with the
  // builds before and after 2026-12-03 alike) from the extension's; the trace can (scripts/lib/long-tasks.ts).
  // Separate loads, since tracing would inflate the main-thread figures above.
  const ours: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const tasks = await traceTasks(page, browser.extensionId, async () => {
      await page.goto(url);
      await waitForReader(page, 10_000, true);
      await page.waitForFunction(() => performance.getEntriesByName('regdraft:notes-shown', 'measure').length > 0, undefined, { timeout: 10_000 });
      await page.waitForTimeout(300);
    });
    ours.push(longestOurs(tasks));
  }

  // save -> visible in another tab
  const other = await context.newPage();
  await other.goto(url);
  await waitForReader(other, 10_000, true);
  await other.waitForFunction(() => performance.getEntriesByName('regdraft:notes-shown', 'measure').length > 0);
  const latencies: number[] = [];
  for (let i = 0; i < SAVES; i++) {
    const before = await other.evaluate(() => performance.getEntriesByName('regdraft:notes', 'mark').length);
    const sentAt = await ext.evaluate(async (note) => {
      const t0 = performance.timeOrigin + performance.now();
      await chrome.runtime.sendMessage({ type: 'note:save', note });
      return t0;
    }, {
      documentId: state.documentId,
      article: describeArticle(articles[i * 7 + 1]!),
      passage: null,
      stance: 'add',
      suggestion: `第${i}次保存`,
      reason: '',
      comment: '',
      tags: [],
    });
    await other.waitForFunction((n) => performance.getEntriesByName('regdraft:notes', 'mark').length > n, before, { timeout: 5000, polling: 'raf' });
    const shownAt = await other.evaluate(() => performance.timeOrigin + performance.getEntriesByName('regdraft:notes', 'mark').at(-1)!.startTime);
    latencies.push(shownAt - sentAt);
  }
  await other.close();

  // the side panel listing every note (the list draws only the cards near the view: listed = the count says all of
  // them and cards are drawn), beside an empty extension page opened the same way
  const panelRuns: number[] = [];
  for (let i = 0; i < PANEL_RUNS; i++) {
    const opened = await openListed(context, `chrome-extension://${browser.extensionId}/sidepanel.html?tab=${await tabIdOf(browser, url)}&view=notes`, NOTES, 20_000);
    panelRuns.push(opened.listed);
    await opened.page.close();
  }
  const floor = await floorRuns(context, browser.extensionId, PANEL_RUNS);
  await page.close();
  await ext.close();

  const work = median(loads.map((l) => l.notesWork));
  const ready = median(loads.map((l) => l.ready));
  const longest = Math.max(...loads.map((l) => l.longest));
  const p50 = pct(latencies, 50);
  const p95 = pct(latencies, 95);
  const panel = median(panelRuns);
  const allShown = loads.every((l) => l.highlights === passages);
  const checks: Array<[string, boolean]> = [
    [`notes: all ${passages} passage highlights shown on every load`, allShown],
    [`notes: load -> notes and highlights shown in ≤ 50 ms of main-thread work (ready ${ms(ready)} + notes ${ms(work)})`, ready + work <= 50],
    [`notes: no long task ≥ 50 ms of the extension's from the load until the notes are shown (worst ${ms(Math.max(...ours))})`, Math.max(...ours) < 50],
    [`notes: save -> visible in another tab, p95 ≤ 50 ms (p95 ${ms(p95)})`, p95 <= 50],
    [`side panel: ${NOTES} notes listed in ≤ 100 ms (median ${ms(panel)}; an empty extension page ${ms(median(floor))})`, panel <= 100],
  ];
  const markdown = `## Notes (300 notes on the civil code page)

${NOTES} notes on ${articles.length} articles, ${passages} of them on passages (highlighted with the content script's own <mark> wrapper), written through
the background before the page loads. ${LOADS} loads, medians; ${SAVES} saves for the latency. Markers beside articles
are drawn for a band of a few screens around the view (all ${NOTES} are placed and measured). The marks split text
nodes; the reader re-reads those blocks afterwards in its own debounced task (same text, fresh nodes), outside this
measure and never a long task.
Not counted either: the articles' fingerprint the page computes once its notes have come, for the versions (has this
draft an earlier version?), in slices of its own: about 2.5 ms of main thread per load (the self time of its
functions in a CPU profile of 8 loads, 2026-12-04).

| measure | value |
|---|---|
| reader ready (main thread) | ${ms(ready)} |
| notes placed, highlighted and drawn (main thread, from the background's answer to the last draw) | ${ms(work)} |
| **main-thread work, load -> all notes shown** | **${ms(ready + work)}** |
| wall time from the reader's start to all notes shown (includes waiting for the background) | ${ms(median(loads.map((l) => l.shown)))} |
| longest task with the extension's work in it, from the load until the notes are shown (${LOADS} more loads under a DevTools trace: median (min–max)) | ${ms(median(ours))} (${ms(Math.min(...ours))}–${ms(Math.max(...ours))}) |
| longest task of any kind from the reader's start until the notes are shown (longtask observer: the page's own tasks count too; for comparison) | ${ms(longest)} |
| save -> visible in another tab, p50 / p95 / max | ${ms(p50)} / ${ms(p95)} / ${ms(Math.max(...latencies))} |
| side panel: open -> ${NOTES}+ notes listed (navigation start to the frame with the first cards and the full count; median (min–max) of ${PANEL_RUNS}; target ≤ 100 ms) | ${ms(panel)} (${ms(Math.min(...panelRuns))}–${ms(Math.max(...panelRuns))}) |
| the same for an empty extension page drawing a card and a count at once (the floor on this machine; for comparison) | ${ms(median(floor))} (${ms(Math.min(...floor))}–${ms(Math.max(...floor))}); the panel at ${(panel / median(floor)).toFixed(1)}x |

A save here is sent from an extension page (as the side panel would) and timed until the other tab's content
script has drawn it (its \`regdraft:notes\` mark): message to the background, database write, \`notes:changed\` to
every tab, the tab's request for the document's notes, placing all ${NOTES + SAVES} again (each note that stands where it was
is placed in the page; any other is looked for by the background), highlights and markers.
The longest-task rows: the longtask observer counts every task in its window, the page's own too (the civil code
page's own layout, 60-75 ms with no script in it, fell inside it on some loads, with the build before 2026-12-03 as
with this one); the check is made on ${LOADS} more loads under a DevTools trace, which tells the extension's tasks apart
(scripts/lib/long-tasks.ts). When it was added, the trace found one: the side panel page this benchmark keeps open
follows the tab and asks for its outline after each load, and the content script read the paragraphs the highlights
had just split in that ask's task, all at once (81 ms, 23 ms of it CPU, on the loaded machine). It now reads them in
slices of at most 8 ms first, then answers (\`PageReader.settle\`). Then the answer itself was the task left
(54-68 ms, 13-18 ms of it CPU, in two runs of 2026-12-04): the browser copies an answer in the task that sends it,
and \`sendResponse\` with the civil code's outline (157 KB, most of it the articles' text) took 9-15 ms of the page's
main thread at 1x (a JSON string instead of the columns took as long). Since 2026-12-04 the answer to the panel's
packed ask leaves a long outline's texts out and says where its parts of at most 12,000 characters end, and the
panel asks for all of them at once (\`outline:texts\`), each answered in a task of its own (shared/page-state.ts).
A run with the change (\`BENCH_ONLY=notes\`) found no long task of the extension's in these loads, and the panel
listed its 300 notes no later (7 opens x 2 rounds each, alternating builds: 270 ms against 279 ms before).
The side panel's rows are measured as in the next section (see its *Side panel* paragraph); here the page's answer
carries the civil code's whole outline (1,260 articles), which alone took 70-110 ms to reach a starting panel on this machine
(measured from the ask), and 46-95 ms since its articles travel as columns (shared/page-state.ts). The panel asks for it
from the script in its \`<head>\` since 2026-12-04, 40-60 ms before its bundle runs.
What the civil code's texts still cost the panel (2026-12-04, quiet machine, 7 opens each, alternating): a temporary
build whose panel did not wait for the texts' parts (its notes then could not be placed) listed the 300 notes in a
median 101 ms, the real one in 120 ms; an empty extension page took 72 ms (45-131 ms) in a benchmark run of the same
hour. Even without the texts the panel of a 1,260-article draft is at the 100 ms target, not under it, on this machine.
`;
  return { markdown, checks };
}

async function pollState(ext: Page, tabId: number): Promise<{ documentId: string; outline: { articles: Article[] } }> {
  for (let i = 0; i < 100; i++) {
    const s = (await ext.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'outline:get' }), tabId)) as {
      documentId: string | null;
      outline: { articles: Article[] };
    };
    if (s?.documentId) return s as { documentId: string; outline: { articles: Article[] } };
    await ext.waitForTimeout(50);
  }
  throw new Error('the page never opened its document');
}

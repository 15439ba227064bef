/**
 * The file reader's benchmark: a 100-page PDF draft (the sample's articles repeated, made by LibreOffice through
 * scripts/make-file-fixtures.ts --pages 100) opened in the reader page. Each figure is measured from the reader's
 * start and given as a ratio to pdf.js's own work in the same run (loading the file and getTextContent over every
 * page, which the reader does first). `benchFiles(browser)` returns a Markdown section; `npx tsx
 * scripts/bench-files.ts` (after `npm run build`) prints it alone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { describeArticle } from '../anchoring/describe';
import type { Outline } from '../regulation/types';
import { launchWithExtension, tabIdOf, type ExtensionBrowser } from './lib/launch';
import { waitForReader } from './lib/page';
import { startFixtureServer } from './lib/server';

const RUNS = 5;
const NOTES = 300;
const DIR = resolve(import.meta.dirname, '../.output/bench-files');
const PDF = resolve(DIR, 'long-draft.pdf');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const spread = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;

interface Run {
  text: number;
  first: number;
  outline: number;
  notes: number | null;
}

async function timings(page: Page, withNotes: boolean): Promise<Run> {
  await waitForReader(page, 120_000);
  if (withNotes) await page.waitForFunction(() => performance.getEntriesByName('regdraft:notes-shown').length > 0, undefined, { timeout: 120_000 });
  // every entry read below, each made by its own step of the reader page (in no fixed order)
  await page.waitForFunction(
    () => ['files:start', 'files:first-page', 'files:text-content', 'regdraft:ready'].every((n) => performance.getEntriesByName(n).length > 0),
    undefined,
    { timeout: 60_000 },
  );
  // (no named helpers inside: only the function's source travels to the page)
  return page.evaluate(() => {
    const start = performance.getEntriesByName('files:start')[0]!.startTime;
    const ready = performance.getEntriesByName('regdraft:ready').at(-1)!;
    const notes = performance.getEntriesByName('regdraft:notes').at(-1);
    return {
      text: performance.getEntriesByName('files:text-content').at(-1)!.duration,
      first: performance.getEntriesByName('files:first-page').at(-1)!.duration,
      outline: ready.startTime + ready.duration - start,
      notes: notes ? notes.startTime - start : null,
    };
  });
}

/** Runs the benchmark in `browser` (the built extension loaded); returns the Markdown and the targets met. */
export async function benchFiles(browser: ExtensionBrowser): Promise<{ markdown: string; checks: Array<[string, boolean]> }> {
  if (!existsSync(PDF)) execFileSync('npx', ['tsx', resolve(import.meta.dirname, 'make-file-fixtures.ts'), '--pages', '100', DIR], { stdio: 'ignore' });
  const sha = createHash('sha256').update(readFileSync(PDF)).digest('hex');
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [PDF], { encoding: 'utf8' }))?.[1] ?? 0);
  const { context, extensionId } = browser;
  const readerUrl = `chrome-extension://${extensionId}/reader.html`;

  // keep the file once, through the picker
  const page = await context.newPage();
  await page.goto(readerUrl);
  await page.setInputFiles('input[type=file]', PDF);
  await page.waitForURL(/file=/, { timeout: 60_000 });
  await waitForReader(page, 120_000);
  const url = `${readerUrl}?file=${sha}`;

  const plain: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto(url);
    plain.push(await timings(page, false));
  }

  // 300 notes over the articles, then reopen
  const writer = await context.newPage();
  await writer.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const tab = await tabIdOf(browser, `urn:sha256:${sha}`);
  const state = (await writer.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'outline:get' }), tab)) as { outline: Outline; documentId: string };
  const articles = state.outline.articles;
  for (let i = 0; i < NOTES; i++) {
    const a = articles[(i * 7) % articles.length]!;
    const note = { documentId: state.documentId, article: describeArticle(a), passage: null, stance: 'modify', suggestion: `意见 ${i}`, reason: '', comment: '', tags: [] };
    await writer.evaluate((m) => chrome.runtime.sendMessage(m), { type: 'note:save', note });
  }
  await writer.close();
  const noted: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.bringToFront();
    await page.goto(url);
    noted.push(await timings(page, true));
  }

  // scroll through the whole file, then measure what is kept
  const memory = await page.evaluate(async () => {
    const step = innerHeight * 0.9;
    for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
      scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 30));
    }
    await new Promise((r) => setTimeout(r, 500));
    const m = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    return { canvases: document.querySelectorAll('canvas').length, heap: m ? m.usedJSHeapSize / 1024 / 1024 : null };
  });
  await page.close();

  const text = median(plain.map((r) => r.text));
  const first = median(plain.map((r) => r.first));
  const outline = median(plain.map((r) => r.outline));
  const notes = median(noted.map((r) => r.notes ?? NaN));
  const notesText = median(noted.map((r) => r.text));
  const checks: Array<[string, boolean]> = [
    [`files: outline of a ${pages}-page PDF within 1.5× pdf.js's getTextContent (${(outline / text).toFixed(2)}×)`, outline / text <= 1.5],
    [`files: first page of a ${pages}-page PDF visible within 1 s (${first.toFixed(0)} ms)`, first <= 1000],
  ];
  const markdown = `## Drafts published as files (PDF reader page)

\`npx tsx scripts/bench-files.ts\` (or \`npm run bench\`): a ${pages}-page PDF draft (${articles.length} articles; the sample's
articles repeated, made by LibreOffice: \`scripts/make-file-fixtures.ts --pages 100\`) opened ${RUNS} times in the reader
page; times from the reader's start, medians (min–max), and as a ratio to pdf.js's own loading + getTextContent over
all pages in the same run.

| figure | median ms | spread | ratio to getTextContent |
|---|---|---|---|
| pdf.js load + getTextContent, all pages | ${text.toFixed(0)} | ${spread(plain.map((r) => r.text))} | 1.00 |
| first page drawn | ${first.toFixed(0)} | ${spread(plain.map((r) => r.first))} | ${(first / text).toFixed(2)} |
| outline ready (reader and in-page UI up) | ${outline.toFixed(0)} | ${spread(plain.map((r) => r.outline))} | ${(outline / text).toFixed(2)} |
| ${NOTES} notes shown | ${notes.toFixed(0)} | ${spread(noted.map((r) => r.notes ?? NaN))} | ${(notes / notesText).toFixed(2)} |

After scrolling through the whole file: ${memory.canvases} page canvases kept (pages far from the view are dropped),
JS heap ${memory.heap === null ? 'not reported' : `${memory.heap.toFixed(0)} MB`}.
`;
  return { markdown, checks };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const server = await startFixtureServer();
  const browser = await launchWithExtension({ port: server.port });
  const { markdown, checks } = await benchFiles(browser);
  await browser.close();
  await server.close();
  console.log(markdown);
  for (const [name, ok] of checks) console.log(`${ok ? '✅' : '❌'} ${name}`);
  if (checks.some(([, ok]) => !ok)) process.exit(1);
}

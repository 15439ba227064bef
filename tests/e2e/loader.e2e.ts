/// <reference types="chrome" />
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CONTENT_MODULE, CONTENT_SCRIPT } from '../../shared/content-files';
import { CHROME_BUILD, launchWithExtension, tabIdOf, type ExtensionBrowser } from '../../scripts/lib/launch';
import { waitForReader } from '../../scripts/lib/page';
import { SAMPLE, SAMPLE_HOST, startFixtureServer, type FixtureServer } from '../../scripts/lib/server';
import { parseOf, recordTrace, type TraceEvent } from '../../scripts/lib/trace';
import { ShadowProbe } from './lib/shadow';

/**
 * How pages get the reader (shared/content-files.ts), in real Chromium: the manifest injects a small loader,
 * which imports the reader as a module from the extension, so that the browser compiles the reader off the
 * page's main thread (issue 10 §4: the compile of a classic content script was half of a long task in a new tab
 * at 4x). The module load must also work where the page forbids every load of its own.
 */

/**
 * Loads `path` (the sample under a title of its own) in a new tab of `b` under a DevTools trace, until the reader has
 * put its host in the page, or with `whole` until it has read the page and shown its badge and banner.
 */
async function traceNewTab(b: ExtensionBrowser, path: string, title: string, whole = false) {
  server.route(path, SAMPLE.replaceAll('济南市数字经济促进条例', title));
  const page = await b.context.newPage();
  const cdp = await b.context.newCDPSession(page);
  const url = `http://${SAMPLE_HOST}${path}`;
  const events = await recordTrace(cdp, 'devtools.timeline,v8,v8.execute,disabled-by-default-v8.compile', async () => {
    await page.goto(url);
    await waitForReader(page);
    if (!whole) return;
    const tabId = await tabIdOf(b, url);
    await expect.poll(() => b.badgeText(tabId)).toBe('65');
    // (the banner's first drawing comes in a task after the badge's message)
    await page.waitForTimeout(1000);
  });
  await page.close();
  // (not the first parse in the trace: a new browser's welcome tab may load meanwhile)
  return { events, main: parseOf(events, url) };
}

/**
 * How many functions V8 compiled lazily (when first called) on the page's main thread: its `V8.ParseFunction` events.
 * (The page's own script and the test's probes count too, alike with and without the hint.)
 */
function lazyOnMainThread(events: readonly TraceEvent[], main: TraceEvent): number {
  return events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.name === 'V8.ParseFunction').length;
}

let server: FixtureServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchWithExtension({ port: server.port });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the content script loader (Chromium)', () => {
  test('in a new tab the page evaluates only the loader; the reader is a module compiled off the main thread', async () => {
    const { events, main } = await traceNewTab(browser, '/art/2024/2/18/art_1861_loader_trace.html', '济南市加载方式测试条例');
    expect(main, 'the trace holds the page being parsed').toBeDefined();
    const own = (e: TraceEvent) => e.pid === main!.pid && (e.args?.data?.url ?? '').startsWith('chrome-extension://');
    const file = (e: TraceEvent) => new URL(e.args!.data!.url!).pathname;
    // classic scripts evaluated on the page's main thread: the loader, never the reader
    const classic = events.filter((e) => own(e) && e.tid === main!.tid && e.name === 'EvaluateScript').map(file);
    expect(classic).toEqual(['/content-loader.js']);
    // the reader: compiled as a module, from the bytes V8 parsed on a background thread while they loaded
    const modules = events.filter((e) => own(e) && e.name === 'v8.compileModule');
    expect(modules.map(file)).toEqual([CONTENT_MODULE]);
    expect(modules[0]!.args!.data!.streamed, String(modules[0]!.args!.data!.notStreamedReason)).toBe(true);
  });

  test("V8 compiles the whole reader with its module (the compile hint): its functions are not compiled one by one on the page's main thread", async () => {
    // the control: a copy of the build whose module lacks the hint (the reader as it is injected by the toolbar)
    const dir = mkdtempSync(join(tmpdir(), 'regdraft-nohint-'));
    let control: ExtensionBrowser | undefined;
    try {
      cpSync(CHROME_BUILD, dir, { recursive: true });
      writeFileSync(join(dir, CONTENT_MODULE.slice(1)), readFileSync(join(CHROME_BUILD, CONTENT_SCRIPT.slice(1))));
      control = await launchWithExtension({ port: server.port, extensionDir: dir });
      const hinted = await traceNewTab(browser, '/art/2024/2/18/art_1861_hint.html', '济南市编译提示测试条例', true);
      const plain = await traceNewTab(control, '/art/2024/2/18/art_1861_nohint.html', '济南市编译提示对照条例', true);
      const withHint = lazyOnMainThread(hinted.events, hinted.main!);
      const without = lazyOnMainThread(plain.events, plain.main!);
      // (58 with the hint and 230 without in the runs made when this test was written: the reader calls about 170 of
      // its functions from its start to its first drawing)
      expect(without - withHint, `${withHint} functions compiled lazily with the hint, ${without} without`).toBeGreaterThan(100);
    } finally {
      await control?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a page whose Content-Security-Policy forbids every load of its own is read all the same', async () => {
    const path = '/art/2024/2/18/art_1861_strict_csp.html';
    const url = `http://${SAMPLE_HOST}${path}`;
    server.route(path, SAMPLE.replaceAll('济南市数字经济促进条例', '济南市内容安全策略测试条例'), {
      'content-security-policy': "default-src 'none'; script-src 'none'; style-src 'none'; img-src 'none'; frame-src 'none'",
    });
    const page = await browser.context.newPage();
    const refused: string[] = [];
    page.on('console', (m) => void (m.text().includes('regdraft') && refused.push(m.text())));
    await page.goto(url);
    await waitForReader(page);
    const tabId = await tabIdOf(browser, url);
    await expect.poll(() => browser.badgeText(tabId)).toBe('65');
    const probe = await ShadowProbe.open(page);
    await expect.poll(() => probe.text()).toContain('65 条');
    expect(refused).toEqual([]);
    await page.close();
  });
});

/// <reference types="chrome" />
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchWithExtension, tabIdOf, type ExtensionBrowser } from '../../scripts/lib/launch';
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
    const path = '/art/2024/2/18/art_1861_loader_trace.html';
    server.route(path, SAMPLE.replaceAll('济南市数字经济促进条例', '济南市加载方式测试条例'));
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    const url = `http://${SAMPLE_HOST}${path}`;
    const events = await recordTrace(cdp, 'devtools.timeline,v8,v8.execute', async () => {
      await page.goto(url);
      await waitForReader(page);
    });

    // (not the first parse in the trace: a new browser's welcome tab may load meanwhile)
    const main = parseOf(events, url);
    expect(main, 'the trace holds the page being parsed').toBeDefined();
    const own = (e: TraceEvent) => e.pid === main!.pid && (e.args?.data?.url ?? '').startsWith('chrome-extension://');
    const file = (e: TraceEvent) => new URL(e.args!.data!.url!).pathname;
    // classic scripts evaluated on the page's main thread: the loader, never the reader
    const classic = events.filter((e) => own(e) && e.tid === main!.tid && e.name === 'EvaluateScript').map(file);
    expect(classic).toEqual(['/content-loader.js']);
    // the reader: compiled as a module, from the bytes V8 parsed on a background thread while they loaded
    const modules = events.filter((e) => own(e) && e.name === 'v8.compileModule');
    expect(modules.map(file)).toEqual(['/content-scripts/content.js']);
    expect(modules[0]!.args!.data!.streamed, String(modules[0]!.args!.data!.notStreamedReason)).toBe(true);
    await page.close();
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

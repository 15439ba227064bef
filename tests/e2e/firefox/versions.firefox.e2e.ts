/// <reference types="chrome" />
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { describeArticle } from '../../../anchoring/describe';
import type { Outline } from '../../../regulation/types';
import {
  bidiOf,
  collectText,
  contextOf,
  firefoxPath,
  FirefoxShadowProbe,
  launchFirefoxWithExtension,
  waitForReader,
  type BidiNode,
  type FirefoxExtensionBrowser,
} from '../../../scripts/lib/firefox';
import { SAMPLE_URL, startFixtureServer, type FixtureServer } from '../../../scripts/lib/server';
import { SECOND_PATH, SECOND_URL, secondVersionHtml } from '../lib/second-version';

/**
 * Versions in real Firefox (the MV2 build), the twin of tests/e2e/versions.e2e.ts: notes on the sample draft, its
 * next version at a new URL offered for linking in the banner and the side panel page, linked from the banner (a page
 * script's click does not link), compared, its changed articles marked on the page, fates shown and one
 * overruled, the notes carried into the new version.
 */

const noFirefox = !firefoxPath();
if (noFirefox) console.warn('Firefox e2e skipped: no /usr/bin/firefox-esr and no FIREFOX_PATH');

let server: FixtureServer;
let ff: FirefoxExtensionBrowser;
let firstTab: number;
let firstId: string;
let secondTab: number;
let secondId: string;
let secondPage: Page;

type State = { outline: Outline; documentId: string | null };

const send = <T,>(message: unknown) =>
  ff.extensionEval(async (m) => (await (globalThis as unknown as { browser: typeof chrome }).browser.runtime.sendMessage(m)) as T, message);
const stateOf = async (tabId: number): Promise<State & { documentId: string }> => {
  for (let i = 0; i < 100; i++) {
    const s = await ff.extensionEval(
      async (id) => (await (globalThis as unknown as { browser: typeof chrome }).browser.tabs.sendMessage(id, { type: 'outline:get' })) as State,
      tabId,
    );
    if (s?.documentId) return s as State & { documentId: string };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the reader never opened its document');
};
const notesOf = async (documentId: string) =>
  ((await send<{ ok: true; value: Array<{ article: { label: string; excerpt: string }; tags: string[] }> }>({ type: 'notes:list', documentId })).value);
const textOf = (p: Page, selector: string) => p.$eval(selector, (e) => (e as HTMLElement).innerText);

/** Reads until `ok` (a read that throws, e.g. an element not there yet, counts as not yet); the last value read. */
async function poll<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeout = 15_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    let v: T | undefined;
    let readOk = false;
    try {
      v = await read();
      readOk = ok(v);
    } catch (e) {
      if (Date.now() >= end) throw e;
    }
    if (readOk || Date.now() >= end) return v as T;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(noFirefox)('versions in Firefox', () => {
  beforeAll(async () => {
    server = await startFixtureServer();
    server.route(SECOND_PATH, secondVersionHtml());
    ff = await launchFirefoxWithExtension({ port: server.port });
    const page = await ff.firstPage();
    await page.goto(SAMPLE_URL);
    await waitForReader(page);
    firstTab = await ff.tabIdOf(SAMPLE_URL);
    const first = await stateOf(firstTab);
    firstId = first.documentId;
    const article = (label: string) => describeArticle(first.outline.articles.find((a) => a.label === label)!);
    const note = (label: string, stance: string, suggestion: string) => ({
      type: 'note:save',
      note: { documentId: firstId, article: article(label), passage: null, stance, suggestion, reason: '', comment: '', tags: [] },
    });
    for (const m of [
      note('第一条', 'modify', '建议增加“培育数据要素市场”的表述'),
      note('第三条', 'modify', '建议将“包容审慎”修改为“审慎包容”'),
      note('第十条', 'question', '起步区的范围如何确定？'),
    ]) {
      const r = await send<{ ok: boolean }>(m);
      if (!r.ok) throw new Error(`note refused: ${JSON.stringify(r)}`);
    }
    // the side panel page on the first draft stores its text
    const panel = await ff.openExtensionPage(`sidepanel.html?tab=${firstTab}&view=versions`, '[data-testid=versions]');
    const stored = await poll(
      () =>
        ff.extensionEval(
          (id) =>
            new Promise<number>((ok) => {
              const open = indexedDB.open('regdraft-review');
              open.onsuccess = () => {
                const get = open.result.transaction('versionTexts').objectStore('versionTexts').get(id);
                get.onsuccess = () => ok(get.result ? (get.result as { articles: unknown[] }).articles.length : 0);
                get.onerror = () => ok(-1);
              };
              open.onerror = () => ok(-1);
            }),
          firstId,
        ),
      (n) => n === 65,
    );
    expect(stored).toBe(65);
    await panel.close();

    const second = await ff.newPage();
    secondPage = second;
    await second.goto(SECOND_URL);
    await waitForReader(second);
    secondTab = await ff.tabIdOf(SECOND_URL);
    secondId = (await stateOf(secondTab)).documentId;
  }, 180_000);

  afterAll(async () => {
    // Under load Firefox may still be writing its profile when the harness removes it (ENOTEMPTY): a leftover
    // temporary folder, not a failure of what is tested here.
    await ff?.close().catch((e: unknown) => {
      if ((e as { code?: string }).code !== 'ENOTEMPTY') throw e;
      console.warn('Firefox profile folder left behind:', (e as Error).message);
    });
    await server?.close();
  });

  test('offered in the banner, linked by the reviewer\'s click (not a page script\'s), compared, marked; fates; notes carried', async () => {
    expect(secondId).not.toBe(firstId);
    const probe = await FirefoxShadowProbe.open(secondPage);
    expect(await poll(() => probe.text(), (t) => t.includes('的新版本吗？'))).toContain('这是《济南市数字经济促进条例(征求意见稿)》的新版本吗？');
    const panel = await ff.openExtensionPage(`sidepanel.html?tab=${secondTab}&view=versions`, '[data-testid=version-offer]');
    expect(await textOf(panel, '[data-testid=version-offer]')).toContain('这是《济南市数字经济促进条例(征求意见稿)》的新版本吗？');
    // a click the page's own script dispatches on the banner's button (in the page's realm) links nothing
    const yes = (await probe.findByAttr('data-action', 'version-link'))!;
    expect(collectText(yes)).toBe('是，链接为新版本');
    await bidiOf(ff.browser).send('script.callFunction', {
      functionDeclaration: '(el) => { el.click(); el.dispatchEvent(new MouseEvent("click", { bubbles: true, composed: true })); }',
      arguments: [{ sharedId: yes.sharedId }],
      target: { context: contextOf(secondPage) },
      awaitPromise: false,
    });
    await new Promise((ok) => setTimeout(ok, 500));
    expect(await panel.$('[data-testid=version-counts]')).toBeNull();
    expect(await panel.$$eval('[data-testid=version-chain] li', (els) => els.length)).toBe(1);
    // the reviewer's click links it
    await probe.clickAttr('data-action', 'version-link');
    expect(await poll(() => panel.$$eval('[data-testid=version-chain] li', (els) => els.length), (n) => n === 2)).toBe(2);

    const counts = await poll(() => textOf(panel, '[data-testid=version-counts]'), (t) => t.includes('修改 3 条'));
    expect(counts).toBe('未改 62 条，修改 3 条，新增 0 条，删除 0 条；重新编号 0 条');
    const inserted = await panel.$$eval('[data-testid=version-rows] li ins', (els) => els.map((e) => e.textContent).join('|'));
    expect(inserted).toContain('培育数据要素市场');

    // the page marks the three changed articles (a label only); a marker opens the 版本 tab at its article
    const marks = async () =>
      (await probe.findAll((n: BidiNode) => n.value?.attributes?.['data-vmark'] !== undefined)).map((n) => `${n.value!.attributes!['data-vmark']}:${collectText(n).trim()}`);
    expect(await poll(marks, (m) => m.length === 3)).toEqual(['第一条:已修改', '第二条:已修改', '第三条:已修改']);
    expect(await probe.text()).not.toContain('加快建设工业强市和数字先锋城市');
    await panel.click('[role=tab][data-view=outline]');
    await probe.clickAttr('data-vmark', '第二条');
    expect(await poll(() => panel.evaluate(() => document.activeElement?.getAttribute('data-new')), (v) => v === '1')).toBe('1');
    expect(await panel.$eval('[role=tab][data-view=versions]', (e) => e.getAttribute('aria-selected'))).toBe('true');

    const summary = () => textOf(panel, '[data-testid=fate-summary]');
    expect(await poll(summary, (t) => t.startsWith('您的 3 条'))).toBe('您的 3 条意见：1 条已采纳，1 条已修改，1 条未修改，0 条已删除');
    await panel.select('select[aria-label="第三条 的结论"]', 'adopted');
    expect(await poll(summary, (t) => t.includes('2 条已采纳'))).toBe('您的 3 条意见：2 条已采纳，0 条已修改，1 条未修改，0 条已删除');

    await panel.click('[data-testid=carry]');
    const carried = await poll(() => notesOf(secondId), (n) => n.length === 3);
    expect(carried.map((n) => n.article.label).sort()).toEqual(['第一条', '第三条', '第十条'].sort());
    expect(carried.every((n) => n.tags.includes('上一稿意见'))).toBe(true);
    expect(carried.find((n) => n.article.label === '第一条')!.article.excerpt).toContain('培育数据要素市场');
    expect(await notesOf(firstId)).toHaveLength(3);
  });
});

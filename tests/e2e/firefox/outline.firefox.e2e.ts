/// <reference types="chrome" />
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  collectText,
  firefoxPath,
  FirefoxShadowProbe,
  launchFirefoxWithExtension,
  waitForReader,
  type FirefoxExtensionBrowser,
} from '../../../scripts/lib/firefox';
import { SAMPLE, SAMPLE_HOST, SAMPLE_URL, startFixtureServer, type FixtureServer } from '../../../scripts/lib/server';
import { catalogueDifferences } from '../lib/catalogue';
import { hiddenTextPage, THIRD } from '../lib/hidden-text';
import { corpusPage } from '../../../scripts/lib/civil-code-page';
import { scrolledToArticle } from '../lib/in-page';

// Real headless Firefox (Debian firefox-esr) with .output/firefox-mv2 (`npm run build:firefox`). Skipped only
// when no Firefox is installed; .ci/run installs it, so CI always runs these.
const noFirefox = !firefoxPath();
if (noFirefox) console.warn('Firefox e2e skipped: no /usr/bin/firefox-esr (sudo apt-get install -y firefox-esr firefox-esr-l10n-zh-cn) and no FIREFOX_PATH');

const TITLE = '《济南市数字经济促进条例(征求意见稿)》';

let server: FixtureServer;
let ff: FirefoxExtensionBrowser;
let page: Page;
let tabId: number;

/** Serves `html` at `path` on the draft's host and opens it in a new tab once the reader has read it. */
async function openServed(path: string, html: string, headers?: Record<string, string>): Promise<{ page: Page; tab: number }> {
  const url = `http://${SAMPLE_HOST}${path}`;
  server.route(path, html, headers);
  const opened = await ff.newPage();
  await opened.goto(url);
  await waitForReader(opened);
  return { page: opened, tab: await ff.tabIdOf(url) };
}

async function openPanel(): Promise<Page> {
  return ff.openExtensionPage(`sidepanel.html?tab=${tabId}`, '[data-testid=outline] li.article');
}

describe.skipIf(noFirefox)('the sample draft in Firefox (skipped when firefox-esr is not installed)', () => {
  beforeAll(async () => {
    server = await startFixtureServer();
    ff = await launchFirefoxWithExtension({ port: server.port });
    page = await ff.firstPage();
    await page.goto(SAMPLE_URL);
    await waitForReader(page);
    tabId = await ff.tabIdOf(SAMPLE_URL);
  });

  afterAll(async () => {
    await ff?.close();
    await server?.close();
  });

  test('Firefox runs the MV2 build in Chinese, on the real URL', async () => {
    const env = await ff.extensionEval(() => {
      const b = (globalThis as unknown as { browser: typeof chrome }).browser;
      return { mv: b.runtime.getManifest().manifest_version, lang: b.i18n.getUILanguage() };
    }, null);
    // zh-CN needs Firefox's language pack (Debian: firefox-esr-l10n-zh-cn); without it Firefox stays en-US
    expect(env).toEqual({ mv: 2, lang: 'zh-CN' });
    expect(page.url()).toBe(SAMPLE_URL);
    expect(tabId).toBeGreaterThan(0);
  });

  test("the content script's copy of the messages, from the background, fills every message as Firefox does", async () => {
    const { keys, differ } = await catalogueDifferences(ff.extensionEval);
    expect(keys).toBeGreaterThan(500);
    expect(differ).toEqual([]);
  });

  test('the toolbar badge counts 65 articles', async () => {
    await expect.poll(() => ff.badgeText(tabId), { timeout: 5_000 }).toBe('65');
  });

  test('the banner in a closed shadow root shows the title, the deadline and the channels; the page cannot reach it', async () => {
    const probe = await FirefoxShadowProbe.open(page);
    const root = await probe.root();
    expect(root?.shadowRootType).toBe('closed');
    const text = await probe.text();
    expect(text).toContain(TITLE);
    expect(text).toContain('截止日期');
    expect(text).toContain('2024-03-20');
    expect(text).toContain('已截止'); // the sample's deadline is long past
    expect(text).toContain('65 条 · 9 章');
    expect(text).toContain('sgxjxxhyszjjc@jn.shandong.cn');
    expect(text).toContain(`${TITLE}修改意见`);
    expect(text).toContain('250099');
    expect(await page.evaluate(() => document.querySelector('regdraft-ui')?.shadowRoot ?? 'none')).toBe('none');
  });

  test('a mouse click inside the closed root works: the banner collapses and opens again', async () => {
    const probe = await FirefoxShadowProbe.open(page);
    await probe.click((await probe.findByAttr('aria-label', '收起'))!);
    await expect.poll(() => probe.text()).not.toContain('sgxjxxhyszjjc@jn.shandong.cn');
    const pill = await probe.findByAttr('aria-expanded', 'false');
    // its name is its text, the sr-only "展开意见稿信息" included (no aria-label since the keyboard/a11y work)
    expect(collectText(pill!)).toContain('展开意见稿信息');
    await probe.click(pill!);
    await expect.poll(() => probe.text()).toContain('sgxjxxhyszjjc@jn.shandong.cn');
  });

  test('the reader found 65 articles under 9 chapters (outline:get from an extension page)', async () => {
    const state = await ff.extensionEval(async (id) => {
      const b = (globalThis as unknown as { browser: typeof chrome }).browser;
      const s = (await b.tabs.sendMessage(id, { type: 'outline:get' })) as {
        url: string;
        outline: { title: string; deadline: string; articles: Array<{ label: string }>; chapters: Array<{ kind: string }> };
      };
      return {
        url: s.url,
        title: s.outline.title,
        deadline: s.outline.deadline,
        articles: s.outline.articles.length,
        last: s.outline.articles.at(-1)?.label,
        chapters: s.outline.chapters.filter((c) => c.kind === 'chapter').length,
      };
    }, tabId);
    expect(state).toEqual({
      url: SAMPLE_URL,
      title: '济南市数字经济促进条例(征求意见稿)',
      deadline: '2024-03-20',
      articles: 65,
      last: '第六十五条',
      chapters: 9,
    });
  });

  test("Firefox's own sidebar (opened on install) shows the outline of the active tab", async () => {
    const seen = await ff.sidebarEval(async ({ document: doc }) => {
      // the panel asks the tab's reader first: wait until it has drawn the outline
      for (let i = 0; i < 100 && !doc.querySelector('[data-testid=outline] li.article'); i++) await new Promise((ok) => setTimeout(ok, 50));
      return {
        articles: doc.querySelectorAll('li.article').length,
        chapters: doc.querySelectorAll('li.heading.chapter').length,
        title: doc.querySelector('h1')?.textContent,
        lang: doc.documentElement.lang,
      };
    }, null);
    expect(seen).toEqual({ articles: 65, chapters: 9, title: TITLE, lang: 'zh-CN' });
  });

  test('the sidebar page lists the notice and 65 articles under 9 chapters, and filters', async () => {
    const panel = await openPanel();
    expect(await panel.$$eval('li.article', (els) => els.length)).toBe(65);
    expect(await panel.$$eval('li.heading.chapter', (els) => els.length)).toBe(9);
    const body = await panel.$eval('main', (m) => (m as HTMLElement).innerText);
    expect(body).toContain(TITLE);
    expect(body).toContain('0531-51705786');
    expect(body).toContain('山东省济南市历下区龙鼎大道1号3层B323室');
    await panel.type('input.filter', '首席数据官');
    await expect
      .poll(() => panel.$$eval('li.article', (els) => els.map((e) => e.getAttribute('data-article'))))
      .toEqual(['第四十二条']);
    await panel.close();
  });

  test('jump-to in the sidebar page scrolls the draft to the article and flashes it', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const panel = await openPanel();
    await panel.click('li.article[data-article="第六十条"] button.jump');
    await expect
      .poll(() => page.evaluate(scrolledToArticle, '第六十条'))
      .toBe(true);
    const probe = await FirefoxShadowProbe.open(page);
    expect(await probe.root().then((r) => JSON.stringify(r).includes('"flash"'))).toBe(true);
    await panel.close();
  });

  test("the background, stopped the way Firefox's idle timer stops one, starts again on the next event and sets the badge", async () => {
    await ff.extensionEval((id) => (globalThis as unknown as { browser: { browserAction: typeof chrome.action } }).browser.browserAction.setBadgeText({ tabId: id, text: '' }), tabId);
    expect(await ff.badgeText(tabId)).toBe('');
    expect(await ff.backgroundState()).toBe('running');
    expect(await ff.suspendBackground()).toBe('stopped');
    // the reloaded page's reader tells the background its count: that wakes it, and it sets the badge
    await page.reload();
    await waitForReader(page);
    await expect.poll(() => ff.badgeText(tabId), { timeout: 5_000 }).toBe('65');
    expect(await ff.backgroundState()).toBe('running');
  });

  test('a page whose Content-Security-Policy forbids every load of its own is read all the same (the loader imports the reader as a module)', async () => {
    const { page: strict, tab: strictTab } = await openServed(
      '/art/2024/2/18/art_1861_strict_csp.html',
      SAMPLE.replaceAll('济南市数字经济促进条例', '济南市内容安全策略测试条例'),
      { 'content-security-policy': "default-src 'none'; script-src 'none'; style-src 'none'; img-src 'none'; frame-src 'none'" },
    );
    await expect.poll(() => ff.badgeText(strictTab), { timeout: 5_000 }).toBe('65');
    const probe = await FirefoxShadowProbe.open(strict);
    await expect.poll(() => probe.text()).toContain('65 条');
    await strict.close();
  });

  test('text the reader cannot see, in 第三条 and after it, is not article text (Firefox answers the visibility checks)', async () => {
    const { page: hidden, tab: hiddenTab } = await openServed(
      '/art/2024/2/18/art_1861_hidden.html',
      hiddenTextPage(SAMPLE).replaceAll('济南市数字经济促进条例', '济南市隐藏文字测试条例'),
    );
    const read = await ff.extensionEval(async (id) => {
      const b = (globalThis as unknown as { browser: typeof chrome }).browser;
      const s = (await b.tabs.sendMessage(id, { type: 'outline:get' })) as { outline: { articles: Array<{ label: string; text: string }> } };
      return { count: s.outline.articles.length, third: s.outline.articles.find((a) => a.label === '第三条')?.text };
    }, hiddenTab);
    await hidden.close();
    expect(read).toEqual({ count: 65, third: THIRD });
  });

  test("a long draft's outline comes to the panel in parts, and the parts make its texts (Firefox's messages)", async () => {
    const { page: civil, tab: civilTab } = await openServed('/art/2024/2/18/art_1861_civil.html', corpusPage());
    const got = await ff.extensionEval(async (id) => {
      const b = (globalThis as unknown as { browser: typeof chrome }).browser;
      type Packed = { outline: { articles: { label: string[]; text: string[] } }; textParts?: { key: string; ends: number[] } };
      const whole = (await b.tabs.sendMessage(id, { type: 'outline:get' })) as { outline: { articles: Array<{ text: string }> } };
      const first = (await b.tabs.sendMessage(id, { type: 'outline:get', packed: true })) as Packed;
      const parts = first.textParts
        ? ((await Promise.all(first.textParts.ends.map((_, part) => b.tabs.sendMessage(id, { type: 'outline:texts', key: first.textParts!.key, part })))) as string[][])
        : [];
      return {
        labels: first.outline.articles.label.length,
        leftOut: first.outline.articles.text.length,
        parts: parts.length,
        same: JSON.stringify(parts.flat()) === JSON.stringify(whole.outline.articles.map((a) => a.text)),
      };
    }, civilTab);
    await civil.close();
    expect(got.labels).toBe(1260);
    expect(got.leftOut).toBe(0);
    expect(got.parts).toBeGreaterThanOrEqual(8);
    expect(got.same).toBe(true);
  });

  test("a restart on the same profile keeps the add-on's data: a collapsed banner stays collapsed", async () => {
    // back at the top the banner is open again (it folds itself away further down the text)
    await page.evaluate(() => window.scrollTo(0, 0));
    let probe = await FirefoxShadowProbe.open(page);
    await expect.poll(async () => !!(await probe.findByAttr('aria-label', '收起'))).toBe(true);
    await probe.click((await probe.findByAttr('aria-label', '收起'))!);
    const stored = () =>
      ff.extensionEval(async () => {
        const b = (globalThis as unknown as { browser: typeof chrome }).browser;
        return { host: location.host, expanded: (await b.storage.local.get('ui:bannerExpanded'))['ui:bannerExpanded'] };
      }, null);
    await expect.poll(stored).toEqual({ host: new URL(ff.extensionBaseUrl).host, expanded: false });

    await ff.restart();
    page = await ff.firstPage();
    await page.goto(SAMPLE_URL);
    await waitForReader(page);
    probe = await FirefoxShadowProbe.open(page);
    await expect.poll(async () => collectText((await probe.findByAttr('aria-expanded', 'false')) ?? { type: 'node' })).toContain('展开意见稿信息');
    expect(await probe.text()).not.toContain('sgxjxxhyszjjc@jn.shandong.cn');
    expect(await stored()).toEqual({ host: new URL(ff.extensionBaseUrl).host, expanded: false });
  });
});

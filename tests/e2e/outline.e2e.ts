/// <reference types="chrome" />
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, tabIdOf, type ExtensionBrowser } from '../../scripts/lib/launch';
import { waitForReader } from '../../scripts/lib/page';
import { SAMPLE_URL, startFixtureServer, type FixtureServer } from '../../scripts/lib/server';
import { scrolledToArticle } from './lib/in-page';
import { ShadowProbe } from './lib/shadow';
import { catalogueDifferences } from './lib/catalogue';

let server: FixtureServer;
let browser: ExtensionBrowser;
let page: Page;
let tabId: number;

async function openPanel(): Promise<Page> {
  const panel = await browser.context.newPage();
  await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?tab=${tabId}`);
  await panel.waitForSelector('[data-testid=outline] li.article');
  return panel;
}

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchWithExtension({ port: server.port });
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(SAMPLE_URL);
  await waitForReader(page);
  tabId = await tabIdOf(browser, SAMPLE_URL);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the sample draft in Chromium', () => {
  test('the toolbar badge counts 65 articles', async () => {
    await expect.poll(() => browser.badgeText(tabId)).toBe('65');
  });

  test("the content script's copy of the messages, from the background, fills every message as the browser does", async () => {
    const ext = await browser.context.newPage();
    await ext.goto(`chrome-extension://${browser.extensionId}/welcome.html`);
    const { keys, differ } = await catalogueDifferences((fn, subs) => ext.evaluate(fn, subs));
    await ext.close();
    expect(keys).toBeGreaterThan(500);
    expect(differ).toEqual([]);
  });

  test('the banner in a closed shadow root shows the deadline and the channels; the page cannot reach it', async () => {
    const probe = await ShadowProbe.open(page);
    const root = await probe.root();
    expect(root?.shadowRootType).toBe('closed');
    const text = await probe.text();
    expect(text).toContain('2024-03-20');
    expect(text).toContain('已截止'); // the sample's deadline is long past
    expect(text).toContain('sgxjxxhyszjjc@jn.shandong.cn');
    expect(text).toContain('《济南市数字经济促进条例(征求意见稿)》修改意见');
    expect(text).toContain('250099');
    expect(await page.evaluate(() => document.querySelector('regdraft-ui')?.shadowRoot ?? 'none')).toBe('none');
  });

  test('hovering an article offers "add a note"; the placeholder opens and Esc closes it', async () => {
    await page.hover('#zoom p:has-text("第二条 本条例适用于")');
    const probe = await ShadowProbe.open(page);
    await expect.poll(async () => !!(await probe.findByAttr('aria-label', '为第二条添加笔记'))).toBe(true);
    await probe.click((await probe.findByAttr('aria-label', '为第二条添加笔记'))!);
    await expect.poll(() => probe.text()).toContain('第二条 · 笔记');
    // Esc is the editor's once the focus is in it (its frame may still be loading; on a loaded machine Esc came first)
    await probe.editorFocused();
    await page.keyboard.press('Escape');
    await expect.poll(() => probe.text()).not.toContain('第二条 · 笔记');
  });

  test('the side panel lists the notice and 65 articles under 9 chapters', async () => {
    const panel = await openPanel();
    expect(await panel.locator('li.article').count()).toBe(65);
    expect(await panel.locator('li.heading.chapter').count()).toBe(9);
    const body = await panel.locator('main').innerText();
    expect(body).toContain('《济南市数字经济促进条例(征求意见稿)》');
    expect(body).toContain('0531-51705786');
    expect(body).toContain('山东省济南市历下区龙鼎大道1号3层B323室');
    await panel.fill('input.filter', '60');
    const byNumber = await panel.locator('li.article').evaluateAll((els) => els.map((e) => e.getAttribute('data-article')));
    expect(byNumber).toContain('第六十条');
    expect(byNumber).not.toContain('第五十九条');
    await panel.fill('input.filter', '首席数据官');
    expect(await panel.locator('li.article').evaluateAll((els) => els.map((e) => e.getAttribute('data-article')))).toEqual(['第四十二条']);
    await panel.close();
  });

  test('jump-to scrolls the page to the article', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    const panel = await openPanel();
    await panel.click('li.article[data-article="第六十条"] button.jump');
    await expect
      .poll(() => page.evaluate(scrolledToArticle, '第六十条'))
      .toBe(true);
    const probe = await ShadowProbe.open(page);
    expect(await probe.root().then((r) => JSON.stringify(r).includes('"flash"'))).toBe(true);
    await panel.close();
  });

  test('articles added to the page after load are picked up: badge and side panel follow', async () => {
    const panel = await openPanel();
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = '第六十六条 本条为测试后加载的条文。';
      document.getElementById('zoom')!.appendChild(p);
    });
    await expect.poll(() => browser.badgeText(tabId)).toBe('66');
    await expect.poll(() => panel.locator('li.article').count()).toBe(66);
    await panel.close();
  });

  test('a page outside jinan.gov.cn is not read until the user asks', async () => {
    server.route('/other.html', '<html><body><p>第一条 别处的条文。</p></body></html>');
    const other = await browser.context.newPage();
    await other.goto(`http://127.0.0.1:${server.port}/other.html`);
    await other.waitForTimeout(300);
    expect(await other.evaluate(() => !!document.querySelector('regdraft-ui'))).toBe(false);
    await other.close();
  });

  test('the open banner folds into its pill once the reader is into the text, and opens again at the top', async () => {
    const probe = await ShadowProbe.open(page);
    const open = async () => (await probe.findByAttr('aria-expanded', 'true')) !== null;
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect.poll(open).toBe(true);
    await page.evaluate(() => window.scrollTo(0, 3000));
    await expect.poll(open).toBe(false);
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect.poll(open).toBe(true);
    // folded by hand, it stays folded, at the top too
    await probe.click((await probe.findByAttr('aria-label', '收起'))!);
    await page.evaluate(() => window.scrollTo(0, 3000));
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(200);
    expect(await open()).toBe(false);
    await probe.click((await probe.findByAttr('aria-expanded', 'false'))!); // and opened again for the next tests
    await expect.poll(open).toBe(true);
  });
});

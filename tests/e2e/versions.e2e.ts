/// <reference types="chrome" />
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ExtensionBrowser } from '../../scripts/lib/launch';
import { tabIdOf } from '../../scripts/lib/launch';
import { waitForReader } from '../../scripts/lib/page';
import { ask as askFrom, axeViolations, noteOn, openSampleDraft, pageState, type DraftSession } from './lib/draft';
import { attr, collectText, ShadowProbe } from './lib/shadow';
import { openVersionsPanel, storedText } from './lib/versions';
import { SECOND_PATH, SECOND_URL, secondVersionHtml } from './lib/second-version';

/**
 * Versions in real Chromium: notes on the sample draft, then its next version at a new URL (tests/e2e/lib/
 * second-version.ts: 第一条至第三条 in the enacted wording). The banner and the side panel offer the link, the reviewer links
 * from the banner (a page script's click does not), the page marks the changed articles, the
 * comparison and the fates are shown, a fate is overruled, and the notes are carried into the new version.
 */

let session: DraftSession;
let browser: ExtensionBrowser;
let writer: Page;
let firstId: string;
let secondTab: number;
let secondId: string;
let secondPage: Page;

const ask = <T,>(m: unknown) => askFrom<T>(writer, m);

beforeAll(async () => {
  session = await openSampleDraft();
  browser = session.browser;
  writer = await session.writer();
  const first = await pageState(writer, session.tabId);
  firstId = first.documentId;
  const o = first.outline;
  const save = (label: string, over: Record<string, unknown>) => ask({ type: 'note:save', note: noteOn(o, firstId, label, over) });
  await save('第一条', { suggestion: '建议增加“培育数据要素市场”的表述' });
  await save('第二条', { suggestion: '本市行政区域内促进数字经济发展的相关活动,适用本条例。' });
  await save('第三条', { suggestion: '建议将“包容审慎”修改为“审慎包容”' });
  await save('第十条', { stance: 'question', suggestion: '起步区的范围如何确定？' });
  // the side panel on the first draft stores its text
  const panel = await openVersionsPanel(browser, session.tabId);
  for (let i = 0; i < 200 && (await storedText(writer, firstId)) !== 65; i++) await writer.waitForTimeout(50);
  if ((await storedText(writer, firstId)) !== 65) throw new Error('the first draft\'s text was not stored');
  await panel.close();

  session.server.route(SECOND_PATH, secondVersionHtml());
  const page = await browser.context.newPage();
  secondPage = page;
  await page.goto(SECOND_URL);
  await waitForReader(page);
  secondTab = await tabIdOf(browser, SECOND_URL);
  // the reviewer starts on the new draft (a note opens its document)
  const second = await pageState(writer, secondTab);
  secondId = second.documentId;
}, 180_000);

afterAll(async () => {
  await session?.close();
});

/** Clicks a node of the closed shadow root from the page's own world (element.click(): an untrusted click). */
async function pageScriptClick(page: Page, backendNodeId: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId })) as { object: { objectId: string } };
  await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    functionDeclaration: 'function () { this.click(); this.dispatchEvent(new MouseEvent("click", { bubbles: true, composed: true })); }',
  });
  await cdp.detach();
}

describe('versions in Chromium', () => {
  test('the banner offers the link on the new version; a page script\'s click does nothing, the reviewer\'s links it', async () => {
    expect(secondId).not.toBe(firstId);
    const probe = await ShadowProbe.open(secondPage);
    await expect.poll(() => probe.text(), { timeout: 10_000 }).toContain('这是《济南市数字经济促进条例(征求意见稿)》的新版本吗？');
    const panel = await openVersionsPanel(browser, secondTab);
    const offer = panel.locator('[data-testid=version-offer]');
    await offer.waitFor();
    expect(await offer.innerText()).toContain('这是《济南市数字经济促进条例(征求意见稿)》的新版本吗？');
    // nothing is linked before the reviewer says so, and a click dispatched by the page is not the reviewer's
    const yes = (await probe.findByAttr('data-action', 'version-link'))!;
    expect(collectText(yes)).toBe('是，链接为新版本');
    await pageScriptClick(secondPage, yes.backendNodeId);
    await secondPage.waitForTimeout(500);
    expect(await panel.locator('[data-testid=version-counts]').count()).toBe(0);
    expect(await panel.locator('[data-testid=version-chain] li').count()).toBe(1);
    expect(await probe.text()).toContain('的新版本吗？');
    // the reviewer's click links it: the banner's question goes, the side panel shows the chain
    await probe.clickAttr('data-action', 'version-link');
    await expect.poll(() => probe.text()).not.toContain('的新版本吗？');
    const chain = panel.locator('[data-testid=version-chain] li');
    await expect.poll(() => chain.allInnerTexts()).toEqual([
      '济南市数字经济促进条例(征求意见稿) (征求意见稿)',
      '济南市数字经济促进条例(草案修改稿) (草案修改稿)',
    ]);

    // the comparison: three articles changed, nothing renumbered; the diff marks what changed
    const counts = panel.locator('[data-testid=version-counts]');
    await expect.poll(() => counts.innerText()).toBe('未改 62 条，修改 3 条，新增 0 条，删除 0 条；重新编号 0 条');
    const rows = panel.locator('[data-testid=version-rows] li');
    expect(await rows.count()).toBe(3);
    const first = rows.first();
    expect(await first.locator('.kind').innerText()).toBe('修改');
    expect((await first.locator('ins').allInnerTexts()).join('|')).toContain('培育数据要素市场');
    expect((await first.locator('del').allInnerTexts()).join('|')).toContain('加快建设工业强市和数字先锋城市');
    await panel.locator('[data-testid=version-filter]').selectOption('all');
    expect(await rows.count()).toBe(65);
    await panel.locator('[data-testid=version-filter]').selectOption('added');
    expect(await rows.count()).toBe(0);
    await panel.locator('[data-testid=version-filter]').selectOption('edits');
    expect(await axeViolations(panel)).toEqual([]);

    // the 修改前后对照表 as .docx: a Word table of the three changed articles, the change marked
    const [download] = await Promise.all([panel.waitForEvent('download'), panel.locator('[data-testid=compare-docx]').click()]);
    expect(download.suggestedFilename()).toBe('《济南市数字经济促进条例》修改前后对照表.docx');
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync((await download.path())!)))['word/document.xml']!);
    expect(xml).toContain('原条文');
    expect(xml.match(/<w:tr[ >]/g)!.length).toBe(4);
    expect(xml).toContain('培育数据要素市场');

    // the page marks the three changed articles (a label only: no old text, no note in the page)
    const marks = async () => (await probe.findAll((n) => attr(n, 'data-vmark') !== undefined)).map((n) => `${attr(n, 'data-vmark')}:${collectText(n)}`);
    await expect.poll(marks, { timeout: 10_000 }).toEqual(['第一条:已修改', '第二条:已修改', '第三条:已修改']);
    const ui = await probe.text();
    expect(ui).not.toContain('加快建设工业强市和数字先锋城市'); // the old wording of 第一条
    expect(ui).not.toContain('审慎包容'); // a note's words
    // its old text on demand: the side panel's 版本 tab at that article
    await panel.locator('[role=tab][data-view=outline]').click();
    await probe.clickAttr('data-vmark', '第二条');
    await panel.waitForSelector('[role=tab][data-view=versions][aria-selected=true]');
    await expect.poll(() => panel.evaluate(() => document.activeElement?.getAttribute('data-new'))).toBe('1');
    expect(await panel.evaluate(() => document.activeElement?.querySelector('del') !== null)).toBe(true);
    await panel.close();
  });

  test('each note has its fate, the reviewer overrules one, and the notes are carried into the new version', async () => {
    const panel = await openVersionsPanel(browser, secondTab);
    const summary = panel.locator('[data-testid=fate-summary]');
    await expect.poll(() => summary.innerText()).toBe('您的 4 条意见：2 条已采纳，1 条已修改，1 条未修改，0 条已删除');
    const fateOf = (label: string) => panel.locator('[data-testid=fates] li').filter({ hasText: label }).getAttribute('data-fate');
    expect(await fateOf('第一条')).toBe('adopted');
    expect(await fateOf('第三条')).toBe('modified');
    expect(await fateOf('第十条')).toBe('unchanged');

    await panel.getByLabel('第三条 的结论').selectOption('adopted');
    await expect.poll(() => summary.innerText()).toBe('您的 4 条意见：3 条已采纳，0 条已修改，1 条未修改，0 条已删除');
    // stored: a fresh panel shows the overrule
    const again = await openVersionsPanel(browser, secondTab);
    await expect.poll(() => again.locator('[data-testid=fate-summary]').innerText()).toContain('3 条已采纳');
    await again.close();

    // the next round's letter repeats only the point not adopted (第十条's question), on the new numbers
    const [letter] = await Promise.all([panel.waitForEvent('download'), panel.locator('[data-testid=follow-up]').click()]);
    const letterXml = strFromU8(unzipSync(new Uint8Array(readFileSync((await letter.path())!)))['word/document.xml']!);
    expect(letterXml).toContain('第十条');
    expect(letterXml).toContain('起步区的范围如何确定');
    expect(letterXml).toContain('关于《济南市数字经济促进条例(草案修改稿)》的修改意见');
    expect(letterXml).not.toContain('审慎包容');

    await panel.locator('[data-testid=carry]').click();
    await expect.poll(async () => (await ask<Array<{ article: { label: string } }>>({ type: 'notes:list', documentId: secondId })).length).toBe(4);
    const carried = await ask<Array<{ article: { label: string; excerpt: string }; tags: string[]; suggestion: string }>>({ type: 'notes:list', documentId: secondId });
    expect(carried.map((n) => n.article.label).sort()).toEqual(['第一条', '第三条', '第二条', '第十条'].sort());
    expect(carried.every((n) => n.tags.includes('上一稿意见'))).toBe(true);
    // re-anchored on the new text: the excerpt is the new 第一条's
    expect(carried.find((n) => n.article.label === '第一条')!.article.excerpt).toContain('培育数据要素市场');
    await expect.poll(() => panel.locator('[data-testid=carry]').innerText()).toBe('意见均已带入本稿');
    // the notes of the first draft are untouched
    expect(await ask<unknown[]>({ type: 'notes:list', documentId: firstId })).toHaveLength(4);
    await panel.close();
  });
});

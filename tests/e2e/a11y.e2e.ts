import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../../scripts/lib/launch';
import { openSampleDraft, type DraftSession } from './lib/draft';
import { selectInArticle } from './lib/in-page';
import { ShadowProbe, noteFrame } from './lib/shadow';

const AXE = resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/**
 * axe-core on the in-page UI. The UI lives in a closed shadow root that neither page scripts nor axe can enter,
 * so the test takes its markup and styles as the browser holds them (DevTools protocol), mounts them in an OPEN
 * shadow root of a blank page of the same size, and runs axe there: roles, names, structure and contrast.
 */
async function axeOnInPageUi(page: Page, browser: ExtensionBrowser): Promise<Violation[]> {
  const markup = await (await ShadowProbe.open(page)).html();
  expect(markup).toContain('<style>');
  const copy = await browser.context.newPage();
  await copy.setViewportSize(page.viewportSize()!);
  await copy.setContent('<!DOCTYPE html><html lang="zh-CN"><head><title>in-page UI</title></head><body style="margin:0;min-height:4000px"><main><h1>意见稿</h1></main></body></html>');
  await copy.evaluate(([html, y]) => {
    const host = document.createElement('regdraft-ui');
    host.style.cssText = 'all:initial;position:absolute;top:0;left:0;width:0;height:0;z-index:2147483647';
    host.attachShadow({ mode: 'open' }).innerHTML = html as string;
    document.documentElement.appendChild(host);
    window.scrollTo(0, y as number);
  }, [markup, await page.evaluate(() => window.scrollY)] as const);
  await copy.addScriptTag({ path: AXE });
  const violations = (await copy.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: unknown[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations;
  })) as Violation[];
  await copy.close();
  return violations;
}

/** axe-core in the note editor's frame (an extension page of its own, where the reviewer types). */
async function axeOnNoteFrame(page: Page): Promise<Violation[]> {
  const frame = noteFrame(page);
  expect(frame).not.toBeNull();
  await frame!.evaluate(readFileSync(AXE, 'utf8'));
  return (await frame!.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: unknown[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations;
  })) as Violation[];
}

const serious = (v: Violation[]) => v.filter((x) => x.impact === 'serious' || x.impact === 'critical').map((x) => `${x.id}: ${x.help} ${JSON.stringify(x.nodes.map((n) => n.target))}`);

let session: DraftSession;
let browser: ExtensionBrowser;
let page: Page;

beforeAll(async () => {
  session = await openSampleDraft();
  ({ browser, page } = session);
});

afterAll(async () => {
  await session?.close();
});

describe('accessibility of the in-page UI (axe-core, Chromium)', () => {
  test('the banner', async () => {
    expect(serious(await axeOnInPageUi(page, browser))).toEqual([]);
  });

  test('the note editor with a passage, a marker and a highlight', async () => {
    const probe = await ShadowProbe.open(page);
    await page.hover('#zoom p:has-text("第三条")');
    await probe.clickAttr('aria-label', '为第三条添加笔记');
    await probe.editorFocused();
    await probe.typeInEditor('建议修改');
    await expect.poll(() => probe.text(), { timeout: 5000 }).toContain('已保存');
    await probe.pressInEditor('Escape');
    await page.evaluate(selectInArticle, ['第五条', 4, 16] as const);
    await probe.clickAttr('data-action', 'selection-note');
    await probe.editorFocused();
    await probe.typeInEditor('建议删除');
    await expect.poll(() => probe.text(), { timeout: 5000 }).toContain('已保存');
    expect(serious(await axeOnInPageUi(page, browser))).toEqual([]);
    expect(serious(await axeOnNoteFrame(page))).toEqual([]);
  });

  test('a conflict, the delete toast and the collapsed banner', async () => {
    const probe = await ShadowProbe.open(page);
    await probe.clickText('BUTTON', '删除笔记');
    await expect.poll(() => probe.text()).toContain('撤销');
    // the page is scrolled into the articles: the banner has folded itself into its pill
    await expect.poll(async () => !!(await probe.findByAttr('aria-expanded', 'false'))).toBe(true);
    expect(serious(await axeOnInPageUi(page, browser))).toEqual([]);
  });

  test('every extension page is titled in the reviewer\'s language (never a __MSG_ key)', async () => {
    const zh = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../public/_locales/zh_CN/messages.json'), 'utf8')) as Record<string, { message: string }>;
    // the note editor's frame in the page: its title is what a screen reader announces on entering it
    expect(await noteFrame(page)!.title()).toBe(zh.extName!.message);
    const pages: Array<[string, string]> = [
      ['sidepanel.html', 'panelTitle'],
      ['popup.html', 'actionTitle'],
      ['options.html', 'optionsTitle'],
      ['reader.html', 'filesReaderTitle'],
      ['welcome.html', 'welcomeTitle'],
      ['print.html', 'printTitle'],
    ];
    const tab = await browser.context.newPage();
    for (const [path, key] of pages) {
      await tab.goto(`chrome-extension://${browser.extensionId}/${path}`);
      await expect.poll(() => tab.title(), { message: path }).toBe(zh[key]!.message);
    }
    await tab.close();
  });
});

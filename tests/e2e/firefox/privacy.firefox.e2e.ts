import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import { firefoxPath, FirefoxShadowProbe, launchFirefoxWithExtension, waitForReader, type FirefoxExtensionBrowser } from '../../../scripts/lib/firefox';
import { SAMPLE_HOST, startFixtureServer, type FixtureServer } from '../../../scripts/lib/server';
import { selectInArticle } from '../lib/in-page';
import { spyPage, spyRecords } from '../lib/spy';

/**
 * Issue 9 §1 and §2 in Firefox (the MV2 build), the twin of tests/e2e/privacy.e2e.ts: a spy page on the real
 * host records every keyboard, input, composition, clipboard and focus event, every mutation and performance
 * entry while the reviewer types a note key by key (Latin and Chinese characters: BiDi's input.performActions
 * sends each as a key, which is what Firefox's remote agent allows in place of an input method), a tag, and a
 * general comment in the sidebar page; then the page dispatches clicks, keys and focus events of its own.
 */
const noFirefox = !firefoxPath();
const SPY_PATH = '/art/2024/2/18/art_1861_spy.html';
const SPY_URL = `http://${SAMPLE_HOST}${SPY_PATH}`;
const KEYED = 'Firefox keyed note 42';
const CHINESE = '火狐里逐字输入的意见';
const TAG = '火狐私密标签';
const COMMENT = '火狐的总体意见不应泄露';
const PAGE_OWN = 'pageownsearch';

let server: FixtureServer;
let ff: FirefoxExtensionBrowser;
let page: Page;
let probe: FirefoxShadowProbe;
let tabId: number;

type Stored = { id: string; suggestion: string; tags: string[]; article: { label: string } };

async function stored(): Promise<Stored[]> {
  return (await ff.extensionEval(async (id) => {
    const b = (globalThis as unknown as { browser: typeof chrome }).browser;
    const state = (await b.tabs.sendMessage(id, { type: 'outline:get' })) as { documentId: string | null };
    if (!state.documentId) return [];
    return ((await b.runtime.sendMessage({ type: 'notes:list', documentId: state.documentId })) as { value: unknown }).value;
  }, tabId)) as Stored[];
}

/** The data-field of the focused element of the note frame, or null. */
async function focusedField(): Promise<string | null> {
  const fields = await probe.findAll((n) => n.value?.attributes?.['data-field'] !== undefined);
  for (const f of fields) if (await probe.isFocused(f)) return f.value!.attributes!['data-field']!;
  return null;
}

async function saved(): Promise<void> {
  await expect.poll(async () => (await probe.findAll((n) => /\bstatus-/.test(n.value?.attributes?.class ?? '')))[0]?.value?.attributes?.class, { timeout: 8000 }).toBe('status status-saved');
}

describe.skipIf(noFirefox)('typing stays private (Firefox)', () => {
  beforeAll(async () => {
    server = await startFixtureServer();
    server.route(SPY_PATH, spyPage(readFileSync(resolve(import.meta.dirname, '../../../sample/jinan-digital-economy-draft.html'), 'utf8')));
    ff = await launchFirefoxWithExtension({ port: server.port });
    page = await ff.firstPage();
    await page.goto(SPY_URL);
    await waitForReader(page);
    tabId = await ff.tabIdOf(SPY_URL);
    probe = await FirefoxShadowProbe.open(page);
  }, 180_000);

  afterAll(async () => {
    await ff?.close();
    await server?.close();
  });

  test('a spy in the page sees none of what the reviewer types, tags or comments', async () => {
    await page.click('#page-search');
    await page.keyboard.type(PAGE_OWN);

    const para = (await page.evaluateHandle(() => [...document.querySelectorAll('#zoom p')].find((e) => e.textContent!.trim().startsWith('第三条'))!)) as ElementHandle<Element>;
    await para.hover();
    await probe.clickAttr('aria-label', '为第三条添加笔记');
    await expect.poll(() => probe.text()).toContain('第三条 · 笔记');
    await expect.poll(() => focusedField()).toBe('suggestion');
    await page.keyboard.type(KEYED);
    await page.keyboard.type(CHINESE);
    await probe.clickAttr('role', 'combobox');
    await page.keyboard.type(TAG);
    await page.keyboard.press('Enter');
    await saved();
    await page.keyboard.press('Escape');
    const note = (await stored()).find((n) => n.article.label === '第三条');
    expect(note?.suggestion).toBe(KEYED + CHINESE);
    expect(note?.tags).toEqual([TAG]);

    const panel = await ff.openExtensionPage(`sidepanel.html?tab=${tabId}&view=comments`, 'button.add-comment');
    await panel.click('button.add-comment');
    await panel.waitForSelector('li.comment textarea');
    await panel.type('li.comment textarea', COMMENT);
    await expect.poll(() => panel.$eval('[data-testid=save-state]', (e) => (e as HTMLElement).innerText), { timeout: 8000 }).toContain('已保存');
    await panel.close();
    await page.bringToFront();

    const seen = (await page.evaluate(spyRecords)).join('\n');
    expect(seen).toContain(`keydown ${PAGE_OWN.at(-1)}`); // the spy works
    expect(seen).toContain(PAGE_OWN);
    for (const secret of [KEYED, 'Firefox keyed', CHINESE, '逐字', TAG, COMMENT]) expect(seen, secret).not.toContain(secret);
    const afterOwn = seen.slice(seen.lastIndexOf(`keyup ${PAGE_OWN.at(-1)}`));
    expect(afterOwn).not.toMatch(/ (keydown|keypress|beforeinput|input|compositionstart|compositionupdate|compositionend|paste) /);
    expect(seen).not.toMatch(/regdraft/);
  });

  test("the page's own clicks, keys and focus events never open, switch, save or delete a note", async () => {
    await page.evaluate(selectInArticle, ['第五条', 6, 18] as const);
    await probe.clickAttr('data-action', 'selection-note');
    await expect.poll(() => focusedField()).toBe('suggestion');
    await page.keyboard.type('第五条的意见');
    await saved();
    await page.keyboard.press('Escape');
    await page.evaluate(() => getSelection()!.removeAllRanges());
    const before = await stored();

    await probe.clickAttr('data-chip', '第三条');
    await expect.poll(() => focusedField()).toBe('suggestion');
    const attack = () =>
      page.evaluate(() => {
        const host = document.querySelector('regdraft-ui')!;
        const mark = document.querySelector('mark')!;
        for (const target of [mark, host, document.body]) {
          for (const type of ['mousedown', 'mouseup', 'click']) target.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true }));
          for (const key of ['Escape', 'Enter', 'Delete']) target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
          target.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
        }
        (mark as HTMLElement).click();
        for (let i = 0; i < window.frames.length; i++) window.frames[i]!.postMessage({ type: 'regdraft:frame-port', secret: 'guess' }, '*');
      });
    await page.keyboard.press('End');
    await page.keyboard.type('前半');
    await attack();
    await page.keyboard.type('后半');
    await attack();
    await saved();
    expect(await probe.text()).toContain('第三条 · 笔记');
    const after = await stored();
    expect(after.length).toBe(before.length);
    for (const n of after) {
      if (n.article.label === '第三条') expect(n.suggestion).toBe(`${KEYED}${CHINESE}前半后半`);
      else expect(n.suggestion).toBe(before.find((b) => b.id === n.id)!.suggestion);
    }
  });
});

/// <reference types="chrome" />
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, tabIdOf, type ExtensionBrowser } from '../../scripts/lib/launch';
import { waitForReader } from '../../scripts/lib/page';
import { SAMPLE_HOST, startFixtureServer, type FixtureServer } from '../../scripts/lib/server';
import { selectInArticle } from './lib/in-page';
import { ShadowProbe, noteFrame } from './lib/shadow';
import { spyPage, spyRecords } from './lib/spy';

/**
 * Issue 9 §1 and §2 in Chromium: a page on the real host runs a spy (tests/e2e/lib/spy.ts) while the reviewer
 * writes a note key by key, through an IME, by pasting, with tags, and a general comment in the side panel;
 * nothing typed may reach the spy. Then the page dispatches clicks, keys and focus events of its own while the
 * reviewer types: none of them may open, switch, save, delete or restore a note.
 */
const SPY_PATH = '/art/2024/2/18/art_1861_spy.html';
const SPY_URL = `http://${SAMPLE_HOST}${SPY_PATH}`;

const KEYED = 'Keyed note 42 typed one key at a time';
const IME_COMMITTED = '输入法提交的审阅意见';
const IME_PREEDIT = 'shenyue';
const PASTED = '粘贴进来的理由文字';
const TAG = '私密标签';
const COMMENT = '总体意见不应泄露给页面';
const PAGE_OWN = 'pageownsearch';

let server: FixtureServer;
let browser: ExtensionBrowser;
let page: Page;
let probe: ShadowProbe;

const sample = readFileSync(resolve(import.meta.dirname, '../../sample/jinan-digital-economy-draft.html'), 'utf8');

beforeAll(async () => {
  server = await startFixtureServer();
  server.route(SPY_PATH, spyPage(sample));
  browser = await launchWithExtension({ port: server.port });
  page = await browser.context.newPage();
  await page.goto(SPY_URL);
  await waitForReader(page);
  probe = await ShadowProbe.open(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Asks the background from an extension page. */
async function ask<T>(message: unknown): Promise<T> {
  const ext = await browser.context.newPage();
  await ext.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
  const reply = (await ext.evaluate((m) => chrome.runtime.sendMessage(m), message)) as { ok: boolean; value: T };
  await ext.close();
  return reply.value;
}

async function notesOfPage(): Promise<Array<{ id: string; suggestion: string; reason: string; tags: string[]; article: { label: string } }>> {
  const tabId = await tabIdOf(browser, SPY_URL);
  const state = (await (await browser.worker()).evaluate((id) => chrome.tabs.sendMessage(id, { type: 'outline:get' }), tabId)) as { documentId: string };
  return ask({ type: 'notes:list', documentId: state.documentId });
}

/** Opens the editor of a new note on article `label` with the pointer, and waits for its focus. */
async function newNote(label: string): Promise<void> {
  await page.hover(`#zoom p:has-text("${label}")`);
  await probe.clickAttr('aria-label', `为${label}添加笔记`);
  await expect.poll(() => probe.text()).toContain(`${label} · 笔记`);
  await probe.editorFocused();
}

describe('typing stays private (Chromium)', () => {
  test('a spy in the page sees none of what the reviewer types, pastes, tags or comments', async () => {
    // the page's own box first: the spy must be seen to catch typing in the page
    await page.click('#page-search');
    await page.keyboard.type(PAGE_OWN);

    await newNote('第三条');
    await page.keyboard.type(KEYED, { delay: 5 }); // key by key: keydown, keypress, beforeinput, input, keyup
    // Chinese through an input method: a composition, then the committed text
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: IME_PREEDIT, selectionStart: IME_PREEDIT.length, selectionEnd: IME_PREEDIT.length });
    await cdp.send('Input.imeSetComposition', { text: '审阅', selectionStart: 2, selectionEnd: 2 });
    await cdp.send('Input.insertText', { text: IME_COMMITTED });
    // a real paste from the clipboard into the reason box
    const clip = await browser.context.newPage();
    await clip.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
    await clip.evaluate((text) => {
      const area = document.createElement('textarea');
      area.id = 'clip';
      area.value = text;
      document.body.append(area);
    }, PASTED);
    await clip.focus('#clip');
    await clip.keyboard.press('Control+A');
    await clip.keyboard.press('Control+C');
    await clip.close();
    await page.bringToFront();
    await probe.clickAttr('data-field', 'reason');
    await page.keyboard.press('Control+V');
    // a tag, typed into the combobox
    await probe.clickAttr('role', 'combobox');
    await page.keyboard.type(TAG, { delay: 5 });
    await page.keyboard.press('Enter');
    await expect.poll(() => probe.text(), { timeout: 5000 }).toContain('已保存');
    await page.keyboard.press('Escape');

    const [stored] = (await notesOfPage()).filter((n) => n.article.label === '第三条');
    expect(stored?.suggestion).toBe(KEYED + IME_COMMITTED);
    expect(stored?.reason).toBe(PASTED);
    expect(stored?.tags).toEqual([TAG]);

    // a general comment in the side panel
    const tabId = await tabIdOf(browser, SPY_URL);
    const panel = await browser.context.newPage();
    await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?tab=${tabId}&view=comments`);
    await panel.click('button.add-comment');
    await panel.locator('li.comment textarea').pressSequentially(COMMENT, { delay: 5 });
    await expect.poll(() => panel.locator('[data-testid=save-state]').innerText(), { timeout: 5000 }).toContain('已保存');
    await panel.close();
    await page.bringToFront();

    const seen = (await page.evaluate(spyRecords)).join('\n');
    // the spy works: it caught the page's own typing, key by key and as the box's value
    expect(seen).toContain(`keydown ${PAGE_OWN.at(-1)}`);
    expect(seen).toContain(PAGE_OWN);
    expect(seen).toMatch(/event window focusin/);
    // and nothing of the reviewer's: no key, no committed or composed text, no pasted text, no tag, no comment
    for (const secret of [KEYED, 'Keyed', 'typed one', IME_COMMITTED, '审阅', IME_PREEDIT, PASTED, TAG, COMMENT]) {
      expect(seen, secret).not.toContain(secret);
    }
    // no single key of the typed note either: after the page's own typing, the spy saw no keydown at all
    const afterOwn = seen.slice(seen.lastIndexOf(`keyup ${PAGE_OWN.at(-1)}`));
    expect(afterOwn).not.toMatch(/ (keydown|keypress|beforeinput|input|compositionstart|compositionupdate|compositionend|paste) /);
    // the reader's timing marks are not on the page's timeline
    expect(seen).not.toMatch(/regdraft/);
  });

  test("the page's own clicks, keys and focus events never open, switch, save or delete a note", async () => {
    // a second note with a highlight (a passage of 第五条), then the reviewer types into the first
    await page.evaluate(selectInArticle, ['第五条', 6, 18] as const);
    await probe.clickAttr('data-action', 'selection-note');
    await probe.editorFocused();
    await page.keyboard.insertText('第五条的意见');
    await expect.poll(() => probe.text(), { timeout: 5000 }).toContain('已保存');
    await page.keyboard.press('Escape');
    await page.evaluate(() => getSelection()!.removeAllRanges());
    await expect.poll(() => page.evaluate(() => document.querySelectorAll('mark').length)).toBeGreaterThan(0);
    const before = await notesOfPage();

    await probe.clickAttr('data-chip', '第三条');
    await probe.editorFocused();
    const attack = () =>
      page.evaluate(() => {
        const host = document.querySelector('regdraft-ui')!;
        const mark = document.querySelector('mark')!;
        for (const target of [mark, host, document.body, document]) {
          for (const type of ['mousedown', 'mouseup', 'click', 'dblclick']) target.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, cancelable: true }));
          for (const key of ['Escape', 'Enter', 'Delete', 'Tab']) {
            target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
            target.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true, composed: true }));
          }
          target.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
          target.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, composed: true }));
        }
        (mark as HTMLElement).click();
        (host as HTMLElement).click();
        // the frame's window: a message without the secret
        for (let i = 0; i < window.frames.length; i++) window.frames[i]!.postMessage({ type: 'regdraft:frame-port', secret: 'guess' }, '*');
      });
    await page.keyboard.type('前半', { delay: 5 });
    await attack();
    await page.keyboard.type('后半', { delay: 5 });
    await attack();
    await expect.poll(() => probe.text(), { timeout: 5000 }).toContain('已保存');
    expect(await probe.text()).toContain('第三条 · 笔记'); // still the same editor, still open
    expect(await noteFrame(page)!.evaluate(() => (document.querySelector('textarea[data-field=suggestion]') as HTMLTextAreaElement).value)).toBe(
      `${KEYED}${IME_COMMITTED}前半后半`,
    );
    await page.keyboard.press('Escape');
    const after = await notesOfPage();
    expect(after.length).toBe(before.length); // nothing deleted, nothing created
    for (const note of after) {
      const was = before.find((n) => n.id === note.id)!;
      if (note.article.label === '第三条') expect(note.suggestion).toBe(`${KEYED}${IME_COMMITTED}前半后半`);
      else expect(note.suggestion).toBe(was.suggestion); // the highlighted note kept exactly its text
    }
  });
});

/// <reference types="chrome" />
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { documentIdAt, launchWithExtension, type ExtensionBrowser } from '../../scripts/lib/launch';
import { waitForReader } from '../../scripts/lib/page';
import { SAMPLE_URL, startFixtureServer, type FixtureServer } from '../../scripts/lib/server';
import { pageMarks, searchForSecrets, selectInArticle } from './lib/in-page';
import { ShadowProbe, attr, noteFrame } from './lib/shadow';

const ARTICLE_NOTE = '建议将“数字经济核心产业”界定清楚';
const PASSAGE_NOTE = '<img src=x onerror=alert(1)>建议删除此句';
const REASON = '与上位法表述不一致';
const LIVE_NOTE = '另一标签页应当立刻看到这条';
const AFTER_STOP = '后台停止之后写下的意见';
const MID_SENTENCE = '写到一半就关掉了标签页';
const SECRETS = [ARTICLE_NOTE, '数字经济核心产业”界定', REASON, LIVE_NOTE, AFTER_STOP, '建议删除此句'];

let server: FixtureServer;
let browser: ExtensionBrowser;
let page: Page;
const profile = mkdtempSync(join(tmpdir(), 'regdraft-notes-'));
const dialogs: string[] = [];

async function open(url = SAMPLE_URL): Promise<{ page: Page; probe: ShadowProbe }> {
  const p = await browser.context.newPage();
  p.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await p.goto(url);
  await waitForReader(p);
  return { page: p, probe: await ShadowProbe.open(p) };
}

/** The paragraph of the sample that starts with `label`, as a selector. */
const para = (label: string) => `#zoom p:has-text("${label}")`;

/** Types into the editor's field (a textarea inside the closed shadow root) as a person would. */
async function typeInto(p: Page, probe: ShadowProbe, field: string, text: string): Promise<void> {
  await probe.clickAttr('data-field', field);
  await p.keyboard.insertText(text);
}

async function saved(probe: ShadowProbe): Promise<void> {
  await expect.poll(() => probe.text(), { timeout: 5000 }).toContain('已保存');
}

/** The highlights in the page: their text and every attribute they carry. */
const marks = (p: Page) => p.evaluate(pageMarks);

async function chips(probe: ShadowProbe): Promise<string[]> {
  const found = await probe.findAll((n) => (n.attributes ?? []).includes('data-chip'));
  return found.map((n) => n.attributes![n.attributes!.indexOf('data-chip') + 1]!).sort();
}

/** Sends a notes request from an extension page (the side panel's origin) and returns the answer. */
async function ask(message: unknown): Promise<{ ok: boolean; value?: unknown }> {
  const ext = await browser.context.newPage();
  await ext.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
  const answer = await ext.evaluate((m) => chrome.runtime.sendMessage(m), message);
  await ext.close();
  return answer as { ok: boolean; value?: unknown };
}

async function documentNotes(): Promise<Array<{ suggestion: string; article: { label: string }; passage: unknown }>> {
  const reply = await ask({ type: 'notes:list', documentId: await documentIdOf() });
  return reply.value as Array<{ suggestion: string; article: { label: string }; passage: unknown }>;
}

/** The sample draft's document id, from a reader that opened it. */
async function documentIdOf(): Promise<string> {
  const p = await browser.context.newPage();
  await p.goto(SAMPLE_URL);
  await waitForReader(p);
  const state = await documentIdAt(browser, SAMPLE_URL);
  await p.close();
  return state;
}

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchWithExtension({ port: server.port, userDataDir: profile });
  ({ page } = await open());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(profile, { recursive: true, force: true });
});

describe('notes on the sample draft in Chromium', () => {
  test('the editor\'s frame is made once the reviewer points at "+ note", not at the page\'s load', async () => {
    const probe = await ShadowProbe.open(page);
    // past the idle moment after the reader was ready, when the frame used to be made
    await page.evaluate(() => new Promise((ok) => requestIdleCallback(() => setTimeout(ok, 500))));
    await page.hover(para('第三条'));
    const button = await probe.waitForAttr('aria-label', '为第三条添加笔记');
    expect(noteFrame(page)).toBeNull(); // pointing at the text is not reaching for a note
    await probe.hover(button);
    await expect.poll(() => noteFrame(page) !== null, { timeout: 10_000 }).toBe(true);
    expect(await probe.text()).not.toContain('第三条 · 笔记'); // made hidden: no editor opened
  });

  test('an article note: hover, "+ note", type, tag; it is saved as typed', async () => {
    const probe = await ShadowProbe.open(page);
    await page.hover(para('第三条'));
    await probe.clickAttr('aria-label', '为第三条添加笔记');
    await expect.poll(() => probe.text()).toContain('第三条 · 笔记');
    await probe.editorFocused();
    await page.keyboard.insertText(ARTICLE_NOTE); // the suggestion box has the focus
    await typeInto(page, probe, 'reason', REASON);
    await probe.clickAttr('role', 'combobox');
    await page.keyboard.insertText('定义');
    await page.keyboard.press('Enter');
    await saved(probe);
    await page.keyboard.press('Escape');
    await expect.poll(() => chips(probe)).toEqual(['第三条']);
    // the marker's tooltip previews the note (inside the closed root: the page cannot read it)
    expect(attr((await probe.findByAttr('data-chip', '第三条'))!, 'title')).toBe(`修改：${ARTICLE_NOTE}`);
  });

  test('closing the tab mid-sentence (before the typing pause) loses nothing', async () => {
    const { page: tab, probe } = await open();
    await tab.hover(para('第十一条'));
    await probe.clickAttr('aria-label', '为第十一条添加笔记');
    await probe.editorFocused();
    await tab.keyboard.insertText(MID_SENTENCE);
    await tab.close(); // at once: well inside the 400 ms pause after which a draft is saved
    await expect.poll(async () => (await documentNotes()).map((n) => n.suggestion), { timeout: 5000 }).toContain(MID_SENTENCE);
    const reopened = await open();
    await expect.poll(() => chips(reopened.probe)).toContain('第十一条');
    await reopened.probe.clickAttr('data-chip', '第十一条');
    await reopened.probe.clickText('BUTTON', '删除笔记'); // leave the draft as the later tests expect it
    await expect.poll(async () => (await documentNotes()).map((n) => n.suggestion)).not.toContain(MID_SENTENCE);
    await reopened.page.close();
  });

  test('the page drops the article while its new note is being typed: the editor stays, the note is kept (unplaced)', async () => {
    const { page: tab, probe } = await open();
    await tab.hover(para('第六十五条'));
    await probe.clickAttr('aria-label', '为第六十五条添加笔记');
    await probe.editorFocused();
    await tab.keyboard.insertText('前半句');
    await tab.evaluate(() => [...document.querySelectorAll('#zoom p')].find((e) => e.textContent!.startsWith('第六十五条'))!.remove());
    await tab.waitForTimeout(400); // the reader re-reads the page (150 ms) and the draft is saved (400 ms)
    expect(await probe.text()).toContain('第六十五条 · 笔记');
    await tab.keyboard.insertText('，后半句');
    await expect.poll(() => probe.text(), { timeout: 5000 }).toContain('已保存');
    const kept = (await documentNotes()).find((n) => n.suggestion === '前半句，后半句');
    expect(kept?.article.label).toBe('第六十五条');
    await tab.keyboard.press('Escape');
    await tab.evaluate(() => window.scrollTo(0, 0)); // the banner, open at the top, lists notes it cannot place
    await expect.poll(() => probe.text()).toContain('1 条笔记未能定位');
    await tab.close();
    const list = (await ask({ type: 'notes:list', documentId: await documentIdOf() })).value as Array<{ id: string; suggestion: string }>;
    await ask({ type: 'note:delete', id: list.find((n) => n.suggestion === '前半句，后半句')!.id }); // as the later tests expect
  });

  test('a passage note: select text, "+ note" by the selection; the passage is highlighted; HTML stays text', async () => {
    const probe = await ShadowProbe.open(page);
    const quote = await page.evaluate(selectInArticle, ['第五条', 6, 18] as const);
    await probe.clickAttr('data-action', 'selection-note');
    await expect.poll(() => probe.text()).toContain(quote);
    await probe.editorFocused();
    await page.keyboard.insertText(PASSAGE_NOTE);
    await saved(probe);
    await page.keyboard.press('Escape');
    await expect.poll(() => marks(page).then((m) => m.map((x) => x.text).join(''))).toBe(quote);
    for (const m of await marks(page)) expect(m.attrs).not.toMatch(/建议|img|onerror/);
    expect(await probe.findAll((n) => n.nodeName === 'IMG')).toEqual([]);
    expect(dialogs).toEqual([]);
    const stored = await documentNotes();
    expect(stored.map((n) => n.suggestion)).toContain(PASSAGE_NOTE); // kept as typed, as text
  });

  test('reload: both notes are back, with the highlight', async () => {
    const quote = (await marks(page)).map((m) => m.text).join('');
    await page.reload();
    await waitForReader(page);
    const probe = await ShadowProbe.open(page);
    await expect.poll(() => chips(probe)).toEqual(['第三条', '第五条']);
    await expect.poll(() => marks(page).then((m) => m.map((x) => x.text).join(''))).toBe(quote);
    await probe.clickAttr('data-chip', '第三条');
    await expect.poll(() => probe.text()).toContain('第三条 · 笔记');
    expect(await probe.findByAttr('data-note', 'stored')).not.toBeNull();
    await page.keyboard.press('Escape');
  });

  test('a second tab sees a new note appear live, without reload', async () => {
    const second = await open();
    await expect.poll(() => chips(second.probe)).toEqual(['第三条', '第五条']);
    await page.bringToFront();
    const probe = await ShadowProbe.open(page);
    await page.hover(para('第七条'));
    await probe.clickAttr('aria-label', '为第七条添加笔记');
    await typeInto(page, probe, 'suggestion', LIVE_NOTE);
    await saved(probe);
    await expect.poll(() => chips(second.probe), { timeout: 2000 }).toEqual(['第七条', '第三条', '第五条'].sort());
    await page.keyboard.press('Escape');
    await second.page.close();
  });

  test('delete with undo', async () => {
    const probe = await ShadowProbe.open(page);
    await probe.clickAttr('data-chip', '第七条');
    await probe.clickText('BUTTON', '删除笔记');
    // waits, not speed checks (the delete goes to the background and comes back to the page): with vitest's default
    // 1 s the chip was still there in two full runs here; alone the test passes (cause not pinned down)
    await expect.poll(() => chips(probe), { timeout: 5000 }).toEqual(['第三条', '第五条']);
    await probe.clickAttr('data-action', 'undo');
    await expect.poll(() => chips(probe), { timeout: 5000 }).toEqual(['第七条', '第三条', '第五条'].sort());
  });

  test('the service worker is stopped mid-session: the next save works and nothing is lost', async () => {
    const cdp = await browser.context.newCDPSession(page);
    const statuses: string[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: Array<{ scriptURL: string; runningStatus: string }> }) => {
      for (const v of e.versions) if (v.scriptURL.includes(browser.extensionId)) statuses.push(v.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect.poll(() => statuses.at(-1)).toBe('stopped');
    const probe = await ShadowProbe.open(page);
    await page.hover(para('第九条'));
    await probe.clickAttr('aria-label', '为第九条添加笔记');
    await typeInto(page, probe, 'suggestion', AFTER_STOP);
    await saved(probe);
    await page.keyboard.press('Escape');
    const stored = await documentNotes();
    expect(stored.map((n) => n.suggestion).sort()).toEqual([ARTICLE_NOTE, PASSAGE_NOTE, LIVE_NOTE, AFTER_STOP].sort());
  });

  test('a script in the page finds no note text anywhere it can reach', async () => {
    const found = await page.evaluate(searchForSecrets, SECRETS);
    expect(found).toEqual([]);
  });

  test('importing a malformed backup is refused and changes nothing', async () => {
    const before = await documentNotes();
    for (const text of ['{"format":"regdraft-backup"', '{"format":"regdraft-backup","schemaVersion":99}', JSON.stringify({ documents: [{ id: '<b>' }] })]) {
      const reply = (await ask({ type: 'backup:import', text })) as { ok: boolean; value: { ok: boolean; message: string } };
      expect(reply.ok).toBe(true);
      expect(reply.value.ok).toBe(false);
      expect(reply.value.message.length).toBeGreaterThan(5);
    }
    expect(await documentNotes()).toEqual(before);
  });

  test('a browser restart keeps everything', async () => {
    const before = await documentNotes();
    await browser.context.close();
    browser = await launchWithExtension({ port: server.port, userDataDir: profile });
    ({ page } = await open());
    const probe = await ShadowProbe.open(page);
    await expect.poll(() => chips(probe)).toEqual(['第七条', '第三条', '第九条', '第五条'].sort());
    expect((await marks(page)).length).toBeGreaterThan(0);
    expect(await documentNotes()).toEqual(before);
  });

  // The editor is an extension frame in another process. Typed through the page's session, a character could miss
  // the frame on a loaded machine; it is now typed through the frame's own session. The scene may still be played
  // once more from the start (nothing carries over) while that is watched in full runs.
  test('another tab saves the same note while this one types: the late save does not overwrite, it shows both versions to choose', { retry: 1 }, async () => {
    // the other tab's write goes straight to the background (as its editor's would), so that it surely lands
    // inside this tab's typing pause, whatever the machine's load
    const other = await browser.context.newPage();
    await other.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
    const b = await open();
    await b.probe.clickAttr('data-chip', '第三条');
    await b.probe.editorFocused();
    const before = (await documentNotes()).find((n) => n.article.label === '第三条') as unknown as Record<string, unknown> & { suggestion: string; revision: number };
    // typed through the editor frame's own DevTools session (ShadowProbe.typeInEditor says why)
    await b.probe.typeInEditor('乙');
    // the editor is another process (an extension frame): wait until the typed character is in its box, so that
    // the other tab's write surely lands while this tab's text is typed but not yet saved
    await expect
      .poll(() => noteFrame(b.page)?.evaluate(() => [...document.querySelectorAll('textarea')].some((t) => t.value.includes('乙'))) ?? false, { timeout: 5000, interval: 20 })
      .toBe(true);
    const note = {
      ...Object.fromEntries(['id', 'documentId', 'article', 'passage', 'stance', 'reason', 'comment', 'tags'].map((k) => [k, before[k]])),
      suggestion: `${before.suggestion}甲`,
      baseRevision: before.revision,
    };
    const reply = (await other.evaluate((m) => chrome.runtime.sendMessage(m), { type: 'note:save', note })) as { value: { ok: boolean } };
    expect(reply.value.ok).toBe(true); // the other tab's write landed first
    await expect.poll(() => b.probe.text(), { timeout: 5000 }).toContain('此笔记已在其他标签页中修改');
    const text = await b.probe.text();
    expect(text).toContain('我的版本');
    expect(text).toContain('另一版本');
    const stored = (await documentNotes()).find((n) => n.article.label === '第三条')!;
    expect(stored.suggestion).toContain('甲'); // the first save stands until the reviewer chooses
    expect(stored.suggestion).not.toContain('乙');
    await b.probe.clickText('BUTTON', '保留我的版本');
    await saved(b.probe);
    const after = (await documentNotes()).find((n) => n.article.label === '第三条')!;
    expect(after.suggestion).toContain('乙');
    expect(after.suggestion).not.toContain('甲');
    await b.page.close();
    await other.close();
  });
});

/// <reference types="chrome" />
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import {
  firefoxPath,
  FirefoxShadowProbe,
  launchFirefoxWithExtension,
  waitForReader,
  type FirefoxExtensionBrowser,
} from '../../../scripts/lib/firefox';
import { SAMPLE_URL, startFixtureServer, type FixtureServer } from '../../../scripts/lib/server';
import { pageMarks, searchForSecrets, selectInArticle } from '../lib/in-page';

/**
 * The reviewer's journey in real headless Firefox (Debian firefox-esr, the MV2 build), the Firefox twin of
 * tests/e2e/notes.e2e.ts: notes added through the in-page UI in its closed shadow root, found again after a
 * reload, seen live by a second tab, kept when the background is suspended (by the harness and by Firefox's own
 * idle timer) and across a browser restart, listed by the sidebar; a page script reaches none of it; last, the
 * comment letter exported from the side panel as .eml and .docx and parsed back (mailparser, fflate). The
 * outline and banner are covered by outline.firefox.e2e.ts; here only enough of them to know the page is read.
 * The tests run in order on one browser and profile, each building on the last, as the reviewer's day does.
 *
 * Downloads: puppeteer has no download events over BiDi, so Firefox saves them into a folder of the test's
 * (browser.download.* prefs, the harness's `downloadDir`) and `takeDownload()` reads each finished file.
 *
 * Typing: puppeteer's keyboard.type over BiDi sends each character as a key action (input.performActions), which
 * Firefox turns into real key events and text input for any character, Chinese included, and into the focused
 * textarea inside the closed shadow root. The tests read back what was stored, so a typing path that lost or
 * mangled characters would fail.
 */

const noFirefox = !firefoxPath();
if (noFirefox) console.warn('Firefox e2e skipped: no /usr/bin/firefox-esr (sudo apt-get install -y firefox-esr firefox-esr-l10n-zh-cn) and no FIREFOX_PATH');

const TITLE = '《济南市数字经济促进条例(征求意见稿)》';
/** The notice's prescribed email subject and address, which the letter must use exactly. */
const SUBJECT = '《济南市数字经济促进条例(征求意见稿)》修改意见';
const TO = 'sgxjxxhyszjjc@jn.shandong.cn';
const ARTICLE_NOTE = '建议将“数字经济核心产业”界定清楚';
const REASON = '与上位法表述不一致';
const TAG = '定义';
const PASSAGE_NOTE = '<img src=x onerror=alert(1)>建议删除此句';
const LIVE_NOTE = '另一标签页应当立刻看到这条';
const BEFORE_STOP = '后台停止之前写下的前半句，';
const AFTER_STOP = '后台停止之后写下的后半句';
const IDLE_NOTE = '火狐自己挂起后台之后写下的意见';
const SECRETS = [ARTICLE_NOTE, '数字经济核心产业”界定', REASON, LIVE_NOTE, BEFORE_STOP, AFTER_STOP, IDLE_NOTE, '建议删除此句', 'onerror=alert'];

let server: FixtureServer;
let ff: FirefoxExtensionBrowser;
const downloads = mkdtempSync(join(tmpdir(), 'regdraft-ff-downloads-'));
let page: Page;
let tabId: number;
const dialogs: string[] = [];
/** What the reviewer has stored so far, by article: the source of truth every check compares with. */
const expected = new Map<string, string>();

type StoredNote = { id: string; suggestion: string; reason: string; tags: string[]; article: { label: string }; passage: { exact: string } | null };

/** Opens the sample draft in `p` (a new tab unless given) and waits for the reader. */
async function openDraft(p?: Page): Promise<Page> {
  const tab = p ?? (await ff.newPage());
  tab.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await tab.goto(SAMPLE_URL);
  await waitForReader(tab);
  return tab;
}

/** The paragraph of the sample that starts with `label`. */
async function para(p: Page, label: string): Promise<ElementHandle<Element>> {
  const handle = await p.evaluateHandle(
    (l) => [...document.querySelectorAll('#zoom p')].find((e) => e.textContent!.trim().startsWith(l)) ?? null,
    label,
  );
  const el = handle.asElement() as ElementHandle<Element> | null;
  if (!el) throw new Error(`no paragraph starting with ${label}`);
  return el;
}

/** Hovers an article and clicks its "＋ 笔记" button: the editor opens with the suggestion box focused. */
async function newArticleNote(p: Page, probe: FirefoxShadowProbe, label: string): Promise<void> {
  await (await para(p, label)).hover();
  await probe.clickAttr('aria-label', `为${label}添加笔记`);
  await expect.poll(() => probe.text()).toContain(`${label} · 笔记`);
  await expect.poll(() => focusedField(p)).toBe('suggestion');
}

/** The data-field of the focused element inside the extension's UI (seen from a BiDi sandbox), or null. */
async function focusedField(p: Page): Promise<string | null> {
  const probe = await FirefoxShadowProbe.open(p);
  const fields = await probe.findAll((n) => n.value?.attributes?.['data-field'] !== undefined);
  for (const f of fields) if (await probe.isFocused(f)) return f.value!.attributes!['data-field']!;
  return null;
}

/** Clicks a field of the open editor and types `text` key by key. */
async function typeInto(p: Page, probe: FirefoxShadowProbe, field: string, text: string): Promise<void> {
  await probe.clickAttr('data-field', field);
  await expect.poll(() => focusedField(p)).toBe(field);
  await p.keyboard.type(text);
}

/** The editor's status line says saved (class status-saved), not saving, pending or failed. */
async function saved(probe: FirefoxShadowProbe): Promise<void> {
  await expect.poll(async () => (await probe.findAll((n) => /\bstatus-/.test(n.value?.attributes?.class ?? '')))[0]?.value?.attributes?.class, { timeout: 5000 }).toBe('status status-saved');
  expect(await probe.text()).toContain('已保存');
}

/**
 * Scrolls the page to the middle of the annotated articles (第三条 … 第十一条): markers are drawn only for a band
 * of a few screens around the view, so a count of them means something only there.
 */
async function viewNotes(p: Page): Promise<void> {
  await p.evaluate(() => [...document.querySelectorAll('#zoom p')].find((e) => e.textContent!.trim().startsWith('第七条'))!.scrollIntoView({ block: 'center' }));
}

/** The labels on the markers beside annotated articles, sorted. */
async function chips(probe: FirefoxShadowProbe): Promise<string[]> {
  return (await probe.findAll((n) => n.value?.attributes?.['data-chip'] !== undefined)).map((n) => n.value!.attributes!['data-chip']!).sort();
}

/** The highlights in the page: their text and every attribute they carry. */
const marks = (p: Page) => p.evaluate(pageMarks);

/** The notes the database holds for the sample draft, asked the way the side panel asks (notes:list). */
async function stored(): Promise<StoredNote[]> {
  const notes = await ff.extensionEval(async (id) => {
    const b = (globalThis as unknown as { browser: typeof chrome }).browser;
    const state = (await b.tabs.sendMessage(id, { type: 'outline:get' })) as { documentId: string | null };
    if (!state.documentId) return [];
    const reply = (await b.runtime.sendMessage({ type: 'notes:list', documentId: state.documentId })) as { ok: boolean; value: unknown };
    if (!reply.ok) throw new Error(`notes:list refused: ${JSON.stringify(reply)}`);
    return reply.value;
  }, tabId);
  return notes as StoredNote[];
}

/** Article label → suggestion, for comparing with `expected`. */
async function storedByArticle(): Promise<Record<string, string>> {
  return Object.fromEntries((await stored()).map((n) => [n.article.label, n.suggestion]));
}

const want = () => Object.fromEntries(expected);

/**
 * Clicks an export button on the side panel page and returns the file Firefox saved. After the deadline (the
 * sample closed on 2024-03-20) the panel asks once whether to go on: `late` says whether it must ask now.
 */
async function exportFile(panel: Page, action: 'eml' | 'docx', late: boolean): Promise<{ name: string; bytes: Buffer }> {
  await panel.click(`button[data-action=${action}]`);
  const confirm = await panel.waitForSelector('[data-testid=export-late-confirm]', { timeout: late ? 5000 : 500 }).catch(() => null);
  expect(confirm !== null).toBe(late);
  if (confirm) {
    expect(await confirm.evaluate((e) => e.textContent)).toContain('2024-03-20');
    await panel.click('[data-testid=export-late-ok]');
  }
  return ff.takeDownload();
}

/** The text of a .docx's body (word/document.xml, its w:t runs joined, XML entities read) and the raw XML. */
function readDocx(bytes: Buffer): { xml: string; text: string } {
  const xml = strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']!);
  const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1]!.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => entities[e]!))
    .join('');
  return { xml, text };
}

describe.skipIf(noFirefox)('the reviewer’s notes in Firefox (skipped when firefox-esr is not installed)', () => {
  beforeAll(async () => {
    server = await startFixtureServer();
    ff = await launchFirefoxWithExtension({ port: server.port, downloadDir: downloads });
    page = await openDraft(await ff.firstPage());
    tabId = await ff.tabIdOf(SAMPLE_URL);
  }, 180_000); // Firefox takes up to a minute to start on a loaded 2-core machine

  afterAll(async () => {
    await ff?.close();
    await server?.close();
    rmSync(downloads, { recursive: true, force: true });
  });

  test('the draft is read: badge, banner in the closed shadow root, no notes yet', async () => {
    await expect.poll(() => ff.badgeText(tabId), { timeout: 5000 }).toBe('65');
    const probe = await FirefoxShadowProbe.open(page);
    expect((await probe.root())?.shadowRootType).toBe('closed');
    expect(await probe.text()).toContain(TITLE);
    expect(await probe.text()).toContain('65 条 · 9 章');
    expect(await chips(probe)).toEqual([]);
    expect(await stored()).toEqual([]);
    // read, the banner is folded away (it would cover the markers at the right edge); it stays folded from now on
    await probe.clickAttr('aria-label', '收起');
    await expect.poll(() => probe.findByAttr('aria-expanded', 'false')).not.toBeNull();
  });

  test('an article note: hover, "＋ 笔记", type Chinese, a reason and a tag; saved as typed', async () => {
    const probe = await FirefoxShadowProbe.open(page);
    await newArticleNote(page, probe, '第三条');
    await page.keyboard.type(ARTICLE_NOTE); // the suggestion box has the focus
    await typeInto(page, probe, 'reason', REASON);
    await probe.clickAttr('role', 'combobox');
    await page.keyboard.type(TAG);
    await page.keyboard.press('Enter');
    await saved(probe);
    expected.set('第三条', ARTICLE_NOTE);
    expect(await probe.valueOf((await probe.findByAttr('data-field', 'suggestion'))!)).toBe(ARTICLE_NOTE);
    await page.keyboard.press('Escape');
    await expect.poll(() => chips(probe)).toEqual(['第三条']);
    await expect.poll(() => stored().then((s) => s.map((n) => ({ label: n.article.label, suggestion: n.suggestion, reason: n.reason, tags: n.tags })))).toEqual([
      { label: '第三条', suggestion: ARTICLE_NOTE, reason: REASON, tags: [TAG] },
    ]);
  });

  test('a passage note: select text, "＋ 笔记" by the selection; the passage is highlighted; HTML stays text', async () => {
    const probe = await FirefoxShadowProbe.open(page);
    const quote = await page.evaluate(selectInArticle, ['第五条', 6, 18] as const);
    expect(quote.length).toBe(12);
    await probe.clickAttr('data-action', 'selection-note');
    await expect.poll(() => probe.text()).toContain(quote);
    await expect.poll(() => focusedField(page)).toBe('suggestion');
    await page.keyboard.type(PASSAGE_NOTE);
    await saved(probe);
    expected.set('第五条', PASSAGE_NOTE);
    await page.keyboard.press('Escape');
    await expect.poll(() => marks(page).then((m) => m.map((x) => x.text).join(''))).toBe(quote);
    for (const m of await marks(page)) {
      expect(m.attrs).toContain('regdraft-hl');
      expect(m.attrs).not.toMatch(/建议|img|onerror/);
    }
    // the note's HTML never became markup: no image in the UI or the page, no alert
    expect(await probe.findAll((n) => n.value?.localName === 'img')).toEqual([]);
    expect(await page.evaluate(() => document.querySelectorAll('img[src=x]').length)).toBe(0);
    expect(dialogs).toEqual([]);
    const notes = await stored();
    expect(notes.find((n) => n.article.label === '第五条')).toMatchObject({ suggestion: PASSAGE_NOTE, passage: { exact: quote } });
    expect(await storedByArticle()).toEqual(want());
  });

  test('reload: both notes are back, the chips and the highlight with the same text', async () => {
    const quote = (await marks(page)).map((m) => m.text).join('');
    await page.reload();
    await waitForReader(page);
    const probe = await FirefoxShadowProbe.open(page);
    await expect.poll(() => chips(probe)).toEqual(['第三条', '第五条']);
    await expect.poll(() => marks(page).then((m) => m.map((x) => x.text).join(''))).toBe(quote);
    await probe.clickAttr('data-chip', '第三条');
    await expect.poll(() => probe.text()).toContain('第三条 · 笔记');
    expect(await probe.findByAttr('data-note', 'stored')).not.toBeNull();
    expect(await probe.valueOf((await probe.findByAttr('data-field', 'suggestion'))!)).toBe(ARTICLE_NOTE);
    expect(await probe.valueOf((await probe.findByAttr('data-field', 'reason'))!)).toBe(REASON);
    await page.keyboard.press('Escape');
    // the passage note opens from its chip too, its HTML shown as the typed characters
    await probe.clickAttr('data-chip', '第五条');
    await expect.poll(async () => probe.valueOf((await probe.findByAttr('data-field', 'suggestion'))!)).toBe(PASSAGE_NOTE);
    expect(await probe.text()).toContain(quote);
    await page.keyboard.press('Escape');
  });

  test('a second tab sees a new note appear live, without a reload', async () => {
    const second = await openDraft();
    const secondProbe = await FirefoxShadowProbe.open(second);
    await expect.poll(() => chips(secondProbe)).toEqual(['第三条', '第五条']);
    // a mark in the second tab's own page realm: a reload would wipe it
    await second.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
    await page.bringToFront();
    const probe = await FirefoxShadowProbe.open(page);
    await newArticleNote(page, probe, '第七条');
    await page.keyboard.type(LIVE_NOTE);
    await saved(probe);
    const t0 = Date.now();
    expected.set('第七条', LIVE_NOTE);
    await page.keyboard.press('Escape');
    try {
      await expect.poll(() => chips(secondProbe), { timeout: 3000, interval: 50 }).toEqual(['第七条', '第三条', '第五条'].sort());
      console.info(`Firefox: a note saved in one tab showed in the other ${Date.now() - t0} ms after "已保存"`);
      expect(await second.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    } finally {
      await second.close();
    }
  });

  test('the background is suspended mid-note: the next save wakes it and nothing is lost', async () => {
    const probe = await FirefoxShadowProbe.open(page);
    await newArticleNote(page, probe, '第九条');
    await page.keyboard.type(BEFORE_STOP);
    await saved(probe);
    expect(await ff.backgroundState()).toBe('running');
    expect(await ff.suspendBackground()).toBe('stopped');
    // the editor stays open on the same note: the rest of the sentence goes to a stopped background
    await page.keyboard.type(AFTER_STOP);
    expected.set('第九条', BEFORE_STOP + AFTER_STOP);
    await expect.poll(storedByArticle, { timeout: 5000 }).toEqual(want());
    await saved(probe);
    expect(await ff.backgroundState()).toBe('running');
    expect(await probe.text()).not.toMatch(/保存失败|无法保存/);
    await page.keyboard.press('Escape');
    await expect.poll(() => chips(probe)).toEqual(['第七条', '第三条', '第九条', '第五条'].sort());
  });

  test('the notes view of the sidebar page lists every note, and the HTML in one is shown as text', async () => {
    const panel = await ff.openExtensionPage(`sidepanel.html?tab=${tabId}&view=notes`, 'li.note[data-article]');
    await expect
      .poll(() => panel.$$eval('li.note[data-article]', (els) => els.map((e) => e.getAttribute('data-article'))))
      .toEqual(['第三条', '第五条', '第七条', '第九条']);
    const text = await panel.$eval('main', (m) => (m as HTMLElement).innerText);
    for (const s of [ARTICLE_NOTE, REASON, PASSAGE_NOTE, LIVE_NOTE, BEFORE_STOP + AFTER_STOP]) expect(text).toContain(s);
    expect(await panel.$eval('[data-testid=notes-count]', (e) => e.textContent)).toContain('4');
    expect(await panel.$$eval('main img', (els) => els.length)).toBe(0);
    await panel.close();
  });

  test("Firefox's own sidebar shows the same notes in its 笔记 tab", async () => {
    const seen = await ff.sidebarEval(async ({ document: doc }) => {
      const wait = async (ok: () => boolean) => {
        for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 50));
      };
      await wait(() => !!doc.querySelector('[role=tab][data-view=notes]'));
      (doc.querySelector('[role=tab][data-view=notes]') as HTMLElement).click();
      await wait(() => doc.querySelectorAll('li.note[data-article]').length >= 4);
      return {
        selected: doc.querySelector('[role=tab][data-view=notes]')?.getAttribute('aria-selected'),
        articles: [...doc.querySelectorAll('li.note[data-article]')].map((e) => e.getAttribute('data-article')),
        text: (doc.querySelector('main') as HTMLElement | null)?.innerText ?? '',
      };
    }, null);
    expect(seen.selected).toBe('true');
    expect(seen.articles).toEqual(['第三条', '第五条', '第七条', '第九条']);
    expect(seen.text).toContain(LIVE_NOTE);
    expect(seen.text).toContain(PASSAGE_NOTE);
  });

  test('a script in the page finds no note text anywhere it can reach', async () => {
    const found = await page.evaluate(searchForSecrets, SECRETS);
    expect(found).toEqual([]);
  });

  test('a browser restart on the same profile keeps everything', async () => {
    const before = await stored();
    const quote = (await marks(page)).map((m) => m.text).join('');
    // from this start on, Firefox suspends an idle event page after 1 s (the next test waits for that)
    await ff.restart({ prefs: { 'extensions.background.idle.timeout': 1000 } });
    page = await openDraft(await ff.firstPage());
    tabId = await ff.tabIdOf(SAMPLE_URL);
    const probe = await FirefoxShadowProbe.open(page);
    await viewNotes(page);
    // a restarted Firefox on a loaded machine takes a while to start its event page and read the notes
    await expect.poll(() => chips(probe), { timeout: 15_000 }).toEqual(['第七条', '第三条', '第九条', '第五条'].sort());
    expect(await probe.findByAttr('aria-expanded', 'false')).not.toBeNull(); // the banner stayed folded
    await expect.poll(() => marks(page).then((m) => m.map((x) => x.text).join('')), { timeout: 15_000 }).toBe(quote);
    expect(await stored()).toEqual(before);
    expect(await storedByArticle()).toEqual(want());
  });

  test('Firefox suspends the idle event page by itself; the next save wakes it and nothing is lost', async () => {
    // extensions.background.idle.timeout is 1 s since the restart: with nothing to do, the background stops
    await expect.poll(() => ff.backgroundState(), { timeout: 10_000, interval: 100 }).toBe('stopped');
    const probe = await FirefoxShadowProbe.open(page);
    await newArticleNote(page, probe, '第十一条');
    await page.keyboard.type(IDLE_NOTE);
    expected.set('第十一条', IDLE_NOTE);
    await saved(probe);
    await page.keyboard.press('Escape');
    expect(await storedByArticle()).toEqual(want());
    await viewNotes(page);
    await expect.poll(() => chips(probe)).toEqual(['第七条', '第三条', '第九条', '第五条', '第十一条'].sort());
    // and it stops again once idle, with everything still there afterwards
    await expect.poll(() => ff.backgroundState(), { timeout: 10_000, interval: 100 }).toBe('stopped');
    expect(await storedByArticle()).toEqual(want());
  });

  test('the letter: the .eml and the .docx from the side panel’s 导出 tab parse back with every note, the HTML as text', async () => {
    const panel = await ff.openExtensionPage(`sidepanel.html?tab=${tabId}&view=export`, '[data-testid=export-summary]');
    expect(await panel.$eval('[role=tab][data-view=export]', (e) => e.getAttribute('aria-selected'))).toBe('true');
    expect(await panel.$eval('[data-testid=export-subject]', (e) => e.textContent)).toBe(SUBJECT);
    expect(await panel.$eval('[data-testid=export-summary]', (e) => e.textContent)).toContain('5 条修改意见(共 5 条笔记)');
    const notes = [...expected.values()];
    expect(notes).toHaveLength(5);

    const eml = await exportFile(panel, 'eml', true);
    expect(eml.name).toBe(`${SUBJECT}.eml`);
    const mail = await simpleParser(eml.bytes);
    expect(mail.subject).toBe(SUBJECT);
    expect((Array.isArray(mail.to) ? mail.to[0] : mail.to)!.value.map((a) => a.address)).toEqual([TO]);
    for (const s of [...expected.keys(), ...notes, REASON]) expect(mail.text).toContain(s);
    expect(mail.html).toBe(false); // plain text: the note's <img …> is characters in it, nothing renders it

    const docx = await exportFile(panel, 'docx', false); // asked once per panel: not again
    expect(docx.name).toBe(`${SUBJECT}.docx`);
    const { xml, text } = readDocx(docx.bytes);
    for (const s of [...expected.keys(), ...notes, REASON]) expect(text).toContain(s);
    expect(xml).not.toContain('<img');
    expect(xml).toContain('&lt;img src=x onerror=alert(1)&gt;');
    await expect.poll(() => panel.$eval('[data-testid=export-status]', (e) => e.textContent)).toContain('已下载');
    await panel.close();
  });
});

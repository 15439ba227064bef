/// <reference types="chrome" />
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Outline } from '../../../regulation/types';
import { bidiOf, contextOf, firefoxPath, launchFirefoxWithExtension, waitForReader, type FirefoxExtensionBrowser } from '../../../scripts/lib/firefox';
import { SAMPLE_URL, startFixtureServer, type FixtureServer } from '../../../scripts/lib/server';
import { stampedCopy } from '../../../scripts/lib/pdf-update';
import { ENCRYPTED_PASSWORD, minimalOfd } from '../../../scripts/make-file-fixtures';
import { noteOn } from '../lib/draft';

/**
 * Drafts published as files in real Firefox (the MV2 build), the twin of tests/e2e/files.e2e.ts: the sample
 * notice's attachments (a LibreOffice PDF and .docx, served as downfile.jsp?filename=… octet-stream) open from
 * the button beside their links in the file reader page (pdf.js in its own worker, mammoth), which runs the same
 * reader: the outline, a note on an article and on a passage in each, the passage highlighted, a reload, and the
 * letter from the notice. One browser for both files.
 */

const noFirefox = !firefoxPath();
if (noFirefox) console.warn('Firefox e2e skipped: no /usr/bin/firefox-esr and no FIREFOX_PATH');

const SUBJECT = '《济南市数字经济促进条例(征求意见稿)》修改意见';
const urnOf = (name: string) => `urn:sha256:${createHash('sha256').update(readFileSync(`tests/fixtures/files/${name}`)).digest('hex')}`;

let server: FixtureServer;
let ff: FirefoxExtensionBrowser;
let notice: Page;
let noticeTab: number;
let noticeDocument: string;

type State = { url: string; outline: Outline; documentId: string | null };
type Reply<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Sends a notes request from an extension page; its value, or throws when the background refused. */
async function ask<T>(message: unknown): Promise<T> {
  const reply = await ff.extensionEval(async (m) => (await (globalThis as unknown as { browser: typeof chrome }).browser.runtime.sendMessage(m)) as Reply<T>, message);
  if (!reply?.ok) throw new Error(`refused: ${JSON.stringify(reply)}`);
  return reply.value;
}

/** The tab's page state once its reader has opened its document. */
async function stateOf(tabId: number): Promise<State & { documentId: string }> {
  for (let i = 0; i < 100; i++) {
    const s = await ff.extensionEval(
      async (id) => (await (globalThis as unknown as { browser: typeof chrome }).browser.tabs.sendMessage(id, { type: 'outline:get' })) as State,
      tabId,
    );
    if (s?.documentId) return s as State & { documentId: string };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the reader never opened its document');
}

/** Waits until `read` gives a value `ok` takes (a read that throws counts as not yet); the last value read. */
async function poll<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeout = 15_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    let v: T | undefined;
    let done = false;
    try {
      v = await read();
      done = ok(v);
    } catch (e) {
      if (Date.now() >= end) throw e;
    }
    if (done || Date.now() >= end) return v as T;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The BiDi browsing contexts of the top-level tabs, with their real URLs (puppeteer never sees moz-extension:// loads). */
async function tabContexts(): Promise<Array<{ context: string; url: string }>> {
  const { result } = (await bidiOf(ff.browser).send('browsingContext.getTree', { maxDepth: 0 })) as { result: { contexts: Array<{ context: string; url: string }> } };
  return result.contexts;
}

/**
 * Clicks the "open in the reviewer" button beside the attachment link `n` (a real mouse click on its host element:
 * the button fills it, inside a closed shadow root) and returns the reader page it opens, once read.
 */
async function openAttachment(n: number, sha256: string): Promise<Page> {
  await notice.bringToFront(); // Firefox sends the mouse to the tab in front
  await notice.waitForFunction((i) => document.querySelectorAll('.fujian a')[i]?.nextElementSibling?.localName === 'regdraft-file', { timeout: 10_000 }, n);
  const [x, y] = await notice.evaluate((i) => {
    const host = document.querySelectorAll('.fujian a')[i]!.nextElementSibling!;
    host.scrollIntoView({ block: 'center' });
    const r = host.getBoundingClientRect();
    return [r.left + r.width / 2, r.top + r.height / 2];
  }, n);
  await notice.mouse.click(x!, y!);
  const wanted = new RegExp(`/reader\\.html\\?file=${sha256}$`);
  const context = await poll(
    async () => (await tabContexts()).find((c) => wanted.test(c.url))?.context,
    (c) => !!c,
    20_000,
  );
  if (!context) throw new Error(`no reader tab for ${sha256} after the click (tabs: ${(await tabContexts()).map((c) => c.url).join(', ')})`);
  const reader = await poll(async () => (await ff.browser.pages()).find((p) => contextOf(p) === context), (p) => !!p, 10_000);
  if (!reader) throw new Error('the reader tab has no page');
  await waitForReader(reader, 30_000);
  return reader;
}

/** The highlighted text in the reader page, joined. */
const marks = (p: Page) => p.evaluate(() => [...document.querySelectorAll('#doc mark')].map((m) => m.textContent).join(''));

describe.skipIf(noFirefox)('drafts published as files, in Firefox', () => {
  beforeAll(async () => {
    server = await startFixtureServer();
    // optional host permissions are granted without Firefox's prompt (a doorhanger in the browser's own UI, out of
    // a page's reach): the reader page's request still has to come from the reviewer's click
    ff = await launchFirefoxWithExtension({ port: server.port, prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
    notice = await ff.firstPage();
    await notice.goto(SAMPLE_URL);
    await waitForReader(notice);
    noticeTab = await ff.tabIdOf(SAMPLE_URL);
    noticeDocument = (await stateOf(noticeTab)).documentId;
  }, 120_000);

  afterAll(async () => {
    // under load Firefox may still be writing its profile when the harness removes it (ENOTEMPTY)
    await ff?.close().catch((e: unknown) => {
      if ((e as { code?: string }).code !== 'ENOTEMPTY') throw e;
      console.warn('Firefox profile folder left behind:', (e as Error).message);
    });
    await server?.close();
  });

  test.each([
    ['.pdf', 2, 'jinan-draft.pdf', '第三条', '第六条', '口岸物流等部门'],
    ['.docx', 0, 'jinan-draft.docx', '第十条', '第十一条', '通信网络基础设施、算力基础设施'],
  ])('a %s attachment opens from its button, linked to the notice; notes on an article and a passage come back after a reload', async (suffix, link, fixture, articleLabel, passageLabel, quote) => {
    const urn = urnOf(fixture);
    const reader = await openAttachment(link, urn.slice('urn:sha256:'.length));
    const tab = await ff.tabIdOf(urn);
    expect(tab).toBeGreaterThan(0);
    const { outline, documentId } = await stateOf(tab);
    expect(outline.articles).toHaveLength(65);
    expect(outline.chapters).toHaveLength(9);
    expect(outline.articles[0]!.text).toMatch(/^为了促进数字经济高质量发展/);
    // the file's document is the notice's: the letter takes the notice's channels and the file's articles
    expect(documentId).toBe(noticeDocument);
    // pdf.js parsed in its own worker: its fake-worker fallback (the worker's code loaded into the page) left no trace
    if (suffix === '.pdf') expect(await reader.evaluate(() => typeof (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker)).toBe('undefined');

    await ask({ type: 'note:save', note: noteOn(outline, noticeDocument, articleLabel, { suggestion: `${suffix} 文件中的条文意见` }) });
    await ask({ type: 'note:save', note: noteOn(outline, noticeDocument, passageLabel, { quote, stance: 'question', suggestion: `${suffix} 段落疑问` }) });
    expect(await poll(() => marks(reader), (m) => m.includes(quote), 10_000)).toContain(quote);

    // a reload (BiDi's own: page.reload waits for a load moz-extension:// pages never report)
    await reader.evaluate(() => document.documentElement.setAttribute('data-before-reload', ''));
    await bidiOf(ff.browser).send('browsingContext.reload', { context: contextOf(reader), wait: 'none' });
    await reader.waitForFunction(() => !document.documentElement.hasAttribute('data-before-reload') && !!document.querySelector('regdraft-ui'), { timeout: 30_000, polling: 50 });
    expect(await poll(() => marks(reader), (m) => m.includes(quote), 10_000)).toContain(quote);
    const notes = await ask<Array<{ suggestion: string; article: { label: string } }>>({ type: 'notes:list', documentId: noticeDocument });
    expect(notes.filter((n) => n.suggestion.startsWith(suffix)).map((n) => n.article.label).sort()).toEqual([articleLabel, passageLabel].sort());
    expect((await stateOf(tab)).documentId).toBe(noticeDocument);
  }, 90_000);

  test('the letter from the notice holds the notes made in both files, under the notice\'s subject', async () => {
    const panel = await ff.openExtensionPage(`sidepanel.html?tab=${noticeTab}&view=export`, '[data-testid=export-summary]');
    expect(await panel.$eval('[data-testid=export-subject]', (e) => (e as HTMLElement).innerText)).toBe(SUBJECT);
    expect(await poll(() => panel.$eval('[data-testid=export-summary]', (e) => (e as HTMLElement).innerText), (t) => t.includes('共 4 条笔记'))).toContain('共 4 条笔记');
    await panel.close();
    expect(notice.url()).toBe(SAMPLE_URL);
  }, 60_000);

  test('a file at an address asks for that host alone; granted (MV2 optional_permissions), it is fetched and shows the same notes', async () => {
    // what the popup offers on a tab showing a PDF, and a notice's link to another host
    const q = new URLSearchParams({ src: 'http://www.jinan.gov.cn/files/jinan-draft.pdf', name: 'jinan-draft.pdf' });
    const reader = await ff.openExtensionPage(`reader.html?${q}`, '.message button.primary');
    expect(await reader.$eval('.message', (e) => (e as HTMLElement).innerText)).toContain('允许审阅助手访问 www.jinan.gov.cn(只此一个网站)');
    expect(await reader.$eval('.message button.primary', (e) => (e as HTMLElement).innerText)).toBe('允许访问 www.jinan.gov.cn 并打开');
    // the reviewer's click (Firefox grants without its prompt under the launch's pref): the page fetches the file,
    // keeps it, and opens it by its content, the PDF opened from the notice, with that PDF's notes
    await reader.bringToFront();
    const [x, y] = await reader.$eval('.message button.primary', (b) => {
      const r = b.getBoundingClientRect();
      return [r.left + r.width / 2, r.top + r.height / 2];
    });
    await reader.mouse.click(x!, y!);
    const sha = urnOf('jinan-draft.pdf').slice('urn:sha256:'.length);
    const context = contextOf(reader);
    expect(await poll(async () => (await tabContexts()).find((c) => c.context === context)?.url ?? '', (u) => u.endsWith(`?file=${sha}`), 20_000)).toMatch(/\/reader\.html\?file=[0-9a-f]{64}$/);
    await waitForReader(reader, 30_000);
    expect(await ff.extensionEval(async (o) => (globalThis as unknown as { browser: typeof chrome }).browser.permissions.contains({ origins: [o] }), 'http://www.jinan.gov.cn/*')).toBe(true);
    expect(await poll(() => marks(reader), (m) => m.includes('口岸物流等部门'), 10_000)).toContain('口岸物流等部门');
    await reader.close();
  }, 90_000);

  describe('the reader page\'s own controls, on files from the disk (picked; Firefox over BiDi cannot drag a file in)', () => {
    const FIXTURES = resolve('tests/fixtures/files');
    /** The reader page with nothing open, a file picked in it (BiDi input.setFiles), and its tab's URL once it moved on. */
    async function pickIn(path: string): Promise<Page> {
      const reader = await ff.openExtensionPage('reader.html', 'input[type=file]');
      const input = await reader.$('input[type=file]');
      await input!.uploadFile(path);
      return reader;
    }
    /** A folder of this describe's own for files made by the tests (made on first use). */
    let scratch: string | null = null;
    afterAll(() => void (scratch && rmSync(scratch, { recursive: true, force: true })));
    /** `bytes` written as `name` in that folder, then picked as pickIn does. */
    async function pickBytes(name: string, bytes: Uint8Array): Promise<Page> {
      scratch ??= mkdtempSync(join(tmpdir(), 'regdraft-picked-'));
      writeFileSync(join(scratch, name), bytes);
      return pickIn(join(scratch, name));
    }
    const urlOf = async (reader: Page) => (await tabContexts()).find((c) => c.context === contextOf(reader))?.url ?? '';
    const text = (reader: Page, selector: string) => reader.$eval(selector, (e) => (e as HTMLElement).innerText);

    test("a copy of the notice's PDF with other bytes but the PDF's own identifier, picked from the disk, shows the notes made on it", async () => {
      const copy = stampedCopy(new Uint8Array(readFileSync(join(FIXTURES, 'jinan-draft.pdf'))), 'a mirror');
      const reader = await pickBytes('镜像-jinan-draft.pdf', copy);
      await waitForReader(reader, 30_000);
      const urn = `urn:sha256:${createHash('sha256').update(copy).digest('hex')}`;
      expect(urn).not.toBe(urnOf('jinan-draft.pdf'));
      expect((await stateOf(await ff.tabIdOf(urn))).documentId).toBe(noticeDocument);
      expect(await poll(() => marks(reader), (m) => m.includes('口岸物流等部门'), 10_000)).toContain('口岸物流等部门');
      await reader.close();
    }, 90_000);

    test('a PDF with a password: asked for in the page, a wrong one said so, the right one opens it and it is read', async () => {
      const reader = await pickIn(join(FIXTURES, 'encrypted-draft.pdf'));
      await reader.waitForSelector('form.password', { timeout: 20_000 });
      expect(await text(reader, 'form.password label')).toContain('受密码保护,请输入打开密码');
      await reader.type('form.password input', 'wrong');
      await reader.keyboard.press('Enter');
      expect(await poll(() => text(reader, 'form.password label'), (t) => t.includes('密码不正确'))).toContain('密码不正确');
      await reader.type('form.password input', ENCRYPTED_PASSWORD);
      await reader.keyboard.press('Enter');
      await waitForReader(reader, 30_000);
      const urn = `urn:sha256:${createHash('sha256').update(readFileSync(join(FIXTURES, 'encrypted-draft.pdf'))).digest('hex')}`;
      const { outline } = await stateOf(await ff.tabIdOf(urn));
      expect(outline.articles).toHaveLength(8);
      await reader.close();
    }, 90_000);

    test('a scan says it has no readable text; a .doc and an .ofd say what to do', async () => {
      const scan = await pickIn(join(FIXTURES, 'scanned-draft.pdf'));
      await scan.waitForSelector('#doc .notice', { timeout: 30_000 });
      expect(await text(scan, '#doc .notice')).toContain('这个 PDF 没有可读取的文字');
      await scan.close();

      const doc = await pickIn(join(FIXTURES, 'jinan-draft.doc'));
      expect(await poll(() => text(doc, '.message'), (t) => t.includes('审阅助手无法在浏览器中读取'))).toContain('Word 97-2003 文档(.doc)');
      expect(await urlOf(doc)).toMatch(/reader\.html$/);
      await doc.close();
      const ofd = await pickBytes('草案.ofd', minimalOfd());
      const said = await poll(() => text(ofd, '.message'), (t) => t.includes('OFD'));
      expect(said).toContain('请用 OFD 阅读器');
      expect(said).not.toContain('请用 WPS、Word 或 LibreOffice 打开它');
      await ofd.close();
    }, 90_000);

    test('zoom and find in a PDF: + scales the pages; find selects the phrase in the file, not in its own box', async () => {
      const reader = await pickIn(join(FIXTURES, 'jinan-draft.pdf'));
      await waitForReader(reader, 30_000);
      const width = () => reader.$eval('#doc .page', (p) => p.getBoundingClientRect().width);
      const before = await width();
      await reader.click('#bar button[aria-label="放大"]');
      await reader.click('#bar button[aria-label="放大"]');
      expect(await text(reader, '#bar output.zoom')).toBe('120%');
      expect(await poll(width, (w) => w > before * 1.15)).toBeGreaterThan(before * 1.15);
      await reader.type('#bar input.find', '口岸物流');
      await reader.keyboard.press('Enter');
      const selected = () => reader.evaluate(() => `${String(getSelection())}|${!!getSelection()!.anchorNode?.parentElement?.closest('#doc .text-layer')}`);
      expect(await poll(selected, (v) => v === '口岸物流|true')).toBe('口岸物流|true');
      await reader.close();
    }, 90_000);
  });

  test('a later version of the .docx (other bytes, the same link) opens as the notice\'s document with the notes made on the first, re-anchored', async () => {
    // 第十条 reworded: what a site publishes when it replaces an attachment with a revised draft
    const files = unzipSync(readFileSync('tests/fixtures/files/jinan-draft.docx'));
    const CHANGED = '积极探索数字经济高质量发展新路径';
    files['word/document.xml'] = strToU8(strFromU8(files['word/document.xml']!).replace('探索数字经济高质量发展新路径', CHANGED));
    const revised = Buffer.from(zipSync(files));
    server.replaceFile('jinan-draft.docx', revised);
    const sha = createHash('sha256').update(revised).digest('hex');
    expect(`urn:sha256:${sha}`).not.toBe(urnOf('jinan-draft.docx'));
    const reader = await openAttachment(0, sha);
    const state = await stateOf(await ff.tabIdOf(`urn:sha256:${sha}`));
    expect(state.outline.articles.find((a) => a.label === '第十条')!.text).toContain(CHANGED);
    expect(state.documentId).toBe(noticeDocument);
    // the passage note made on the first version is highlighted in the second
    expect(await poll(() => marks(reader), (m) => m.includes('通信网络基础设施、算力基础设施'), 10_000)).toContain('通信网络基础设施、算力基础设施');
    await reader.close();
  }, 90_000);
});

/// <reference types="chrome" />
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Download, Page } from 'playwright-core';
import type { Outline } from '../../regulation/types';
import { tabIdOf, type ExtensionBrowser } from '../../scripts/lib/launch';
import { waitForReader } from '../../scripts/lib/page';
import { SAMPLE_PATH, type FixtureServer } from '../../scripts/lib/server';
import { ask as askFrom, axeViolations, noteOn, openSampleDraft, pageState, type DraftSession } from './lib/draft';

/**
 * The comment letter's export in real Chromium: three notes on the sample draft, then the letter from the side
 * panel's 导出 tab, the popup and the options page. Downloads are captured and parsed back with real readers
 * (mailparser for the .eml, fflate + the XML for the .docx); the mailto link is read from the page.
 */

const SUBJECT = '《济南市数字经济促进条例(征求意见稿)》修改意见';
const TO = 'sgxjxxhyszjjc@jn.shandong.cn';
const SOON_TITLE = '济南市数字经济促进条例(征求意见稿·第二稿)';
const ARTICLE3 = '建议增加“开放合作”原则';
const REASON3 = '与省条例表述保持一致。';
const QUESTION6 = '“口岸物流”部门具体指哪一部门？';
const SHORT65 = '本条例自2025年1月1日起施行。';

let session: DraftSession;
let server: FixtureServer;
let browser: ExtensionBrowser;
/** An extension page that writes notes the way every page does (messages to the background). */
let writer: Page;
let tabId: number;
let outline: Outline;
let documentId: string;
const ids: Record<string, string> = {};

const ask = <T,>(message: unknown): Promise<T> => askFrom<T>(writer, message);

async function saveNote(label: string, over: Record<string, unknown>): Promise<string> {
  const r = await ask<{ ok: true; note: { id: string } }>({ type: 'note:save', note: noteOn(outline, documentId, label, over) });
  return r.note.id;
}

/** The side panel aimed at the sample's tab, on its 导出 tab. */
async function openExport(): Promise<Page> {
  const panel = await browser.context.newPage();
  await panel.setViewportSize({ width: 420, height: 1000 });
  await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?tab=${tabId}&view=export`);
  await panel.waitForSelector('[role=tab][data-view=export][aria-selected=true]');
  await panel.waitForSelector('[data-testid=export-summary]');
  return panel;
}

const accepted = new WeakSet<Page>();

/** Clicks an export, accepts the after-the-deadline question (the sample closed in 2024), and returns the download. */
async function download(p: Page, action: 'eml' | 'docx'): Promise<{ name: string; bytes: Buffer }> {
  const got = p.waitForEvent('download');
  await p.click(`button[data-action=${action}]`);
  if (!accepted.has(p)) {
    const dialog = p.locator('[data-testid=export-late-confirm]');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('2024-03-20');
    await p.click('[data-testid=export-late-ok]');
    accepted.add(p); // asked once per panel
  }
  const d: Download = await got;
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

/** The text of a .docx's body (word/document.xml) and its table rows as cell texts. */
function readDocx(bytes: Buffer): { xml: string; rows: string[][] } {
  const files = unzipSync(new Uint8Array(bytes));
  const xml = strFromU8(files['word/document.xml']!);
  const text = (s: string) => [...s.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) => [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => text(tc[0])));
  return { xml, rows };
}

beforeAll(async () => {
  session = await openSampleDraft();
  ({ server, browser, tabId } = session);
  writer = await session.writer();
  const state = await pageState(writer, tabId);
  outline = state.outline;
  documentId = state.documentId;
  ids.a3 = await saveNote('第三条', { suggestion: ARTICLE3, reason: REASON3, tags: ['原则'] });
  ids.a6 = await saveNote('第六条', { quote: '口岸物流等部门', stance: 'question', suggestion: QUESTION6, tags: ['职责'] });
  ids.a65 = await saveNote('第六十五条', { suggestion: SHORT65, tags: ['施行'] });
});

afterAll(async () => {
  await session?.close();
});

describe('exporting the comment letter in Chromium', () => {
  test('the 导出 tab: To and the exact subject from the notice, the deadline passed, three notes', async () => {
    const panel = await openExport();
    const text = await panel.locator('[data-testid=export]').innerText();
    expect(text).toContain(TO);
    expect(await panel.locator('[data-testid=export-subject]').innerText()).toBe(SUBJECT);
    expect(await panel.locator('[data-testid=export-deadline]').getAttribute('data-urgency')).toBe('late');
    expect(await panel.locator('[data-testid=export-summary]').innerText()).toContain('3 条修改意见(共 3 条笔记)');
    // three notes with the article texts are far too long for a mailto link: the panel says why and offers the .eml
    expect(await panel.locator('a[data-action=mailto]').count()).toBe(0);
    expect(await panel.locator('[data-testid=export-mailto-too-long]').innerText()).toContain('1800');
    await panel.close();
  });

  test('a short letter opens in the mail app: the mailto link is right', async () => {
    const panel = await openExport();
    await panel.check('input[name=export-scope][value=pick]');
    await panel.click('button:has-text("全不选")');
    await panel.check(`[data-testid=export-pick] input[value="${ids.a65}"]`);
    await panel.uncheck('[data-testid=export-comments]');
    const href = await panel.locator('a[data-action=mailto]').getAttribute('href');
    const url = new URL(href!);
    expect(url.protocol).toBe('mailto:');
    expect(url.pathname).toBe(TO);
    expect(url.searchParams.get('subject')).toBe(SUBJECT);
    const body = url.searchParams.get('body')!;
    expect(body).toContain('关于《济南市数字经济促进条例(征求意见稿)》的修改意见');
    expect(body).toContain('第六十五条');
    expect(body).toContain(SHORT65);
    expect(body).not.toContain('第三条');
    expect(href!.length).toBeLessThanOrEqual(1800);
    // after the deadline, the link asks first
    await panel.click('a[data-action=mailto]');
    await expect.poll(() => panel.locator('[data-testid=export-late-confirm]').isVisible()).toBe(true);
    await panel.keyboard.press('Escape');
    await expect.poll(() => panel.locator('[data-testid=export-late-confirm]').count()).toBe(0);
    await panel.close();
  });

  test('an export with nothing selected explains itself and exports nothing', async () => {
    const panel = await openExport();
    await panel.check('input[name=export-scope][value=tags]');
    await panel.uncheck('[data-testid=export-comments]');
    expect(await panel.locator('[data-testid=export-empty]').getAttribute('data-reason')).toBe('filtered-out');
    expect(await panel.locator('[data-testid=export-empty]').innerText()).toContain('没有可导出的内容');
    expect(await panel.locator('button[data-action=eml]').isDisabled()).toBe(true);
    expect(await panel.locator('button[data-action=docx]').isDisabled()).toBe(true);
    // one tag: two of its notes are in
    await panel.check('[data-testid=export-tags] input[value="职责"]');
    expect(await panel.locator('[data-testid=export-empty]').count()).toBe(0);
    expect(await panel.locator('[data-testid=export-summary]').innerText()).toContain('1 条修改意见');
    await panel.close();
  });

  test('the options page saves the profile; a bad field says why and is not saved', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.waitForSelector('#profile-name:not([disabled])');
    await options.fill('#profile-email', 'zhang at example');
    await expect.poll(() => options.locator('[data-testid=save-status]').getAttribute('data-state')).toBe('invalid');
    expect(await options.locator('#profile-email').getAttribute('aria-invalid')).toBe('true');
    expect(await options.locator('#profile-email-problem').innerText()).toContain('name@example.com');
    await options.fill('#profile-name', '张明');
    await options.fill('#profile-organisation', '济南市软件行业协会');
    await options.fill('#profile-phone', '0531-88886666');
    await options.fill('#profile-email', 'zhangming@example.com');
    await options.fill('#profile-address', '山东省济南市历下区经十路100号');
    await expect.poll(() => options.locator('[data-testid=save-status]').getAttribute('data-state')).toBe('saved');
    expect(await options.locator('[data-testid=signature-preview]').innerText()).toContain('联系人：张明');
    const stored = await options.evaluate(() => chrome.storage.local.get('profile'));
    expect(stored.profile).toEqual({
      name: '张明',
      organisation: '济南市软件行业协会',
      phone: '0531-88886666',
      email: 'zhangming@example.com',
      address: '山东省济南市历下区经十路100号',
    });
    // it survives a reload
    await options.reload();
    await expect.poll(() => options.locator('#profile-organisation').inputValue()).toBe('济南市软件行业协会');
    await options.close();
  });

  test('the .eml (table form, .docx attached) parses: subject, To, UTF-8 body with every note and the signature', async () => {
    const panel = await openExport();
    await expect.poll(() => panel.locator('[data-testid=export-signer]').innerText()).toContain('张明');
    await panel.check('input[name=export-form][value=table]');
    await panel.check('[data-testid=export-attach]');
    const { name, bytes } = await download(panel, 'eml');
    expect(name).toBe(`${SUBJECT}.eml`);
    const raw = bytes.toString('latin1');
    expect(raw).toMatch(/^Content-Type: text\/plain; charset=utf-8$/m);
    expect(raw).toMatch(/^X-Unsent: 1$/m);
    const mail = await simpleParser(bytes);
    expect(mail.subject).toBe(SUBJECT);
    expect((Array.isArray(mail.to) ? mail.to[0] : mail.to)!.value[0]!.address).toBe(TO);
    expect(mail.from!.value[0]).toEqual({ name: '张明', address: 'zhangming@example.com' });
    const body = mail.text!;
    for (const s of ['第三条', ARTICLE3, REASON3, '第六条', '口岸物流等部门', QUESTION6, '第六十五条', SHORT65]) expect(body).toContain(s);
    expect(body).toContain('序号：1');
    expect(body).toContain('单位：济南市软件行业协会');
    expect(body).toContain('联系人：张明');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]!.filename).toBe(`${SUBJECT}.docx`);
    expect(readDocx(mail.attachments[0]!.content).rows).toHaveLength(4);
    expect(await panel.locator('[data-testid=export-status]').innerText()).toContain('已下载');
    await panel.close();
  });

  test('the .docx holds the table: a header row and one row per note, in article order', async () => {
    const panel = await openExport();
    await panel.check('input[name=export-form][value=table]');
    const { name, bytes } = await download(panel, 'docx');
    expect(name).toBe(`${SUBJECT}.docx`);
    const { xml, rows } = readDocx(bytes);
    expect(rows[0]).toEqual(['序号', '条款', '原文', '修改意见', '理由']);
    expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual([
      ['1', '第三条'],
      ['2', '第六条'],
      ['3', '第六十五条'],
    ]);
    expect(rows[1]![2]).toContain('促进数字经济发展是本市的重要战略');
    expect(rows[1]![3]).toContain(ARTICLE3);
    expect(rows[1]![4]).toBe(REASON3);
    expect(rows[2]![2]).toBe('口岸物流等部门');
    expect(rows[2]![3]).toContain(QUESTION6);
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('联系人：张明');
    await panel.close();
  });

  test('print opens the print view with the letter and the envelope label', async () => {
    const panel = await openExport();
    const opened = browser.context.waitForEvent('page');
    await panel.click('button[data-action=print]');
    await panel.click('[data-testid=export-late-ok]');
    const view = await opened;
    await view.waitForSelector('body[data-ready=true]');
    const text = await view.locator('body').innerText();
    // the title is set in two lines, broken before the draft's 征求意见稿 suffix
    expect(text).toContain('关于《济南市数字经济促进条例\n(征求意见稿)》的修改意见');
    expect(text).toContain(QUESTION6);
    expect(text).toContain('山东省济南市历下区龙鼎大道1号3层B323室');
    expect(await view.title()).toContain('修改意见');
    // the print dialog was asked for (headless Chromium answers window.print() at once)
    await view.waitForSelector('body[data-printed=true]');
    // the hand-over is read once
    await view.reload();
    await expect.poll(() => view.locator('.print-missing').count()).toBe(1);
    await view.close();
    await panel.close();
  });

  test('the popup: the draft, its deadline, the note count and the main exports', async () => {
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 380, height: 700 });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
    await popup.waitForSelector('[data-testid=export-summary]');
    expect(await popup.locator('[data-testid=popup-title]').innerText()).toBe('《济南市数字经济促进条例(征求意见稿)》');
    expect(await popup.locator('[data-testid=popup-deadline]').innerText()).toBe('已截止');
    expect(await popup.locator('[data-testid=export-summary]').innerText()).toContain('笔记 3 条');
    expect(await popup.locator('input[name=export-scope]').count()).toBe(0);
    expect(await popup.locator('[data-testid=open-panel]').isEnabled()).toBe(true);
    const { name, bytes } = await download(popup, 'eml');
    expect(name).toBe(`${SUBJECT}.eml`);
    const mail = await simpleParser(bytes);
    expect(mail.subject).toBe(SUBJECT);
    expect(mail.text).toContain('第六十五条');
    await popup.close();
  });

  test('3 days or fewer left: the panel says so prominently, and exports without asking', async () => {
    const due = new Date();
    due.setDate(due.getDate() + 2);
    // a draft of its own (another title): a second URL of the same draft on the same site would join the sample's
    // document, whose stored deadline another URL never changes (issue 9 §3)
    const html = readFileSync(new URL('../../sample/jinan-digital-economy-draft.html', import.meta.url), 'utf8')
      .replace('征求意见截止时间为2024年3月20日', `征求意见截止时间为${due.getFullYear()}年${due.getMonth() + 1}月${due.getDate()}日`)
      .replaceAll('济南市数字经济促进条例(征求意见稿)', SOON_TITLE);
    const path = SAMPLE_PATH.replace('.html', '-soon.html');
    server.route(path, html);
    const soon = await browser.context.newPage();
    const url = `http://www.jinan.gov.cn${path}`;
    await soon.goto(url);
    await waitForReader(soon);
    const soonTab = await tabIdOf(browser, url);
    const panel = await browser.context.newPage();
    await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?tab=${soonTab}&view=export`);
    const notice = panel.locator('[data-testid=export-deadline]');
    await notice.waitFor();
    expect(await notice.getAttribute('data-urgency')).toBe('soon');
    expect(await notice.getAttribute('role')).toBe('alert');
    expect(await notice.innerText()).toContain('还剩 2 天');
    if (await panel.locator('button[data-action=eml]').isEnabled()) {
      const got = panel.waitForEvent('download');
      await panel.click('button[data-action=eml]');
      expect((await got).suggestedFilename()).toBe(`《${SOON_TITLE}》修改意见.eml`);
      expect(await panel.locator('[data-testid=export-late-confirm]').count()).toBe(0);
    }
    await panel.close();
    await soon.close();
  });

  test('copy as rich text puts HTML and plain text on the clipboard (pasted into a page as a person would)', async () => {
    const panel = await openExport();
    await panel.click('button[data-action=copy-rich]');
    await panel.click('[data-testid=export-late-ok]');
    await expect.poll(() => panel.locator('[data-testid=export-status]').innerText()).toContain('已复制意见函(富文本和纯文本)');

    server.route('/paste.html', '<html><body><div id="box" contenteditable="true">&nbsp;</div></body></html>');
    const target = await browser.context.newPage();
    await target.goto(`http://127.0.0.1:${server.port}/paste.html`);
    type Paste = { html: string; text: string };
    await target.evaluate(() => {
      const w = window as unknown as { pastes: Paste[] };
      w.pastes = [];
      document.addEventListener('paste', (e) => void w.pastes.push({ html: e.clipboardData!.getData('text/html'), text: e.clipboardData!.getData('text/plain') }));
    });
    const paste = async (n: number): Promise<Paste> => {
      await target.bringToFront();
      await target.click('#box');
      await target.keyboard.press('Control+V');
      await expect.poll(() => target.evaluate(() => (window as unknown as { pastes: Paste[] }).pastes.length)).toBe(n);
      return target.evaluate((i) => (window as unknown as { pastes: Paste[] }).pastes[i]!, n - 1);
    };
    const rich = await paste(1);
    expect(rich.html).toContain('<strong>修改意见：</strong>');
    expect(rich.text).toContain('关于《济南市数字经济促进条例(征求意见稿)》的修改意见');
    expect(rich.text).toContain(QUESTION6);

    await panel.bringToFront();
    await panel.click('button[data-action=copy-md]');
    await expect.poll(() => panel.locator('[data-testid=export-status]').innerText()).toContain('Markdown');
    const md = await paste(2);
    expect(md.html).toBe('');
    expect(md.text).toContain('# 关于《济南市数字经济促进条例(征求意见稿)》的修改意见');
    await target.close();
    await panel.close();
  });

  test('the website’s own form: its address, each note ready to paste, the letter in parts within the limit', async () => {
    const panel = await openExport();
    await panel.click('[data-testid=site-form] summary');
    expect(await panel.locator('[data-testid=site-form-address] a').getAttribute('href')).toBe(outline.channels.web);
    const notes = await panel.locator('[data-testid=site-form-notes] pre').allInnerTexts();
    expect(notes).toHaveLength(3);
    expect(notes[0]).toBe(`条款：第三条\n修改意见：${ARTICLE3}。\n理由：${REASON3}`);
    expect(notes[1]).toBe(`条款：第六条\n修改意见：对上述内容有疑问：${QUESTION6}`);
    for (const n of notes) expect(n).not.toContain('原文');

    const parts = async () => {
      const texts = await panel.locator('[data-testid=site-form-parts] pre').allInnerTexts();
      return texts.map((text) => ({ text, length: [...text].length }));
    };
    // 500 by default: the three-note letter fits in one part, unnumbered
    const whole = await parts();
    expect(whole).toHaveLength(1);
    expect(whole[0]!.length).toBeLessThanOrEqual(500);
    expect(whole[0]!.text).toMatch(/^关于《济南市数字经济促进条例\(征求意见稿\)》的修改意见/);
    // the reviewer's own limit: numbered parts that each fit, the letter whole across them
    await panel.check('input[name=site-form-limit][value=custom]');
    await panel.fill('[data-testid=site-form-custom]', '150');
    await expect.poll(async () => (await parts()).length).toBeGreaterThan(2);
    const small = await parts();
    small.forEach((p, i) => {
      expect(p.length).toBeLessThanOrEqual(150);
      expect(p.text.startsWith(`（${i + 1}/${small.length}）`)).toBe(true);
    });
    const joined = small.map((p) => p.text.replace(/^（\d+\/\d+）/, '')).join('');
    expect(joined.replace(/\s+/g, '')).toBe(whole[0]!.text.replace(/\s+/g, ''));
    expect(await panel.locator('[data-testid=site-form-whole]').innerText()).toContain(`共 ${small.length} 段`);
    await panel.close();
  });

  test('too long for a mailto link: a new message with To and Subject, the letter copied as rich text', async () => {
    const panel = await openExport();
    const href = await panel.locator('[data-testid=export-mail-new-link]').getAttribute('href');
    const url = new URL(href!);
    expect(url.pathname).toBe(TO);
    expect(url.searchParams.get('subject')).toBe(SUBJECT);
    expect(url.searchParams.has('body')).toBe(false);
    // the hint beside the button offers the .eml as another way, never as the only one
    expect(await panel.locator('[data-testid=export-mailto-too-long]').innerText()).toContain('也可以下载 .eml 文件');
    await panel.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await panel.click('button[data-action=mail-new]');
    await panel.click('[data-testid=export-late-ok]');
    await expect.poll(() => panel.locator('[data-testid=export-status]').innerText()).toMatch(/已新建邮件.*已复制为富文本/);
    // what the reviewer pastes: the letter as rich text (its title and a note in HTML), with a plain-text twin
    const copied = await panel.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      return { types: item!.types, html: await (await item!.getType('text/html')).text(), text: await (await item!.getType('text/plain')).text() };
    });
    expect(copied.types).toEqual(expect.arrayContaining(['text/html', 'text/plain']));
    expect(copied.html).toMatch(/<h1[^>]*>[^<]*关于《济南市数字经济促进条例/);
    expect(copied.html).toContain(SHORT65);
    expect(copied.text).toContain(SHORT65);
    await panel.close();
  });

  test('no axe violations in the export tab, the popup and the options page', async () => {
    const panel = await openExport();
    await panel.check('input[name=export-scope][value=pick]');
    expect(await axeViolations(panel)).toEqual([]);
    await panel.close();
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
    await popup.waitForSelector('[data-testid=export-summary]');
    expect(await axeViolations(popup)).toEqual([]);
    await popup.close();
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.waitForSelector('#profile-name:not([disabled])');
    expect(await axeViolations(options)).toEqual([]);
    await options.close();
  });
});

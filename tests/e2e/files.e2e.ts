import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tabIdOf } from '../../scripts/lib/launch';
import { stampedCopy } from '../../scripts/lib/pdf-update';
import { waitForReader } from '../../scripts/lib/page';
import { SAMPLE, SAMPLE_URL } from '../../scripts/lib/server';
import type { Outline } from '../../regulation/types';
import { ask, noteOn, openSampleDraft, pageState, type DraftSession } from './lib/draft';

/**
 * Drafts published as files, in real Chromium: the sample notice's attachments (a LibreOffice PDF and .docx of
 * the draft, served as downfile.jsp?filename=… octet-stream like the real site) open from the button beside their
 * links in the file reader page, which runs the same reader: outline, notes on an article and on a passage,
 * highlights, reload, and the letter from the notice.
 */

const SUBJECT = '《济南市数字经济促进条例(征求意见稿)》修改意见';
const urnOf = (name: string) => `urn:sha256:${createHash('sha256').update(readFileSync(`tests/fixtures/files/${name}`)).digest('hex')}`;

let session: DraftSession;
let writer: Page;
let noticeDocument: string;

beforeAll(async () => {
  session = await openSampleDraft();
  writer = await session.writer();
  noticeDocument = (await pageState(writer, session.tabId)).documentId;
}, 60_000);

afterAll(async () => {
  await session?.close();
});

/** Clicks the "open in the reviewer" button beside the attachment link `n` of `page` (a real, trusted click). */
async function clickFileButton(n: number, page: Page): Promise<void> {
  const button = page.locator('.fujian a').nth(n).locator('xpath=following-sibling::*[1][self::regdraft-file]');
  await button.waitFor();
  await button.scrollIntoViewIfNeeded();
  const box = (await button.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** Opens the attachment link `n` of `page` from its button, and waits for the file reader page to have read it. */
async function openAttachment(n: number, page = session.page): Promise<Page> {
  const opened = session.browser.context.waitForEvent('page', (p) => p.url().includes('/reader.html'));
  await clickFileButton(n, page);
  const reader = await opened;
  await reader.waitForURL(/reader\.html\?file=[0-9a-f]{64}$/);
  await waitForReader(reader, 30_000);
  return reader;
}

/** The highlighted text in the reader page, joined. */
const marks = (p: Page) => p.evaluate(() => [...document.querySelectorAll('#doc mark')].map((m) => m.textContent).join(''));

describe.each([
  ['.pdf', 2, 'jinan-draft.pdf', '第三条', '第六条', '口岸物流等部门'],
  ['.docx', 0, 'jinan-draft.docx', '第十条', '第十一条', '通信网络基础设施、算力基础设施'],
])('a %s attachment of the sample notice', (suffix, link, fixture, articleLabel, passageLabel, quote) => {
  let reader: Page;
  let readerTab: number;
  let outline: Outline;

  test('opens from the button beside its link, with the 65 articles and 9 chapters, linked to the notice', async () => {
    reader = await openAttachment(link);
    readerTab = await tabIdOf(session.browser, urnOf(fixture));
    expect(readerTab).toBeGreaterThan(0);
    const state = await pageState(writer, readerTab);
    outline = state.outline;
    expect(outline.articles).toHaveLength(65);
    expect(outline.chapters).toHaveLength(9);
    expect(outline.articles[0]!.text).toMatch(/^为了促进数字经济高质量发展/);
    // the file's document is the notice's: the letter takes the notice's channels and the file's articles
    expect(state.documentId).toBe(noticeDocument);
  }, 60_000);

  test('a note on an article and on a passage: the passage is highlighted in the file; after a reload both are back', async () => {
    await ask(writer, { type: 'note:save', note: noteOn(outline, noticeDocument, articleLabel, { suggestion: `${suffix} 文件中的条文意见` }) });
    await ask(writer, { type: 'note:save', note: noteOn(outline, noticeDocument, passageLabel, { quote, stance: 'question', suggestion: `${suffix} 段落疑问` }) });
    await expect.poll(() => marks(reader), { timeout: 10_000 }).toContain(quote);
    await reader.reload();
    await waitForReader(reader, 30_000);
    await expect.poll(() => marks(reader), { timeout: 10_000 }).toContain(quote);
    const notes = await ask<Array<{ suggestion: string; article: { label: string } }>>(writer, { type: 'notes:list', documentId: noticeDocument });
    expect(notes.filter((n) => n.suggestion.startsWith(suffix)).map((n) => n.article.label).sort()).toEqual([articleLabel, passageLabel].sort());
  }, 60_000);
});

test('the letter from the notice holds the notes made in both files, under the notice\'s subject', async () => {
  const panel = await session.browser.context.newPage();
  await panel.goto(`chrome-extension://${session.browser.extensionId}/sidepanel.html?tab=${session.tabId}&view=export`);
  await panel.waitForSelector('[data-testid=export-summary]');
  expect(await panel.locator('[data-testid=export-subject]').innerText()).toBe(SUBJECT);
  expect(await panel.locator('[data-testid=export-summary]').innerText()).toContain('共 4 条笔记');
  await panel.close();
  expect(session.page.url()).toBe(SAMPLE_URL);
}, 60_000);

test('the side panel\'s backup tab shows the files kept; a file on a host not granted asks for that host alone', async () => {
  const { context, extensionId } = session.browser;
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${session.tabId}&view=backup`);
  await expect.poll(() => panel.locator('[data-testid=files-usage]').innerText()).toContain('已保存 2 个文件');
  expect(await panel.locator('[data-testid=files-usage] a[data-testid=open-file]').getAttribute('href')).toBe(`chrome-extension://${extensionId}/reader.html`);
  await panel.close();

  // a file at an address the extension may not fetch yet (what the popup offers on a tab showing a PDF, and a notice's
  // link to another host): the reader page asks for that host alone before fetching
  const reader = await context.newPage();
  const q = new URLSearchParams({ src: 'http://www.jinan.gov.cn/files/jinan-draft.pdf', name: 'jinan-draft.pdf' });
  await reader.goto(`chrome-extension://${extensionId}/reader.html?${q}`);
  await reader.waitForSelector('.message button.primary');
  expect(await reader.locator('.message').innerText()).toContain('允许审阅助手访问 www.jinan.gov.cn(只此一个网站)');
  expect(await reader.locator('.message button.primary').innerText()).toBe('允许访问 www.jinan.gov.cn 并打开');
  await reader.close();
}, 90_000);

test('a later version of the file (other bytes, the same link) opens with the notes made on the first, re-anchored', async () => {
  // the .docx with 第十条 reworded: what a site publishes when it replaces an attachment with a revised draft
  const files = unzipSync(readFileSync('tests/fixtures/files/jinan-draft.docx'));
  const xml = strFromU8(files['word/document.xml']!);
  const CHANGED = '积极探索数字经济高质量发展新路径';
  expect(xml).toContain('探索数字经济高质量发展新路径');
  files['word/document.xml'] = strToU8(xml.replace('探索数字经济高质量发展新路径', CHANGED));
  const revised = Buffer.from(zipSync(files));
  session.server.replaceFile('jinan-draft.docx', revised);
  const urn = `urn:sha256:${createHash('sha256').update(revised).digest('hex')}`;
  expect(urn).not.toBe(urnOf('jinan-draft.docx'));

  const reader = await openAttachment(0);
  const state = await pageState(writer, await tabIdOf(session.browser, urn));
  // the new bytes were read (the reworded article), as the notice's document, whose notes follow
  expect(state.outline.articles.find((a) => a.label === '第十条')!.text).toContain(CHANGED);
  expect(state.documentId).toBe(noticeDocument);
  // the passage note made on the first version is highlighted in the second
  await expect.poll(() => marks(reader), { timeout: 10_000 }).toContain('通信网络基础设施、算力基础设施');
  await reader.close();
}, 90_000);

test("a copy of the PDF with other bytes but the PDF's own identifier, opened from the disk, shows the notes made on the notice's PDF; a PDF of another identifier does not", async () => {
  const { context, extensionId } = session.browser;
  const openFromDisk = async (name: string, buffer: Buffer): Promise<Page> => {
    const reader = await context.newPage();
    await reader.goto(`chrome-extension://${extensionId}/reader.html`);
    await reader.locator('input[type=file]').first().setInputFiles({ name, mimeType: 'application/pdf', buffer });
    await reader.waitForURL(/reader\.html\?file=[0-9a-f]{64}$/);
    await waitForReader(reader, 30_000);
    return reader;
  };
  // as a mirror or a re-save leaves it: an incremental update appended, the first /ID kept
  const copy = Buffer.from(stampedCopy(new Uint8Array(readFileSync('tests/fixtures/files/jinan-draft.pdf')), 'a mirror'));
  const urn = `urn:sha256:${createHash('sha256').update(copy).digest('hex')}`;
  expect(urn).not.toBe(urnOf('jinan-draft.pdf'));
  const reader = await openFromDisk('镜像-jinan-draft.pdf', copy);
  const state = await pageState(writer, await tabIdOf(session.browser, urn));
  expect(state.outline.articles).toHaveLength(65);
  expect(state.documentId).toBe(noticeDocument);
  await expect.poll(() => marks(reader), { timeout: 10_000 }).toContain('口岸物流等部门');
  await reader.close();

  // the Taiwan table draft has an identifier of its own: it opens as its own document, without those notes
  const other = await openFromDisk('tw-table-draft.pdf', readFileSync('tests/fixtures/files/tw-table-draft.pdf'));
  const otherState = await pageState(writer, await tabIdOf(session.browser, urnOf('tw-table-draft.pdf')));
  expect(otherState.documentId).not.toBe(noticeDocument);
  expect(await marks(other)).toBe('');
  await other.close();
}, 90_000);

/** The sample notice served at /e2e/`name`.html with `links` as its list of attachments, opened and read. */
async function noticeWith(name: string, links: string): Promise<Page> {
  session.server.route(`/e2e/${name}.html`, SAMPLE.replace(/<div class="fujian">[\s\S]*?<\/div>/, `<div class="fujian">${links}</div>`));
  const page = await session.browser.context.newPage();
  await page.goto(`http://www.jinan.gov.cn/e2e/${name}.html`);
  await waitForReader(page);
  return page;
}

/** For each attachment link of `page`, whether its button stands beside it. */
const withButtons = (page: Page) => page.evaluate(() => [...document.querySelectorAll('.fujian a')].map((a) => a.nextElementSibling?.localName === 'regdraft-file'));

/** Opens the first attachment of `page` from its button: read as the sample's PDF (its 65 articles). Closes both pages. */
async function opensSamplePdf(page: Page): Promise<void> {
  const reader = await openAttachment(0, page);
  const state = await pageState(writer, await tabIdOf(session.browser, urnOf('jinan-draft.pdf')));
  expect(state.outline.articles).toHaveLength(65);
  await reader.close();
  await page.close();
}

/** The text shown in the closed shadow roots of the page's "open in the reviewer" buttons (read through DevTools). */
async function fileButtonTexts(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  type Node = { nodeName: string; nodeType: number; nodeValue?: string; children?: Node[]; shadowRoots?: Node[] };
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: Node };
  await cdp.detach();
  const text = (n: Node): string =>
    n.nodeName === 'STYLE' ? '' : (n.nodeType === 3 && n.nodeValue ? n.nodeValue : '') + [...(n.shadowRoots ?? []), ...(n.children ?? [])].map(text).join('');
  const hosts: Node[] = [];
  const walk = (n: Node) => {
    if (n.nodeName === 'REGDRAFT-FILE') hosts.push(n);
    for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) walk(c);
  };
  walk(root);
  return hosts.map(text);
}

test('a server that refuses HEAD (405) is asked with GET: the extensionless link still gets its button and opens', async () => {
  const page = await noticeWith('no-head', '<a href="/attach/down.aspx?id=7">附件:征求意见稿全文</a>');
  await expect.poll(() => withButtons(page), { timeout: 10_000 }).toEqual([true]);
  await opensSamplePdf(page);
}, 90_000);

test('an attachment the site no longer serves: the button says so beside it, in words, with the status', async () => {
  const page = await noticeWith('gone', '<a href="/module/download/downfile.jsp?classid=0&filename=gone.pdf">附件:征求意见稿.pdf</a>');
  await expect.poll(() => withButtons(page), { timeout: 10_000 }).toEqual([true]);
  expect(await fileButtonTexts(page)).toEqual(['用审阅助手打开']);
  await clickFileButton(0, page);
  await expect.poll(() => fileButtonTexts(page), { timeout: 10_000 }).toEqual([
    '用审阅助手打开未能下载“附件:征求意见稿.pdf”(状态 404)。请在网站上下载后,用“选择文件”打开。',
  ]);
  await page.close();
}, 60_000);

test('a link that names no file type (getfile.jsp?id=7, 附件) gets the button once its HEAD answer names a PDF; a 下载 link to a page does not; a link added later gets one', async () => {
  // the notice as a CMS that serves attachments by number: only the answer's Content-Disposition says .pdf
  const page = await noticeWith('by-number', '<a href="/module/download/getfile.jsp?id=7">附件:征求意见稿全文</a><a href="/xxgk/index.html">下载专区</a>');
  await expect.poll(() => withButtons(page), { timeout: 10_000 }).toEqual([true, false]);
  // a link the page's script adds after load (a list of attachments loaded later) gets its button too
  await page.evaluate(() => {
    const a = document.createElement('a');
    a.href = '/module/download/downfile.jsp?classid=0&filename=2402181030001.docx';
    a.textContent = '附件2:征求意见稿.docx';
    document.querySelector('.fujian')!.append(a);
  });
  await expect.poll(() => withButtons(page), { timeout: 10_000 }).toEqual([true, false, true]);
  // it opens the file, read as the PDF it is, with the notes of the notice's document
  await opensSamplePdf(page);
}, 90_000);

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tabIdOf } from '../../scripts/lib/launch';
import { waitForReader } from '../../scripts/lib/page';
import { ENCRYPTED_PASSWORD, minimalOfd } from '../../scripts/make-file-fixtures';
import { ask, openSampleDraft, pageState, type DraftSession } from './lib/draft';
import { ShadowProbe } from './lib/shadow';

/**
 * The file reader page's own controls, in real Chromium, on files the reviewer has on disk (issue 13 §1-2): a PDF
 * that needs its password, a scan without text (it still takes general comments), formats that cannot be read
 * here (.doc, .ofd), zoom and find in a PDF, and a file dropped on the page (by the reviewer, not by a page script).
 */

const FIXTURES = resolve('tests/fixtures/files');
const fixture = (name: string) => readFileSync(`${FIXTURES}/${name}`);
const urnOf = (bytes: Buffer) => `urn:sha256:${createHash('sha256').update(bytes).digest('hex')}`;

let session: DraftSession;
let writer: Page;

beforeAll(async () => {
  session = await openSampleDraft();
  writer = await session.writer();
}, 60_000);

afterAll(async () => {
  await session?.close();
});

/** The reader page with nothing open, as the popup's and the side panel's "open a file" links open it. */
async function emptyReader(): Promise<Page> {
  const reader = await session.browser.context.newPage();
  await reader.goto(`chrome-extension://${session.browser.extensionId}/reader.html`);
  await reader.locator('input[type=file]').first().waitFor({ state: 'attached' });
  return reader;
}

/** Picks `name` in the reader page's file picker, as the reviewer does. */
async function pick(reader: Page, name: string, buffer: Buffer): Promise<void> {
  await reader.locator('input[type=file]').first().setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
}

/** The empty reader page with `name` picked in it, once the page has moved on to the file kept (?file=…). */
async function opened(name: string, buffer: Buffer): Promise<Page> {
  const reader = await emptyReader();
  await pick(reader, name, buffer);
  await reader.waitForURL(/reader\.html\?file=[0-9a-f]{64}$/);
  return reader;
}

describe('the file reader page', () => {
  test('a PDF with a password: asked for in the page, a wrong one said so, the right one opens it and the reader reads it', async () => {
    const bytes = fixture('encrypted-draft.pdf');
    const reader = await opened('加密草案.pdf', bytes);
    const form = reader.locator('form.password');
    await form.waitFor();
    expect(await form.locator('label').innerText()).toContain('“加密草案.pdf”受密码保护,请输入打开密码');
    // the field has the focus, in the extension's page (never a prompt())
    expect(await reader.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('password');
    await reader.keyboard.type('wrong');
    await reader.keyboard.press('Enter');
    await expect.poll(() => form.locator('label').innerText()).toContain('密码不正确,请重新输入“加密草案.pdf”的密码');
    await reader.keyboard.type(ENCRYPTED_PASSWORD);
    await form.locator('button[type=submit]').click();
    await waitForReader(reader, 30_000);
    const state = await pageState(writer, await tabIdOf(session.browser, urnOf(bytes)));
    expect(state.outline.articles.map((a) => a.label)).toEqual(['第一条', '第二条', '第三条', '第四条', '第五条', '第六条', '第七条', '第八条']);
    await reader.close();
  }, 90_000);

  test('a scan says it has no readable text (no OCR), and takes a general comment in the side panel', async () => {
    const bytes = fixture('scanned-draft.pdf');
    const reader = await opened('扫描件.pdf', bytes);
    await waitForReader(reader, 30_000);
    expect(await reader.locator('#doc .notice').innerText()).toContain('这个 PDF 没有可读取的文字');
    expect(await reader.locator('#doc canvas').count()).toBeGreaterThan(0); // the pages are still shown
    const tab = await tabIdOf(session.browser, urnOf(bytes));
    const state = await pageState(writer, tab);
    expect(state.outline.articles).toEqual([]);

    const panel = await session.browser.context.newPage();
    await panel.goto(`chrome-extension://${session.browser.extensionId}/sidepanel.html?tab=${tab}&view=comments`);
    await panel.locator('button.add-comment').click();
    const box = panel.locator('li.comment textarea').first();
    await box.waitFor();
    await box.pressSequentially('扫描件无法逐条审阅,建议另行公布文字版。');
    await expect.poll(() => panel.locator('li.comment [data-testid=save-state]').first().getAttribute('class'), { timeout: 10_000 }).toContain('state-saved');
    // stored with the scan's document (read straight from the extension's database)
    const comments = await writer.evaluate(
      (id) =>
        new Promise<string[]>((ok, fail) => {
          const open = indexedDB.open('regdraft-review');
          open.onerror = () => fail(open.error);
          open.onsuccess = () => {
            const all = open.result.transaction('comments').objectStore('comments').getAll();
            all.onsuccess = () => ok((all.result as Array<{ documentId: string; text: string }>).filter((c) => c.documentId === id).map((c) => c.text));
            all.onerror = () => fail(all.error);
          };
        }),
      state.documentId,
    );
    expect(comments).toEqual(['扫描件无法逐条审阅,建议另行公布文字版。']);
    await panel.close();
    await reader.close();
  }, 90_000);

  test('a .doc and an .ofd: the page says the format cannot be read here and what to do (for OFD, an OFD reader)', async () => {
    const reader = await emptyReader();
    await pick(reader, '草案.doc', fixture('jinan-draft.doc'));
    await expect.poll(() => reader.locator('.message').innerText()).toContain('“草案.doc”是Word 97-2003 文档(.doc),审阅助手无法在浏览器中读取这种格式。请用 WPS、Word 或 LibreOffice 打开它');
    // the picker stays, for the file saved as .docx or PDF
    expect(await reader.locator('.message + .picker input[type=file]').count()).toBe(1);
    const ofd = Buffer.from(minimalOfd());
    await pick(reader, '草案.ofd', ofd);
    await expect.poll(() => reader.locator('.message').innerText()).toContain('“草案.ofd”是 OFD 版式文档');
    const text = await reader.locator('.message').innerText();
    expect(text).toContain('请用 OFD 阅读器');
    expect(text).not.toContain('请用 WPS、Word 或 LibreOffice 打开它');
    expect(reader.url()).toMatch(/reader\.html$/); // nothing kept
    await reader.close();
  }, 60_000);

  test('zoom and find in a PDF: + and − scale the pages, find selects the text it finds and says when there is none', async () => {
    const reader = await opened('jinan-draft.pdf', fixture('jinan-draft.pdf'));
    await waitForReader(reader, 30_000);
    const width = () => reader.locator('#doc .page').first().evaluate((p) => p.getBoundingClientRect().width);
    const before = await width();
    await reader.getByRole('button', { name: '放大' }).click();
    await reader.getByRole('button', { name: '放大' }).click();
    expect(await reader.locator('#bar output.zoom').innerText()).toBe('120%');
    await expect.poll(width).toBeGreaterThan(before * 1.15);
    await reader.getByRole('button', { name: '缩小' }).click();
    expect(await reader.locator('#bar output.zoom').innerText()).toBe('110%');

    const find = reader.getByRole('searchbox', { name: '查找(回车)' });
    await find.fill('口岸物流');
    await find.press('Enter');
    await expect.poll(() => reader.evaluate(() => String(getSelection()))).toBe('口岸物流');
    // in the file's text, not in the find box (the browser's own window.find found it there first)
    expect(await reader.evaluate(() => !!getSelection()!.anchorNode?.parentElement?.closest('#doc .text-layer'))).toBe(true);
    await find.press('Enter');
    await expect.poll(() => reader.evaluate(() => String(getSelection()))).toBe('口岸物流');
    await find.fill('这句话不在草案中');
    await find.press('Enter');
    expect(await find.evaluate((i: HTMLInputElement) => i.validationMessage)).toBe('未找到');
    await reader.close();
  }, 90_000);

  test('drag and drop: a drop a page script makes opens nothing; a file the reviewer drops opens', async () => {
    const reader = await emptyReader();
    // a synthetic drop (isTrusted false), with a real file in it
    await reader.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'synthetic.pdf', { type: 'application/pdf' }));
      document.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      await new Promise((r) => setTimeout(r, 500));
    }, fixture('tw-table-draft.docx').toString('base64'));
    expect(reader.url()).toMatch(/reader\.html$/);

    // the reviewer's drop, through the browser's input pipeline (trusted): a file from the disk
    const cdp = await session.browser.context.newCDPSession(reader);
    const data = { items: [], files: [`${FIXTURES}/tw-table-draft.docx`], dragOperationsMask: 1 };
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, x: 200, y: 200, data });
    await reader.waitForURL(/reader\.html\?file=[0-9a-f]{64}$/);
    await waitForReader(reader, 30_000);
    // (a draft of another title: the sample's would first ask whether it is the draft reviewed on the site)
    const state = await pageState(writer, await tabIdOf(session.browser, urnOf(fixture('tw-table-draft.docx'))));
    expect(state.outline.articles.map((a) => a.label)).toContain('第一條');
    await reader.close();
  }, 90_000);
});

describe('notes made in the reader page itself', () => {
  test('a passage selected in a PDF\'s text layer: "＋ 笔记" by the selection, typed in the editor, saved and highlighted in the file', async () => {
    const bytes = fixture('renumbered-v2.pdf');
    const reader = await opened('renumbered-v2.pdf', bytes);
    await waitForReader(reader, 30_000);
    const state = await pageState(writer, await tabIdOf(session.browser, urnOf(bytes)));
    expect(state.outline.articles).toHaveLength(9);
    // the reviewer's selection of a phrase of 第五条 in the text layer
    const quote = await reader.evaluate(() => {
      const span = [...document.querySelectorAll('#doc .text-layer span')].find((s) => s.textContent!.includes('公共数据管理的相关工作'))!;
      const text = span.firstChild as Text;
      const at = text.data.indexOf('公共数据管理');
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + '公共数据管理'.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      return range.toString();
    });
    const probe = await ShadowProbe.open(reader);
    await probe.clickAttr('data-action', 'selection-note');
    await expect.poll(() => probe.text()).toContain(quote);
    await probe.editorFocused();
    await probe.typeInEditor('建议写明区人民政府的具体职责。');
    await expect.poll(() => probe.text(), { timeout: 5000 }).toContain('已保存');
    await probe.pressInEditor('Escape');
    await expect.poll(() => reader.evaluate(() => [...document.querySelectorAll('#doc mark')].map((m) => m.textContent).join(''))).toBe(quote);
    const notes = await ask<Array<{ suggestion: string; article: { label: string }; passage?: { exact: string } | null }>>(writer, { type: 'notes:list', documentId: state.documentId });
    expect(notes.map((n) => [n.article.label, n.passage?.exact, n.suggestion])).toEqual([['第五条', quote, '建议写明区人民政府的具体职责。']]);
    await reader.close();
  }, 90_000);
});

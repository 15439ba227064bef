/// <reference types="chrome" />
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tabIdOf, type ExtensionBrowser } from '../../scripts/lib/launch';
import { waitForReader } from '../../scripts/lib/page';
import type { Outline } from '../../regulation/types';
import { ask as askFrom, noteOn, openSampleDraft, pageState, type DraftSession } from './lib/draft';
import { attr, collectText, ShadowProbe } from './lib/shadow';
import { openVersionsPanel, storedText } from './lib/versions';

/**
 * Two versions of a draft published as files, in real Chromium (fixtures by scripts/make-file-fixtures.ts
 * --renumbered): the first a .docx, the second a PDF in a non-embedded font, read only with the CMaps the
 * extension ships. The second inserts 第五条, so the old 第五条 to 第八条 become 第六条 to 第九条, and rewords the
 * old 第七条. Both opened from the reviewer's disk in the reader page; the reviewer links them from the side
 * panel; the alignment pairs each old article with its renumbered one, the PDF marks only the added and the
 * changed article, and the notes made on the .docx take their fates and are carried to the new numbers.
 */

const V1 = 'renumbered-v1.docx';
const V2 = 'renumbered-v2.pdf';
const bytes = (name: string) => readFileSync(`tests/fixtures/files/${name}`);
const urnOf = (name: string) => `urn:sha256:${createHash('sha256').update(bytes(name)).digest('hex')}`;

let session: DraftSession;
let browser: ExtensionBrowser;
let writer: Page;
let first: { tab: number; id: string; outline: Outline };
let second: { tab: number; id: string; outline: Outline; page: Page };

const ask = <T,>(m: unknown) => askFrom<T>(writer, m);

/** Opens `name` from the disk in the reader page, as the reviewer does with its file picker. */
async function openFromDisk(name: string): Promise<Page> {
  const reader = await browser.context.newPage();
  await reader.goto(`chrome-extension://${browser.extensionId}/reader.html`);
  const mimeType = name.endsWith('.pdf') ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  await reader.locator('input[type=file]').first().setInputFiles({ name, mimeType, buffer: bytes(name) });
  await reader.waitForURL(/reader\.html\?file=[0-9a-f]{64}$/);
  await waitForReader(reader, 30_000);
  return reader;
}

beforeAll(async () => {
  session = await openSampleDraft();
  browser = session.browser;
  writer = await session.writer();

  await openFromDisk(V1);
  const tab1 = await tabIdOf(browser, urnOf(V1));
  const s1 = await pageState(writer, tab1);
  first = { tab: tab1, id: s1.documentId, outline: s1.outline };
  const save = (label: string, over: Record<string, unknown>) => ask({ type: 'note:save', note: noteOn(first.outline, first.id, label, over) });
  await save('第三条', { stance: 'question', suggestion: '协调机制由哪个部门牵头？' });
  await save('第五条', { suggestion: '建议明确“一数一源”的含义' });
  await save('第七条', { quote: '落实安全保护责任', stance: 'add', suggestion: '建议增加“定期开展风险评估”' });
  // the side panel on the first version keeps its text, as for a page
  const panel = await openVersionsPanel(browser, tab1);
  for (let i = 0; i < 200 && (await storedText(writer, first.id)) !== 8; i++) await writer.waitForTimeout(50);
  if ((await storedText(writer, first.id)) !== 8) throw new Error('the first version\'s text was not stored');
  await panel.close();

  const page = await openFromDisk(V2);
  const tab2 = await tabIdOf(browser, urnOf(V2));
  const s2 = await pageState(writer, tab2);
  second = { tab: tab2, id: s2.documentId, outline: s2.outline, page };
}, 180_000);

afterAll(async () => {
  await session?.close();
});

describe('a draft file renumbered between versions, in Chromium', () => {
  test('the PDF in a non-embedded Chinese font is read (the CMaps ship with the extension): 9 articles, its own document', () => {
    expect(second.id).not.toBe(first.id);
    expect(first.outline.articles.map((a) => a.label)).toEqual(['第一条', '第二条', '第三条', '第四条', '第五条', '第六条', '第七条', '第八条']);
    expect(second.outline.title).toBe('济南市公共数据管理条例(草案修改稿)');
    expect(second.outline.articles).toHaveLength(9);
    expect(second.outline.articles[4]!.text).toBe('区人民政府应当做好本行政区域内公共数据管理的相关工作。');
    expect(second.outline.articles[5]!.text).toBe(first.outline.articles[4]!.text);
  });

  test('linked from the side panel: renumbered articles are paired, only the added and the changed one are marked', async () => {
    const panel = await openVersionsPanel(browser, second.tab);
    const offer = panel.locator('[data-testid=version-offer]');
    await offer.waitFor({ timeout: 15_000 });
    expect(await offer.innerText()).toContain('这是《济南市公共数据管理条例(征求意见稿)》的新版本吗？');
    await offer.getByRole('button', { name: '是，链接' }).click();
    const counts = panel.locator('[data-testid=version-counts]');
    await expect.poll(() => counts.innerText(), { timeout: 10_000 }).toBe('未改 7 条，修改 1 条，新增 1 条，删除 0 条；重新编号 4 条');
    // every old article paired with its new number: 第五条 is now 第六条, 第八条 is 第九条
    await panel.locator('[data-testid=version-filter]').selectOption('all');
    const rows = panel.locator('[data-testid=version-rows] li');
    expect(await rows.count()).toBe(9);
    const heads = await rows.locator('.row-head').allInnerTexts();
    expect(heads.map((h) => /(\S+) → (\S+)/.exec(h)!.slice(1).join('→'))).toEqual([
      '第一条→第一条', '第二条→第二条', '第三条→第三条', '第四条→第四条', '—→第五条', '第五条→第六条', '第六条→第七条', '第七条→第八条', '第八条→第九条',
    ]);
    expect(heads.filter((h) => h.includes('（条号已变）'))).toHaveLength(4);
    await panel.locator('[data-testid=version-filter]').selectOption('edits');
    expect(await rows.count()).toBe(2);
    expect((await rows.nth(1).locator('ins').allInnerTexts()).join('')).toContain('定期开展风险评估');

    // the PDF's page marks the added 第五条 and the changed 第八条, not the four merely renumbered
    const probe = await ShadowProbe.open(second.page);
    const marks = async () => (await probe.findAll((n) => attr(n, 'data-vmark') !== undefined)).map((n) => `${attr(n, 'data-vmark')}:${collectText(n)}`);
    await expect.poll(marks, { timeout: 10_000 }).toEqual(['第五条:新增', '第八条:已修改']);
    await panel.close();
  }, 60_000);

  test('the notes made on the .docx get their fates and are carried to the new numbers in the PDF', async () => {
    const panel = await openVersionsPanel(browser, second.tab);
    const summary = panel.locator('[data-testid=fate-summary]');
    await expect.poll(() => summary.innerText(), { timeout: 10_000 }).toBe('您的 3 条意见：1 条已采纳，0 条已修改，2 条未修改，0 条已删除');
    const fates = await panel.locator('[data-testid=fates] li').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-fate')));
    expect(fates.sort()).toEqual(['adopted', 'unchanged', 'unchanged']);

    await panel.locator('[data-testid=carry]').click();
    await expect.poll(async () => (await ask<unknown[]>({ type: 'notes:list', documentId: second.id })).length, { timeout: 10_000 }).toBe(3);
    const carried = await ask<Array<{ article: { label: string; excerpt: string }; passage: { exact: string } | null; tags: string[] }>>({ type: 'notes:list', documentId: second.id });
    // 第五条's note now on 第六条, 第七条's passage note on 第八条, 第三条's where it was
    expect(carried.map((n) => n.article.label).sort()).toEqual(['第三条', '第六条', '第八条'].sort());
    expect(carried.every((n) => n.tags.includes('上一稿意见'))).toBe(true);
    const passage = carried.find((n) => n.article.label === '第八条')!;
    expect(passage.article.excerpt).toContain('定期开展风险评估');
    expect(passage.passage?.exact).toBe('落实安全保护责任');
    // the carried passage is highlighted in the PDF's text layer
    await expect
      .poll(() => second.page.evaluate(() => [...document.querySelectorAll('#doc mark')].map((m) => m.textContent).join('')), { timeout: 10_000 })
      .toContain('落实安全保护责任');
    // the .docx keeps its own notes
    expect(await ask<unknown[]>({ type: 'notes:list', documentId: first.id })).toHaveLength(3);
    await panel.close();
  }, 60_000);
});

/// <reference types="chrome" />
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { parseNumeral, toChineseNumeral } from '../../regulation/numerals';
import { waitForReader } from '../../scripts/lib/page';
import { SAMPLE_PATH } from '../../scripts/lib/server';
import { ask, noteOn, openSampleDraft, pageState, type DraftSession } from './lib/draft';
import { ShadowProbe, type CdpNode } from './lib/shadow';

/**
 * A new draft at the same address: one article inserted after 第二条 (every later one renumbered) and the text
 * of 第二十条 replaced. Notes must follow their text: moved, and the one whose text is gone listed as unplaced.
 */
function renumberedDraft(): string {
  const html = readFileSync(resolve(import.meta.dirname, '../../sample/jinan-digital-economy-draft.html'), 'utf8');
  const renumbered = html.replace(/第([一二三四五六七八九十百]+)条/g, (label, numeral: string, at: number) => {
    const n = parseNumeral(numeral);
    // only labels that start a paragraph (after the tags of a <p>), not references inside the text
    const before = html.slice(Math.max(0, at - 120), at);
    if (n === null || n < 3 || !/<p[^>]*>(?:\s|<[^>]+>)*$/.test(before)) return label;
    return `第${toChineseNumeral(n + 1)}条`;
  });
  const inserted = renumbered.replace(
    /(<p[^>]*>第四条)/,
    '<p style="text-indent:2em;">第三条 本条为新一稿增加的条文，规定数据要素市场培育的基本要求。</p>\n$1',
  );
  return inserted.replace(/支持软件和信息服务产业发展。[^<]*/, '本条删去原有内容，改为规定算力基础设施的统筹布局与共享使用。');
}

let session: DraftSession;
let page: Page;
const server = () => session.server;

beforeAll(async () => {
  session = await openSampleDraft();
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

describe('a renumbered, edited draft at the same address (Chromium)', () => {
  test('notes follow their text: moved, highlighted again, and the one whose text is gone listed as unplaced', async () => {
    const writer = await session.writer();
    const { outline, documentId } = await pageState(writer, session.tabId);
    const tenth = outline.articles.find((a) => a.label === '第十条')!;
    const quoteAt = tenth.text.indexOf('数字');
    expect(quoteAt).toBeGreaterThanOrEqual(0);
    const quote = tenth.text.slice(quoteAt, quoteAt + 14);
    for (const note of [
      noteOn(outline, documentId, '第三条', { suggestion: '原则部分的意见' }),
      noteOn(outline, documentId, '第十条', { quote, suggestion: '针对一句话的意见' }),
      noteOn(outline, documentId, '第二十条', { suggestion: '软件产业的意见' }),
    ]) {
      await ask(writer, { type: 'note:save', note });
    }

    session.server.route(SAMPLE_PATH, renumberedDraft());
    await page.reload();
    await waitForReader(page);
    const probe = await ShadowProbe.open(page);
    const chips = async () => {
      const found: CdpNode[] = await probe.findAll((n) => (n.attributes ?? []).includes('data-chip'));
      return found.map((n) => n.attributes![n.attributes!.indexOf('data-chip') + 1]).sort();
    };
    // 第三条 is now 第四条, 第十条 is 第十一条; 第二十条's text is gone
    await expect.poll(chips).toEqual(['第十一条', '第四条']);
    const moved = await probe.findByAttr('data-chip', '第四条');
    expect(moved!.attributes!.join(' ')).toContain('条文已移动');
    const marks = await page.evaluate(() => [...document.querySelectorAll('mark')].map((m) => m.textContent).join(''));
    expect(marks).toBe(quote);
    expect(await page.evaluate(() => document.querySelector('mark')!.closest('p')!.textContent!.startsWith('第十一条'))).toBe(true);
    const text = await probe.text();
    expect(text).toContain('1 条笔记未能定位');
    expect(text).toContain('第二十条'); // listed with its old label, never attached to the new 第二十一条
  });

  test('two passages of one paragraph saved in quick succession are both highlighted', async () => {
    server().route(SAMPLE_PATH, readFileSync(resolve(import.meta.dirname, '../../sample/jinan-digital-economy-draft.html'), 'utf8'));
    await page.reload();
    await waitForReader(page);
    const writer = await session.writer();
    const { outline, documentId } = await pageState(writer, session.tabId);
    const text = outline.articles.find((a) => a.label === '第四条')!.text;
    const first = text.slice(2, 10);
    const second = text.slice(20, 30);
    // both writes land within the reader's 150 ms re-read of the block the first marks split
    await Promise.all([
      ask(writer, { type: 'note:save', note: noteOn(outline, documentId, '第四条', { quote: first, suggestion: '甲' }) }),
      ask(writer, { type: 'note:save', note: noteOn(outline, documentId, '第四条', { quote: second, suggestion: '乙' }) }),
    ]);
    const marked = () =>
      page.evaluate(() => {
        const p = [...document.querySelectorAll('#zoom p')].find((e) => e.textContent!.startsWith('第四条'))!;
        return [...p.querySelectorAll('mark')].map((m) => m.textContent).join('|');
      });
    await expect.poll(marked, { timeout: 3000 }).toBe(`${first}|${second}`);
  });
});

/// <reference types="chrome" />
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { tabIdOf } from '../../scripts/lib/launch';
import { waitForReader } from '../../scripts/lib/page';
import { SAMPLE_HOST } from '../../scripts/lib/server';
import { ask, noteOn, openSampleDraft, pageState, type DraftSession } from './lib/draft';
import { ShadowProbe } from './lib/shadow';

/**
 * Page data that is merely odd never blocks the reviewer (issue 9 §7), in real Chromium: a notice whose address
 * runs on for 2,500 characters (a page that lists every office without a comma) is read (the reader stops the
 * address at 160 characters; a notice sent with the whole run is stored cut with …), notes are saved, and the banner shows no error, let alone an internal code.
 */

const PATH = '/art/2024/2/18/art_1861_long_address.html';
const URL = `http://${SAMPLE_HOST}${PATH}`;
const RUN = '山东省济南市历下区龙鼎大道1号龙奥大厦东区南区北区'.repeat(100); // 2,500 characters, no , ; 。

let session: DraftSession;
let page: Page;
let writer: Page;

beforeAll(async () => {
  session = await openSampleDraft();
  const sample = readFileSync(resolve(import.meta.dirname, '../../sample/jinan-digital-economy-draft.html'), 'utf8');
  const html = sample
    .replaceAll('济南市数字经济促进条例', '济南市超长字段测试条例')
    .replace('寄至山东省济南市历下区龙鼎大道1号3层B323室', `寄至${RUN}`);
  if (!html.includes(RUN)) throw new Error('the sample no longer has the address sentence');
  session.server.route(PATH, html);
  page = await session.browser.context.newPage();
  await page.goto(URL);
  await waitForReader(page);
  writer = await session.writer();
});

afterAll(async () => {
  await session?.close();
});

describe('an odd page in Chromium', () => {
  test('a 2,500-character address is stopped by the reader and cut by storage, a note is saved, the banner shows no error', async () => {
    const tabId = await tabIdOf(session.browser, URL);
    const { outline, documentId } = await pageState(writer, tabId);
    // the reader stops a runaway address (160 characters at most); storage cuts whatever a page sends over its limit
    expect(outline.channels.address!.length, outline.channels.address!).toBeLessThanOrEqual(160);
    expect(RUN.startsWith(outline.channels.address!)).toBe(true);
    const saved = await ask<{ ok: boolean; note: { id: string } }>(writer, {
      type: 'note:save',
      note: noteOn(outline, documentId, '第三条', { suggestion: '长地址页面上写下的意见' }),
    });
    expect(saved.ok).toBe(true);
    const { document: stored } = await ask<{ document: { notice: { channels: { address: string } } } }>(writer, {
      type: 'doc:open', url: URL, title: outline.title, notice: { ...outline, channels: { ...outline.channels, address: RUN } },
    });
    expect(stored.notice.channels.address).toHaveLength(2_000);
    expect(stored.notice.channels.address.endsWith('…')).toBe(true);
    const probe = await ShadowProbe.open(page);
    await expect.poll(() => probe.text()).toMatch(/1 条笔记/);
    const text = await probe.text();
    expect(text).not.toMatch(/too-large|invalid|quota|无法读取笔记/);
  });
});

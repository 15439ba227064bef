/// <reference types="chrome" />
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { Outline } from '../../../regulation/types';
import { firefoxPath, FirefoxShadowProbe, launchFirefoxWithExtension, waitForReader, type FirefoxExtensionBrowser } from '../../../scripts/lib/firefox';
import { SAMPLE_HOST, SAMPLE_URL, startFixtureServer, type FixtureServer } from '../../../scripts/lib/server';
import { noteOn } from '../lib/draft';

/**
 * Issue 9 §5 and §7 in real headless Firefox (the MV2 build), on one browser: a backup whose notes differ from
 * today's overwrites nothing (both versions side by side in the backup view, the reviewer chooses per note), and
 * a page whose address runs 2,500 characters (stopped by the reader, cut by storage when sent whole) saves notes.
 */

const noFirefox = !firefoxPath();
const LONG_PATH = '/art/2024/2/18/art_1861_long_address_ff.html';
const LONG_URL = `http://${SAMPLE_HOST}${LONG_PATH}`;
const RUN = '山东省济南市历下区龙鼎大道1号龙奥大厦东区南区北区'.repeat(100);

let server: FixtureServer;
let ff: FirefoxExtensionBrowser;
const downloads = mkdtempSync(join(tmpdir(), 'regdraft-ff-storage-'));

type Stored = { id: string; article: { label: string }; suggestion: string; reason: string; revision: number };

/** Sends a notes request from an extension page; returns its value or throws when refused. */
async function ask<T>(message: unknown): Promise<T> {
  const reply = await ff.extensionEval(async (m) => {
    const b = (globalThis as unknown as { browser: typeof chrome }).browser;
    return (await b.runtime.sendMessage(m)) as { ok: boolean; value?: unknown };
  }, message);
  if (!reply.ok) throw new Error(`refused: ${JSON.stringify(reply)}`);
  return reply.value as T;
}

/** The page state of the tab showing `url`, once its reader opened the document (null id: never opened). */
async function stateOf(url: string): Promise<{ outline: Outline; documentId: string | null }> {
  const tabId = await ff.tabIdOf(url);
  for (let i = 0; i < 100; i++) {
    const s = await ff.extensionEval(async (id) => {
      const b = (globalThis as unknown as { browser: typeof chrome }).browser;
      return (await b.tabs.sendMessage(id, { type: 'outline:get' })) as { outline: Outline; documentId: string | null };
    }, tabId);
    if (s.documentId) return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the reader never opened its document');
}

/** Hands `text` to the backup view's file input as a chosen file (BiDi has no file chooser here). */
async function choose(panel: Page, text: string): Promise<void> {
  await panel.evaluate((t) => {
    const input = document.querySelector<HTMLInputElement>('[data-testid=backup-file]')!;
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'backup.json', { type: 'application/json' }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, text);
}

describe.skipIf(noFirefox)('backups and odd pages in Firefox', () => {
  beforeAll(async () => {
    server = await startFixtureServer();
    const sample = readFileSync(resolve(import.meta.dirname, '../../../sample/jinan-digital-economy-draft.html'), 'utf8');
    server.route(
      LONG_PATH,
      sample.replaceAll('济南市数字经济促进条例', '济南市超长字段测试条例').replace('寄至山东省济南市历下区龙鼎大道1号3层B323室', `寄至${RUN}`),
    );
    ff = await launchFirefoxWithExtension({ port: server.port, downloadDir: downloads });
    const page = await ff.firstPage();
    await page.goto(SAMPLE_URL);
    await waitForReader(page);
  });

  afterAll(async () => {
    await ff?.close();
    await server?.close();
    rmSync(downloads, { recursive: true, force: true });
  });

  test('an import whose notes differ shows both versions side by side and writes only what the reviewer chooses', async () => {
    const { outline, documentId } = await stateOf(SAMPLE_URL);
    const save = (label: string, suggestion: string) =>
      ask<{ ok: true; note: Stored }>({ type: 'note:save', note: noteOn(outline, documentId!, label, { suggestion }) });
    const a = (await save('第三条', '此浏览器中的第三条')).note;
    const b = (await save('第五条', '此浏览器中的第五条')).note;

    const panel = await ff.openExtensionPage('sidepanel.html?view=backup', 'button.export');
    await panel.click('button.export');
    const backup = JSON.parse((await ff.takeDownload()).bytes.toString('utf8')) as { notes: Stored[] };
    for (const n of backup.notes) {
      n.suggestion = n.id === a.id ? '文件中的第三条' : '文件中的第五条';
      n.revision += 50;
    }
    await choose(panel, JSON.stringify(backup));
    await panel.waitForSelector('li.import-conflict');
    expect(await panel.$eval('[data-testid=backup-status]', (e) => e.textContent)).toMatch(/两边文字不同 2 项/);
    expect((await ask<Stored[]>({ type: 'notes:list', documentId })).map((n) => n.suggestion).sort()).toEqual(['此浏览器中的第三条', '此浏览器中的第五条']);
    const sides = await panel.$eval(`li.import-conflict[data-id="${a.id}"]`, (li) =>
      [...li.querySelectorAll('figure')].map((f) => ({ side: f.dataset.side, text: f.textContent, x: f.getBoundingClientRect().x })),
    );
    expect(sides.map((s) => s.side)).toEqual(['mine', 'theirs']);
    expect(sides[0]!.text).toContain('此浏览器中的第三条');
    expect(sides[1]!.text).toContain('文件中的第三条');
    expect(sides[1]!.x).toBeGreaterThan(sides[0]!.x);

    await panel.click(`li.import-conflict[data-id="${a.id}"] button.take-theirs`);
    await panel.waitForSelector(`li.import-conflict[data-id="${a.id}"][data-state=done]`);
    await panel.click(`li.import-conflict[data-id="${b.id}"] button.keep-mine`);
    await panel.waitForSelector(`li.import-conflict[data-id="${b.id}"][data-state=done]`);
    const after = await ask<Stored[]>({ type: 'notes:list', documentId });
    expect(after.map((n) => n.suggestion).sort()).toEqual(['文件中的第三条', '此浏览器中的第五条']);
    await panel.close();
  });

  test('a 2,500-character address is stopped by the reader and cut by storage, a note is saved, the banner shows no error', async () => {
    const page = await ff.newPage();
    await page.goto(LONG_URL);
    await waitForReader(page);
    const { outline, documentId } = await stateOf(LONG_URL);
    // the reader stops a runaway address (160 characters at most); storage cuts whatever a page sends over its limit
    expect(outline.channels.address!.length).toBeLessThanOrEqual(160);
    const saved = await ask<{ ok: boolean }>({ type: 'note:save', note: noteOn(outline, documentId!, '第三条', { suggestion: '长地址页面上的意见' }) });
    expect(saved.ok).toBe(true);
    const { document: doc } = await ask<{ document: { notice: { channels: { address: string } } } }>({
      type: 'doc:open', url: LONG_URL, title: outline.title, notice: { ...outline, channels: { ...outline.channels, address: RUN } },
    });
    expect(doc.notice.channels.address).toHaveLength(2_000);
    expect(doc.notice.channels.address.endsWith('…')).toBe(true);
    const probe = await FirefoxShadowProbe.open(page);
    await expect.poll(() => probe.text(), { timeout: 5000 }).toMatch(/1 条笔记/);
    expect(await probe.text()).not.toMatch(/too-large|invalid|无法读取笔记/);
  });
});

/// <reference types="chrome" />
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Outline } from '../../../regulation/types';
import { firefoxPath, FirefoxShadowProbe, launchFirefoxWithExtension, waitForReader, type FirefoxExtensionBrowser } from '../../../scripts/lib/firefox';
import { SAMPLE_URL, startFixtureServer, type FixtureServer } from '../../../scripts/lib/server';
import { noteOn } from '../lib/draft';

/**
 * The reviewer in control, in real Firefox (the MV2 build), the twin of tests/e2e/control.e2e.ts: a site added on
 * the options page (the optional host permission granted through Firefox's own permission path: the pref
 * extensions.webextOptionalPermissionPrompts=false accepts the request that a real click makes, instead of showing
 * the doorhanger) is read on every load; a page there with the same 《title》 and its own email is asked about and
 * gets nothing until the reviewer says yes, and never changes the stored fields; a page of the same site gets the
 * notes on its own; an email corrected in the side panel is kept across a reload and the .eml goes to it; the site
 * removed on the options page is no longer read. One browser and profile, the tests in order.
 */

const noFirefox = !firefoxPath();

const MIRROR_HOST = 'www.mirror-site.com';
const MIRROR_URL = `http://${MIRROR_HOST}/copy/draft.html`;
const OTHER_URL = 'http://other.jinan.gov.cn/other/draft.html';
const TO = 'sgxjxxhyszjjc@jn.shandong.cn';
const MIRROR_EMAIL = 'collect@mirror-site.com';
const FIXED = 'yijian@jinan.gov.cn';
const NOTE = '建议写明“包容审慎”的具体含义';

let server: FixtureServer;
let ff: FirefoxExtensionBrowser;
const downloads = mkdtempSync(join(tmpdir(), 'regdraft-ff-control-'));
let page: Page;
let tabId: number;

type StoredDoc = { id: string; urls: string[]; notice: { channels: { email: string | null } }; corrections?: Record<string, string> };

const documents = (): Promise<StoredDoc[]> =>
  ff.extensionEval(
    () =>
      new Promise<StoredDoc[]>((ok, fail) => {
        const open = indexedDB.open('regdraft-review');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('documents').objectStore('documents').getAll();
          all.onsuccess = () => {
            ok(all.result as StoredDoc[]);
            open.result.close();
          };
        };
      }),
    null,
  );

/** Markers beside articles (in the closed shadow root) and highlights in the page. */
async function drawn(p: Page): Promise<{ chips: number; marks: number }> {
  const probe = await FirefoxShadowProbe.open(p);
  const chips = (await probe.findAll((n) => n.value?.attributes?.['data-chip'] !== undefined)).length;
  const marks = await p.evaluate(() => document.querySelectorAll('.regdraft-hl').length);
  return { chips, marks };
}

async function openTab(url: string): Promise<Page> {
  const p = await ff.newPage();
  await p.goto(url);
  await waitForReader(p);
  return p;
}

const state = (id: number) =>
  ff.extensionEval(
    (t) => (globalThis as unknown as { browser: typeof chrome }).browser.tabs.sendMessage(t, { type: 'outline:get' }) as Promise<{ documentId: string | null; outline: Outline }>,
    id,
  );

describe.skipIf(noFirefox)('the reviewer in control, in Firefox (skipped when firefox-esr is not installed)', () => {
  beforeAll(async () => {
    server = await startFixtureServer();
    const sample = readFileSync(join(import.meta.dirname, '../../../sample/jinan-digital-economy-draft.html'), 'utf8');
    server.route('/copy/draft.html', sample.replaceAll(TO, MIRROR_EMAIL));
    server.route('/other/draft.html', sample.replaceAll(TO, 'other@jinan.gov.cn'));
    ff = await launchFirefoxWithExtension({ port: server.port, downloadDir: downloads, prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
    page = await ff.firstPage();
    await page.goto(SAMPLE_URL);
    await waitForReader(page);
    tabId = await ff.tabIdOf(SAMPLE_URL);
    let s = await state(tabId);
    for (let i = 0; i < 100 && !s.documentId; i++) s = await state(tabId);
    const note = noteOn(s.outline, s.documentId!, '第三条', { quote: '包容审慎', suggestion: NOTE });
    await ff.extensionEval((n) => (globalThis as unknown as { browser: typeof chrome }).browser.runtime.sendMessage({ type: 'note:save', note: n }), note);
  }, 90_000);

  afterAll(async () => {
    await ff?.close();
    await server?.close();
    rmSync(downloads, { recursive: true, force: true });
  });

  test('a site added on the options page is granted for that host alone and registered', async () => {
    const options = await ff.openExtensionPage('options.html', '[data-testid=site-input]');
    await options.click('[data-testid=site-input]');
    await options.keyboard.type(MIRROR_HOST);
    await options.click('[data-testid=site-add]');
    await expect.poll(() => options.$eval('[data-testid=sites-status]', (e) => e.textContent ?? ''), { timeout: 5000 }).toContain(MIRROR_HOST);
    expect(await options.$$eval('[data-site]', (els) => els.map((e) => e.getAttribute('data-site')))).toEqual([MIRROR_HOST]);
    const origins = await ff.extensionEval(async () => (await (globalThis as unknown as { browser: typeof chrome }).browser.permissions.getAll()).origins, null);
    expect(origins).toContain(`*://${MIRROR_HOST}/*`);
    expect(origins).not.toContain('*://*/*');
    await expect
      .poll(() => ff.extensionEval(async () => (await (globalThis as unknown as { browser: typeof chrome }).browser.scripting.getRegisteredContentScripts()).map((r) => [r.matches, r.js]), null))
      .toEqual([[[`*://${MIRROR_HOST}/*`], ['content-loader.js']]]);
    await options.close();
  });

  test('the other site with the same title is read on load and asks; nothing drawn or stored; the stored email stays', async () => {
    const before = await documents();
    expect(before).toHaveLength(1);
    const mirror = await openTab(MIRROR_URL);
    const mirrorTab = await ff.tabIdOf(MIRROR_URL);
    const probe = await FirefoxShadowProbe.open(mirror);
    await expect.poll(() => probe.text()).toContain('这份文件与您在 www.jinan.gov.cn 审阅的《济南市数字经济促进条例(征求意见稿)》同名');
    await new Promise((ok) => setTimeout(ok, 300));
    expect(await drawn(mirror)).toEqual({ chips: 0, marks: 0 });
    expect(await probe.text()).not.toContain(NOTE);
    expect((await state(mirrorTab)).documentId).toBeNull();
    expect(await documents()).toEqual(before);

    // the same site (other.jinan.gov.cn): the notes follow on their own, its email changes nothing
    const other = await openTab(OTHER_URL);
    await expect.poll(async () => (await drawn(other)).chips).toBeGreaterThan(0);
    expect((await documents())[0]!.notice.channels.email).toBe(TO);
    await other.close();

    // yes: the notes show on the other site; the stored email is still the real notice's
    await probe.clickAttr('data-action', 'ask-link');
    await expect.poll(async () => (await drawn(mirror)).chips).toBeGreaterThan(0);
    expect((await drawn(mirror)).marks).toBeGreaterThan(0);
    const [doc] = await documents();
    expect(doc!.urls).toContain(MIRROR_URL.replace('http:', 'https:'));
    expect(doc!.notice.channels.email).toBe(TO);
    await mirror.close();
  });

  test('the email corrected in the side panel stays after a reload, is marked, and the .eml goes to it', async () => {
    let panel = await ff.openExtensionPage(`sidepanel.html?tab=${tabId}`, 'dd[data-field=email] button[data-action=correct]');
    await panel.click('dd[data-field=email] button[data-action=correct]');
    await panel.waitForSelector('dd[data-field=email] input');
    await panel.$eval('dd[data-field=email] input', (e) => (e as HTMLInputElement).select());
    await panel.keyboard.type(FIXED);
    await panel.keyboard.press('Enter');
    await panel.waitForSelector('dd[data-field=email][data-corrected=true]');
    expect(await panel.$eval('dd[data-field=email] .value', (e) => e.textContent)).toBe(FIXED);
    await panel.close();

    await page.reload();
    await waitForReader(page);
    await expect.poll(async () => (await FirefoxShadowProbe.open(page)).text()).toContain(FIXED);
    expect((await documents())[0]!.corrections).toEqual({ email: FIXED });
    panel = await ff.openExtensionPage(`sidepanel.html?tab=${tabId}&view=export`, '[data-testid=export-summary]');
    expect(await panel.$eval('[data-testid=export]', (e) => e.textContent)).toContain(FIXED);
    await panel.click('button[data-action=eml]');
    await (await panel.waitForSelector('[data-testid=export-late-ok]'))!.click(); // the sample's deadline has passed
    const { bytes } = await ff.takeDownload();
    const mail = await simpleParser(bytes);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : []).toEqual([FIXED]);
    await panel.close();
  });

  test('removed on the options page: no permission, no registration, the site no longer read', async () => {
    const options = await ff.openExtensionPage('options.html', `[data-site="${MIRROR_HOST}"] button`);
    await options.click(`[data-site="${MIRROR_HOST}"] button`);
    await expect.poll(() => options.$$eval('[data-site]', (els) => els.length)).toBe(0);
    await expect
      .poll(() => ff.extensionEval(async () => (await (globalThis as unknown as { browser: typeof chrome }).browser.scripting.getRegisteredContentScripts()).length, null))
      .toBe(0);
    const origins = await ff.extensionEval(async () => (await (globalThis as unknown as { browser: typeof chrome }).browser.permissions.getAll()).origins, null);
    expect(origins).not.toContain(`*://${MIRROR_HOST}/*`);
    const again = await ff.newPage();
    await again.goto(MIRROR_URL);
    await new Promise((ok) => setTimeout(ok, 800));
    expect(await again.evaluate(() => !!document.querySelector('regdraft-ui'))).toBe(false);
    await options.close();
  });
});

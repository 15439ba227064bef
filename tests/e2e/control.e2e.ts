/// <reference types="chrome" />
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchWithExtension, tabIdOf, type ExtensionBrowser } from '../../scripts/lib/launch';
import { waitForReader } from '../../scripts/lib/page';
import { SAMPLE_URL, startFixtureServer, type FixtureServer } from '../../scripts/lib/server';
import { ask, axeViolations, noteOn, pageState } from './lib/draft';
import { attr, ShadowProbe } from './lib/shadow';

/**
 * The reviewer in control, in real Chromium (issue 9 §3, issue 11 §3):
 * - a page of another site with the same 《title》 and its own email gets a question in the banner; until the
 *   reviewer says yes nothing is drawn there (no marker, no highlight), nothing is sent to it and nothing is
 *   stored; a page of the same site (other.jinan.gov.cn) gets the notes on its own; neither changes the stored
 *   notice fields;
 * - a notice field corrected in the side panel is kept across reloads, marked, and the .eml goes to it;
 * - a site the reviewer chose is read on every page load, listed on the options page, and no longer read once
 *   removed there.
 *
 * What is not automated here: accepting Chromium's own permission prompt. It is a browser dialog that no
 * switch, CDP command or page key press reaches in headless Chromium, so the grant is put into the profile the way
 * Chromium stores an accepted optional host permission (Preferences: extensions.settings.<id>.granted_permissions
 * and active_permissions, explicit_host), and the browser is started on it: the background then registers the
 * reader for that site, as it does on every start. The click that asks is checked to reach the prompt (the
 * request stays pending, nothing is granted meanwhile). Firefox accepts optional permissions without a prompt
 * when told to by a pref, so control.firefox.e2e.ts clicks through the whole grant.
 */

const MIRROR_HOST = 'www.mirror-site.com';
const OTHER_HOST = 'other.jinan.gov.cn';
const THIRD_HOST = 'www.third-site.org';
const MIRROR_URL = `http://${MIRROR_HOST}/copy/draft.html`;
const OTHER_URL = `http://${OTHER_HOST}/other/draft.html`;
const THIRD_URL = `http://${THIRD_HOST}/third/draft.html`;
const TO = 'sgxjxxhyszjjc@jn.shandong.cn';
const MIRROR_EMAIL = 'collect@mirror-site.com';
const OTHER_EMAIL = 'other@jinan.gov.cn';
const FIXED = 'yijian@jinan.gov.cn';
const NOTE = '建议写明“包容审慎”的具体含义';

let server: FixtureServer;
let browser: ExtensionBrowser;
let profile: string;
let page: Page;
let writer: Page;
let tabId: number;
let documentId: string;

type StoredDoc = { id: string; url: string; urls: string[]; notice: { channels: { email: string | null } }; corrections?: Record<string, string> };

/** Every document in the review database, read from an extension page (IndexedDB of the extension's origin). */
function documents(): Promise<StoredDoc[]> {
  return writer.evaluate(
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
  );
}

/** Markers and highlights the extension drew in a page. */
async function drawn(p: Page): Promise<{ chips: number; marks: number }> {
  const probe = await ShadowProbe.open(p);
  const chips = (await probe.findAll((n) => attr(n, 'data-chip') !== undefined)).length;
  const marks = await p.evaluate(() => document.querySelectorAll('.regdraft-hl').length);
  return { chips, marks };
}

async function openTab(url: string): Promise<Page> {
  const p = await browser.context.newPage();
  await p.goto(url);
  await waitForReader(p);
  return p;
}

/** The side panel aimed at a tab, on `view`. */
async function panelFor(tab: number, view = 'outline'): Promise<Page> {
  const panel = await browser.context.newPage();
  await panel.setViewportSize({ width: 420, height: 1000 });
  await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html?tab=${tab}&view=${view}`);
  await panel.waitForSelector(`[role=tab][data-view=${view}][aria-selected=true]`);
  return panel;
}

beforeAll(async () => {
  server = await startFixtureServer();
  const sample = readFileSync(join(import.meta.dirname, '../../sample/jinan-digital-economy-draft.html'), 'utf8');
  server.route('/copy/draft.html', sample.replaceAll(TO, MIRROR_EMAIL).replace('2024年3月20日', '2099年3月20日'));
  server.route('/other/draft.html', sample.replaceAll(TO, OTHER_EMAIL));
  server.route('/third/draft.html', sample);
  const rules = ['www.jinan.gov.cn', MIRROR_HOST, OTHER_HOST, THIRD_HOST].map((h) => `MAP ${h} 127.0.0.1:${server.port}`).join(',');
  const launch = { port: server.port, extraArgs: [`--host-resolver-rules=${rules}`] };
  profile = mkdtempSync(join(tmpdir(), 'regdraft-control-'));
  // the reviewer granted www.mirror-site.com (see above): as Chromium keeps an accepted optional host permission
  const first = await launchWithExtension({ ...launch, userDataDir: profile });
  const id = first.extensionId;
  await first.close();
  const prefsFile = join(profile, 'Default', 'Preferences');
  const prefs = JSON.parse(readFileSync(prefsFile, 'utf8')) as { extensions: { settings: Record<string, Record<string, { explicit_host?: string[] }>> } };
  for (const k of ['granted_permissions', 'active_permissions']) prefs.extensions.settings[id]![k]!.explicit_host = [`*://${MIRROR_HOST}/*`];
  writeFileSync(prefsFile, JSON.stringify(prefs));
  browser = await launchWithExtension({ ...launch, userDataDir: profile });

  page = await openTab(SAMPLE_URL);
  tabId = await tabIdOf(browser, SAMPLE_URL);
  writer = await browser.context.newPage();
  await writer.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
  const state = await pageState(writer, tabId);
  documentId = state.documentId;
  await ask(writer, { type: 'note:save', note: noteOn(state.outline, documentId, '第三条', { quote: '包容审慎', suggestion: NOTE }) });
  for (let i = 0; i < 100 && (await drawn(page)).marks === 0; i++) await page.waitForTimeout(50);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('notes do not follow a title to another site (Chromium)', () => {
  let mirror: Page;
  let mirrorTab: number;

  test('another site with the same title: the banner asks; nothing drawn, sent or stored; stored fields unchanged', async () => {
    const before = await documents();
    mirror = await openTab(MIRROR_URL);
    mirrorTab = await tabIdOf(browser, MIRROR_URL);
    const probe = await ShadowProbe.open(mirror);
    await expect.poll(() => probe.text()).toContain('这份文件与您在 www.jinan.gov.cn 审阅的《济南市数字经济促进条例(征求意见稿)》同名');
    await mirror.waitForTimeout(300);
    expect(await drawn(mirror)).toEqual({ chips: 0, marks: 0 });
    expect(await probe.text()).not.toContain(NOTE);
    const state = (await writer.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'outline:get' }), mirrorTab)) as { documentId: string | null };
    expect(state.documentId).toBeNull();
    // no record made, no URL joined, the mirror's email and deadline stored nowhere
    expect(await documents()).toEqual(before);
    expect(before).toHaveLength(1);
    expect(before[0]!.notice.channels.email).toBe(TO);
    await mirror.close();
    mirror = await openTab(MIRROR_URL); // a reload asks again: nothing was remembered
    await expect.poll(async () => (await ShadowProbe.open(mirror)).text()).toContain('同名');
    expect(await documents()).toEqual(before);
  });

  test('a page on the same site (other.jinan.gov.cn) gets the notes on its own; its email changes nothing', async () => {
    const other = await openTab(OTHER_URL);
    await expect.poll(async () => (await drawn(other)).chips).toBeGreaterThan(0);
    expect((await drawn(other)).marks).toBeGreaterThan(0);
    expect(await (await ShadowProbe.open(other)).text()).not.toContain('同名');
    const [doc] = await documents();
    expect(doc!.urls).toContain(OTHER_URL.replace('http:', 'https:')); // stored normalised
    expect(doc!.notice.channels.email).toBe(TO);
    await other.close();
  });

  test('after "yes" the notes show on the other site; the stored fields still are the real notice\'s', async () => {
    mirrorTab = await tabIdOf(browser, MIRROR_URL);
    const probe = await ShadowProbe.open(mirror);
    await probe.clickAttr('data-action', 'ask-link');
    await expect.poll(async () => (await drawn(mirror)).chips).toBeGreaterThan(0);
    expect((await drawn(mirror)).marks).toBeGreaterThan(0);
    expect(await probe.text()).not.toContain('同名');
    const docs = await documents();
    expect(docs).toHaveLength(1);
    expect(docs[0]!.urls).toContain(MIRROR_URL.replace('http:', 'https:'));
    expect(docs[0]!.notice.channels.email).toBe(TO);
    // the side panel on that tab shows the stored email, and offers the page's own only as a choice
    const panel = await panelFor(mirrorTab);
    await expect.poll(() => panel.locator('dd[data-field=email] .value').innerText()).toBe(TO);
    expect(await panel.locator('dd[data-field=email] [data-testid=offer]').innerText()).toContain(MIRROR_EMAIL);
    await panel.close();
  });
});

describe('the reviewer corrects what was read (Chromium)', () => {
  test('the email corrected in the side panel: kept after reloads, marked, in the banner, and the .eml goes to it', async () => {
    let panel = await panelFor(tabId);
    const email = panel.locator('dd[data-field=email]');
    await expect.poll(() => email.locator('.value').innerText()).toBe(TO);
    // Esc leaves an edit without a change and gives the focus back to its button
    await panel.click('dd[data-field=subject] button[data-action=correct]');
    await panel.keyboard.type('不要的');
    await panel.keyboard.press('Escape');
    expect(await panel.locator('dd[data-field=subject]').getAttribute('data-corrected')).toBeNull();
    await expect.poll(() => panel.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('correct');
    // a bad address is refused with words, then the right one is taken with Enter
    await email.locator('button[data-action=correct]').click();
    await panel.keyboard.press('Control+A');
    await panel.keyboard.type('not an address');
    await panel.keyboard.press('Enter');
    await expect.poll(() => email.locator('[role=alert]').innerText()).toContain('不是一个电子邮箱地址');
    await panel.keyboard.press('Control+A');
    await panel.keyboard.type(FIXED);
    await panel.keyboard.press('Enter');
    await expect.poll(() => email.getAttribute('data-corrected')).toBe('true');
    expect(await email.locator('.value').innerText()).toBe(FIXED);
    expect(await email.innerText()).toContain('已修正');
    expect(await email.innerText()).toContain(TO); // the value read, beside it
    // an edit open with its error, and the corrected row: no axe violations
    await panel.click('dd[data-field=postcode] button[data-action=correct]');
    expect(await axeViolations(panel)).toEqual([]);
    await panel.keyboard.press('Escape');
    expect(await axeViolations(panel)).toEqual([]);
    await panel.close();

    // the page read again: the correction stays, stored and marked; the banner shows it
    await page.reload();
    await waitForReader(page);
    await expect.poll(async () => (await ShadowProbe.open(page)).text()).toContain(FIXED);
    const [doc] = (await documents()).filter((d) => d.id === documentId);
    expect(doc!.corrections).toEqual({ email: FIXED });
    panel = await panelFor(tabId);
    await expect.poll(() => panel.locator('dd[data-field=email] .value').innerText()).toBe(FIXED);
    expect(await panel.locator('dd[data-field=email]').getAttribute('data-corrected')).toBe('true');

    // the letter: its .eml is addressed to the corrected email
    await panel.click('[role=tab][data-view=export]');
    await panel.waitForSelector('[data-testid=export-summary]');
    expect(await panel.locator('[data-testid=export]').innerText()).toContain(FIXED);
    const got = panel.waitForEvent('download');
    await panel.click('button[data-action=eml]');
    await panel.click('[data-testid=export-late-ok]'); // the sample's deadline has passed: asked once
    const d = await got;
    const mail = await simpleParser(readFileSync((await d.path())!));
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : []).toEqual([FIXED]);
    expect(mail.text).toContain(NOTE);
    await panel.close();
  });
});

describe('a re-read of the own URL says what changed (Chromium)', () => {
  test('the notice changed its deadline: the side panel says was / now until seen; the correction stays', async () => {
    const sample = readFileSync(join(import.meta.dirname, '../../sample/jinan-digital-economy-draft.html'), 'utf8');
    server.route(new URL(SAMPLE_URL).pathname, sample.replace('2024年3月20日', '2024年3月25日'));
    await page.reload();
    await waitForReader(page);
    const panel = await panelFor(tabId);
    const changes = panel.locator('[data-testid=notice-changes]');
    await expect.poll(() => changes.innerText()).toContain('截止日期:原为 2024-03-20,现为 2024-03-25');
    expect(await panel.locator('dd[data-field=deadline] .value').innerText()).toBe('2024-03-25');
    expect(await panel.locator('dd[data-field=email] .value').innerText()).toBe(FIXED);
    await changes.locator('button').click();
    await expect.poll(() => changes.count()).toBe(0);
    server.route(new URL(SAMPLE_URL).pathname, sample);
    await panel.close();
  });
});

describe('a site the reviewer chose is read on every load (Chromium)', () => {
  test('the granted site is registered and read on load; the popup says so; options lists it', async () => {
    const registered = await writer.evaluate(() => chrome.scripting.getRegisteredContentScripts());
    expect(registered.map((r) => r.matches)).toEqual([[`*://${MIRROR_HOST}/*`]]);
    // the same loader as the manifest's (shared/content-files.ts)
    expect(registered.map((r) => r.js)).toEqual([['content-loader.js']]);
    const mirrorTab = await tabIdOf(browser, MIRROR_URL);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${mirrorTab}`);
    await expect.poll(() => popup.locator('[data-testid=always-read-on]').innerText()).toContain(MIRROR_HOST);
    await popup.close();
    // a site nobody chose is not read on load
    const third = await browser.context.newPage();
    await third.goto(THIRD_URL);
    await third.waitForTimeout(500);
    expect(await third.evaluate(() => !!document.querySelector('regdraft-ui'))).toBe(false);
    await third.close();
  });

  test('asking for another site from the options page goes to the browser\'s prompt and grants nothing by itself', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await expect.poll(() => options.locator(`[data-site="${MIRROR_HOST}"]`).count()).toBe(1);
    expect(await axeViolations(options)).toEqual([]);
    await options.fill('[data-testid=site-input]', THIRD_HOST);
    await options.click('[data-testid=site-add]');
    await options.waitForTimeout(500);
    const all = await options.evaluate(() => chrome.permissions.getAll());
    expect(all.origins).not.toContain(`*://${THIRD_HOST}/*`);
    expect(await options.locator('[data-testid=sites-status]').innerText()).toBe(''); // still waiting on the prompt
    await options.close();
  });

  test('removed on the options page: the permission and the registration go, and the site is no longer read', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.click(`[data-site="${MIRROR_HOST}"] button`);
    await expect.poll(() => options.locator('[data-testid=sites-status]').innerText()).toContain(MIRROR_HOST);
    expect(await options.locator('[data-site]').count()).toBe(0);
    expect((await options.evaluate(() => chrome.permissions.getAll())).origins).not.toContain(`*://${MIRROR_HOST}/*`);
    expect(await options.evaluate(() => chrome.scripting.getRegisteredContentScripts())).toEqual([]);
    const again = await browser.context.newPage();
    await again.goto(MIRROR_URL);
    await again.waitForTimeout(500);
    expect(await again.evaluate(() => !!document.querySelector('regdraft-ui'))).toBe(false);
    await again.close();
    await options.close();
  });
});

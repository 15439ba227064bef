/// <reference types="chrome" />
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { chromiumPath, QUIET_FLAGS } from './chromium';
import { SAMPLE_HOST } from './server';
import { TIMELINE_KEY } from '../../page/timeline';

export const CHROME_BUILD = resolve(import.meta.dirname, '../../.output/chrome-mv3');

export interface LaunchOptions {
  /** The local fixture server's port: www.jinan.gov.cn resolves to it. */
  port: number;
  headless?: boolean;
  /** The browser's UI language, which chrome.i18n follows: zh-CN (the extension's default) unless told. */
  lang?: string;
  /** Reuse a profile (for restart tests); a fresh temporary one otherwise. */
  userDataDir?: string;
  extraArgs?: string[];
  /** Let the reader write its timing marks to the page's performance timeline (the benchmark's switch). */
  timeline?: boolean;
  /** The unpacked extension to load: the build (CHROME_BUILD) unless told (a developer's tool loads altered copies). */
  extensionDir?: string;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** The extension's service worker (started when needed). */
  worker(): Promise<Worker>;
  /** The toolbar badge of a tab (the reader's article count), as the background set it. */
  badgeText(tabId: number): Promise<string>;
  userDataDir: string;
  close(): Promise<void>;
}

/**
 * Starts Debian Chromium with the built extension (.output/chrome-mv3) loaded, the sample host mapped to
 * the local server, and a persistent profile. Throws with install advice when Chromium is missing.
 */
export async function launchWithExtension(o: LaunchOptions): Promise<ExtensionBrowser> {
  const own = !o.userDataDir;
  const userDataDir = o.userDataDir ?? mkdtempSync(join(tmpdir(), 'regdraft-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: o.headless ?? true,
    viewport: { width: 1280, height: 900 },
    locale: o.lang ?? 'zh-CN',
    // Chromium on Linux takes its UI language from LANGUAGE, not from --lang
    env: { ...process.env, LANGUAGE: (o.lang ?? 'zh-CN').replace('-', '_') },
    args: [
      ...QUIET_FLAGS,
      '--no-sandbox',
      `--lang=${o.lang ?? 'zh-CN'}`,
      `--disable-extensions-except=${o.extensionDir ?? CHROME_BUILD}`,
      `--load-extension=${o.extensionDir ?? CHROME_BUILD}`,
      `--host-resolver-rules=MAP ${SAMPLE_HOST} 127.0.0.1:${o.port}`,
      ...(o.extraArgs ?? []),
    ],
  });
  const worker = async () => context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 10_000 }));
  const extensionId = new URL((await worker()).url()).host;
  if (o.timeline) await (await worker()).evaluate((key) => chrome.storage.local.set({ [key]: true }), TIMELINE_KEY);
  return {
    context,
    extensionId,
    worker,
    badgeText: async (tabId) => (await worker()).evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId),
    userDataDir,
    close: async () => {
      await context.close();
      if (own) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** What the reader at `url` answers: its tab and its stored document's id (null until the background answered). */
interface ReaderAt {
  tabId: number;
  documentId: string | null;
}

/**
 * Asks each tab's reader for its page (the extension has no "tabs" permission, so tab URLs are hidden from it)
 * until the one at `url` answers and `ready` holds for it. The in-page UI's host (what waitForReader waits for)
 * stands before the reader has read the page and listens, so a reader asked at once may not answer yet: that is
 * "not yet", asked again every 50 ms. Throws after `timeoutMs`.
 */
async function readerAt(browser: ExtensionBrowser, url: string, ready: (r: ReaderAt) => boolean, what: string, timeoutMs: number): Promise<ReaderAt> {
  const worker = await browser.worker();
  const until = Date.now() + timeoutMs;
  for (;;) {
    // (every tab at `url`: two tabs may show the same page, and only one of them may be ready)
    const found = await worker.evaluate(async (wanted) => {
      const at: ReaderAt[] = [];
      for (const tab of await chrome.tabs.query({})) {
        const page = (await chrome.tabs.sendMessage(tab.id!, { type: 'outline:get' }).catch(() => null)) as { url?: string; documentId?: string | null } | null;
        if (page?.url === wanted) at.push({ tabId: tab.id!, documentId: page.documentId ?? null });
      }
      return at;
    }, url);
    const hit = found.find(ready);
    if (hit) return hit;
    if (Date.now() > until) throw new Error(`no reader at ${url} ${what} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The id of the tab whose reader shows `url`, once that reader answers. Throws after `timeoutMs`. */
export async function tabIdOf(browser: ExtensionBrowser, url: string, timeoutMs = 10_000): Promise<number> {
  return (await readerAt(browser, url, () => true, 'answered', timeoutMs)).tabId;
}

/**
 * The id of the document the reader at `url` stored, once it has one: the reader answers before the background
 * answers with the document's record, so a test asking at once may be told null (a crash test that did so counted
 * a stored note as lost). Throws when no reader at `url` has a document after `timeoutMs`.
 */
export async function documentIdAt(browser: ExtensionBrowser, url: string, timeoutMs = 10_000): Promise<string> {
  return (await readerAt(browser, url, (r) => !!r.documentId, 'had its document stored', timeoutMs)).documentId!;
}

/// <reference types="chrome" />
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describeArticle, describePassage } from '../../../anchoring';
import type { Outline } from '../../../regulation/types';
import type { PageState } from '../../../shared/messages';
import { launchWithExtension, tabIdOf, type ExtensionBrowser, type LaunchOptions } from '../../../scripts/lib/launch';
import { waitForReader } from '../../../scripts/lib/page';
import { SAMPLE_URL, startFixtureServer, type FixtureServer } from '../../../scripts/lib/server';

/**
 * What most Chromium e2e files start from: the fixture server, Chromium with the built extension, the sample
 * draft open and read, its tab id, and an extension page ("writer") that talks to the background the way every
 * extension page does.
 */
export interface DraftSession {
  server: FixtureServer;
  browser: ExtensionBrowser;
  /** The sample draft, read by the extension. */
  page: Page;
  tabId: number;
  /** Opens an extension page and keeps it for asking the background. */
  writer(): Promise<Page>;
  close(): Promise<void>;
}

/** Starts the session; `launch` adds launch options (a profile to reuse, a language). */
export async function openSampleDraft(launch: Partial<LaunchOptions> = {}): Promise<DraftSession> {
  const server = await startFixtureServer();
  const browser = await launchWithExtension({ port: server.port, ...launch });
  const page = await browser.context.newPage();
  await page.goto(SAMPLE_URL);
  await waitForReader(page);
  const tabId = await tabIdOf(browser, SAMPLE_URL);
  let writer: Page | null = null;
  return {
    server,
    browser,
    page,
    tabId,
    async writer() {
      if (writer && !writer.isClosed()) return writer;
      writer = await browser.context.newPage();
      await writer.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
      return writer;
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** Sends a message from an extension page and returns the background's raw answer. */
export function send<T = unknown>(from: Page, message: unknown): Promise<Reply<T>> {
  return from.evaluate((m) => chrome.runtime.sendMessage(m), message as object) as Promise<Reply<T>>;
}

/** Sends a notes request from an extension page and returns its value; throws when the background refused. */
export async function ask<T>(from: Page, message: unknown): Promise<T> {
  const reply = await send<T>(from, message);
  if (!reply?.ok) throw new Error(`refused: ${JSON.stringify(reply)}`);
  return reply.value;
}

/** The tab's page state once its reader has opened the draft's document (documentId set). */
export async function pageState(from: Page, tabId: number): Promise<PageState & { documentId: string }> {
  for (let i = 0; i < 100; i++) {
    // (the in-page UI's host stands before the reader has read the page and listens: until then the tab answers
    // "Receiving end does not exist", which is "not yet", not a failure)
    const state = (await from.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'outline:get' }).catch(() => null), tabId)) as PageState | null;
    if (state?.documentId) return state as PageState & { documentId: string };
    await from.waitForTimeout(50);
  }
  throw new Error('the reader never opened its document');
}

/**
 * A note on the article labelled `label`, as a page would save it: `quote` (a piece of the article's text) makes
 * it a passage note; `over` overrides any field.
 */
export function noteOn(
  outline: Outline,
  documentId: string,
  label: string,
  { quote, ...over }: Record<string, unknown> & { quote?: string } = {},
): Record<string, unknown> {
  const a = outline.articles.find((x) => x.label === label);
  if (!a) throw new Error(`no ${label} in the outline`);
  const start = quote ? a.text.indexOf(quote) : -1;
  if (quote && start < 0) throw new Error(`"${quote}" is not in ${label}`);
  return {
    documentId,
    article: describeArticle(a),
    passage: quote ? describePassage(a.text, start, start + quote.length) : null,
    stance: 'modify',
    suggestion: '',
    reason: '',
    comment: '',
    tags: [],
    ...over,
  };
}

const require = createRequire(import.meta.url);

/**
 * axe-core's violations on `page` for `tags` (WCAG 2 A/AA by default), evaluated through the DevTools protocol
 * (extension pages' CSP allows no injected script tag), as "id (impact): markup" lines.
 */
export async function axeViolations(page: Page, tags: string[] = ['wcag2a', 'wcag2aa'], impacts?: string[]): Promise<string[]> {
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(
    async ([runOnly, only]) => {
      const axe = (window as unknown as {
        axe: { run(ctx: unknown, o: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ html: string }> }> }> };
      }).axe;
      const r = await axe.run(document, { runOnly });
      return r.violations
        .filter((v) => !only || only.includes(v.impact ?? ''))
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.html).join(' | ').slice(0, 300)}`);
    },
    [tags, impacts ?? null] as const,
  );
}

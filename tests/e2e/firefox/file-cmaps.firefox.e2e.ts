/// <reference types="chrome" />
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Outline } from '../../../regulation/types';
import { CMAP_DRAFT_LINES } from '../../../scripts/make-file-fixtures';
import { firefoxPath, launchFirefoxWithExtension, type FirefoxExtensionBrowser } from '../../../scripts/lib/firefox';
import { startFixtureServer, type FixtureServer } from '../../../scripts/lib/server';

/**
 * The CMaps the Firefox package ships (pdfjs/cmaps, copied by the build): a PDF set in a non-embedded Chinese font
 * through UniGB-UCS2-H (tests/fixtures/files/cmap-draft.pdf) opens in the reader page of the MV2 build with its
 * text read. Without the CMaps pdf.js reads no text from it (tests/unit/files/cmaps.test.ts).
 */

const noFirefox = !firefoxPath();
const NAME = 'cmap-draft.pdf';
const bytes = readFileSync(`tests/fixtures/files/${NAME}`);
const sha256 = createHash('sha256').update(bytes).digest('hex');

let server: FixtureServer;
let ff: FirefoxExtensionBrowser;

describe.skipIf(noFirefox)('a PDF that needs the CMaps, in Firefox', () => {
  beforeAll(async () => {
    server = await startFixtureServer();
    ff = await launchFirefoxWithExtension({ port: server.port });
  }, 120_000);

  afterAll(async () => {
    await ff?.close();
    await server?.close();
  });

  test('opens in the reader page with its title and three articles', async () => {
    // what the reader page's file picker sends: the bytes kept by the background, which opens the reader on them
    const reply = await ff.extensionEval(
      async (m) => (await (globalThis as unknown as { browser: typeof chrome }).browser.runtime.sendMessage(m)) as { ok: boolean; sha256?: string },
      { type: 'files:put', name: NAME, base64: bytes.toString('base64'), source: null, notice: null, open: true },
    );
    expect(reply.ok).toBe(true);
    expect(reply.sha256).toBe(sha256);
    let outline: Outline | null = null;
    for (let i = 0; i < 200 && !outline?.articles.length; i++) {
      const tab = await ff.tabIdOf(`urn:sha256:${sha256}`);
      if (tab > 0) {
        outline = await ff.extensionEval(
          async (id) => ((await (globalThis as unknown as { browser: typeof chrome }).browser.tabs.sendMessage(id, { type: 'outline:get' })) as { outline: Outline }).outline,
          tab,
        );
      }
      if (!outline?.articles.length) await new Promise((r) => setTimeout(r, 100));
    }
    expect(outline?.title).toBe(CMAP_DRAFT_LINES[0]);
    expect(outline?.articles.map((a) => `${a.label} ${a.text}`)).toEqual(CMAP_DRAFT_LINES.slice(1));
  }, 60_000);
});

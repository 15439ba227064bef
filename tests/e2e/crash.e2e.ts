/// <reference types="chrome" />
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { documentIdAt, launchWithExtension, type ExtensionBrowser } from '../../scripts/lib/launch';
import { waitForReader } from '../../scripts/lib/page';
import { SAMPLE_URL, startFixtureServer, type FixtureServer } from '../../scripts/lib/server';
import { noteFrame, ShadowProbe } from './lib/shadow';

/**
 * Issue 9 §4 in Chromium: the reviewer types steadily into a note and the browser dies at a random moment
 * (SIGKILL as in a crash, then SIGTERM as at logout); on restart with the same profile, at most about the last
 * second of typing may be missing. One launch per kill, short typing bursts; the first half of the kills are
 * SIGKILL, the rest SIGTERM: the issue's loop of 20 kills (about 7 s each on a loaded 2-core machine: launch, read,
 * open, type, restart). `REGDRAFT_CRASH_KILLS=N` runs another number.
 */
const KILLS = Number(process.env.REGDRAFT_CRASH_KILLS ?? 20);
/** The save's promise: at least once a second while typing goes on (components/draft-saver.ts). */
const MAX_WAIT_MS = 1000;
/** What a write takes on top on a busy 2-core machine: the message to the background and the database commit. */
const WRITE_SLACK_MS = 600;
const ARTICLES = ['第二条', '第三条', '第四条', '第五条', '第六条', '第七条', '第八条', '第九条', '第十条', '第十一条'];

let server: FixtureServer;
const profile = mkdtempSync(join(tmpdir(), 'regdraft-crash-'));
let documentId: string | null = null;

beforeAll(async () => {
  server = await startFixtureServer();
});

afterAll(async () => {
  await server?.close();
  rmSync(profile, { recursive: true, force: true });
});

/** The pid of the Chromium browser process this test started on `profile` (found by its own profile dir). */
function browserPid(): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    const args = cmd.split('\0');
    if (args.includes(`--user-data-dir=${profile}`) && !args.some((a) => a.startsWith('--type='))) return Number(entry);
  }
  throw new Error('the browser process was not found');
}

async function storedNotes(browser: ExtensionBrowser): Promise<Array<{ id: string; suggestion: string; article: { label: string } }>> {
  if (!documentId) return [];
  const ext = await browser.context.newPage();
  await ext.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
  const reply = (await ext.evaluate((m) => chrome.runtime.sendMessage(m), { type: 'notes:list', documentId })) as { value: Array<{ id: string; suggestion: string; article: { label: string } }> };
  await ext.close();
  return reply.value;
}

describe('typing survives a crash (Chromium)', () => {
  test(`${KILLS} kills at random moments while typing: at most the last second is missing`, { timeout: 60_000 + KILLS * 20_000 }, async () => {
    const lost: number[] = [];
    let pending: { label: string; typed: string; at: number[]; killedAt: number } | null = null;
    for (let round = 0; round <= KILLS; round++) {
      const browser = await launchWithExtension({ port: server.port, userDataDir: profile });
      try {
        // what the last round's note kept
        if (pending) {
          const kept = (await storedNotes(browser)).find((n) => n.article.label === pending!.label)?.suggestion ?? '';
          expect(pending.typed.startsWith(kept), `round ${round}: stored text is what was typed`).toBe(true);
          // the first character not stored was typed at most MAX_WAIT_MS (+ the write) before the kill
          const firstMissing = kept.length < pending.typed.length ? pending.at[kept.length]! : pending.killedAt;
          lost.push(pending.killedAt - firstMissing);
          expect(
            pending.killedAt - firstMissing,
            `round ${round}: lost ms of typing (${kept.length} of ${pending.typed.length} characters kept, typing ran ${pending.killedAt - pending.at.find((t) => t > 0)!} ms)`,
          ).toBeLessThanOrEqual(MAX_WAIT_MS + WRITE_SLACK_MS);
        }
        if (round === KILLS) break;
        const page = await browser.context.newPage();
        await page.goto(SAMPLE_URL);
        await waitForReader(page);
        documentId ??= await documentIdAt(browser, SAMPLE_URL);
        const label = ARTICLES[round % ARTICLES.length]!;
        const probe = await ShadowProbe.open(page);
        const existing = (await storedNotes(browser)).some((n) => n.article.label === label);
        if (existing) await probe.clickAttr('data-chip', label);
        else {
          await page.hover(`#zoom p:has-text("${label}")`);
          await probe.clickAttr('aria-label', `为${label}添加笔记`);
        }
        await probe.editorFocused();
        // a fresh note text each round (an existing note: typed after what it holds)
        const before = (await storedNotes(browser)).find((n) => n.article.label === label)?.suggestion ?? '';
        await probe.pressInEditor('Control+End');
        const burst = 1200 + Math.random() * 2800;
        const start = Date.now();
        let typed = before;
        const at: number[] = before.split('').map(() => 0);
        for (let i = 0; Date.now() - start < burst; i++) {
          const ch = String.fromCharCode(0x4e00 + ((round * 97 + i) % 2000));
          at.push(Date.now());
          await probe.typeInEditor(ch);
          typed += ch;
        }
        // what reached the editor's box is what the reviewer typed: in one full run here none of a first round's
        // 370 characters was kept, and whether they had reached the box was not known. Typing that never arrived
        // (the harness's, not the extension's) is said and not counted as typed.
        const inBox = await noteFrame(page)
          ?.evaluate(() => (document.querySelector('[data-field=suggestion]') as HTMLTextAreaElement | null)?.value ?? null)
          .catch(() => null);
        if (inBox !== typed) {
          console.warn(`round ${round}: the editor's box holds ${inBox === null ? 'nothing readable' : `${inBox?.length} characters`} of the ${typed.length} typed`);
          if (inBox !== null && inBox !== undefined && typed.startsWith(inBox)) {
            at.length = inBox.length;
            typed = inBox;
          }
        }
        const pid = browserPid();
        const killedAt = Date.now();
        process.kill(pid, round < KILLS / 2 ? 'SIGKILL' : 'SIGTERM');
        pending = { label, typed, at, killedAt };
        // wait for the process to be gone before the profile is used again
        for (let i = 0; i < 100; i++) {
          try {
            process.kill(pid, 0);
          } catch {
            break;
          }
          await new Promise((r) => setTimeout(r, 100));
        }
      } finally {
        await browser.context.close().catch(() => undefined);
      }
    }
    console.log(`crash loop: ${KILLS} kills, ms of typing lost per kill: ${lost.map((x) => Math.round(x)).join(', ')}`);
  });
});

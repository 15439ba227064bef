import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ElementHandle } from 'puppeteer-core';
import { firefoxPath, FirefoxShadowProbe, launchFirefoxWithExtension, waitForReader, type FirefoxExtensionBrowser } from '../../../scripts/lib/firefox';
import { SAMPLE_URL, startFixtureServer, type FixtureServer } from '../../../scripts/lib/server';

/**
 * Issue 9 §4 in Firefox, the twin of tests/e2e/crash.e2e.ts: type steadily into a note, kill Firefox at a random
 * moment (SIGKILL, then SIGTERM), start it again on the same profile: at most about the last second is missing.
 * A round takes about 20 s here (a Firefox start up to a minute on a loaded 2-core machine), so the suite runs 2 kills
 * (one of each); `REGDRAFT_FF_CRASH_KILLS=20` runs the full loop (about 6.5 minutes: on 2026-12-03 it passed,
 * the worst kill losing 1,071 ms of typing).
 */
const noFirefox = !firefoxPath();
const KILLS = Number(process.env.REGDRAFT_FF_CRASH_KILLS ?? 2);
const MAX_WAIT_MS = 1000;
const WRITE_SLACK_MS = 600;
const ARTICLES = ['第二条', '第三条', '第四条', '第五条', '第六条', '第七条', '第八条', '第九条', '第十条', '第十一条'];

let server: FixtureServer;
const profile = mkdtempSync(join(tmpdir(), 'regdraft-ff-crash-'));

/** The pid of the Firefox main process this test started on `profile` (content processes carry -contentproc). */
function browserPid(): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (args.some((a) => a.includes(profile)) && !args.includes('-contentproc') && /firefox/.test(args[0] ?? '')) return Number(entry);
  }
  throw new Error('the Firefox process was not found');
}

async function storedNotes(ff: FirefoxExtensionBrowser, tabId: number): Promise<Array<{ suggestion: string; article: { label: string } }>> {
  return (await ff.extensionEval(async (id) => {
    const b = (globalThis as unknown as { browser: typeof chrome }).browser;
    // the reader is shown before its document is stored: asked too early it has no id yet, which is not "no notes"
    let state: { documentId: string | null } = { documentId: null };
    for (let i = 0; i < 200 && !state.documentId; i++) {
      if (i) await new Promise((r) => setTimeout(r, 50));
      state = ((await b.tabs.sendMessage(id, { type: 'outline:get' }).catch(() => null)) as { documentId: string | null } | null) ?? { documentId: null };
    }
    if (!state.documentId) throw new Error('the reader never had its document stored');
    return ((await b.runtime.sendMessage({ type: 'notes:list', documentId: state.documentId })) as { value: unknown }).value;
  }, tabId)) as Array<{ suggestion: string; article: { label: string } }>;
}

describe.skipIf(noFirefox)('typing survives a crash (Firefox)', () => {
  beforeAll(async () => {
    server = await startFixtureServer();
  });
  afterAll(async () => {
    await server?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  test(`${KILLS} kills at random moments while typing: at most the last second is missing`, { timeout: 120_000 + KILLS * 120_000 }, async () => {
    const lost: number[] = [];
    let pending: { label: string; typed: string; at: number[]; killedAt: number } | null = null;
    for (let round = 0; round <= KILLS; round++) {
      const ff = await launchFirefoxWithExtension({ port: server.port, profileDir: profile });
      let killed = false;
      try {
        const page = await ff.firstPage();
        await page.goto(SAMPLE_URL);
        await waitForReader(page);
        const tabId = await ff.tabIdOf(SAMPLE_URL);
        if (pending) {
          const kept = (await storedNotes(ff, tabId)).find((n) => n.article.label === pending!.label)?.suggestion ?? '';
          expect(pending.typed.startsWith(kept), `round ${round}: stored text is what was typed`).toBe(true);
          const firstMissing = kept.length < pending.typed.length ? pending.at[kept.length]! : pending.killedAt;
          lost.push(pending.killedAt - firstMissing);
          expect(pending.killedAt - firstMissing, `round ${round}: lost ms of typing`).toBeLessThanOrEqual(MAX_WAIT_MS + WRITE_SLACK_MS);
        }
        if (round === KILLS) break;
        const label = ARTICLES[round % ARTICLES.length]!;
        const probe = await FirefoxShadowProbe.open(page);
        // past ten kills the articles come round again: an article that has its note is opened by its chip, and the
        // typing goes on after what the note holds
        const before = (await storedNotes(ff, tabId)).find((n) => n.article.label === label)?.suggestion;
        // the article is brought into view first: markers are drawn for the articles on screen
        const para = (await page.evaluateHandle((l) => [...document.querySelectorAll('#zoom p')].find((e) => e.textContent!.trim().startsWith(l))!, label)) as ElementHandle<Element>;
        await para.hover();
        if (before !== undefined) await probe.clickAttr('data-chip', label, 20_000);
        else await probe.clickAttr('aria-label', `为${label}添加笔记`, 20_000);
        await expect.poll(() => probe.text()).toContain(`${label} · 笔记`);
        await new Promise((r) => setTimeout(r, 300));
        await page.keyboard.down('Control');
        await page.keyboard.press('End');
        await page.keyboard.up('Control');
        const burst = 1200 + Math.random() * 2800;
        const start = Date.now();
        let typed = before ?? '';
        const at: number[] = typed.split('').map(() => 0);
        for (let i = 0; Date.now() - start < burst; i++) {
          const ch = String.fromCharCode(0x4e00 + ((round * 97 + i) % 2000));
          at.push(Date.now());
          await page.keyboard.type(ch);
          typed += ch;
        }
        const pid = browserPid();
        const killedAt = Date.now();
        process.kill(pid, round < KILLS / 2 ? 'SIGKILL' : 'SIGTERM');
        killed = true;
        pending = { label, typed, at, killedAt };
        for (let i = 0; i < 150; i++) {
          try {
            process.kill(pid, 0);
          } catch {
            break;
          }
          await new Promise((r) => setTimeout(r, 100));
        }
        // puppeteer puts the profile's prefs back when the process has gone (it renames its *.puppeteer backups):
        // the next start must not race with that, or it finds user.js half moved
        for (let i = 0; i < 100 && readdirSync(profile).some((f) => f.endsWith('.puppeteer')); i++) await new Promise((r) => setTimeout(r, 100));
      } finally {
        if (!killed) await ff.close().catch(() => undefined);
        else await ff.browser.disconnect().catch(() => undefined);
      }
    }
    console.log(`Firefox crash loop: ${KILLS} kills, ms of typing lost per kill: ${lost.map((x) => Math.round(x)).join(', ')}`);
  });
});

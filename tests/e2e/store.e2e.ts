/// <reference types="chrome" />
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROME_BUILD, launchWithExtension, tabIdOf, type ExtensionBrowser } from '../../scripts/lib/launch';
import { waitForReader } from '../../scripts/lib/page';
import { SAMPLE_URL, startFixtureServer, type FixtureServer } from '../../scripts/lib/server';

// Store-ready: the first-run page on a fresh profile, the built manifests against the README and the listing,
// and the packages `npm run zip` makes (built here into a temporary folder, so .output is left alone).

const ROOT = resolve(import.meta.dirname, '../..');
const FIREFOX_BUILD = join(ROOT, '.output/firefox-mv2');
const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
const ICON_SIZES = [16, 32, 48, 96, 128];
/** Store limits on the manifest's name (AMO: 50 characters; Chrome: 75) and description (Chrome: 132). */
const NAME_MAX = 50;
const DESCRIPTION_MAX = 132;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/** The page of the context whose URL is `url`, waiting for it up to `timeout` ms; throws when none opens. */
async function pageAt(browser: ExtensionBrowser, url: string, timeout = 10_000): Promise<Page> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const hit = browser.context.pages().find((p) => p.url() === url);
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error(`No tab at ${url}; open: ${browser.context.pages().map((p) => p.url()).join(', ')}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

describe('first run in Chromium (fresh profile)', () => {
  let server: FixtureServer;
  let browser: ExtensionBrowser;
  let welcome: Page;
  let welcomeUrl: string;
  const profile = mkdtempSync(join(tmpdir(), 'regdraft-store-profile-'));

  beforeAll(async () => {
    server = await startFixtureServer();
    browser = await launchWithExtension({ port: server.port, userDataDir: profile });
    welcomeUrl = `chrome-extension://${browser.extensionId}/welcome.html`;
    welcome = await pageAt(browser, welcomeUrl);
    await welcome.waitForSelector('h1');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  test('installing opens the welcome page once, just before the current tab without taking focus, in Chinese', async () => {
    expect(browser.context.pages().filter((p) => p.url() === welcomeUrl)).toHaveLength(1);
    const { self, active } = await welcome.evaluate(async () => ({
      self: await chrome.tabs.getCurrent(),
      active: (await chrome.tabs.query({ active: true, currentWindow: true }))[0],
    }));
    expect(self?.active).toBe(false);
    expect(active?.index).toBe(self!.index + 1);
    expect(await welcome.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await welcome.title()).toBe('欢迎使用征求意见稿审阅助手');
    expect(await welcome.locator('h1').innerText()).toBe('欢迎使用征求意见稿审阅助手');
    expect(await welcome.locator('.steps h3').allInnerTexts()).toEqual(['阅读', '记笔记', '提交意见']);
    const steps = await welcome.locator('.steps').innerText();
    expect(steps).toContain('＋笔记');
    expect(steps).toContain('.docx');
    expect(await welcome.locator('main').innerText()).toContain('只有您自己发送意见函时');
  });

  test('accessible: one h1, sections under h2, banner and main landmarks; axe-core finds nothing serious or critical', async () => {
    expect(await welcome.getByRole('heading', { level: 1 }).count()).toBe(1);
    expect(await welcome.getByRole('heading', { level: 2 }).allInnerTexts()).toEqual(['三步完成审阅', '用示例试一试', '笔记只留在本机']);
    expect(await welcome.getByRole('banner').count()).toBe(1);
    expect(await welcome.getByRole('main').count()).toBe(1);
    expect(await welcome.getByRole('region').count()).toBe(3); // each section is named by its heading
    // the extension page's CSP (script-src 'self') refuses an injected <script>: evaluate axe's source instead
    await expect(welcome.addScriptTag({ path: AXE })).rejects.toThrow();
    await welcome.evaluate(readFileSync(AXE, 'utf8'));
    const violations = (await welcome.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: unknown[] }> } }).axe;
      const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
      return r.violations;
    })) as Violation[];
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`)).toEqual([]);
    expect(violations.map((v) => v.id)).toEqual([]); // nothing minor or moderate either
  });

  test('the sample link is reached by Tab with a visible focus ring, and Enter opens the sample draft the reader reads', async () => {
    const link = welcome.getByRole('link', { name: '打开示例意见稿' });
    expect(await link.getAttribute('href')).toBe(SAMPLE_URL);
    await welcome.bringToFront();
    for (let i = 0; i < 5 && !(await link.evaluate((a) => a === document.activeElement)); i++) await welcome.keyboard.press('Tab');
    const ring = await link.evaluate((a) => {
      const s = getComputedStyle(a);
      return { focused: a === document.activeElement && a.matches(':focus-visible'), style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    expect(ring).toEqual({ focused: true, style: 'solid', width: 3 });
    await welcome.keyboard.press('Enter');
    await welcome.waitForURL(SAMPLE_URL);
    await waitForReader(welcome);
    expect(await tabIdOf(browser, SAMPLE_URL)).toBeGreaterThan(0);
  });

  test('starting the browser again on the same profile does not open it again', async () => {
    await browser.close();
    browser = await launchWithExtension({ port: server.port, userDataDir: profile });
    await (await browser.context.newPage()).goto(SAMPLE_URL); // some time for an onInstalled to arrive
    await new Promise((ok) => setTimeout(ok, 1_000));
    expect(browser.context.pages().map((p) => p.url())).not.toContain(`chrome-extension://${browser.extensionId}/welcome.html`);
  });
});

/** Width and height of a PNG file (from its IHDR chunk); throws when the file is not a PNG. */
function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  if (b.readUInt32BE(0) !== 0x89504e47 || b.toString('latin1', 12, 16) !== 'IHDR') throw new Error(`${file} is not a PNG`);
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

/**
 * The README's permission table ("Browsers and permissions"): each row's permission or match pattern, and
 * whether Chrome and Firefox get it.
 */
function readmePermissions(): Array<{ name: string; chrome: boolean; firefox: boolean }> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Browsers and permissions'));
  const body = section.slice(0, section.indexOf('\n### ', 5));
  return [...body.matchAll(/^\| `([^`]+)` \| (yes|no) \| (yes|no) \|/gm)].map((m) => ({ name: m[1]!, chrome: m[2] === 'yes', firefox: m[3] === 'yes' }));
}

interface Manifest {
  icons?: Record<string, string>;
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: Array<{ matches: string[] }>;
  action?: { default_icon?: Record<string, string> };
  browser_action?: { default_icon?: Record<string, string> };
  sidebar_action?: { default_icon?: Record<string, string> };
  default_locale?: string;
}

/** Everything a manifest asks the reviewer to grant: API permissions, host permissions, content script matches. */
function granted(m: Manifest): string[] {
  return [
    ...new Set([
      ...(m.permissions ?? []),
      ...(m.optional_permissions ?? []),
      ...(m.host_permissions ?? []),
      ...(m.optional_host_permissions ?? []),
      ...(m.content_scripts ?? []).flatMap((c) => c.matches),
    ]),
  ].sort();
}

/** A Markdown section's text: from `## heading` to the next `## `. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`No section "${heading}"`);
  const rest = markdown.slice(start + heading.length + 5);
  const end = rest.indexOf('\n## ');
  return (end < 0 ? rest : rest.slice(0, end)).trim();
}

describe.each([
  { name: 'chrome', dir: CHROME_BUILD },
  { name: 'firefox', dir: FIREFOX_BUILD },
])('the built $name manifest', ({ name, dir }) => {
  const manifest = (): Manifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

  test('icons at 16, 32, 48, 96 and 128 px, each a PNG file of its size; the toolbar and sidebar icons exist', () => {
    const m = manifest();
    expect(Object.keys(m.icons ?? {}).map(Number)).toEqual(ICON_SIZES);
    for (const [size, path] of Object.entries(m.icons!)) expect(pngSize(join(dir, path))).toEqual([Number(size), Number(size)]);
    for (const icons of [m.action?.default_icon, m.browser_action?.default_icon, m.sidebar_action?.default_icon]) {
      for (const [size, path] of Object.entries(icons ?? {})) expect(pngSize(join(dir, path.replace(/^\//, '')))).toEqual([Number(size), Number(size)]);
    }
  });

  test('asks for exactly the permissions the README justifies', () => {
    const rows = readmePermissions();
    expect(rows.length).toBeGreaterThan(0);
    const justified = rows.filter((r) => (name === 'chrome' ? r.chrome : r.firefox)).map((r) => r.name).sort();
    expect(granted(manifest())).toEqual(justified);
  });

  test('name and description fit the stores in every locale, and the listing in store/ says the same', () => {
    expect(manifest().default_locale).toBe('zh_CN');
    const locales = readdirSync(join(dir, '_locales')).sort();
    expect(locales).toEqual(['en', 'zh_CN']);
    for (const locale of locales) {
      const messages = JSON.parse(readFileSync(join(dir, '_locales', locale, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
      const title = messages.extName!.message;
      const description = messages.extDescription!.message;
      expect([...title].length, `${locale} name`).toBeLessThanOrEqual(NAME_MAX);
      expect([...description].length, `${locale} description`).toBeLessThanOrEqual(DESCRIPTION_MAX);
      const listing = readFileSync(join(ROOT, 'store', `${locale}.md`), 'utf8');
      const [nameHeading, shortHeading] = locale === 'zh_CN' ? ['名称', '简短说明'] : ['Name', 'Short description'];
      expect(section(listing, nameHeading)).toBe(title);
      expect(section(listing, shortHeading).split('\n')).toContain(description);
    }
  });
});

/** The files in a directory tree, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => f.split('\\').join('/'))
    .sort();
}

/**
 * The environment `npm run zip` and `npm run build` see: vitest's NODE_ENV=test would make Vite build for
 * development (Preact's JSX dev runtime, with each component's absolute path) instead of production.
 */
function buildEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_ENV' && !k.startsWith('VITEST')));
}

describe('the store packages (`npm run zip`, made in a temporary folder)', () => {
  const out = mkdtempSync(join(tmpdir(), 'regdraft-zip-'));
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const zipPath = (kind: string) => join(out, `regdraft-reviewer-${version}-${kind}.zip`);
  const entries = (kind: string) => unzipSync(readFileSync(zipPath(kind)));

  beforeAll(() => {
    // what `wxt zip` and `wxt zip -b firefox` do, with the output folder moved out of .output
    const script = `import { zip } from 'wxt'; for (const browser of ['chrome', 'firefox']) await zip({ browser, outDir: ${JSON.stringify(out)}, logLevel: 0 });`;
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, stdio: 'pipe', env: buildEnv() });
  }, 120_000);

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test('a Chrome and a Firefox package, each the built extension with its manifest at the root and every icon', () => {
    for (const [kind, mv] of [['chrome', 3], ['firefox', 2]] as const) {
      const files = entries(kind);
      const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Manifest & { manifest_version: number };
      expect(manifest.manifest_version).toBe(mv);
      for (const size of ICON_SIZES) expect(files[`icon/${size}.png`], `${kind} icon ${size}`).toBeDefined();
      expect(Object.keys(files)).toContain('welcome.html');
      expect(Object.keys(files)).toContain('_locales/zh_CN/messages.json');
      expect(Object.keys(files).filter((f) => f.endsWith('.map'))).toEqual([]);
      // a production build: no development runtime, no path from this machine
      const leaks = Object.entries(files).filter(([, data]) => Buffer.from(data).includes(ROOT));
      expect(leaks.map(([f]) => f)).toEqual([]);
    }
  });

  test('the sources zip for AMO holds what the build reads and nothing else', () => {
    const files = Object.keys(entries('sources'));
    for (const needed of ['package.json', 'package-lock.json', 'tsconfig.json', 'wxt.config.ts', 'README.md', 'PRIVACY.md', 'entrypoints/background.ts', 'public/icon/128.png']) {
      expect(files).toContain(needed);
    }
    expect(files.filter((f) => /(^|\/)(node_modules|\.output|\.wxt|\.git|tests|sample|docs|scripts|store)\//.test(f) || /(^|\/)\./.test(f))).toEqual([]);
  });

  test('rebuilding from the sources zip (as AMO reviewers do) gives the Firefox package, file for file', () => {
    const src = join(out, 'rebuild');
    for (const [path, data] of Object.entries(entries('sources'))) {
      mkdirSync(dirname(join(src, path)), { recursive: true });
      writeFileSync(join(src, path), data);
    }
    symlinkSync(join(ROOT, 'node_modules'), join(src, 'node_modules'), 'dir'); // stands in for `npm ci`
    execFileSync(join(ROOT, 'node_modules/.bin/wxt'), ['build', '-b', 'firefox'], { cwd: src, stdio: 'pipe', env: buildEnv() });
    const rebuilt = join(src, '.output/firefox-mv2');
    expect(existsSync(rebuilt)).toBe(true);
    const packaged = entries('firefox');
    expect(filesUnder(rebuilt)).toEqual(Object.keys(packaged).sort());
    const differ = filesUnder(rebuilt).filter((f) => !readFileSync(join(rebuilt, f)).equals(Buffer.from(packaged[f]!)));
    expect(differ, `differ after a rebuild from ${relative(ROOT, src)}`).toEqual([]);
  }, 60_000);
});

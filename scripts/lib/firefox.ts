/// <reference types="chrome" />
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/**
 * Real Firefox (Debian firefox-esr) with the built Firefox extension, driven by puppeteer-core over WebDriver
 * BiDi. Nothing here downloads a browser.
 *
 * - The add-on is installed as a temporary add-on (BiDi webExtension.install) after every start, Firefox's
 *   only way to load an unsigned build on the fly. Its gecko id is fixed in the manifest and its internal UUID
 *   (the host of moz-extension:// URLs, so the origin of its IndexedDB and storage) is pinned in the profile's
 *   prefs, so a restart on the same profile finds the same data, as after a store install.
 * - The local fixture server is Firefox's HTTP proxy (network.proxy.*), so the page keeps its real URL
 *   http://www.jinan.gov.cn/… and the manifest's match pattern applies; every other request goes to the same
 *   server too (https as CONNECT, which it refuses): the network stays closed.
 * - `--remote-allow-system-access` lets BiDi open moz-extension:// pages and evaluate in the browser's own
 *   (chrome) scope, which `system()` uses to ask Firefox about the add-on (its UUID, its background's state).
 */

/** The unpacked Firefox build the tests install: $FIREFOX_EXTENSION_DIR (e.g. a copy kept apart from rebuilds), else .output/firefox-mv2. */
export const FIREFOX_BUILD = process.env.FIREFOX_EXTENSION_DIR ? resolve(process.env.FIREFOX_EXTENSION_DIR) : resolve(import.meta.dirname, '../../.output/firefox-mv2');
/** browser_specific_settings.gecko.id in wxt.config.ts. */
export const GECKO_ID = 'regdraft-reviewer@regdraft.example';

/** $FIREFOX_PATH, else /usr/bin/firefox-esr, else null (callers skip or explain). */
export function firefoxPath(): string | null {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr'].filter(Boolean) as string[];
  return candidates.find((c) => existsSync(c)) ?? null;
}

/** What is missing for Firefox e2e runs, or null when they can run. */
export function firefoxMissing(): string | null {
  if (!firefoxPath()) {
    return 'No Firefox found: install it (Debian/Ubuntu: `sudo apt-get install -y firefox-esr firefox-esr-l10n-zh-cn`) or set FIREFOX_PATH.';
  }
  if (!existsSync(join(FIREFOX_BUILD, 'manifest.json'))) return 'No Firefox build: run `npm run build:firefox` first.';
  return null;
}

export interface FirefoxLaunchOptions {
  /** The local fixture server's port: it serves as Firefox's HTTP proxy. */
  port: number;
  /** Reuse a profile; a fresh temporary one (removed on close) otherwise. */
  profileDir?: string;
  headless?: boolean;
  /**
   * The UI language, which browser.i18n follows: zh-CN unless told. Firefox only switches to a language it
   * has a language pack for (Debian: firefox-esr-l10n-zh-cn); otherwise it stays en-US.
   */
  lang?: string;
  /** The unpacked extension to install: .output/firefox-mv2 unless told. */
  extensionDir?: string;
  /** More prefs, e.g. `{'extensions.background.idle.timeout': 1000}` to have an event page suspended sooner. */
  prefs?: Record<string, unknown>;
  /**
   * Save every download into this folder without asking (Firefox's browser.download.* prefs): puppeteer has no
   * download events over BiDi, so `takeDownload()` reads the finished files from here.
   */
  downloadDir?: string;
}

export interface FirefoxExtensionBrowser {
  /** The running browser (a new object after `restart()`). */
  readonly browser: Browser;
  readonly profileDir: string;
  readonly extensionId: string;
  /** moz-extension://<uuid>/ — the same across restarts. */
  readonly extensionBaseUrl: string;
  /** The tab the browser started with. */
  firstPage(): Promise<Page>;
  newPage(): Promise<Page>;
  /**
   * Opens an extension page (e.g. `sidepanel.html?tab=3`) in a new tab of the first window (or a new window)
   * and waits for `selector`: navigation to moz-extension:// never reports load over BiDi, so the caller names
   * what "ready" looks like.
   */
  openExtensionPage(path: string, selector: string, o?: { window?: boolean; timeout?: number }): Promise<Page>;
  /**
   * Runs `fn(arg)` with the extension's privileges and returns its result. It runs in an extension page
   * (sidepanel.html) in a window of its own, so the first window's active tab (which the sidebar follows) stays
   * put; the page is opened on the first call and kept until the browser closes or restarts (opening one per
   * call cost about 0.4 s each). Such a page does not keep an event page awake.
   */
  extensionEval<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /**
   * Runs `fn({document}, arg)` on the document of the real sidebar (Firefox's sidebar_action, opened on install)
   * of the first window, read from an extension page through browser.extension.getViews: the sidebar's own
   * page is not a BiDi browsing context. Waits up to 10 s for the sidebar to have a document.
   */
  sidebarEval<A, R>(fn: (sidebar: { document: Document }, arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /**
   * The id of the tab showing `url`, asking each tab's reader (tab URLs are hidden without "tabs") until it answers;
   * throws after `timeoutMs` (10 s).
   */
  tabIdOf(url: string, timeoutMs?: number): Promise<number>;
  /** The toolbar button's badge text on a tab. */
  badgeText(tabId: number): Promise<string>;
  /** Evaluates `expression` in Firefox's own (chrome) scope, e.g. `Services.prefs.getStringPref(...)`. */
  system<R>(expression: string): Promise<R>;
  /** The background's state as Firefox tracks it: 'running', 'suspending', 'stopped', 'starting'. */
  backgroundState(): Promise<string>;
  /**
   * Stops the background the way Firefox's idle timer stops an event page (Extension.terminateBackground, the
   * call behind about:debugging's "Terminate background script") and resolves with the state afterwards
   * ('stopped'). Firefox starts it again on the next event it listens to (a message, say). The build's
   * background is an event page ("persistent": false), which Firefox also stops by itself after
   * `extensions.background.idle.timeout` ms idle (30 s unless a pref says otherwise); this works on a
   * persistent background page too.
   */
  suspendBackground(): Promise<string>;
  /**
   * The next finished download in `downloadDir` (launch option): its file name and bytes, once Firefox has
   * renamed it from its .part file and its size has settled (an empty file is taken for the placeholder Firefox
   * makes while downloading, and waited on). The file is removed, so the next call waits for a new one. Throws
   * after `timeout` ms, or when the browser was launched without `downloadDir`.
   */
  takeDownload(timeout?: number): Promise<{ name: string; bytes: Buffer }>;
  /**
   * Quits Firefox and starts it again on the same profile, installing the add-on again. `prefs` are set from
   * this start on, on top of the launch's (e.g. `{'extensions.background.idle.timeout': 1000}`).
   */
  restart(o?: { prefs?: Record<string, unknown> }): Promise<void>;
  close(): Promise<void>;
}

/** The slice of puppeteer's BiDi connection used here (puppeteer-core does not export its type). */
interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

type RemoteValue = { type: string; value?: unknown; sharedId?: string };
type EvaluateResult =
  | { type: 'success'; result: RemoteValue }
  | { type: 'exception'; exceptionDetails: { text: string; lineNumber?: number } };

/** The BiDi connection under a puppeteer Browser (an internal of puppeteer-core's BiDi implementation). */
export function bidiOf(browser: Browser): BidiConnection {
  const connection = (browser as unknown as { connection?: BidiConnection }).connection;
  if (!connection?.send) throw new Error('Not a WebDriver BiDi browser: launch with protocol "webDriverBiDi".');
  return connection;
}

/** The BiDi browsing context id of a page's main frame (puppeteer keeps it as the frame's internal `_id`). */
export function contextOf(page: Page): string {
  const id = (page.mainFrame() as unknown as { _id?: string })._id;
  if (!id) throw new Error('No BiDi browsing context for this page.');
  return id;
}

/** Sends a `script.evaluate` or `script.callFunction` and returns the result's remote value, or throws. */
async function runScript(connection: BidiConnection, method: string, params: object): Promise<RemoteValue> {
  const { result } = (await connection.send(method, params)) as { result: EvaluateResult };
  if (result.type === 'exception') throw new Error(`${method} threw: ${result.exceptionDetails.text}`);
  return result.result;
}

/** A BiDi remote value as plain JSON (strings, numbers, booleans, null, arrays, objects). */
function plain(v: RemoteValue): unknown {
  switch (v.type) {
    case 'undefined':
    case 'null':
      return v.type === 'null' ? null : undefined;
    case 'string':
    case 'number':
    case 'boolean':
      return v.value;
    case 'array':
      return (v.value as RemoteValue[]).map(plain);
    case 'object':
      return Object.fromEntries((v.value as Array<[string | RemoteValue, RemoteValue]>).map(([k, x]) => [typeof k === 'string' ? k : plain(k), plain(x)]));
    default:
      throw new Error(`Cannot read a ${v.type} back from Firefox`);
  }
}

function prefs(port: number, lang: string, uuid: string): Record<string, unknown> {
  return {
    // UI language (browser.i18n follows it)
    'intl.locale.requested': lang,
    // every request goes to the fixture server: http as a proxy, https as CONNECT (refused)
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': port,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': port,
    'network.proxy.share_proxy_settings': false,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'dom.security.https_first': false,
    'dom.security.https_only_mode': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    // no first-run pages, no updates, no telemetry (puppeteer adds more of the same)
    'browser.aboutwelcome.enabled': false,
    'browser.startup.homepage_override.mstone': 'ignore',
    'startup.homepage_welcome_url': 'about:blank',
    'startup.homepage_welcome_url.additional': '',
    'trailhead.firstrun.didSeeAboutWelcome': true,
    'browser.rights.3.shown': true,
    'app.update.auto': false,
    'app.update.checkInstallTime': false,
    'app.shield.optoutstudies.enabled': false,
    'app.normandy.enabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.archive.enabled': false,
    'toolkit.telemetry.server': '',
    'datareporting.policy.dataSubmissionEnabled': false,
    'browser.discovery.enabled': false,
    'extensions.getAddons.showPane': false,
    'extensions.htmlaboutaddons.recommendations.enabled': false,
    'browser.newtabpage.activity-stream.feeds.telemetry': false,
    'browser.newtabpage.activity-stream.telemetry': false,
    'browser.region.network.url': '',
    'browser.search.geoSpecificDefaults': false,
    'browser.translations.enable': false,
    'media.gmp-manager.updateEnabled': false,
    // the add-on's moz-extension:// host (the origin of its IndexedDB and storage), fixed for this profile:
    // known before the add-on starts, and the same after every restart and reinstall on the profile
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
  };
}

/**
 * Starts Firefox on a profile (a fresh temporary one unless `profileDir` is given) and installs the built
 * extension. Throws with install advice when Firefox or the build is missing.
 */
export async function launchFirefoxWithExtension(o: FirefoxLaunchOptions): Promise<FirefoxExtensionBrowser> {
  const executablePath = firefoxPath();
  if (!executablePath) throw new Error(firefoxMissing()!);
  const extensionDir = o.extensionDir ?? FIREFOX_BUILD;
  if (!existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`No extension in ${extensionDir}: run \`npm run build:firefox\` first.`);
  const own = !o.profileDir;
  const profileDir = o.profileDir ?? mkdtempSync(join(tmpdir(), 'regdraft-firefox-'));
  // one UUID per profile: kept in the profile's own file so a later run on the same profile reuses it
  const uuid = readOrMakeUuid(profileDir);
  const lang = o.lang ?? 'zh-CN';

  let browser: Browser;
  let extensionId: string;
  let extraPrefs: Record<string, unknown> = { ...o.prefs };

  const start = async () => {
    browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath,
      headless: o.headless ?? true,
      userDataDir: profileDir,
      args: ['--remote-allow-system-access'],
      defaultViewport: { width: 1280, height: 900 },
      extraPrefsFirefox: { ...prefs(o.port, lang, uuid), ...(o.downloadDir ? downloadPrefs(o.downloadDir) : {}), ...extraPrefs },
      env: { ...process.env, LANG: 'C.UTF-8', MOZ_CRASHREPORTER_DISABLE: '1' },
    });
    try {
      extensionId = await browser.installExtension(extensionDir);
      const host = await system<string>(`WebExtensionPolicy.getByID(${JSON.stringify(extensionId)})?.mozExtensionHostname ?? ''`);
      if (host !== uuid) throw new Error(`Firefox gave the add-on the UUID ${host}, not the pinned ${uuid}`);
    } catch (e) {
      await browser.close().catch(() => undefined);
      throw e;
    }
  };

  /** The browser window's chrome-scope browsing context (needs --remote-allow-system-access). */
  const chromeContext = async (): Promise<string> => {
    const { result } = (await bidiOf(browser).send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 })) as {
      result: { contexts: Array<{ context: string; url: string }> };
    };
    const win = result.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml') ?? result.contexts[0];
    if (!win) throw new Error('No Firefox window to evaluate in');
    return win.context;
  };

  const system = async <R>(expression: string): Promise<R> =>
    plain(
      await runScript(bidiOf(browser), 'script.evaluate', {
        expression,
        target: { context: await chromeContext() },
        awaitPromise: true,
      }),
    ) as R;

  const extension = (what: string) =>
    `ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs').ExtensionParent.GlobalManager.getExtension(${JSON.stringify(extensionId)})${what}`;

  const openExtensionPage = async (path: string, selector: string, opts: { window?: boolean; timeout?: number } = {}) => {
    const page = await browser.newPage(opts.window ? { type: 'window' } : undefined);
    // page.goto would wait for a load event that moz-extension:// pages never report over BiDi
    await bidiOf(browser).send('browsingContext.navigate', {
      context: contextOf(page),
      url: `moz-extension://${uuid}/${path.replace(/^\//, '')}`,
      wait: 'none',
    });
    await page.waitForSelector(selector, { timeout: opts.timeout ?? 10_000 });
    return page;
  };

  /** The extension page extensionEval and sidebarEval run in: opened on first use, dropped on restart. */
  let helper: Promise<Page> | null = null;
  /** Runs `use` on an extension page (the side panel page, following no tab) in a window of its own. */
  const withExtensionPage = async <R>(use: (page: Page) => Promise<R>): Promise<R> => {
    helper ??= (async () => {
      const page = await openExtensionPage('sidepanel.html', '#app', { window: true });
      await page.waitForFunction(() => typeof (globalThis as { browser?: { runtime?: { id?: string } } }).browser?.runtime?.id === 'string');
      return page;
    })();
    return use(await helper);
  };

  const extensionEval = <A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> =>
    withExtensionPage(async (page) => (await page.evaluate(fn as (arg: unknown) => unknown, arg as unknown)) as R);

  const sidebarEval = <A, R>(fn: (sidebar: { document: Document }, arg: A) => R | Promise<R>, arg: A): Promise<R> =>
    withExtensionPage(async (page) => {
      // the sidebar of the first window other than this helper's own, once it has a document. The document
      // is handed over inside a plain object: a node travels over BiDi as a reference into its own browsing
      // context (which the sidebar's page is not), an object as a handle into this page's realm.
      const findSidebar = async () => {
        const b = (globalThis as unknown as { browser: typeof chrome }).browser;
        const here = await b.windows.getCurrent();
        const first = (await b.windows.getAll({ windowTypes: ['normal'] })).find((w) => w.id !== here.id);
        const ext = b.extension as unknown as { getViews(o: object): Window[] };
        const view = first ? ext.getViews({ type: 'sidebar', windowId: first.id })[0] : undefined;
        return view?.document.readyState === 'complete' ? { document: view.document } : null;
      };
      await page.waitForFunction(findSidebar, { timeout: 10_000, polling: 100 }).catch(() => {
        throw new Error('No sidebar open in the first window (Firefox opens it when the add-on is installed)');
      });
      const sidebar = await page.evaluateHandle(findSidebar);
      return (await page.evaluate(fn as (sidebar: unknown, arg: unknown) => unknown, sidebar, arg as unknown)) as R;
    });

  try {
    await start();
  } catch (e) {
    if (own) rmSync(profileDir, { recursive: true, force: true });
    throw e;
  }

  const handle: FirefoxExtensionBrowser = {
    get browser() {
      return browser;
    },
    profileDir,
    get extensionId() {
      return extensionId;
    },
    extensionBaseUrl: `moz-extension://${uuid}/`,
    firstPage: async () => (await browser.pages())[0] ?? (await browser.newPage()),
    newPage: () => browser.newPage(),
    openExtensionPage,
    extensionEval,
    sidebarEval,
    tabIdOf: async (url, timeoutMs = 10_000) => {
      // (the in-page UI's host, what waitForReader waits for, stands before the reader listens: a tab that does not
      // answer yet is asked again, as launch.ts's tabIdOf does for Chromium)
      const until = Date.now() + timeoutMs;
      for (;;) {
        const id = await extensionEval(async (wanted) => {
          const b = (globalThis as unknown as { browser: typeof chrome }).browser;
          for (const tab of await b.tabs.query({})) {
            const page = (await b.tabs.sendMessage(tab.id!, { type: 'outline:get' }).catch(() => null)) as { url?: string } | null;
            if (page?.url === wanted) return tab.id!;
          }
          return -1;
        }, url);
        if (id >= 0) return id;
        if (Date.now() > until) throw new Error(`no reader at ${url} answered after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    badgeText: (tabId) =>
      extensionEval((id) => {
        const b = (globalThis as unknown as { browser: { browserAction: typeof chrome.action } }).browser;
        return b.browserAction.getBadgeText({ tabId: id });
      }, tabId),
    system,
    backgroundState: () => system<string>(extension('?.backgroundState ?? "none"')),
    suspendBackground: () =>
      system<string>(`(async () => {
        const ext = ${extension('')};
        await ext.terminateBackground({ ignoreDevToolsAttached: true, disableResetIdleForTest: true });
        return ext.backgroundState;
      })()`),
    takeDownload: async (timeout = 10_000) => {
      const dir = o.downloadDir;
      if (!dir) throw new Error('Launch Firefox with downloadDir to take downloads');
      const end = Date.now() + timeout;
      let last = '';
      for (;;) {
        const files = existsSync(dir) ? readdirSync(dir) : [];
        // Firefox writes <name>.part and renames it when done; an empty file may be a placeholder for it
        const done = files.filter((f) => !f.endsWith('.part') && !files.includes(`${f}.part`));
        const name = done[0];
        if (name) {
          const size = statSync(join(dir, name)).size;
          const seen = `${name}:${size}`;
          if (size > 0 && seen === last) {
            const bytes = readFileSync(join(dir, name));
            rmSync(join(dir, name));
            return { name, bytes };
          }
          last = seen;
        }
        if (Date.now() > end) throw new Error(`No finished download in ${dir} after ${timeout} ms (there: ${files.join(', ') || 'nothing'})`);
        await new Promise((ok) => setTimeout(ok, 100));
      }
    },
    restart: async (r = {}) => {
      extraPrefs = { ...extraPrefs, ...r.prefs };
      helper = null;
      await browser.close();
      await start();
    },
    close: async () => {
      await browser.close();
      if (own) rmSync(profileDir, { recursive: true, force: true });
    },
  };
  return handle;
}

/** Prefs that save every download into `dir` at once: no dialog, no downloads panel, no temporary folder. */
function downloadPrefs(dir: string): Record<string, unknown> {
  return {
    'browser.download.dir': dir,
    'browser.download.folderList': 2, // 2: the folder in browser.download.dir
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.start_downloads_in_tmp_dir': false,
    'browser.download.alwaysOpenPanel': false,
    'browser.download.manager.showWhenStarting': false,
    'browser.download.panel.shown': true,
    'browser.helperApps.neverAsk.saveToDisk': 'message/rfc822,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/octet-stream',
  };
}

/** The UUID pinned for the add-on in this profile: read from a file in the profile, made on first use. */
function readOrMakeUuid(profileDir: string): string {
  const file = join(profileDir, 'regdraft-extension-uuid');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const uuid = randomUUID();
  writeFileSync(file, uuid);
  return uuid;
}

/**
 * Waits until the extension's in-page UI host is in a Firefox `page` (the reader may not listen yet: see tabIdOf), like
 * scripts/lib/page.ts's waitForReader for Chromium; resolves 0. Throws after `timeout` ms.
 */
export async function waitForReader(page: Page, timeout = 10_000): Promise<number> {
  // (the reader writes no marks to the page's timeline unless the benchmark asks: page/timeline.ts)
  await page.waitForFunction(() => !!document.querySelector('regdraft-ui'), { timeout, polling: 20 });
  return 0;
}

/** A DOM node as WebDriver BiDi serializes it (`includeShadowTree: 'all'` takes closed shadow roots in). */
export interface BidiNode {
  type: 'node';
  sharedId?: string;
  value?: {
    nodeType: number;
    localName?: string;
    nodeValue?: string;
    /** open or closed, on shadow roots */
    mode?: string;
    attributes?: Record<string, string>;
    children?: BidiNode[];
    shadowRoot?: BidiNode | null;
  };
}

/**
 * The extension's in-page UI as Firefox sees it, with the same methods as tests/e2e/lib/shadow.ts's
 * ShadowProbe for Chromium, so one test's steps can run in both browsers.
 *
 * A closed shadow root is out of reach of page scripts (`host.shadowRoot` is null) and of puppeteer's
 * selectors, `pierce/` included; Firefox's BiDi does not list content scripts' realms (script.getRealms
 * shows only the page's window realm), and `Element.openOrClosedShadowRoot` exists for content scripts but not
 * in a BiDi sandbox. What reaches it: BiDi's own serialization. `script.evaluate` returning the host element
 * with `serializationOptions: { includeShadowTree: 'all', maxDomDepth: null }` sends the whole tree,
 * closed shadow root included (mode: 'closed'), each node with a sharedId that later calls can take as an
 * argument — as WebDriver lets a test reach what a user can see. All of it runs in a BiDi sandbox, so
 * nothing is left behind in the page's own globals.
 */
export class FirefoxShadowProbe {
  private constructor(
    private readonly page: Page,
    private readonly connection: BidiConnection,
    private readonly context: string,
  ) {}

  static async open(page: Page): Promise<FirefoxShadowProbe> {
    return new FirefoxShadowProbe(page, bidiOf(page.browser()), contextOf(page));
  }

  /** The shadow root of the extension's host element, or null when the UI is not mounted. */
  async root(): Promise<(BidiNode & { shadowRootType?: string }) | null> {
    const host = (await runScript(this.connection, 'script.evaluate', {
      expression: `document.querySelector('regdraft-ui')`,
      target: { context: this.context, sandbox: SANDBOX },
      awaitPromise: false,
      resultOwnership: 'none',
      serializationOptions: { includeShadowTree: 'all', maxDomDepth: null },
    })) as BidiNode | { type: 'null' };
    if (host.type !== 'node') return null;
    const root = host.value?.shadowRoot;
    return root ? { ...root, shadowRootType: root.value?.mode } : null;
  }

  /** The BiDi browsing context of the note editor's frame (an extension page inside the shadow root), or null. */
  async frameContext(): Promise<string | null> {
    const { contexts } = (await this.connection.send('browsingContext.getTree', { root: this.context, maxDepth: 1 })).result as {
      contexts: Array<{ children?: Array<{ context: string; url: string }> | null }>;
    };
    const child = (contexts[0]?.children ?? []).find((c) => /^moz-extension:\/\/[^/]+\/note-frame\.html/.test(c.url));
    return child?.context ?? null;
  }

  /** The note frame's body, its nodes remembered as the frame's (their sharedIds live in its context). */
  private async frameBody(): Promise<BidiNode | null> {
    const context = await this.frameContext();
    if (!context) return null;
    const body = (await runScript(this.connection, 'script.evaluate', {
      expression: 'document.body',
      target: { context, sandbox: SANDBOX },
      awaitPromise: false,
      resultOwnership: 'none',
      serializationOptions: { includeShadowTree: 'all', maxDomDepth: null },
    }).catch(() => ({ type: 'null' }))) as BidiNode | { type: 'null' };
    if (body.type !== 'node') return null;
    const mark = (n: BidiNode) => {
      contextOfNode.set(n, context);
      for (const c of childrenOf(n)) mark(c);
    };
    mark(body);
    return body;
  }

  /** The shadow root and, when there is one, the note frame's body. */
  private async roots(): Promise<BidiNode[]> {
    return [await this.root(), await this.frameBody()].filter((n): n is BidiNode => !!n);
  }

  /** All text inside the UI's shadow root and its note frame, joined. */
  async text(): Promise<string> {
    return (await this.roots()).map(collectText).join(' ');
  }

  /** The first element in the UI (note frame included) whose attribute `name` equals `value`. */
  async findByAttr(name: string, value: string): Promise<BidiNode | null> {
    for (const r of await this.roots()) {
      const hit = find(r, (n) => n.value?.attributes?.[name] === value);
      if (hit) return hit;
    }
    return null;
  }

  /** Every node in the UI (note frame included) for which `pred` holds, in document order. */
  async findAll(pred: (n: BidiNode) => boolean): Promise<BidiNode[]> {
    const out: BidiNode[] = [];
    const walk = (n: BidiNode) => {
      if (pred(n)) out.push(n);
      for (const c of childrenOf(n)) walk(c);
    };
    for (const r of await this.roots()) walk(r);
    return out;
  }

  /** The first element named `tag` (any case: 'BUTTON' as in the Chromium probe, or 'button') whose text contains `text`. */
  async findByText(tag: string, text: string): Promise<BidiNode | null> {
    const name = tag.toLowerCase();
    return (await this.findAll((n) => n.value?.localName === name && collectText(n).includes(text)))[0] ?? null;
  }

  /** Waits for an element with attribute `name` = `value` and clicks it. */
  async clickAttr(name: string, value: string, timeout = 5000): Promise<void> {
    return this.click(await this.waitFor(() => this.findByAttr(name, value), `no element with ${name}="${value}" in the extension's UI`, timeout));
  }

  /** Waits for a `tag` element containing `text` and clicks it. */
  async clickText(tag: string, text: string, timeout = 5000): Promise<void> {
    return this.click(await this.waitFor(() => this.findByText(tag, text), `no ${tag} with text "${text}" in the extension's UI`, timeout));
  }

  /**
   * The live `value` of a form field in the UI (a textarea's or input's typed text, which is a property, not an
   * attribute, so the serialized tree does not carry it).
   */
  async valueOf(node: BidiNode): Promise<string> {
    if (!node.sharedId) throw new Error('This node has no sharedId to read');
    return plain(
      await runScript(this.connection, 'script.callFunction', {
        functionDeclaration: `(el) => String(el.value ?? '')`,
        arguments: [{ sharedId: node.sharedId }],
        target: { context: contextOfNode.get(node) ?? this.context, sandbox: SANDBOX },
        awaitPromise: false,
      }),
    ) as string;
  }

  /** Whether a node of the UI has the focus (it is its shadow root's active element). */
  async isFocused(node: BidiNode): Promise<boolean> {
    if (!node.sharedId) throw new Error('This node has no sharedId to check');
    return plain(
      await runScript(this.connection, 'script.callFunction', {
        functionDeclaration: `(el) => el.getRootNode().activeElement === el`,
        arguments: [{ sharedId: node.sharedId }],
        target: { context: contextOfNode.get(node) ?? this.context, sandbox: SANDBOX },
        awaitPromise: false,
      }),
    ) as boolean;
  }

  /**
   * Clicks the middle of a node with the mouse, as a person would: scrolled into view first when outside it,
   * and refused (with what is in the way) when something else, e.g. the banner, covers that point.
   */
  async click(node: BidiNode): Promise<void> {
    if (!node.sharedId) throw new Error('This node has no sharedId to click');
    const [x, y, w, h, covered] = plain(
      await runScript(this.connection, 'script.callFunction', {
        functionDeclaration: `(el) => {
          let r = el.getBoundingClientRect();
          if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) {
            el.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
            r = el.getBoundingClientRect();
          }
          const top = el.getRootNode().elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          const covered = top && !el.contains(top)
            ? (top.localName + (top.className ? '.' + String(top.className).trim().split(/\\s+/).join('.') : '') + ' ' + (top.textContent || '').trim().slice(0, 40))
            : '';
          return [r.left, r.top, r.width, r.height, covered];
        }`,
        arguments: [{ sharedId: node.sharedId }],
        target: { context: contextOfNode.get(node) ?? this.context, sandbox: SANDBOX },
        awaitPromise: false,
      }),
    ) as [number, number, number, number, string];
    if (!(w > 0 && h > 0)) throw new Error('The node to click has no size (hidden?)');
    if (covered) throw new Error(`The node to click is covered by ${covered}`);
    // a node in the note frame: its box is in the frame's viewport, which starts inside the frame element's border
    let [dx, dy] = [0, 0];
    if (contextOfNode.has(node)) {
      const frame = await this.findFrameElement();
      [dx, dy] = plain(
        await runScript(this.connection, 'script.callFunction', {
          functionDeclaration: `(el) => { const r = el.getBoundingClientRect(); return [r.left + el.clientLeft, r.top + el.clientTop]; }`,
          arguments: [{ sharedId: frame.sharedId }],
          target: { context: this.context, sandbox: SANDBOX },
          awaitPromise: false,
        }),
      ) as [number, number];
    }
    await this.page.mouse.click(dx + x + w / 2, dy + y + h / 2);
  }

  private async findFrameElement(): Promise<BidiNode & { sharedId: string }> {
    const r = await this.root();
    const frame = r && find(r, (n) => n.value?.localName === 'iframe');
    if (!frame?.sharedId) throw new Error('no note frame in the extension UI');
    return frame as BidiNode & { sharedId: string };
  }

  private async waitFor(look: () => Promise<BidiNode | null>, missing: string, timeout: number): Promise<BidiNode> {
    const end = Date.now() + timeout;
    for (;;) {
      const n = await look();
      if (n) return n;
      if (Date.now() > end) throw new Error(missing);
      await new Promise((ok) => setTimeout(ok, 50));
    }
  }
}

const SANDBOX = 'regdraft-e2e';
/** The browsing context a node of the note frame was read from (nodes of the page's own context are absent). */
const contextOfNode = new WeakMap<BidiNode, string>();

function childrenOf(n: BidiNode): BidiNode[] {
  return [...(n.value?.shadowRoot ? [n.value.shadowRoot] : []), ...(n.value?.children ?? [])];
}

function find(n: BidiNode, pred: (n: BidiNode) => boolean): BidiNode | null {
  if (pred(n)) return n;
  for (const c of childrenOf(n)) {
    const hit = find(c, pred);
    if (hit) return hit;
  }
  return null;
}

/** The text of a serialized node and everything under it (style sheets left out), joined by spaces. */
export function collectText(n: BidiNode): string {
  if (n.value?.nodeType === 3) return n.value.nodeValue ?? '';
  if (n.value?.localName === 'style') return '';
  return childrenOf(n).map(collectText).join(' ');
}

import type { JSX } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t, type MessageKey } from '../../shared/i18n';
import { PANEL_VIEW_KEY, RequestError, fromThisExtension, isMessage, request, type PageState } from '../../shared/messages';
import { askPageState } from '../../shared/page-state';
import { unitsUpdated } from '../../shared/unit-count';
import type { DocumentRecord } from '../../storage/schema';
import { normaliseUrl } from '../../storage/url';
import { AnnounceContext } from './announce';
import { Deferred } from './deferred';
import { askPage, earlyTab, readyPage } from './early';
import { useLive } from './live';
import { OpenFileLink } from './FilesPanel';
import { NotesPanel } from './NotesPanel';
import { OutlineView } from './OutlinePanel';
import { useVersionText, type VersionAt } from './version-text';
import { isPanelVersionsShow, SHOW_KEY } from '../../shared/page-version-messages';

/*
 * The views other than the outline and the notes load their code when first shown: the panel's first paint carries
 * only what it shows (the letter's renderers, the version comparison, the backup's schemas stay out of it).
 */
const loadExport = () => import('../../components/ExportPanel').then((m) => m.ExportPanel);
const loadComments = () => import('./CommentsPanel').then((m) => m.CommentsPanel);
const loadVersions = () => import('./VersionsPanel').then((m) => m.VersionsPanel);
const loadTags = () => import('./TagsPanel').then((m) => m.TagsPanel);
const loadBackup = () =>
  Promise.all([import('./BackupPanel'), import('./FilesPanel')]).then(([b, f]) => (props: { persisted: boolean | null }) => (
    <>
      <b.BackupPanel {...props} />
      <f.FilesUsage />
    </>
  ));

type Load = { state: 'loading' } | { state: 'none' } | { state: 'ready'; page: PageState; tabId: number };

/** The panel's views, in tab order: a view is its id and label here and its panel in SidePanel's `views` below. */
export const VIEWS = [
  { id: 'outline', label: 'panelTabOutline' },
  { id: 'notes', label: 'panelTabNotes' },
  { id: 'comments', label: 'panelTabComments' },
  { id: 'export', label: 'panelTabExport' },
  { id: 'versions', label: 'panelTabVersions' },
  { id: 'tags', label: 'panelTabTags' },
  { id: 'backup', label: 'panelTabBackup' },
] as const satisfies ReadonlyArray<{ id: string; label: MessageKey }>;

export type ViewId = (typeof VIEWS)[number]['id'];

const isView = (v: string | null): v is ViewId => VIEWS.some((x) => x.id === v);

interface Props {
  /** The tab to follow (tests open the panel as a tab aimed at another one); null: the active tab. */
  forcedTabId: number | null;
  /** The view to open with (?view=notes); the outline otherwise. */
  initialView?: string | null;
}

/**
 * The side panel: the draft in the current tab (or in `forcedTabId`) as tabs: outline, notes, general
 * comments, the letter's export, tags, backup. Follows tab switches and page changes; asks once for persistent
 * storage; owns the polite live region every view announces through.
 */
export function SidePanel({ forcedTabId, initialView = null }: Props) {
  // the tab and its page as the early asks found them, when they have already come (early.ts): the first render then
  // shows the draft rather than a frame of 'loading' and a round of effects after it
  const [tabId, setTabId] = useState<number | null>(() => forcedTabId ?? earlyTab());
  const [load, setLoad] = useState<Load>(() => {
    const page = tabId === null ? undefined : readyPage(tabId);
    return page && tabId !== null ? { state: 'ready', page, tabId } : { state: 'loading' };
  });
  /** True until the first refresh is due: skipped when the first render already had the page. */
  const firstRefresh = useRef(true);
  const [view, setView] = useState<ViewId>(isView(initialView) ? initialView : 'outline');
  const [visited, setVisited] = useState<ReadonlySet<ViewId>>(() => new Set([view]));
  const [message, setMessage] = useState('');
  const [persisted, setPersisted] = useState<boolean | null>(null);
  const tabRefs = useRef(new Map<ViewId, HTMLButtonElement>());

  // A polite live region repeats nothing that did not change: alternate a zero-width space so the same
  // sentence twice ("已删除…" on two notes) is read twice.
  const announce = useCallback((text: string) => setMessage((old) => (old === text ? `${text}\u200b` : text)), []);

  const refresh = useCallback(async (id: number | null, quiet = false) => {
    if (id === null) return setLoad({ state: 'none' });
    if (!quiet) setLoad({ state: 'loading' });
    const page = quiet ? await askPageState(id) : await askPage(id);
    setLoad(page ? { state: 'ready', page, tabId: id } : { state: 'none' });
    if (page && quiet) announce(unitsUpdated(page.outline));
  }, [announce]);

  // which tab: the forced one, else the active tab of this window, following switches
  useEffect(() => {
    if (forcedTabId !== null) return;
    const pick = async () => {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      setTabId(tab?.id ?? null);
    };
    void pick();
    const onActivated = () => void pick();
    browser.tabs.onActivated.addListener(onActivated);
    return () => browser.tabs.onActivated.removeListener(onActivated);
  }, [forcedTabId]);

  // a layout effect: the early answer still awaited is taken up before the first paint, not one frame after it
  useLayoutEffect(() => {
    if (!firstRefresh.current || load.state !== 'ready') void refresh(tabId);
    firstRefresh.current = false;
    const onUpdated = (id: number, info: { status?: string }) => {
      if (id === tabId && info.status === 'complete') void refresh(id);
    };
    const onMessage = (message: unknown, sender: { id?: string; tab?: { id?: number } }) => {
      if (!fromThisExtension(sender as never) || !isMessage(message)) return false;
      if (message.type === 'outline:changed' && sender.tab?.id === tabId) void refresh(tabId, true);
      if (message.type === 'panel:view' && isView(message.view)) select(message.view);
      return false;
    };
    browser.tabs.onUpdated.addListener(onUpdated);
    browser.runtime.onMessage.addListener(onMessage);
    return () => {
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.runtime.onMessage.removeListener(onMessage);
    };
  }, [tabId, refresh]);

  // A changed article's marker on the page asked for its old text: the 版本 tab at that article (told while open,
  // or left in session storage for a panel that was only opening)
  const [versionAt, setVersionAt] = useState<VersionAt | null>(null);
  useEffect(() => {
    if (tabId === null) return;
    const show = (index: number) => {
      select('versions');
      setVersionAt({ index, key: Date.now() });
    };
    void browser.storage.session
      ?.get(SHOW_KEY)
      .then((v) => {
        const s = v[SHOW_KEY] as { tabId?: unknown; index?: unknown; at?: unknown } | undefined;
        if (s?.tabId !== tabId || typeof s.index !== 'number' || typeof s.at !== 'number' || Date.now() - s.at > 30_000) return;
        show(s.index);
        return browser.storage.session.remove(SHOW_KEY);
      })
      .catch(() => undefined);
    const onMessage = (message: unknown, sender: { id?: string }, sendResponse: (r: unknown) => void) => {
      if (!fromThisExtension(sender as never) || !isPanelVersionsShow(message) || message.tabId !== tabId) return false;
      show(message.index);
      void browser.storage.session?.remove(SHOW_KEY).catch(() => undefined);
      sendResponse(true);
      return false;
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  }, [tabId]);

  // A keyboard command (export the letter) opened the panel on a view: show it, once
  useEffect(() => {
    void browser.storage.session
      ?.get(PANEL_VIEW_KEY)
      .then((v) => {
        const wanted = v[PANEL_VIEW_KEY];
        if (typeof wanted !== 'string' || !isView(wanted)) return;
        select(wanted);
        return browser.storage.session.remove(PANEL_VIEW_KEY);
      })
      .catch(() => undefined);
  }, []);

  // Ask once that the browser never evicts the notes under storage pressure (best effort, no prompt). Firefox
  // grants it to an extension with unlimitedStorage; Chrome answers false but exempts unlimitedStorage origins
  // from eviction anyway, so a refusal is logged, not shown.
  useEffect(() => {
    const storage = navigator.storage as StorageManager | undefined;
    if (!storage?.persist) return;
    storage.persist().then(
      (granted) => {
        setPersisted(granted);
        if (!granted) console.info('regdraft: persistent storage not granted; unlimitedStorage still applies');
      },
      (e: unknown) => {
        setPersisted(false);
        console.warn('regdraft: navigator.storage.persist() failed', e);
      },
    );
  }, []);

  const page = load.state === 'ready' ? load.page : null;
  const documentId = usePageDocument(page);
  useVersionText(page?.outline ?? null, documentId);

  const select = (id: ViewId, focus = false) => {
    setView(id);
    setVisited((v) => (v.has(id) ? v : new Set([...v, id])));
    if (focus) tabRefs.current.get(id)?.focus();
  };
  const onTabKey = (e: KeyboardEvent) => {
    const i = VIEWS.findIndex((v) => v.id === view);
    const to =
      e.key === 'ArrowRight' ? (i + 1) % VIEWS.length
      : e.key === 'ArrowLeft' ? (i - 1 + VIEWS.length) % VIEWS.length
      : e.key === 'Home' ? 0
      : e.key === 'End' ? VIEWS.length - 1
      : -1;
    if (to < 0) return;
    e.preventDefault();
    select(VIEWS[to]!.id, true);
  };

  /** The draft's record, created on demand (a general comment typed before the page opened it). */
  const ensureDocument = useCallback(async (): Promise<string> => {
    if (documentId) return documentId;
    if (!page) throw new Error('no page');
    const o = page.outline;
    const notice = { title: o.title, issuer: o.issuer, published: o.published, deadline: o.deadline, channels: o.channels };
    const opened = await request({ type: 'doc:open', url: page.url, title: o.title, notice });
    // a draft of this title read on another site: the page's banner asks the reviewer first
    if ('ask' in opened) throw new RequestError('ask', 'the page asks which draft it is');
    return opened.document.id;
  }, [documentId, page]);

  const notReady = (
    <div class="empty">
      {load.state === 'loading' ? (
        <p>{t('panelLoading')}</p>
      ) : (
        <>
          <h2>{t('panelEmptyTitle')}</h2>
          <p>{t('panelEmptyBody')}</p>
          <OpenFileLink />
        </>
      )}
    </div>
  );

  const views: Record<ViewId, () => JSX.Element> = {
    outline: () =>
      load.state === 'ready' ? (
        <OutlineView outline={load.page.outline} tabId={load.tabId} url={load.page.url} documentId={documentId} ensureDocument={ensureDocument} />
      ) : (
        notReady
      ),
    notes: () =>
      load.state === 'ready' ? (
        <NotesPanel key={documentId ?? 'none'} outline={load.page.outline} tabId={load.tabId} documentId={documentId} />
      ) : (
        notReady
      ),
    comments: () =>
      load.state === 'ready' ? <Deferred key={documentId ?? 'none'} load={loadComments} props={{ documentId, ensureDocument }} /> : notReady,
    export: () =>
      load.state === 'ready' ? <Deferred load={loadExport} props={{ outline: load.page.outline, url: load.page.url, documentId }} /> : notReady,
    versions: () =>
      load.state === 'ready' ? <Deferred load={loadVersions} props={{ outline: load.page.outline, documentId, at: versionAt }} /> : notReady,
    tags: () => <Deferred load={loadTags} props={{}} />,
    backup: () => <Deferred load={loadBackup} props={{ persisted }} />,
  };

  return (
    <AnnounceContext.Provider value={announce}>
      <main>
        <p class="sr-only" aria-live="polite" data-testid="announce">
          {message}
        </p>
        {load.state === 'ready' && <h1>{page?.outline.title ? `《${page.outline.title}》` : t('panelTitle')}</h1>}
        <div class="tabs" role="tablist" aria-label={t('panelViews')} onKeyDown={onTabKey}>
          {VIEWS.map((v) => (
            <button
              key={v.id}
              ref={(el) => void (el ? tabRefs.current.set(v.id, el) : tabRefs.current.delete(v.id))}
              type="button"
              role="tab"
              id={`tab-${v.id}`}
              aria-controls={`view-${v.id}`}
              aria-selected={view === v.id}
              tabIndex={view === v.id ? 0 : -1}
              data-view={v.id}
              onClick={() => select(v.id)}
            >
              {t(v.label)}
            </button>
          ))}
        </div>
        {VIEWS.map((v) =>
          visited.has(v.id) ? (
            <section key={v.id} id={`view-${v.id}`} role="tabpanel" aria-labelledby={`tab-${v.id}`} hidden={view !== v.id} tabIndex={-1}>
              {views[v.id]()}
            </section>
          ) : null,
        )}
      </main>
    </AnnounceContext.Provider>
  );
}

/**
 * The id of the page's draft in the review database: the one the content script reports, else the document
 * whose URLs include the page's normalised URL (most recently updated first), found live so that it appears
 * as soon as the page opens it; null while there is none.
 */
function usePageDocument(page: PageState | null): string | null {
  const url = page ? normaliseUrl(page.url) : '';
  const found = useLive(
    async (db) => {
      if (!url) return null;
      const docs: DocumentRecord[] = await db.documents.where('urls').equals(url).toArray();
      docs.sort((a, b) => b.updatedAt - a.updatedAt);
      return docs[0]?.id ?? null;
    },
    [url],
    null,
  );
  return page?.documentId ?? (found.state === 'ready' ? found.value : null);
}

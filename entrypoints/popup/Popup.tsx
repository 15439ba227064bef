import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { describeDeadline } from '../../components/deadline';
import { ExportPanel } from '../../components/ExportPanel';
import { t } from '../../shared/i18n';
import { fromThisExtension, isMessage, sendToTab, type PageState } from '../../shared/messages';
import { ensureReader, openSidePanel } from '../../shared/toolbar';
import { unitsAreItems } from '../../shared/unit-count';
import { AlwaysRead } from './AlwaysRead';
import { FileActions } from './FileActions';

type Load =
  | { state: 'loading' }
  | { state: 'unreadable'; windowId: number | undefined }
  | { state: 'ready'; page: PageState; tabId: number; windowId: number | undefined };

interface Props {
  /** The tab to show (tests open the popup as a tab aimed at another one); null: the active tab. */
  forcedTabId: number | null;
}

/**
 * The toolbar button's popup: reads the current tab (injecting the reader into a page outside jinan.gov.cn,
 * which the click's activeTab grant allows), then shows the draft's title, deadline and note count with the
 * letter's main exports, and opens the side panel on request.
 */
export function Popup({ forcedTabId }: Props) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [panelFailed, setPanelFailed] = useState(false);

  useEffect(() => {
    let live = true;
    void (async () => {
      const tab = forcedTabId !== null ? await browser.tabs.get(forcedTabId) : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
      if (!live) return;
      if (tab?.id === undefined) return setLoad({ state: 'unreadable', windowId: tab?.windowId });
      const { page } = await ensureReader(tab.id);
      if (!live) return;
      setLoad(page ? { state: 'ready', page, tabId: tab.id, windowId: tab.windowId } : { state: 'unreadable', windowId: tab.windowId });
    })();
    return () => void (live = false);
  }, [forcedTabId]);

  // follow the page: articles added later, the draft opened in the database
  const tabId = load.state === 'ready' ? load.tabId : null;
  useEffect(() => {
    if (tabId === null) return;
    const onMessage = (message: unknown, sender: { id?: string; tab?: { id?: number } }) => {
      if (!fromThisExtension(sender as never) || !isMessage(message)) return false;
      if (message.type === 'outline:changed' && sender.tab?.id === tabId) {
        void sendToTab<PageState>(tabId, { type: 'outline:get' }).then((page) => {
          if (page) setLoad((l) => (l.state === 'ready' && l.tabId === tabId ? { ...l, page } : l));
        });
      }
      return false;
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  }, [tabId]);

  const windowId = load.state === 'loading' ? undefined : load.windowId;
  const openPanel = () => {
    // called straight from the click: the browser opens panels only while the click counts as a user gesture
    void openSidePanel(windowId).then((ok) => (ok && forcedTabId === null ? window.close() : setPanelFailed(!ok)));
  };

  const outline = load.state === 'ready' ? load.page.outline : null;
  const deadline = outline ? describeDeadline(outline.deadline) : null;
  return (
    <main>
      <header>
        <h1 data-testid="popup-title">{outline?.title ? `《${outline.title}》` : t('extName')}</h1>
        {outline && outline.articles.length > 0 && (
          <p class="facts">
            <span class="deadline-date">{outline.deadline ?? '—'}</span>{' '}
            <span class={`deadline deadline-${deadline!.tone}`} data-testid="popup-deadline" data-tone={deadline!.tone}>
              {deadline!.text}
            </span>
            <span class="articles">{unitsAreItems(outline) ? t('ffilesCountItems', outline.articles.length) : t('popupArticles', outline.articles.length)}</span>
          </p>
        )}
      </header>
      <button type="button" class="open-panel" data-testid="open-panel" disabled={load.state === 'loading'} onClick={openPanel}>
        {t('popupOpenPanel')}
      </button>
      {panelFailed && (
        <p class="error" role="alert">
          {t('popupPanelFailed')}
        </p>
      )}
      {load.state === 'ready' && <AlwaysRead url={load.page.url} />}
      {load.state === 'loading' && <p class="hint">{t('popupReading')}</p>}
      {load.state === 'unreadable' && <p class="hint">{t('popupUnreadable')}</p>}
      {load.state === 'ready' &&
        (load.page.outline.articles.length === 0 ? (
          <p class="hint">{t('popupNoArticles')}</p>
        ) : (
          <ExportPanel outline={load.page.outline} url={load.page.url} documentId={load.page.documentId} compact />
        ))}
      <FileActions tabId={forcedTabId} />
    </main>
  );
}

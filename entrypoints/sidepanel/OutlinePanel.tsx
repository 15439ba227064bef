import { Fragment } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { NoticeDetails } from '../../components/NoticeDetails';
import { parseNumeral } from '../../regulation/numerals';
import type { Article, Chapter, Outline, OutlineWarning } from '../../regulation/types';
import { t, type MessageKey } from '../../shared/i18n';
import { fromThisExtension, isMessage, sendToTab, type PageState } from '../../shared/messages';

type Load = { state: 'loading' } | { state: 'none' } | { state: 'ready'; page: PageState; tabId: number };

/**
 * The side panel: the notice's details and the outline of the page in the current tab (or of `forcedTabId`,
 * which tests use to aim a panel opened as a tab at another tab). Follows tab switches and page changes.
 */
export function OutlinePanel({ forcedTabId }: { forcedTabId: number | null }) {
  const [tabId, setTabId] = useState<number | null>(forcedTabId);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [announce, setAnnounce] = useState('');

  const refresh = useCallback(async (id: number | null, quiet = false) => {
    if (id === null) return setLoad({ state: 'none' });
    if (!quiet) setLoad({ state: 'loading' });
    const page = await sendToTab<PageState>(id, { type: 'outline:get' });
    setLoad(page ? { state: 'ready', page, tabId: id } : { state: 'none' });
    if (page && quiet) setAnnounce(t('panelUpdated', page.outline.articles.length));
  }, []);

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

  useEffect(() => {
    void refresh(tabId);
    const onUpdated = (id: number, info: { status?: string }) => {
      if (id === tabId && info.status === 'complete') void refresh(id);
    };
    const onMessage = (message: unknown, sender: { id?: string; tab?: { id?: number } }) => {
      if (!fromThisExtension(sender as never) || !isMessage(message)) return false;
      if (message.type === 'outline:changed' && sender.tab?.id === tabId) void refresh(tabId, true);
      return false;
    };
    browser.tabs.onUpdated.addListener(onUpdated);
    browser.runtime.onMessage.addListener(onMessage);
    return () => {
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.runtime.onMessage.removeListener(onMessage);
    };
  }, [tabId, refresh]);

  return (
    <main>
      <p class="sr-only" aria-live="polite">
        {announce}
      </p>
      {load.state === 'loading' && <p class="empty">{t('panelLoading')}</p>}
      {load.state === 'none' && (
        <div class="empty">
          <h1>{t('panelEmptyTitle')}</h1>
          <p>{t('panelEmptyBody')}</p>
        </div>
      )}
      {load.state === 'ready' && <PageView outline={load.page.outline} tabId={load.tabId} />}
    </main>
  );
}

function PageView({ outline, tabId }: { outline: Outline; tabId: number }) {
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => filterArticles(outline.articles, filter), [outline, filter]);
  const chapterCount = outline.chapters.filter((c) => c.kind === 'chapter').length;
  return (
    <>
      <h1>{outline.title ? `《${outline.title}》` : t('panelTitle')}</h1>
      <p class="counts" data-testid="counts">
        {t('countArticles', outline.articles.length)} · {t('countChapters', chapterCount)}
      </p>
      <section aria-labelledby="notice-h">
        <h2 id="notice-h">{t('panelNotice')}</h2>
        <NoticeDetails notice={outline} root={document} />
      </section>
      {outline.warnings.length > 0 && (
        <section aria-labelledby="warn-h">
          <h2 id="warn-h">{t('panelWarnings')}</h2>
          <ul class="warnings">
            {outline.warnings.map((w, i) => (
              <li key={i}>{warningText(w)}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="outline-h">
        <h2 id="outline-h">{t('panelOutline')}</h2>
        {outline.articles.length === 0 ? (
          <p class="empty">{t('panelNoArticles')}</p>
        ) : (
          <>
            <input
              class="filter"
              type="search"
              value={filter}
              placeholder={t('panelFilter')}
              aria-label={t('panelFilter')}
              onInput={(e) => setFilter((e.target as HTMLInputElement).value)}
            />
            {shown.length === 0 && <p class="empty">{t('panelFilterNone')}</p>}
            <ul class="outline" data-testid="outline">
              {shown.map(({ article, index }, k) => (
                <Fragment key={index}>
                  {headingsBefore(outline.chapters, article, shown[k - 1]?.article).map((c) => (
                    <li key={`c${c.paragraph}`} class={`heading ${c.kind}`} role="presentation">
                      {c.label} {c.title ?? ''}
                    </li>
                  ))}
                  <li class="article" data-article={article.label}>
                    <button
                      type="button"
                      class="jump"
                      title={t('panelJump', article.label)}
                      onClick={() => void sendToTab(tabId, { type: 'article:jump', index })}
                    >
                      <span class="label">{article.label}</span>
                      <span class="preview">{article.title ?? article.text.slice(0, 40)}</span>
                    </button>
                    <button
                      type="button"
                      class="note-btn"
                      aria-label={t('actionAddNote', article.label)}
                      onClick={() => void sendToTab(tabId, { type: 'article:note', index })}
                    >
                      {t('actionAddNoteShort')}
                    </button>
                  </li>
                </Fragment>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}

/** The articles matching a filter: by number (12, 十二, 第十二条) or by any text in label, title or body. */
export function filterArticles(articles: Article[], filter: string): Array<{ article: Article; index: number }> {
  const all = articles.map((article, index) => ({ article, index }));
  const f = filter.trim();
  if (!f) return all;
  const n = parseNumeral(f.replace(/^第|[条條]$/g, ''));
  return all.filter(
    ({ article: a }) => (n !== null && a.number === n) || a.label.includes(f) || (a.title ?? '').includes(f) || a.text.includes(f),
  );
}

/** The chapter headings to print above `article`: those its chain has and the previous article's does not. */
function headingsBefore(chapters: Chapter[], article: Article, prev: Article | undefined): Chapter[] {
  const chain = (i: number | null): number[] => {
    const out: number[] = [];
    for (let c = i; c !== null && chapters[c]; c = chapters[c]!.parent) out.unshift(c);
    return out;
  };
  const mine = chain(article.chapter);
  const before = new Set(prev ? chain(prev.chapter) : []);
  return mine.filter((c) => !before.has(c)).map((c) => chapters[c]!);
}

const WARNING_KEYS: Record<OutlineWarning['code'], MessageKey> = {
  gap: 'warningGap',
  duplicate: 'warningDuplicate',
  order: 'warningOrder',
  empty: 'warningEmpty',
  binary: 'warningBinary',
  'too-large': 'warningTooLarge',
};

function warningText(w: OutlineWarning): string {
  return t(WARNING_KEYS[w.code] ?? 'warningEmpty', w.article ?? '');
}

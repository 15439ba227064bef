import { Fragment } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { NoticeFields } from './NoticeFields';
import { OpenFileLink } from './FilesPanel';
import { parseNumeral } from '../../regulation/numerals';
import type { Article, Chapter, Outline, OutlineWarning } from '../../regulation/types';
import { t, type MessageKey } from '../../shared/i18n';
import { sendToTab } from '../../shared/messages';
import { unitCount, unitsAreItems } from '../../shared/unit-count';

/** The outline tab: the notice's details, numbering warnings, and the articles under their headings. */
export function OutlineView({ outline, tabId, url, documentId, ensureDocument }: { outline: Outline; tabId: number; url: string; documentId: string | null; ensureDocument(): Promise<string> }) {
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => filterArticles(outline.articles, filter), [outline, filter]);
  const chapterCount = outline.chapters.filter((c) => c.kind === 'chapter').length;
  return (
    <>
      <p class="counts" data-testid="counts">
        {unitCount(outline)}
        {/* a draft numbered only by items has parts, not chapters: no "0 章" beside its items */}
        {unitsAreItems(outline) && chapterCount === 0 ? null : ` · ${t('countChapters', chapterCount)}`}
      </p>
      <section aria-labelledby="notice-h">
        <h2 id="notice-h">{t('panelNotice')}</h2>
        <NoticeFields outline={outline} url={url} documentId={documentId} ensureDocument={ensureDocument} />
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
          <>
            <p class="empty">{t('panelNoArticles')}</p>
            {/* a notice whose draft is an attachment, or a draft on the disk: the reader page */}
            <OpenFileLink />
          </>
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
                    <li key={`c${c.paragraph}`} class={`heading ${c.kind}`}>
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

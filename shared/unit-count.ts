import type { Outline } from '../regulation/types';
import { t } from './i18n';

/**
 * How the side panel and the popup count a draft's units. A draft numbered only by items (一、（一）1.) has its items
 * dressed as articles by withItemUnits (regulation/items.ts); `items` is empty whenever the draft has 第N条, so a
 * non-empty `items` says that the units are items: "22 项" / "22 items", not "22 条" / "22 articles".
 */
export function unitsAreItems(outline: Pick<Outline, 'items'>): boolean {
  return outline.items.length > 0;
}

/** "65 条" for a draft with articles, "22 项" for one numbered only by items (zh; en: articles / items). */
export function unitCount(outline: Pick<Outline, 'articles' | 'items'>): string {
  const n = outline.articles.length;
  return unitsAreItems(outline) ? t('ffilesCountItems', n) : t('countArticles', n);
}

/** What the side panel announces when the page's outline was read again: "条文已更新:65 条" or "条目已更新:22 项". */
export function unitsUpdated(outline: Pick<Outline, 'articles' | 'items'>): string {
  const n = outline.articles.length;
  return unitsAreItems(outline) ? t('ffilesPanelUpdatedItems', n) : t('panelUpdated', n);
}

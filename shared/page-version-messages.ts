/**
 * Messages of the versions feature on the page (issue 14): the content script asks the background what its page
 * shows (the new-version offer, the changed articles), answers the offer, and asks for an article's old text, which
 * opens the side panel's 版本 tab there (the old text and the notes never enter the page). The "versions:" prefix
 * keeps them out of the notes messages' validation; background/page-versions.ts answers them.
 */
import type { PageMark, VersionOffer } from '../versions/page';
import { isId } from './messages';

/**
 * What the page's versions are: asked on load, after the page's text changes and after a link is made or undone.
 * In two steps: first the title and the articles' fingerprint (versions/fingerprint.ts) alone; the articles only
 * when the background answers that it needs them (`{ send: true }`: an earlier version or a stored link, a draft of
 * the same regulation to compare with, or a reviewed draft whose kept text is not the page's any more).
 */
export interface PageVersionsAsk {
  type: 'versions:page';
  documentId: string;
  title: string | null;
  fingerprint: string;
  articles?: Array<{ number: number; sub: number; label: string; title: string | null; text: string }>;
}
/** "不是": the offer of `from` for the page's document `to` is not made again. */
export interface PageVersionsDecline {
  type: 'versions:decline';
  from: string;
  to: string;
}
/** The old text of the page's article `index`: opens the side panel's 版本 tab at that article. */
export interface PageVersionsShow {
  type: 'versions:show';
  index: number;
}
export type PageVersionsRequest = PageVersionsAsk | PageVersionsDecline | PageVersionsShow;

/** The answer to versions:page. */
export interface PageVersions {
  offer: VersionOffer | null;
  marks: PageMark[];
}
/** The answer to a versions:page without its articles, when the background needs them to answer. */
export interface SendArticles {
  send: true;
}

/** background -> the side panel: show the 版本 tab of `tabId` at the page's article `index`; a panel on that tab answers true. */
export interface PanelVersionsShow {
  type: 'versions:show-panel';
  tabId: number;
  index: number;
}
/** background -> every tab: a link between versions was made or undone; the page asks again. */
export const VERSIONS_CHANGED = 'versions:changed';
/** storage.local: the pairs (versions/page.ts declineKey) the reviewer answered "不是", oldest first. */
export const DECLINED_KEY = 'versions:declined';
/** Where the background leaves the article to show for a side panel that is only opening (storage.session). */
export const SHOW_KEY = 'versions:show';

const isIndex = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 100_000;

/** True when `m` is a well-formed page versions request (the store checks the articles field by field). */
export function isPageVersionsRequest(m: unknown): m is PageVersionsRequest {
  if (!m || typeof m !== 'object') return false;
  const o = m as Record<string, unknown>;
  switch (o.type) {
    case 'versions:page':
      return (
        isId(o.documentId) &&
        (o.title === null || (typeof o.title === 'string' && o.title.length <= 1000)) &&
        typeof o.fingerprint === 'string' &&
        o.fingerprint.length <= 64 &&
        (o.articles === undefined || Array.isArray(o.articles))
      );
    case 'versions:decline':
      return isId(o.from) && isId(o.to);
    case 'versions:show':
      return isIndex(o.index);
    default:
      return false;
  }
}

/** True when `m` is the background's versions:show-panel message. */
export function isPanelVersionsShow(m: unknown): m is PanelVersionsShow {
  const o = m as Record<string, unknown> | null;
  return !!o && o.type === 'versions:show-panel' && Number.isInteger(o.tabId) && isIndex(o.index);
}

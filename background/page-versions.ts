import { browser, type Browser } from 'wxt/browser';
import { fromThisExtension } from '../shared/messages';
import {
  DECLINED_KEY,
  isPageVersionsRequest,
  SHOW_KEY,
  VERSIONS_CHANGED,
  type PageVersions,
  type PageVersionsAsk,
  type PanelVersionsShow,
  type SendArticles,
} from '../shared/page-version-messages';
import { articlesFingerprint } from '../versions/fingerprint';
import { openReviewDB, StorageError, type ReviewDB } from '../storage';
import { VersionsStore } from '../storage/versions';
import { declineKey, pageMarks, versionOffer, type Candidate } from '../versions/page';
import { sameRegulation } from '../versions/title';

/** At most this many "不是" answers are kept (the oldest dropped). */
const DECLINED_MAX = 500;

async function declined(): Promise<string[]> {
  const v = (await browser.storage.local.get(DECLINED_KEY))[DECLINED_KEY];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * What the page of `ask.documentId` shows: the new-version offer (a reviewed draft of the same regulation, mostly
 * alike, not declined) when the document has no earlier version, else the articles changed or added since it. Keeps
 * the stored text of a reviewed document (one with notes or in a chain) up to date on the way. Asked without the
 * page's articles (their fingerprint only), answers `{ send: true }` when it needs them: a reviewed document whose
 * kept text is not the page's (or none is kept), or a draft of the same regulation to compare the page with; with
 * the kept text still the page's, that text stands for the articles. Throws StorageError ('invalid') for malformed
 * articles.
 */
export async function pageVersions(
  db: ReviewDB,
  store: VersionsStore,
  ask: PageVersionsAsk,
  declinedKeys: readonly string[],
): Promise<PageVersions | SendArticles> {
  const { documentId, title } = ask;
  const links = await db.versionLinks.toArray();
  const earlier = links.find((l) => l.to === documentId);
  const inChain = !!earlier || links.some((l) => l.from === documentId);
  const keep = inChain || (await db.notes.where('documentId').equals(documentId).filter((n) => n.deleted === undefined).count()) > 0;
  const stored = keep ? await db.versionTexts.get(documentId) : undefined;
  const current = !!stored && stored.title === title && articlesFingerprint(stored.articles) === ask.fingerprint;
  let articles = ask.articles ?? (current ? stored.articles : undefined);
  if (keep && !articles) return SEND;
  if (keep && ask.articles && !current && (!stored || stored.title !== title || JSON.stringify(stored.articles) !== JSON.stringify(ask.articles))) {
    articles = (await store.saveText(documentId, title, ask.articles)).articles;
  }
  if (earlier) {
    const older = await db.versionTexts.get(earlier.from);
    return { offer: null, marks: older && articles ? pageMarks(older.articles, articles) : [] };
  }
  // no offer without a title (versionOffer); only drafts of the same regulation are read whole (a document without
  // a title is judged by its text's)
  if (!title) return { offer: null, marks: [] };
  const documents = (await db.documents.toArray()).filter((d) => d.id !== documentId && (d.title === null || sameRegulation(d.title, title)));
  const texts = await db.versionTexts.bulkGet(documents.map((d) => d.id));
  const candidates: Candidate[] = [];
  documents.forEach((d, k) => {
    const text = texts[k];
    const name = d.title ?? text?.title ?? null;
    if (text && sameRegulation(name, title)) candidates.push({ id: d.id, title: name, articles: text.articles });
  });
  if (!candidates.length) return { offer: null, marks: [] };
  if (!articles) return SEND;
  return { offer: versionOffer(documentId, title, articles, candidates, links, new Set(declinedKeys)), marks: [] };
}
const SEND: SendArticles = { send: true };

/** Tells every tab's reader that a link between versions changed, so that its page asks again. */
export async function tellVersionsChanged(): Promise<void> {
  const tabs = await browser.tabs.query({}).catch(() => [] as Browser.tabs.Tab[]);
  for (const tab of tabs) {
    if (tab.id === undefined) continue;
    // a tab with no reader refuses (a rejected promise, or a throw in some implementations): nothing to tell there
    try {
      void browser.tabs.sendMessage(tab.id, { type: VERSIONS_CHANGED }).catch(() => undefined);
    } catch {
      // nothing to tell
    }
  }
}

interface PanelApis {
  sidePanel?: { open(o: { tabId?: number; windowId?: number }): Promise<void> };
  sidebarAction?: { open(): Promise<void> };
}

/**
 * The reviewer asked for an article's old text on the page: opens the side panel (while the click still counts as a
 * gesture: called first, before any await), leaves the article for a panel that is only opening, and tells an open
 * panel. Resolves whether a panel shows it (false when the browser refused to open one and none was open).
 */
async function showInPanel(tab: Browser.tabs.Tab, index: number): Promise<boolean> {
  const b = browser as unknown as PanelApis;
  const refused = (e: unknown) => (console.info('regdraft: cannot open the side panel:', (e as Error).message), false);
  let opening: Promise<boolean> | undefined;
  try {
    opening = (b.sidePanel && tab.windowId !== undefined ? b.sidePanel.open({ windowId: tab.windowId }) : b.sidebarAction?.open())?.then(() => true, refused);
  } catch (e) {
    opening = Promise.resolve(refused(e)); // some refusals are thrown, not rejected
  }
  await browser.storage.session?.set({ [SHOW_KEY]: { tabId: tab.id, index, at: Date.now() } }).catch(() => undefined);
  const message: PanelVersionsShow = { type: 'versions:show-panel', tabId: tab.id!, index };
  const told = await Promise.resolve()
    .then(() => browser.runtime.sendMessage(message))
    .then((r) => r === true, () => false); // no extension page listening: nobody shows it
  return told || ((await opening) ?? false);
}

let store: VersionsStore | null = null;
let db: ReviewDB | null = null;

/** Answers the page's versions requests (shared/page-version-messages.ts): {ok: true, value} or {ok: false, error}. */
export function listenForPageVersions(): void {
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (!isPageVersionsRequest(message) || !fromThisExtension(sender)) return false;
    db ??= openReviewDB();
    store ??= new VersionsStore(db);
    const work: Promise<unknown> =
      message.type === 'versions:show'
        ? sender.tab?.id !== undefined
          ? showInPanel(sender.tab, message.index)
          : Promise.resolve(false)
        : message.type === 'versions:decline'
          ? declined().then((keys) =>
              browser.storage.local
                .set({ [DECLINED_KEY]: [...keys.filter((k) => k !== declineKey(message.from, message.to)), declineKey(message.from, message.to)].slice(-DECLINED_MAX) })
                .then(() => void tellVersionsChanged()) // "不是" in the side panel: the page's banner stops asking too
                .then(() => null),
            )
          : declined().then((keys) => pageVersions(db!, store!, message, keys));
    work
      .then((value) => sendResponse({ ok: true, value }))
      .catch((e: unknown) => {
        if (!(e instanceof StorageError)) console.error('regdraft: page versions request failed', e);
        sendResponse({ ok: false, error: { code: e instanceof StorageError ? e.code : 'internal', message: String(e) } });
      });
    return true;
  });
}

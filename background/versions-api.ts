import { browser } from 'wxt/browser';
import { fromThisExtension } from '../shared/messages';
import { isVersionsRequest, type VersionsRequest } from '../shared/version-messages';
import { openReviewDB, StorageError } from '../storage';
import { VersionsStore } from '../storage/versions';
import { listenForPageVersions, tellVersionsChanged } from './page-versions';

/**
 * Carries out one versions request against the store. Storage errors become {ok: false, error} replies; other
 * errors are bugs and are rethrown.
 */
export async function handleVersionsRequest(
  store: VersionsStore,
  request: VersionsRequest,
): Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }> {
  try {
    switch (request.type) {
      case 'versions:save-text':
        await store.saveText(request.documentId, request.title, request.articles);
        return { ok: true, value: null };
      case 'versions:link':
        return { ok: true, value: await store.link(request.from, request.to) };
      case 'versions:unlink':
        await store.unlink(request.id);
        return { ok: true, value: null };
      case 'versions:overrule':
        await store.overrule(request.from, request.to, request.noteId, request.fate);
        return { ok: true, value: null };
      case 'versions:carried':
        return { ok: true, value: await store.recordCarried(request.linkId, request.carried) };
    }
  } catch (e) {
    if (e instanceof StorageError) return { ok: false, error: { code: e.code, message: e.message } };
    throw e;
  }
}

let store: VersionsStore | null = null;

/** Answers versions requests from this extension's pages and the page's reader (the background is the database's only writer). */
export function listenForVersions(): void {
  listenForPageVersions();
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (!isVersionsRequest(message) || !fromThisExtension(sender)) return false;
    store ??= new VersionsStore(openReviewDB());
    handleVersionsRequest(store, message)
      .then((reply) => {
        sendResponse(reply);
        // the pages of a chain mark their changed articles (or stop)
        if (reply.ok && (message.type === 'versions:link' || message.type === 'versions:unlink')) void tellVersionsChanged();
      })
      .catch((e: unknown) => {
        console.error('regdraft: versions request failed', e);
        sendResponse({ ok: false, error: { code: 'internal', message: String(e) } });
      });
    return true;
  });
}

import type { Article } from '../../regulation/types';
import type { PageVersions, PageVersionsAsk, SendArticles } from '../../shared/page-version-messages';
import { SLICE_MS } from '../../page/reader';
import { nextTask } from '../../page/next-frame';
import { articlesFingerprintSliced } from '../../versions/fingerprint';

type Reply = { ok?: boolean; value?: PageVersions | SendArticles } | undefined;

/**
 * Asks the background what the page's versions are (the new-version offer, the articles to mark), in two steps: the
 * title and the articles' fingerprint first; the articles' text only when the background answers that it needs them
 * (shared/page-version-messages.ts). The fingerprint is computed in slices with the page's tasks between them. Resolves
 * null when the background refused or did not answer.
 */
export async function askPageVersions(
  send: (ask: PageVersionsAsk) => Promise<unknown>,
  documentId: string,
  title: string | null,
  articles: readonly Article[],
): Promise<PageVersions | null> {
  const fingerprint = await articlesFingerprintSliced(articles, SLICE_MS, nextTask);
  const ask: PageVersionsAsk = { type: 'versions:page', documentId, title, fingerprint };
  let r = (await send(ask)) as Reply;
  if (r?.ok && r.value && 'send' in r.value) {
    ask.articles = articles.map(({ number, sub, label, title, text }) => ({ number, sub, label, title, text }));
    r = (await send(ask)) as Reply;
  }
  return r?.ok && r.value && !('send' in r.value) ? r.value : null;
}

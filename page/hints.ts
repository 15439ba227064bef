import type { PageHints } from '../regulation/types';

/** What a page says of itself outside its body text: <title> and the CMS's <meta> tags (jinan.gov.cn's among them). */
export function readHints(doc: Document): PageHints {
  const meta = (name: string) => doc.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? null;
  return { pageTitle: doc.title || null, articleTitle: meta('ArticleTitle'), pubDate: meta('PubDate'), source: meta('ContentSource') };
}

/**
 * What the page of a document shows about its versions (issue 14 on the page): the offer to link it as the next
 * version of a reviewed draft, and the articles to mark as changed or added once it is linked. DOM-free; the
 * background (background/page-versions.ts) runs it on the stored texts and tells the page only titles, article
 * indexes and kinds, never a note's words or the old text.
 */
import { alignVersions, mostlyAlike, type VersionArticle } from './align';
import { sameRegulation } from './title';

/** A reviewed document that may be the earlier version: its id, title, and stored articles. */
export interface Candidate {
  id: string;
  title: string | null;
  articles: readonly VersionArticle[];
}

/** A link between versions as the store keeps it (from -> to). */
export interface LinkEnds {
  from: string;
  to: string;
}

/** The banner's question: "这是《title》的新版本吗?", linking `from` -> the page's document. */
export interface VersionOffer {
  from: string;
  title: string;
}

/** An article of the page marked beside it: changed (edited, split, merged, moved with edits) or added. */
export interface PageMark {
  index: number;
  kind: 'changed' | 'added';
}

/** The key under which "不是" is remembered for a pair (the earlier document, the page's). */
export const declineKey = (from: string, to: string): string => `${from}>${to}`;

/**
 * The offer for the page's document `documentId` (title `title`, articles `articles`): the first candidate whose
 * title names the same regulation once the status is removed and whose articles are mostly alike, or null. No offer
 * when the page's document already has an earlier version; a candidate is left out when it is the document itself,
 * already has a next version, sits in the page's chain, or the reviewer said "不是" to that pair (`declined`, keys
 * from declineKey). Never throws.
 */
export function versionOffer(
  documentId: string,
  title: string | null,
  articles: readonly VersionArticle[],
  candidates: readonly Candidate[],
  links: readonly LinkEnds[],
  declined: ReadonlySet<string>,
): VersionOffer | null {
  if (!title || articles.length === 0 || links.some((l) => l.to === documentId)) return null;
  // the page's chain forward (a candidate there would close a loop)
  const later = new Set<string>();
  for (let at = documentId, guard = 0; guard < 1000; guard++) {
    const next = links.find((l) => l.from === at);
    if (!next || later.has(next.to)) break;
    later.add(next.to);
    at = next.to;
  }
  for (const c of candidates) {
    if (c.id === documentId || later.has(c.id) || declined.has(declineKey(c.id, documentId))) continue;
    if (links.some((l) => l.from === c.id) || c.articles.length === 0) continue;
    if (!sameRegulation(c.title, title)) continue;
    if (mostlyAlike(alignVersions(c.articles, articles))) return { from: c.id, title: c.title ?? '' };
  }
  return null;
}

/**
 * The page's articles to mark against the earlier version `older`: every article of a changed, split or merged row,
 * of a moved row whose text changed ('changed'), and every added article ('added'); unchanged ones and articles only
 * renumbered or moved are not marked. In the page's article order.
 */
export function pageMarks(older: readonly VersionArticle[], newer: readonly VersionArticle[]): PageMark[] {
  const out: PageMark[] = [];
  for (const row of alignVersions(older, newer).rows) {
    if (row.kind === 'added') for (const index of row.new) out.push({ index, kind: 'added' });
    else if (row.kind !== 'unchanged' && row.kind !== 'deleted' && row.textChanged) for (const index of row.new) out.push({ index, kind: 'changed' });
  }
  return out.sort((a, b) => a.index - b.index);
}

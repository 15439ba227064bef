/**
 * The common case of re-anchoring, cheap enough to run in every page: the note's article still stands at its
 * number with the same opening text, and a passage's quote still stands where it was, in the same context. For
 * such a note this returns exactly what anchorAll (reanchor.ts) returns; for any other it returns null, and only
 * the full search (similarity, renumbering, fuzzy quotes) can tell where the note is. The content script places the
 * common case itself and asks the background for the rest (shared/anchor-messages.ts), so that the full search,
 * its index and its similarity measures stay out of the page.
 */
import { EXCERPT_CHARS } from './describe';
import { keyOf } from './key';
import type { AnchorArticle, AnchorInput, AnchorResult } from './types';

/** The index of each note's article when quickly found (see above), or -1; articles indexed once for all notes. */
function quickArticles(inputs: ReadonlyArray<AnchorInput>, articles: ReadonlyArray<AnchorArticle>): number[] {
  const wanted = new Map<number, string[]>();
  for (const { article } of inputs) {
    const k = keyOf(article.number, article.sub);
    const heads = wanted.get(k);
    if (heads) heads.push(article.excerpt);
    else wanted.set(k, [article.excerpt]);
  }
  // the first article at each wanted number whose head is each wanted excerpt (reanchor's locate takes the first)
  const found = new Map<string, number>();
  for (let i = 0; i < articles.length; i++) {
    const a = articles[i]!;
    const k = keyOf(a.number, a.sub);
    const heads = wanted.get(k);
    if (!heads) continue;
    const head = a.text.slice(0, EXCERPT_CHARS);
    const key = `${k}\u0000${head}`;
    if (heads.includes(head) && !found.has(key)) found.set(key, i);
  }
  return inputs.map(({ article }) => found.get(`${keyOf(article.number, article.sub)}\u0000${article.excerpt}`) ?? -1);
}

/**
 * For each input, anchorAll's result when the note is placed as it was (status 'exact', score 1), or null when
 * the full search must decide. Never throws for well-formed input.
 */
export function quickAnchors(inputs: ReadonlyArray<AnchorInput>, articles: ReadonlyArray<AnchorArticle>): Array<AnchorResult | null> {
  if (!inputs.length) return [];
  const at = quickArticles(inputs, articles);
  return inputs.map(({ passage }, n) => {
    const i = at[n]!;
    if (i < 0) return null;
    if (passage === null) return { status: 'exact', articleIndex: i, passage: null, score: 1 };
    const { exact: q, prefix: p, suffix: s, start } = passage;
    const text = articles[i]!.text;
    if (!q || start < 0 || !text.startsWith(q, start)) return null;
    const end = start + q.length;
    // the quote's context as match-quote's exact case reads it: a missing prefix or suffix means the text's edge
    const prefixOk = p ? start >= p.length && text.startsWith(p, start - p.length) : start === 0;
    const suffixOk = s ? text.startsWith(s, end) : end === text.length;
    return prefixOk && suffixOk ? { status: 'exact', articleIndex: i, passage: { start, end }, score: 1 } : null;
  });
}

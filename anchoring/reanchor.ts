/**
 * Re-anchoring notes in a (possibly new) draft: find the note's article by number+sub and opening
 * text, or elsewhere when the draft was renumbered, then its quote inside it.
 *
 * Thresholds, measured on tests/corpus (3,500 articles): two *different* articles within 8 places of
 * each other reach a head (first 120 characters) similarity of ≥ 0.5 in 13% of cases, ≥ 0.7 in 4%
 * and ≥ 0.8 in 1% (formulaic statutes: 第十三条/第十四条 of the 行政处罚法 score 0.79), while an
 * edit of a few characters keeps an article at ≥ 0.9 (each changed character costs about 0.017).
 * Hence:
 *  - SAME_NUMBER_MIN 0.8: the article still at the note's number is the note's article, edited.
 *  - MOVED_MIN 0.85: an article at another number is the note's article, moved and edited (no
 *    number to vouch for it, so a little stricter). The same-number article wins unless another one
 *    is more than SAME_NUMBER_BONUS (0.1) more similar (an edit in place is far more common than a
 *    renumbering that also edits the article and brings a near-twin to its number: 刑法 第四十七条
 *    有期徒刑的刑期… with three characters changed scores 0.86, its twin 第四十四条 拘役的刑期… 0.93);
 *    ties elsewhere go to the nearest position.
 *  - Identical opening text (an exact 120-character head) at another number is 'moved', unless the
 *    article at the note's number is ≥ 0.9 similar and the identical one more than SHIFT_SPAN (2)
 *    places away: statutes have duplicate articles (民法典 第九百六十条 and 第九百六十六条 read the
 *    same), and an edit in place must not send the note to the duplicate.
 *  - A quote shorter than 8 characters (数据, 政府, 数据产品) proves nothing by itself: wherever it
 *    is placed, its context must agree ≥ 0.7 (SHORT_QUOTE_CONTEXT_MIN). Measured: when the noted
 *    occurrence is deleted, another occurrence a sentence away still shares about half its context
 *    (0.5), while the noted one after a few edits nearby keeps ≥ 0.8.
 *  - An article more than NEAR_SPAN (8) places from where the note's should be needs ≥ 0.95
 *    (FAR_MOVED_MIN): statutes hold near-twins far apart (刑法 第二百六十六条 诈骗… and 第二百六十七条
 *    抢夺… score 0.92) and a renumbering shifts articles by a few places, not by thirty.
 *  - A passage whose quote is not in the located article is looked for exactly in the ±3 articles
 *    around it, accepted there when its context agrees (≥ 0.5) or a ≥ 8-character quote is in only
 *    one of them; then anywhere, accepted when a ≥ 8-character quote occurs exactly once in the
 *    whole draft, or with context ≥ 0.8 and no rival within 0.2. Otherwise 'unplaced'. A shorter
 *    quote is looked for in the neighbours only when its own article was found, and then needs
 *    context ≥ 0.9 (SHORT_MOVED_CONTEXT_MIN): when its article was deleted, the parallel article
 *    next to it (行政法规… / 地方性法规…) agrees with a short quote's context just as well.
 *  - "Found once" is not enough for 8–15 characters: statutes repeat such phrases by chance
 *    (个人信息处理者提供, 人信息处理者应当对其个人 in the 个人信息保护法, with context 0.1–0.3), so a
 *    lone occurrence outside the note's article needs context ≥ 0.35 (LONE_CONTEXT_MIN) unless
 *    the quote is ≥ 16 characters (DISTINCTIVE_QUOTE_MIN).
 */
import { ArticleIndex } from './article-index';
import { contextScore, matchQuote } from './match-quote';
import { profileSimilarity, textProfile } from './similarity';
import type { AnchorArticle, AnchorInput, AnchorResult, ArticleRef, PassageRef, QuoteMatch } from './types';

/** The least head similarity at which the article at the note's number is still the note's article. */
export const SAME_NUMBER_MIN = 0.8;
/** The least head similarity at which an article at another number is the note's article. */
export const MOVED_MIN = 0.85;
/** How much more similar another article must be to beat the one at the note's number. */
export const SAME_NUMBER_BONUS = 0.1;
/** Articles on each side of the expected position whose heads are compared before the global index. */
export const NEAR_SPAN = 8;
/** The least head similarity of an article more than NEAR_SPAN places from where the note's should be. */
export const FAR_MOVED_MIN = 0.95;
/** How far a renumbering usually shifts an article (one inserted or deleted article: 1). */
export const SHIFT_SPAN = 2;
/** The same-number article this similar is taken without looking at other articles. */
export const NEAR_ACCEPT = 0.9;
/** Articles on each side searched for a quote missing from its article. */
export const NEIGHBOUR_SPAN = 3;
/** The context agreement a ≥ 8-character quote found in a neighbouring article needs. */
export const NEIGHBOUR_CONTEXT_MIN = 0.5;
/** Quotes shorter than this are never looked for beyond the neighbours of their own (found) article. */
export const GLOBAL_QUOTE_MIN = 8;
/** The context agreement any placement of a shorter quote needs. */
export const SHORT_QUOTE_CONTEXT_MIN = 0.7;
/** The context agreement a shorter quote needs in a neighbour of its (still present) article. */
export const SHORT_MOVED_CONTEXT_MIN = 0.9;
/** A quote this long found once outside its article is placed there whatever its context. */
export const DISTINCTIVE_QUOTE_MIN = 16;
/** The context agreement a shorter (8–15 character) quote found once outside its article needs. */
export const LONE_CONTEXT_MIN = 0.35;
/** The context agreement that picks one of several occurrences of a quote across the draft. */
export const GLOBAL_CONTEXT_MIN = 0.8;
const GLOBAL_MARGIN = 0.2;
const MAX_GLOBAL_OCCURRENCES = 500;

const UNPLACED: AnchorResult = { status: 'unplaced', articleIndex: -1, passage: null, score: 0 };

interface Located {
  index: number;
  /** The head is identical to the excerpt. */
  identical: boolean;
  sim: number;
}

/** Finds the note's article: identical at its number, identical elsewhere, then by similarity. */
function locate(ref: ArticleRef, ix: ArticleIndex): Located | null {
  if (ix.articles.length === 0) return null;
  const ex = ref.excerpt;
  const same = ix.same(ref);
  for (const i of same) if (ix.head(i) === ex) return { index: i, identical: true, sim: 1 };
  if (ex.length === 0) return null;
  const expected = ix.expected(ref);
  // The same text at another number: moved, unless the article at the number is an edit of it and
  // the other copy is not a renumbering's shift away (a duplicate: 民法典 第九百六十条 = 第九百六十六条).
  const identical = ix.identicalHeads(ex);
  const twin = identical.length ? nearest(identical, expected) : -1;
  if (twin >= 0 && Math.abs(twin - expected) <= SHIFT_SPAN) return { index: twin, identical: true, sim: 1 };

  const pe = textProfile(ex);
  let sameBest = -1;
  let sameSim = 0;
  for (const i of same) {
    const s = profileSimilarity(pe, ix.profile(i));
    if (s > sameSim) {
      sameSim = s;
      sameBest = i;
    }
  }
  if (twin >= 0) return sameSim >= NEAR_ACCEPT ? { index: sameBest, identical: false, sim: sameSim } : { index: twin, identical: true, sim: 1 };

  let elseBest = -1;
  let elseSim = 0;
  const consider = (i: number) => {
    if (ix.isSameNumber(i, ref)) return;
    let s = profileSimilarity(pe, ix.profile(i));
    if (Math.abs(i - expected) > NEAR_SPAN && s < FAR_MOVED_MIN) s = 0;
    if (s > elseSim || (s === elseSim && elseBest >= 0 && Math.abs(i - expected) < Math.abs(elseBest - expected))) {
      elseSim = s;
      elseBest = i;
    }
  };
  // The same-number article this similar cannot lose: another would need > NEAR_ACCEPT + bonus = 1,
  // and identical heads were looked up already.
  if (sameSim < NEAR_ACCEPT) {
    const n = ix.articles.length;
    for (let i = Math.max(0, expected - NEAR_SPAN); i <= Math.min(n - 1, expected + NEAR_SPAN); i++) consider(i);
    // Far away only when nothing near is plausible: a renumbering shifts articles by a few places.
    if (Math.max(sameSim, elseSim) < SAME_NUMBER_MIN) for (const i of ix.candidates(pe)) consider(i);
  }

  if (sameBest >= 0 && sameSim >= SAME_NUMBER_MIN && sameSim + SAME_NUMBER_BONUS >= elseSim) {
    return { index: sameBest, identical: false, sim: sameSim };
  }
  if (elseBest >= 0 && elseSim >= MOVED_MIN) return { index: elseBest, identical: false, sim: elseSim };
  return null;
}

function nearest(list: readonly number[], expected: number): number {
  let best = list[0]!;
  for (const i of list) if (Math.abs(i - expected) < Math.abs(best - expected)) best = i;
  return best;
}

/** Whether an exact quote found once outside its article may be placed there. */
function standsAlone(q: string, context: number): boolean {
  return q.length >= DISTINCTIVE_QUOTE_MIN || context >= LONE_CONTEXT_MIN;
}

function placed(status: AnchorResult['status'], index: number, m: QuoteMatch): AnchorResult {
  return { status, articleIndex: index, passage: { start: m.start, end: m.end }, score: m.score };
}

function anchorPassage(ref: ArticleRef, passage: PassageRef, ix: ArticleIndex): AnchorResult {
  const loc = locate(ref, ix);
  const q = passage.exact;
  if (q.length === 0) return UNPLACED;
  if (loc !== null) {
    const m = matchQuote(ix.text(loc.index), passage, passage.start);
    if (m !== null && (q.length >= GLOBAL_QUOTE_MIN || m.context >= SHORT_QUOTE_CONTEXT_MIN)) {
      const where = m.start === passage.start || m.unique || m.context === 1;
      if (loc.identical && m.exact && where) {
        return placed(ix.isSameNumber(loc.index, ref) ? 'exact' : 'moved', loc.index, m);
      }
      return placed('changed', loc.index, m);
    }
  }

  // A short quote whose article is gone has nothing left to vouch for it (a parallel article
  // nearby, 行政法规… / 地方性法规…, would agree with its context).
  if (loc === null && q.length < GLOBAL_QUOTE_MIN) return UNPLACED;

  // The quote left its article (or the article was not recognised): the articles around it.
  const n = ix.articles.length;
  const center = loc?.index ?? ix.expected(ref);
  let best: { index: number; m: QuoteMatch } | null = null;
  let holders = 0;
  let lone: { index: number; m: QuoteMatch } | null = null;
  for (let i = Math.max(0, center - NEIGHBOUR_SPAN); i <= Math.min(n - 1, center + NEIGHBOUR_SPAN); i++) {
    if (loc !== null && i === loc.index) continue;
    const m = matchQuote(ix.text(i), passage, passage.start, { exactOnly: true });
    if (m === null) continue;
    holders++;
    lone = { index: i, m };
    if (m.context >= (q.length >= GLOBAL_QUOTE_MIN ? NEIGHBOUR_CONTEXT_MIN : SHORT_MOVED_CONTEXT_MIN)) {
      const better = best === null || m.context > best.m.context ||
        (m.context === best.m.context && Math.abs(i - center) < Math.abs(best.index - center));
      if (better) best = { index: i, m };
    }
  }
  if (best === null && holders === 1 && lone !== null && q.length >= GLOBAL_QUOTE_MIN && standsAlone(q, lone.m.context)) {
    best = lone;
  }
  if (best !== null) return placed(ix.isSameNumber(best.index, ref) ? 'changed' : 'moved', best.index, best.m);

  // Anywhere in the draft: only a quote long enough to be distinctive.
  if (q.length < GLOBAL_QUOTE_MIN) return UNPLACED;
  const hits = ix.occurrences(q, MAX_GLOBAL_OCCURRENCES);
  if (hits.length === 0) return UNPLACED;
  let top: { index: number; start: number; ctx: number } | null = null;
  let runnerUp = -1;
  for (const [i, start] of hits) {
    const ctx = contextScore(ix.text(i), start, start + q.length, passage);
    if (top === null || ctx > top.ctx) {
      if (top !== null) runnerUp = Math.max(runnerUp, top.ctx);
      top = { index: i, start, ctx };
    } else runnerUp = Math.max(runnerUp, ctx);
  }
  if (top === null) return UNPLACED;
  if (hits.length > 1 && (top.ctx < GLOBAL_CONTEXT_MIN || top.ctx - runnerUp < GLOBAL_MARGIN)) return UNPLACED;
  if (hits.length === 1 && !standsAlone(q, top.ctx)) return UNPLACED;
  const m: QuoteMatch = {
    start: top.start,
    end: top.start + q.length,
    score: 0.75 + 0.25 * top.ctx,
    exact: true,
    unique: hits.length === 1,
    context: top.ctx,
  };
  return placed(ix.isSameNumber(top.index, ref) ? 'changed' : 'moved', top.index, m);
}

function anchorWith(input: AnchorInput, ix: ArticleIndex): AnchorResult {
  if (input.passage !== null) return anchorPassage(input.article, input.passage, ix);
  const loc = locate(input.article, ix);
  if (loc === null) return UNPLACED;
  const status = !loc.identical ? 'changed' : ix.isSameNumber(loc.index, input.article) ? 'exact' : 'moved';
  return { status, articleIndex: loc.index, passage: null, score: loc.sim };
}

/**
 * Returns a function that anchors one note at a time in `articles`, sharing one index of them (by
 * number+sub, by opening text, by bigram) across calls; the array must not change while the
 * function is in use. Never throws for well-formed input.
 */
export function createAnchorer(articles: ReadonlyArray<AnchorArticle>): (input: AnchorInput) => AnchorResult {
  const ix = new ArticleIndex(articles);
  return (input) => anchorWith(input, ix);
}

/**
 * Returns where a note belongs in `articles` (an outline's articles, in page order): the article
 * index, the passage's offsets in that article's text (null for an article note), a 0..1 score and
 * a status: 'exact' (same number, same text, quote where it was or unambiguous), 'moved' (same
 * text / exact quote at another number), 'changed' (fuzzy: edited text or quote) or 'unplaced'
 * (articleIndex −1: nothing is good enough, the caller lists the note with its quote). Builds an
 * index for this one call: use anchorAll / createAnchorer for many notes. Never throws for
 * well-formed input.
 */
export function anchorNote(input: AnchorInput, articles: ReadonlyArray<AnchorArticle>): AnchorResult {
  return anchorWith(input, new ArticleIndex(articles));
}

/**
 * Returns anchorNote's result for each input, in order, building the article index once for all
 * of them. Never throws for well-formed input.
 */
export function anchorAll(
  inputs: ReadonlyArray<AnchorInput>,
  articles: ReadonlyArray<AnchorArticle>,
): AnchorResult[] {
  if (!inputs.length) return []; // (no index of a huge page's articles for no notes)
  const ix = new ArticleIndex(articles);
  return inputs.map((input) => anchorWith(input, ix));
}

/**
 * Finding a quoted passage again in an article's text: exact occurrences first (disambiguated by the
 * stored prefix/suffix, then by closeness to the old position), then an approximate search whose
 * strictness depends on the quote's length, because a short Chinese quote (数据, 政府) matches almost
 * anywhere once one character may differ.
 *
 * Thresholds (quote length L in UTF-16 units):
 *  - L ≤ 4: exact occurrences only.
 *  - 5 ≤ L ≤ 10: at most 1 edit, and the context must agree (≥ 0.7): one edit in 5–10 characters
 *    is already 10–20% of the quote, so the surrounding text has to vouch for the match.
 *  - L ≥ 11: quote similarity (1 − edits / L) ≥ 0.75, and the combined score
 *    0.75 × similarity + 0.25 × context ≥ 0.7: a match at the similarity floor needs its context to
 *    agree (≥ 0.55), one at ≥ 0.93 similarity stands on its own.
 *  - Two non-overlapping approximate candidates within 0.05 of each other: no match (doubtful).
 * The approximate search is a Sellers dynamic program (edit distance, free start in the text) over
 * the whole text for L ≤ 64; for longer quotes a sliding window of shared bigrams picks a few
 * regions first (coarse) and the program runs only there (fine). Above 256 characters even that is
 * quadratic in L, so the quote's first and last 32 characters are aligned near each window's edges
 * instead, and the similarity is the bigram Dice coefficient of the quote and the span between
 * (stricter than 1 − edits / L: a substitution costs two bigrams).
 */
import { SHORT_STRING_MAX, bigramDice, foldText, profileSimilarity, similarity, textProfile, type TextProfile } from './similarity';
import type { PassageRef, QuoteMatch } from './types';

/** Quotes up to this long are only ever matched exactly. */
export const EXACT_ONLY_MAX = 4;
/** Quotes up to this long may differ by one edit at most, and only where the context agrees. */
export const ONE_EDIT_MAX = 10;
/** The context agreement a 5–10 character quote with one edit needs. */
export const SHORT_CONTEXT_MIN = 0.7;
/** The least quote similarity (1 − edits / length) of an approximate match of a longer quote. */
export const QUOTE_MIN_SIMILARITY = 0.75;
/** The least combined score (0.75 × quote similarity + 0.25 × context) of an approximate match. */
export const FUZZY_MIN_SCORE = 0.7;
/** Approximate candidates closer than this in score are ambiguous: no match. */
export const AMBIGUITY_MARGIN = 0.05;

const QUOTE_WEIGHT = 0.75;
/** Weight of closeness to the hint when ranking candidates: a tie-breaker, context comes first. */
const POSITION_WEIGHT = 0.1;
/** Weight (in characters) of an empty prefix/suffix, which says the quote touched the text's edge. */
const EDGE_WEIGHT = 8;
/** Quotes longer than this are searched coarse-to-fine: bigram windows, then the program there. */
const FULL_SEARCH_MAX = 64;
/** Quotes longer than this are aligned by their ends only (seed and extend), and compared by bigrams. */
const SEED_EXTEND_MIN = 256;
const SEED = 32;
const MAX_OCCURRENCES = 2000;
const MAX_REGIONS = 6;

export interface MatchQuoteOptions {
  /** Only exact occurrences (used when searching articles other than the note's own). */
  exactOnly?: boolean;
}

type ContextScorer = (text: string, start: number, end: number) => number;

/** A context scorer for one passage, its prefix and suffix prepared once for many candidates. */
function contextScorer(passage: PassageRef): ContextScorer {
  const p = passage.prefix;
  const s = passage.suffix;
  const pp = p.length > SHORT_STRING_MAX ? textProfile(p) : null;
  const sp = s.length > SHORT_STRING_MAX ? textProfile(s) : null;
  const side = (stored: string, prepared: TextProfile | null, window: string): number => {
    if (window === stored) return 1;
    if (prepared === null || window.length <= SHORT_STRING_MAX) return similarity(stored, window);
    return profileSimilarity(prepared, textProfile(window));
  };
  return (text, start, end) => {
    const wp = p.length === 0 ? EDGE_WEIGHT : p.length;
    const ap = p.length === 0 ? (start === 0 ? 1 : 0) : side(p, pp, text.slice(Math.max(0, start - p.length), start));
    const ws = s.length === 0 ? EDGE_WEIGHT : s.length;
    const as = s.length === 0 ? (end === text.length ? 1 : 0) : side(s, sp, text.slice(end, end + s.length));
    return (wp * ap + ws * as) / (wp + ws);
  };
}

/**
 * Returns how well the text around text[start, end) agrees with the passage's stored prefix and
 * suffix, 0..1 (1 = both identical), weighting each side by its length; an empty prefix (suffix)
 * means the quote started (ended) the text and agrees only with a match there. Never throws.
 */
export function contextScore(text: string, start: number, end: number, passage: PassageRef): number {
  return contextScorer(passage)(text, start, end);
}

function positionScore(start: number, hint: number, length: number): number {
  return 1 - Math.min(1, Math.abs(start - hint) / Math.max(1, length));
}

/**
 * Returns where `passage.exact` is in `text`: {start, end, score, exact, unique, context}, or null
 * when it is not there or only doubtfully (see the thresholds above). `hint` (default
 * passage.start) is where the quote is expected and only breaks ties between equally good
 * candidates. With `options.exactOnly` only exact occurrences count. Never throws; an empty quote
 * or text gives null.
 */
export function matchQuote(
  text: string,
  passage: PassageRef,
  hint: number = passage.start,
  options: MatchQuoteOptions = {},
): QuoteMatch | null {
  const q = passage.exact;
  if (q.length === 0 || text.length === 0) return null;
  const exact = exactMatch(text, passage, hint);
  if (exact !== null || options.exactOnly === true || q.length <= EXACT_ONLY_MAX) return exact;
  return approximateMatch(text, passage, hint);
}

function exactMatch(text: string, passage: PassageRef, hint: number): QuoteMatch | null {
  const q = passage.exact;
  const p = passage.prefix;
  const s = passage.suffix;
  // The common case: unchanged text, the quote where it was.
  if (hint >= 0 && text.startsWith(q, hint)) {
    const end = hint + q.length;
    const prefixOk = p.length ? hint >= p.length && text.startsWith(p, hint - p.length) : hint === 0;
    const suffixOk = s.length ? text.startsWith(s, end) : end === text.length;
    if (prefixOk && suffixOk) {
      const unique = text.indexOf(q) === hint && text.indexOf(q, hint + 1) === -1;
      return { start: hint, end, score: 1, exact: true, unique, context: 1 };
    }
  }
  const context = contextScorer(passage);
  let count = 0;
  let best = -1;
  let bestRank = -1;
  let bestContext = 0;
  for (let i = text.indexOf(q); i !== -1 && count < MAX_OCCURRENCES; i = text.indexOf(q, i + 1)) {
    count++;
    const ctx = context(text, i, i + q.length);
    const rank = ctx + POSITION_WEIGHT * positionScore(i, hint, text.length);
    if (rank > bestRank) {
      bestRank = rank;
      best = i;
      bestContext = ctx;
    }
  }
  if (best < 0) return null;
  return {
    start: best,
    end: best + q.length,
    score: QUOTE_WEIGHT + (1 - QUOTE_WEIGHT) * bestContext,
    exact: true,
    unique: count === 1,
    context: bestContext,
  };
}

interface Candidate {
  start: number;
  end: number;
  score: number;
  rank: number;
  context: number;
}

function approximateMatch(text: string, passage: PassageRef, hint: number): QuoteMatch | null {
  const q = passage.exact;
  const len = q.length;
  const short = len <= ONE_EDIT_MAX;
  const maxEdits = short ? 1 : Math.floor(len * (1 - QUOTE_MIN_SIMILARITY));
  const fq = foldText(q);
  const ft = foldText(text);
  const context = contextScorer(passage);
  const accepted: Candidate[] = [];
  const consider = (start: number, end: number, quoteSim: number) => {
    const ctx = context(text, start, end);
    const score = QUOTE_WEIGHT * quoteSim + (1 - QUOTE_WEIGHT) * ctx;
    const ok = short ? ctx >= SHORT_CONTEXT_MIN : quoteSim >= QUOTE_MIN_SIMILARITY && score >= FUZZY_MIN_SCORE;
    if (ok) accepted.push({ start, end, score, context: ctx, rank: score + POSITION_WEIGHT * positionScore(start, hint, text.length) });
  };
  if (len > SEED_EXTEND_MIN) {
    const profile = textProfile(q).bigrams;
    for (const w of candidateWindows(ft, fq, maxEdits)) {
      const [start, end] = extendWindow(ft, fq, w, maxEdits);
      if (end - start < len >> 1) continue;
      consider(start, end, bigramDice(profile, textProfile(text.slice(start, end)).bigrams));
    }
  } else {
    const regions = len <= FULL_SEARCH_MAX ? [[0, ft.length] as [number, number]] : windowRegions(candidateWindows(ft, fq, maxEdits), len, maxEdits, ft.length);
    for (const [from, to] of regions) {
      for (const [end, dist] of matchEnds(fq, ft, from, to, maxEdits)) {
        const start = alignStart(fq, ft, end, from, maxEdits);
        if (start < end) consider(start, end, 1 - dist / len);
      }
    }
  }
  if (accepted.length === 0) return null;
  accepted.sort((a, b) => b.rank - a.rank);
  const best = accepted[0]!;
  const rival = accepted.find((c) => c.end <= best.start || c.start >= best.end);
  if (rival !== undefined && best.score - rival.score < AMBIGUITY_MARGIN) return null;
  return {
    start: best.start,
    end: best.end,
    score: best.score,
    exact: false,
    unique: rival === undefined,
    context: best.context,
  };
}

/**
 * End offsets in t[from, to) where p matches with at most k edits (Sellers: the match may start
 * anywhere), one per cluster of nearby ends (the one with the fewest edits), as [end, edits] pairs.
 */
function matchEnds(p: string, t: string, from: number, to: number, k: number): Array<[number, number]> {
  const m = p.length;
  const col = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) col[i] = i;
  const hits: Array<[number, number]> = [];
  for (let j = from; j < to; j++) {
    const c = t.charCodeAt(j);
    let diag = 0; // col[0] before this column: always 0 (free start)
    for (let i = 1; i <= m; i++) {
      const up = col[i]!;
      const sub = diag + (p.charCodeAt(i - 1) === c ? 0 : 1);
      const left = col[i - 1]! + 1;
      const keep = up + 1;
      col[i] = sub < left ? (sub < keep ? sub : keep) : left < keep ? left : keep;
      diag = up;
    }
    const d = col[m]!;
    if (d <= k) hits.push([j + 1, d]);
  }
  if (hits.length <= 1) return hits;
  // Keep the best end of each cluster: ends closer than half the quote are the same match.
  const radius = Math.max(1, m >> 1);
  hits.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const kept: Array<[number, number]> = [];
  for (const h of hits) if (!kept.some((x) => Math.abs(x[0] - h[0]) < radius)) kept.push(h);
  return kept;
}

/** Start of the best alignment of p that ends exactly at `end` in t (not before `from`). */
function alignStart(p: string, t: string, end: number, from: number, k: number): number {
  const m = p.length;
  const width = Math.min(end - from, m + k);
  const col = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) col[i] = i;
  let best = col[m]!;
  let bestJ = 0;
  for (let j = 1; j <= width; j++) {
    const c = t.charCodeAt(end - j);
    let diag = col[0]!;
    col[0] = j;
    for (let i = 1; i <= m; i++) {
      const up = col[i]!;
      const sub = diag + (p.charCodeAt(m - i) === c ? 0 : 1);
      const left = col[i - 1]! + 1;
      const keep = up + 1;
      col[i] = sub < left ? (sub < keep ? sub : keep) : left < keep ? left : keep;
      diag = up;
    }
    const d = col[m]!;
    if (d < best || (d === best && Math.abs(j - m) < Math.abs(bestJ - m))) {
      best = d;
      bestJ = j;
    }
  }
  return end - bestJ;
}

/**
 * Coarse step for long quotes: the starts of the quote-long windows of t sharing the most bigrams
 * with the quote (at most MAX_REGIONS, at least half a quote apart), in text order.
 */
function candidateWindows(t: string, q: string, k: number): number[] {
  const len = q.length;
  const n = t.length;
  if (n <= len) return [0];
  const need = new Map<number, number>();
  for (let i = 0; i + 1 < len; i++) {
    const b = q.charCodeAt(i) * 65536 + q.charCodeAt(i + 1);
    need.set(b, (need.get(b) ?? 0) + 1);
  }
  const have = new Map<number, number>();
  let shared = 0;
  const add = (i: number) => {
    const b = t.charCodeAt(i) * 65536 + t.charCodeAt(i + 1);
    const h = have.get(b) ?? 0;
    if (h < (need.get(b) ?? 0)) shared++;
    have.set(b, h + 1);
  };
  const remove = (i: number) => {
    const b = t.charCodeAt(i) * 65536 + t.charCodeAt(i + 1);
    const h = (have.get(b) ?? 0) - 1;
    have.set(b, h);
    if (h < (need.get(b) ?? 0)) shared--;
  };
  const windows = n - len + 1;
  const scores = new Int32Array(windows);
  for (let i = 0; i + 1 < len; i++) add(i);
  scores[0] = shared;
  for (let s = 1; s < windows; s++) {
    remove(s - 1);
    add(s + len - 2);
    scores[s] = shared;
  }
  // A match with ≤ k edits keeps ≥ (len − 1) − 2k bigrams, minus up to k the window cuts off.
  const floor = Math.max(1, len - 1 - 3 * k);
  const order: number[] = [];
  for (let i = 0; i < windows; i++) if (scores[i]! >= floor) order.push(i);
  order.sort((a, b) => scores[b]! - scores[a]! || a - b);
  const picked: number[] = [];
  for (const s of order) {
    if (picked.length >= MAX_REGIONS) break;
    if (!picked.some((x) => Math.abs(x - s) < len >> 1)) picked.push(s);
  }
  return picked.sort((a, b) => a - b);
}

/** The windows widened by k (and a little) on each side, merged where they overlap. */
function windowRegions(windows: number[], len: number, k: number, n: number): Array<[number, number]> {
  const regions: Array<[number, number]> = [];
  for (const s of windows) {
    const from = Math.max(0, s - k - 1);
    const to = Math.min(n, s + len + k + 1);
    const last = regions[regions.length - 1];
    if (last !== undefined && from <= last[1]) last[1] = Math.max(last[1], to);
    else regions.push([from, to]);
  }
  return regions;
}

/**
 * Fine step for very long quotes (seed and extend): the match's start is where the quote's first
 * SEED characters align best near the window's start, its end where the last SEED characters
 * align best near the window's end (the window's own edge when a seed was rewritten).
 */
function extendWindow(t: string, q: string, w: number, k: number): [number, number] {
  const len = q.length;
  const n = t.length;
  const e = Math.floor(SEED * (1 - QUOTE_MIN_SIMILARITY));
  const head = q.slice(0, SEED);
  const hf = Math.max(0, w - k);
  const heads = matchEnds(head, t, hf, Math.min(n, w + k + SEED), e);
  const start = heads.length ? alignStart(head, t, heads[0]![0], hf, e) : w;
  const tails = matchEnds(q.slice(len - SEED), t, Math.max(start, w + len - k - SEED), Math.min(n, w + len + k), e);
  const end = tails.length ? tails[0]![0] : Math.min(n, w + len);
  return [start, end];
}

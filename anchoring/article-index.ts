/**
 * The articles of one draft indexed for re-anchoring: by number+sub (built at once), and on first
 * use by exact opening text, by head bigram profile, by a bigram inverted index for similar heads
 * anywhere, and as one joined text for exact quote search across all articles.
 */
import { EXCERPT_CHARS } from './describe';
import { keyOf } from './key';
import { textProfile, type TextProfile } from './similarity';
import type { AnchorArticle, ArticleRef } from './types';

export { keyOf };

/** Global index candidates checked by full similarity. */
const INDEX_CANDIDATES = 8;
/** Bigrams in more than this share of article heads (应当, 规定, 数据) do not select candidates. */
const STOP_SHARE = 0.05;

/**
 * The articles of one draft, indexed for anchoring many notes; the costly parts are built on first use.
 * The articles array must not change while the index is in use. Its constructor never throws.
 */
export class ArticleIndex {
  private readonly byKey = new Map<number, number[]>();
  /** Article indices sorted by key (stable), for the expected position of a missing number. */
  private sorted: number[] | null = null;
  private readonly keys: number[];
  private heads: Map<string, number[]> | null = null;
  private readonly profiles: Array<TextProfile | undefined>;
  private postings: Map<number, number[]> | null = null;
  private counts: Int32Array | null = null;
  private joined: { text: string; starts: number[] } | null = null;

  constructor(readonly articles: ReadonlyArray<AnchorArticle>) {
    const n = articles.length;
    this.keys = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const a = articles[i]!;
      const k = keyOf(a.number, a.sub);
      this.keys[i] = k;
      const list = this.byKey.get(k);
      if (list) list.push(i);
      else this.byKey.set(k, [i]);
    }
    this.profiles = new Array<TextProfile | undefined>(n);
  }

  /** Returns the text of article i (a TypeError for an index out of range). */
  text(i: number): string {
    return this.articles[i]!.text;
  }

  /** Returns the first EXCERPT_CHARS characters of article i's text (a TypeError for an index out of range). */
  head(i: number): string {
    return this.articles[i]!.text.slice(0, EXCERPT_CHARS);
  }

  /** Returns the indices of the articles numbered like `ref` (several when a number repeats). Never throws. */
  same(ref: ArticleRef): readonly number[] {
    return this.byKey.get(keyOf(ref.number, ref.sub)) ?? [];
  }

  /** Returns whether article i has the number+sub of `ref`. Never throws. */
  isSameNumber(i: number, ref: ArticleRef): boolean {
    return this.keys[i] === keyOf(ref.number, ref.sub);
  }

  /**
   * Returns where the note's article should be: the article with its number, else the first one
   * numbered after it (the last article when none is); -1 when there are no articles. Never throws.
   */
  expected(ref: ArticleRef): number {
    const same = this.same(ref);
    if (same.length) return same[0]!;
    const keys = this.keys;
    const sorted = (this.sorted ??= Array.from({ length: keys.length }, (_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b));
    const k = keyOf(ref.number, ref.sub);
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[sorted[mid]!]! < k) lo = mid + 1;
      else hi = mid;
    }
    return sorted[Math.min(lo, sorted.length - 1)] ?? -1;
  }

  /** Returns the indices of the articles whose head is exactly `excerpt`. Never throws. */
  identicalHeads(excerpt: string): readonly number[] {
    if (this.heads === null) {
      this.heads = new Map();
      for (let i = 0; i < this.articles.length; i++) {
        const h = this.head(i);
        const list = this.heads.get(h);
        if (list) list.push(i);
        else this.heads.set(h, [i]);
      }
    }
    return this.heads.get(excerpt) ?? [];
  }

  /** Returns the (cached) comparison profile of article i's head (a TypeError for an index out of range). */
  profile(i: number): TextProfile {
    let p = this.profiles[i];
    if (p === undefined) {
      p = textProfile(this.head(i));
      this.profiles[i] = p;
    }
    return p;
  }

  /**
   * Returns up to 8 articles whose heads share the most distinctive bigrams with `p` (at least half of
   * them), best first: candidates for a full similarity check. Never throws.
   */
  candidates(p: TextProfile): number[] {
    const n = this.articles.length;
    if (this.postings === null) {
      const postings = new Map<number, number[]>();
      for (let i = 0; i < n; i++) {
        const b = this.profile(i).bigrams;
        for (let j = 0; j < b.length; j++) {
          const code = b[j]!;
          if (j > 0 && b[j - 1] === code) continue;
          const list = postings.get(code);
          if (list) list.push(i);
          else postings.set(code, [i]);
        }
      }
      this.postings = postings;
      this.counts = new Int32Array(n);
    }
    const counts = this.counts!;
    const stop = Math.max(8, Math.floor(n * STOP_SHARE));
    const touched: number[] = [];
    const b = p.bigrams;
    let useful = 0;
    for (let j = 0; j < b.length; j++) {
      if (j > 0 && b[j - 1] === b[j]) continue;
      const list = this.postings.get(b[j]!);
      if (list === undefined || list.length > stop) continue;
      useful++;
      for (const i of list) {
        const c = counts[i]!;
        counts[i] = c + 1;
        if (c === 0) touched.push(i);
      }
    }
    // Keep the INDEX_CANDIDATES best that share at least half the query's distinctive bigrams.
    const top: number[] = [];
    const floor = Math.max(1, useful >> 1);
    for (const i of touched) {
      const c = counts[i]!;
      if (c < floor) continue;
      if (top.length === INDEX_CANDIDATES && c <= counts[top[top.length - 1]!]!) continue;
      let k = top.length < INDEX_CANDIDATES ? top.length : top.length - 1;
      while (k > 0 && counts[top[k - 1]!]! < c) k--;
      top.splice(k, 0, i);
      if (top.length > INDEX_CANDIDATES) top.pop();
    }
    for (const i of touched) counts[i] = 0;
    return top;
  }

  /** Returns the exact occurrences of `q` in any article as [article, offset] pairs, at most `max`. Never throws. */
  occurrences(q: string, max: number): Array<[number, number]> {
    if (this.joined === null) {
      const starts: number[] = [];
      let at = 0;
      for (const a of this.articles) {
        starts.push(at);
        at += a.text.length + 1;
      }
      this.joined = { text: this.articles.map((a) => a.text).join('\u0000'), starts };
    }
    const { text, starts } = this.joined;
    const out: Array<[number, number]> = [];
    for (let i = text.indexOf(q); i !== -1 && out.length < max; i = text.indexOf(q, i + 1)) {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= i) lo = mid;
        else hi = mid - 1;
      }
      out.push([lo, i - starts[lo]!]);
    }
    return out;
  }
}

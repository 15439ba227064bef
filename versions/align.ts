/**
 * Aligning the articles of two versions of a regulation (a draft and the next draft, or the enacted text): which
 * articles stayed, changed, moved or were renumbered, split, merged, added or deleted. DOM-free and synchronous;
 * a 1,260-article text aligns in tens of milliseconds (see BENCHMARKS.md).
 *
 * How: every article becomes the set of its character bigrams (full-width/half-width folded, whitespace left out).
 * An inverted index over the older version's bigrams (the very common ones, such as 应当, left out of the index)
 * gives each newer article a handful of candidates, scored by the Dice coefficient of the two sets. The heaviest
 * chain of candidate pairs that keeps both orders (a weighted longest increasing subsequence, O(P log n)) is the
 * backbone: those pairs are unchanged or changed. In the gaps between them, an article whose best paragraph matches
 * in order is changed too, and so is the purpose article (…，制定本法。). What is left is matched out of order (moved), then attached to a
 * neighbour whose text holds it (split, merged); the rest is added or deleted.
 */
import { bigramDice as dice, foldText, intersectCount } from '../anchoring/similarity';

/** What the alignment reads of an article (regulation/types Article has these). */
export interface VersionArticle {
  number: number;
  sub: number;
  label: string;
  text: string;
}

/**
 * unchanged: same text, in order (its number may differ: see `renumbered`). changed: the same article, edited.
 * moved: the same article (edited or not: see `textChanged`) out of the order of the rest. split: one old article
 * became several new ones. merged: several old articles became one. added / deleted: no counterpart.
 */
export type ChangeKind = 'unchanged' | 'changed' | 'moved' | 'split' | 'merged' | 'added' | 'deleted';

export const CHANGE_KINDS: readonly ChangeKind[] = ['unchanged', 'changed', 'moved', 'split', 'merged', 'added', 'deleted'];

export interface AlignedRow {
  kind: ChangeKind;
  /** Indexes into the older version's articles, ascending; empty for an added article. */
  old: number[];
  /** Indexes into the newer version's articles, ascending; empty for a deleted article. */
  new: number[];
  /** 0..1: bigram Dice of the row's old text against its new text (1 when unchanged, 0 when added or deleted). */
  similarity: number;
  /** True when a one-to-one row's article label differs (第十条 became 第十二条). */
  renumbered: boolean;
  /** True when the text differs (always for changed, split, merged; never for unchanged). */
  textChanged: boolean;
}

export interface Alignment {
  /** In the newer version's order, deleted articles placed after the row of the old article before them. */
  rows: AlignedRow[];
  /** For each old article, the index of its row. */
  oldRow: number[];
  /** For each new article, the index of its row. */
  newRow: number[];
  counts: Record<ChangeKind, number>;
  /** How many rows are renumbered. */
  renumbered: number;
  /**
   * 0..1: the mean of two shares: of the older version's text (in bigrams) found again in the newer one, in matched
   * rows, and of the newer version's text found in the older. A new version of the same regulation scores above
   * MOSTLY_ALIKE; another regulation of the same genre below it.
   */
  likeness: number;
}

/** Dice at or above which two articles may be the same article edited. */
export const MATCH_MIN = 0.45;
/** Dice at or above which an article out of order is taken as moved (stricter: order does not vouch for it). */
export const MOVED_MIN = 0.6;
/** Share of a piece's bigrams that must be in its whole for a split or merge. */
export const CONTAIN_MIN = 0.7;
/** likeness at or above which two versions are "mostly alike" (see mostlyAlike). */
export const MOSTLY_ALIKE = 0.35;
/** Paragraphs shorter than this (in bigrams) are not matched alone in a gap. */
const PARAGRAPH_MIN_BIGRAMS = 12;
/**
 * The article that says why and on what basis the text is made (…，制定本法。): rewritten in almost every revision, and
 * the same article in both versions when both sit in the same gap.
 */
const PURPOSE = /制定本(?:法|条例|规定|办法|细则|组织法|决定)。?$/;
/** A piece joins a whole that is not its neighbour only when it has at least this many bigrams. */
const PIECE_MIN_BIGRAMS = 16;
/** Gaps with more old × new pairs than this are left to the other rules. */
const GAP_MAX_PAIRS = 400;
/** Candidates kept per article from the index. */
const CANDIDATES = 6;

/** The sorted, unique bigram codes of an article's folded text, whitespace left out. */
export function bigramSet(text: string): Uint32Array {
  const s = foldText(text);
  const n = s.length;
  const codes = new Uint32Array(Math.max(0, n - 1));
  let k = 0;
  for (let i = 1; i < n; i++) {
    const a = s.charCodeAt(i - 1);
    const b = s.charCodeAt(i);
    if (isBlank(a) || isBlank(b)) continue;
    codes[k++] = ((a << 16) | b) >>> 0;
  }
  const sorted = codes.subarray(0, k).sort();
  let u = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[u++] = sorted[i]!;
  return sorted.slice(0, u);
}

function isBlank(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0 || c === 0x3000;
}

/** |a ∩ b| for two sorted unique arrays (anchoring's, shared with the quote matcher). */
export { intersectCount };

function union(sets: Uint32Array[]): Uint32Array {
  if (sets.length === 1) return sets[0]!;
  const all: number[] = [];
  for (const s of sets) for (const x of s) all.push(x);
  const arr = Uint32Array.from(all).sort();
  let u = 0;
  for (let i = 0; i < arr.length; i++) if (i === 0 || arr[i] !== arr[i - 1]) arr[u++] = arr[i]!;
  return arr.slice(0, u);
}

/** Text compared for "unchanged": folded, whitespace removed. */
function plain(text: string): string {
  return foldText(text).replace(/\s+/g, '');
}

/**
 * An inverted index of bigram -> article indexes, very common bigrams left out: an open-addressing hash of the
 * codes into slots, and one flat array of postings (compressed rows), so that building and querying allocate little.
 */
class BigramIndex {
  private readonly keys: Uint32Array;
  private readonly start: Int32Array;
  private readonly postings: Int32Array;
  private readonly shift: number;
  private readonly limit: number;
  private readonly counts: Int32Array;
  private readonly touched: number[] = [];

  constructor(sets: readonly Uint32Array[]) {
    let total = 0;
    for (const set of sets) total += set.length;
    let bits = 4;
    while (1 << bits < total * 2) bits++;
    const shift = 32 - bits;
    const size = 1 << bits;
    const mask = size - 1;
    const keys = new Uint32Array(size);
    const used = new Uint8Array(size);
    const df = new Int32Array(size + 1);
    const slots = new Int32Array(total);
    let t = 0;
    for (const set of sets) {
      for (let k = 0; k < set.length; k++) {
        const code = set[k]!;
        let h = Math.imul(code, 0x9e3779b1) >>> shift;
        while (used[h] === 1 && keys[h] !== code) h = (h + 1) & mask;
        if (used[h] === 0) {
          used[h] = 1;
          keys[h] = code;
        }
        df[h]!++;
        slots[t++] = h;
      }
    }
    const start = new Int32Array(size + 1);
    for (let h = 0; h < size; h++) start[h + 1] = start[h]! + df[h]!;
    const fill = start.slice(0, size);
    const postings = new Int32Array(total);
    t = 0;
    for (let i = 0; i < sets.length; i++) {
      const len = sets[i]!.length;
      for (let k = 0; k < len; k++) postings[fill[slots[t++]!]!++] = i;
    }
    this.keys = keys;
    this.used = used;
    this.start = start;
    this.postings = postings;
    this.shift = shift;
    this.limit = Math.max(24, Math.ceil(sets.length * 0.02));
    this.counts = new Int32Array(sets.length);
  }

  private readonly used: Uint8Array;

  private slot(code: number): number {
    const { keys, used } = this;
    const mask = keys.length - 1;
    let h = Math.imul(code, 0x9e3779b1) >>> this.shift;
    while (used[h] === 1) {
      if (keys[h] === code) return h;
      h = (h + 1) & mask;
    }
    return -1;
  }

  /** The `k` articles sharing the most indexed bigrams with `set`, best first, with their shared count. */
  candidates(set: Uint32Array, k: number): number[] {
    const { counts, touched } = this;
    const { start, postings, limit } = this;
    for (let x = 0; x < set.length; x++) {
      const h = this.slot(set[x]!);
      if (h === -1) continue;
      const from = start[h]!;
      const to = start[h + 1]!;
      if (to - from > limit) continue;
      for (let p = from; p < to; p++) {
        const i = postings[p]!;
        if (counts[i] === 0) touched.push(i);
        counts[i]!++;
      }
    }
    // Top k by count (ties: lower index), one pass: k is small, `touched` may hold hundreds.
    const out: number[] = [];
    for (const i of touched) {
      const c = counts[i]!;
      let at = out.length;
      while (at > 0 && (counts[out[at - 1]!]! < c || (counts[out[at - 1]!]! === c && out[at - 1]! > i))) at--;
      if (at < k) {
        out.splice(at, 0, i);
        if (out.length > k) out.pop();
      }
    }
    for (const i of touched) counts[i] = 0;
    touched.length = 0;
    return out;
  }
}

interface Pair {
  i: number;
  j: number;
  w: number;
}

/** The heaviest chain of pairs increasing in both i and j (a weighted LIS with a Fenwick tree of prefix maxima). */
function heaviestChain(pairs: Pair[], m: number): Pair[] {
  pairs.sort((a, b) => a.i - b.i || b.j - a.j);
  const treeVal = new Float64Array(m + 1);
  const treeArg = new Int32Array(m + 1).fill(-1);
  const best = new Float64Array(pairs.length);
  const prev = new Int32Array(pairs.length).fill(-1);
  for (let p = 0; p < pairs.length; p++) {
    const { j, w } = pairs[p]!;
    let v = 0;
    let arg = -1;
    for (let x = j; x > 0; x -= x & -x) {
      if (treeVal[x]! > v) {
        v = treeVal[x]!;
        arg = treeArg[x]!;
      }
    }
    best[p] = v + w;
    prev[p] = arg;
    for (let x = j + 1; x <= m; x += x & -x) {
      if (best[p]! > treeVal[x]!) {
        treeVal[x] = best[p]!;
        treeArg[x] = p;
      }
    }
  }
  let end = -1;
  for (let p = 0; p < pairs.length; p++) if (end === -1 || best[p]! > best[end]!) end = p;
  const chain: Pair[] = [];
  for (let p = end; p !== -1; p = prev[p]!) chain.push(pairs[p]!);
  return chain.reverse();
}

/**
 * Aligns the articles of an older and a newer version. Returns the rows in the newer version's order (see
 * Alignment). Pure and deterministic; never throws for article-like input (empty lists give added or deleted rows
 * only).
 */
export function alignVersions(older: readonly VersionArticle[], newer: readonly VersionArticle[]): Alignment {
  const n = older.length;
  const m = newer.length;
  const oldSets = older.map((a) => bigramSet(a.text));
  const newSets = newer.map((a) => bigramSet(a.text));
  const oldPlain = older.map((a) => plain(a.text));
  const newPlain = newer.map((a) => plain(a.text));
  const oldIndex = new BigramIndex(oldSets);
  const newIndex = new BigramIndex(newSets);

  // Candidate pairs from both directions, each scored once.
  const sims = new Map<number, number>();
  const key = (i: number, j: number) => i * (m + 1) + j;
  const score = (i: number, j: number): number => {
    const k = key(i, j);
    let s = sims.get(k);
    if (s === undefined) {
      s = oldPlain[i] === newPlain[j] ? (oldPlain[i] === '' ? 0 : 1) : dice(oldSets[i]!, newSets[j]!);
      sims.set(k, s);
    }
    return s;
  };
  const newCands: number[][] = [];
  for (let j = 0; j < m; j++) newCands.push(oldIndex.candidates(newSets[j]!, CANDIDATES));
  const oldCands: number[][] = [];
  for (let i = 0; i < n; i++) oldCands.push(newIndex.candidates(oldSets[i]!, CANDIDATES));
  const pairs: Pair[] = [];
  const seen = new Set<number>();
  const consider = (i: number, j: number) => {
    const k = key(i, j);
    if (seen.has(k)) return;
    seen.add(k);
    const w = score(i, j);
    if (w >= MATCH_MIN) pairs.push({ i, j, w });
  };
  for (let j = 0; j < m; j++) {
    for (const i of newCands[j]!) consider(i, j);
    // Identical short texts (（删除）, 本条例自…起施行) may share no indexed bigram: try the same position too.
    if (j < n) consider(j, j);
  }
  for (let i = 0; i < n; i++) for (const j of oldCands[i]!) consider(i, j);

  const oldMatch = new Int32Array(n).fill(-1);
  const newMatch = new Int32Array(m).fill(-1);
  const inChain = new Set<number>();
  for (const p of heaviestChain(pairs, m)) {
    oldMatch[p.i] = p.j;
    newMatch[p.j] = p.i;
    inChain.add(p.i);
  }

  // Gaps between consecutive matched pairs: an article rewritten around one kept paragraph (a 款 reworded, others
  // added or dropped) scores low as a whole; inside a gap, order vouches for it, so its best paragraph may match.
  const chainPairs = [...inChain].sort((a, b) => a - b).map((i) => ({ i, j: oldMatch[i]! }));
  const paraSets = (text: string) => text.split('\n').map(bigramSet).filter((x) => x.length >= PARAGRAPH_MIN_BIGRAMS);
  const oldParas = new Map<number, Uint32Array[]>();
  const newParas = new Map<number, Uint32Array[]>();
  const paragraphScore = (i: number, j: number): number => {
    let ps = oldParas.get(i);
    if (ps === undefined) oldParas.set(i, (ps = paraSets(older[i]!.text)));
    let qs = newParas.get(j);
    if (qs === undefined) newParas.set(j, (qs = paraSets(newer[j]!.text)));
    let best = 0;
    for (const p of ps) for (const q of qs) best = Math.max(best, dice(p, q));
    return best;
  };
  for (let k = 0; k <= chainPairs.length; k++) {
    const lo = k === 0 ? { i: -1, j: -1 } : chainPairs[k - 1]!;
    const hi = k === chainPairs.length ? { i: n, j: m } : chainPairs[k]!;
    const gapOld: number[] = [];
    const gapNew: number[] = [];
    for (let i = lo.i + 1; i < hi.i; i++) if (oldMatch[i] === -1) gapOld.push(i);
    for (let j = lo.j + 1; j < hi.j; j++) if (newMatch[j] === -1) gapNew.push(j);
    if (gapOld.length === 0 || gapNew.length === 0 || gapOld.length * gapNew.length > GAP_MAX_PAIRS) continue;
    const gapPairs: Pair[] = [];
    for (const i of gapOld) {
      for (const j of gapNew) {
        const purpose = PURPOSE.test(older[i]!.text) && PURPOSE.test(newer[j]!.text) ? MATCH_MIN : 0;
        const w = Math.max(score(i, j), paragraphScore(i, j), purpose);
        if (w >= MATCH_MIN) gapPairs.push({ i, j, w });
      }
    }
    for (const p of heaviestChain(gapPairs, m)) {
      oldMatch[p.i] = p.j;
      newMatch[p.j] = p.i;
      inChain.add(p.i);
    }
  }

  // Out of order: the best remaining pairs, greedily.
  const loose = pairs.filter((p) => p.w >= MOVED_MIN && oldMatch[p.i] === -1 && newMatch[p.j] === -1);
  loose.sort((a, b) => b.w - a.w || a.i - b.i || a.j - b.j);
  for (const p of loose) {
    if (oldMatch[p.i] !== -1 || newMatch[p.j] !== -1) continue;
    oldMatch[p.i] = p.j;
    newMatch[p.j] = p.i;
  }

  // Groups: one per matched pair, then pieces join them.
  const groupOfOld = new Int32Array(n).fill(-1);
  const groupOfNew = new Int32Array(m).fill(-1);
  const groups: Array<{ old: number[]; new: number[]; moved: boolean }> = [];
  for (let i = 0; i < n; i++) {
    const j = oldMatch[i]!;
    if (j === -1) continue;
    groupOfOld[i] = groupOfNew[j] = groups.length;
    groups.push({ old: [i], new: [j], moved: !inChain.has(i) });
  }
  const contained = (piece: Uint32Array, whole: Uint32Array) =>
    piece.length === 0 ? 0 : intersectCount(piece, whole) / piece.length;

  // Splits: an unmatched new article whose text is held by the old article of a neighbouring new article (or, on the
  // second pass, by a candidate old article: unmatched, or matched when the piece is long enough to be telling).
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < m; j++) {
      if (groupOfNew[j] !== -1) continue;
      let best = -1;
      let bestC = CONTAIN_MIN;
      const tryGroup = (g: number) => {
        if (g === -1) return;
        const whole = union(groups[g]!.old.map((i) => oldSets[i]!));
        const c = contained(newSets[j]!, whole);
        if (c >= bestC) {
          best = g;
          bestC = c;
        }
      };
      if (j > 0) tryGroup(groupOfNew[j - 1]!);
      if (j + 1 < m) tryGroup(groupOfNew[j + 1]!);
      if (best === -1 && pass === 1) {
        for (const i of newCands[j]!) {
          if (contained(newSets[j]!, oldSets[i]!) < CONTAIN_MIN) continue;
          if (groupOfOld[i] === -1) {
            groupOfOld[i] = groups.length;
            groups.push({ old: [i], new: [], moved: false });
          } else if (newSets[j]!.length < PIECE_MIN_BIGRAMS) continue;
          best = groupOfOld[i]!;
          break;
        }
      }
      if (best !== -1) {
        groups[best]!.new.push(j);
        groupOfNew[j] = best;
      }
    }
  }
  // Merges: an unmatched old article whose text the new article of a neighbouring old article holds.
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < n; i++) {
      if (groupOfOld[i] !== -1) continue;
      let best = -1;
      let bestC = CONTAIN_MIN;
      const tryGroup = (g: number) => {
        if (g === -1) return;
        const whole = union(groups[g]!.new.map((j) => newSets[j]!));
        const c = contained(oldSets[i]!, whole);
        if (c >= bestC) {
          best = g;
          bestC = c;
        }
      };
      if (i > 0) tryGroup(groupOfOld[i - 1]!);
      if (i + 1 < n) tryGroup(groupOfOld[i + 1]!);
      if (best === -1 && pass === 1) {
        for (const j of oldCands[i]!) {
          if (contained(oldSets[i]!, newSets[j]!) < CONTAIN_MIN) continue;
          if (groupOfNew[j] === -1) {
            groupOfNew[j] = groups.length;
            groups.push({ old: [], new: [j], moved: false });
          } else if (oldSets[i]!.length < PIECE_MIN_BIGRAMS) continue;
          best = groupOfNew[j]!;
          break;
        }
      }
      if (best !== -1) {
        groups[best]!.old.push(i);
        groupOfOld[i] = best;
      }
    }
  }

  const rows: AlignedRow[] = [];
  for (const g of groups) {
    g.old.sort((a, b) => a - b);
    g.new.sort((a, b) => a - b);
    // A group made for a piece always gets its piece; a lone piece is a deep edit of one article (changed).
    if (g.old.length === 0 || g.new.length === 0) continue;
    const oneToOne = g.old.length === 1 && g.new.length === 1;
    const same = oneToOne && oldPlain[g.old[0]!] === newPlain[g.new[0]!];
    const kind: ChangeKind = g.old.length > 1 ? 'merged' : g.new.length > 1 ? 'split' : g.moved ? 'moved' : same ? 'unchanged' : 'changed';
    const similarity = oneToOne
      ? score(g.old[0]!, g.new[0]!)
      : dice(union(g.old.map((i) => oldSets[i]!)), union(g.new.map((j) => newSets[j]!)));
    rows.push({
      kind,
      old: g.old,
      new: g.new,
      similarity,
      renumbered: oneToOne && older[g.old[0]!]!.label !== newer[g.new[0]!]!.label,
      textChanged: !same,
    });
  }
  const matchedOld = new Set(rows.flatMap((r) => r.old));
  const matchedNew = new Set(rows.flatMap((r) => r.new));
  for (let j = 0; j < m; j++) {
    if (!matchedNew.has(j)) rows.push({ kind: 'added', old: [], new: [j], similarity: 0, renumbered: false, textChanged: true });
  }
  const deleted: AlignedRow[] = [];
  for (let i = 0; i < n; i++) {
    if (!matchedOld.has(i)) deleted.push({ kind: 'deleted', old: [i], new: [], similarity: 0, renumbered: false, textChanged: true });
  }

  // Order: by first new index; a deleted article right after the row holding the nearest old article before it.
  rows.sort((a, b) => a.new[0]! - b.new[0]!);
  const rowOfOld = new Map<number, number>();
  rows.forEach((r, k) => r.old.forEach((i) => rowOfOld.set(i, k)));
  const after = new Map<number, AlignedRow[]>();
  for (const d of deleted) {
    let anchor = -1;
    for (let i = d.old[0]! - 1; i >= 0; i--) {
      const k = rowOfOld.get(i);
      if (k !== undefined) {
        anchor = k;
        break;
      }
    }
    const list = after.get(anchor) ?? [];
    list.push(d);
    after.set(anchor, list);
  }
  const ordered: AlignedRow[] = [...(after.get(-1) ?? [])];
  rows.forEach((r, k) => {
    ordered.push(r);
    ordered.push(...(after.get(k) ?? []));
  });

  const oldRow = new Array<number>(n).fill(-1);
  const newRow = new Array<number>(m).fill(-1);
  const counts: Record<ChangeKind, number> = { unchanged: 0, changed: 0, moved: 0, split: 0, merged: 0, added: 0, deleted: 0 };
  let renumbered = 0;
  let kept = 0;
  let total = 0;
  ordered.forEach((r, k) => {
    r.old.forEach((i) => (oldRow[i] = k));
    r.new.forEach((j) => (newRow[j] = k));
    counts[r.kind]++;
    if (r.renumbered) renumbered++;
  });
  for (let i = 0; i < n; i++) {
    total += oldSets[i]!.length;
    const r = ordered[oldRow[i]!]!;
    if (r.kind !== 'deleted') kept += intersectCount(oldSets[i]!, union(r.new.map((j) => newSets[j]!)));
  }
  let keptNew = 0;
  let totalNew = 0;
  for (let j = 0; j < m; j++) {
    totalNew += newSets[j]!.length;
    const r = ordered[newRow[j]!]!;
    if (r.kind !== 'added') keptNew += intersectCount(newSets[j]!, union(r.old.map((i) => oldSets[i]!)));
  }
  const share = (a: number, b: number) => (b === 0 ? 0 : a / b);
  const likeness = (share(kept, total) + share(keptNew, totalNew)) / 2;
  return { rows: ordered, oldRow, newRow, counts, renumbered, likeness };
}

/** True when an alignment says the two versions are mostly alike (likeness ≥ MOSTLY_ALIKE). */
export function mostlyAlike(alignment: Alignment): boolean {
  return alignment.likeness >= MOSTLY_ALIKE;
}

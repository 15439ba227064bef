/**
 * What the side panel's notes view shows, as pure functions of the notes and the page's outline: where each
 * note sits now (re-anchored), the order and chapter groups, the filters, the counts. No DOM, no Preact.
 */
import { createAnchorer, type AnchorResult, type AnchorStatus } from '../../anchoring';
import { parseNumeral } from '../../regulation/numerals';
import type { Article, Chapter } from '../../regulation/types';
import type { NoteRecord, Stance } from '../../storage/schema';

/** A note with where re-anchoring put it on the page in front of the reviewer. */
export interface PlacedNote {
  note: NoteRecord;
  status: AnchorStatus;
  /** Index in the outline's articles; -1 when unplaced. */
  articleIndex: number;
  /** The article's label on this page (第十二条); for an unplaced note, the label it was written on. */
  label: string;
  /** The article number on this page (the stored one when unplaced). */
  number: number;
  /** Index in the outline's chapters of the article's innermost heading; null before any heading or unplaced. */
  chapter: number | null;
  /** Start of the passage in the article's text now; -1 for an article note or when unplaced. */
  start: number;
}

/**
 * Places notes on an outline's articles and remembers each answer: re-anchoring a note depends only on its
 * article reference and passage, so a note whose place did not change is not searched for again when the
 * list changes (a save in another tab re-renders the panel without re-anchoring 300 notes).
 * One instance per articles array; the array must not change while the instance is used.
 */
export class NotePlacer {
  private anchor: ((input: Pick<NoteRecord, 'article' | 'passage'>) => AnchorResult) | null = null;
  private readonly cache = new Map<string, AnchorResult>();

  constructor(private readonly articles: readonly Article[]) {}

  /** Returns the notes placed and in page order (see placeNotes). Never throws for well-formed notes. */
  place(notes: readonly NoteRecord[]): PlacedNote[] {
    const placed = notes.map((note) => this.placeOne(note));
    return placed.sort(pageOrder);
  }

  private placeOne(note: NoteRecord): PlacedNote {
    const key = JSON.stringify([note.article.number, note.article.sub, note.article.excerpt, note.passage]);
    let r = this.cache.get(key);
    if (!r) {
      this.anchor ??= createAnchorer(this.articles);
      r = this.anchor({ article: note.article, passage: note.passage });
      this.cache.set(key, r);
    }
    const article = r.status === 'unplaced' ? undefined : this.articles[r.articleIndex];
    if (!article) {
      return { note, status: 'unplaced', articleIndex: -1, label: note.article.label, number: note.article.number, chapter: null, start: -1 };
    }
    return {
      note,
      status: r.status,
      articleIndex: r.articleIndex,
      label: article.label,
      number: article.number,
      chapter: article.chapter,
      start: r.passage?.start ?? -1,
    };
  }
}

/**
 * Returns `notes` placed on `articles`, in page order: by article, then article notes before passage
 * notes, passages by position, then oldest first; unplaced notes last, by their stored article number.
 */
export function placeNotes(notes: readonly NoteRecord[], articles: readonly Article[]): PlacedNote[] {
  return new NotePlacer(articles).place(notes);
}

function pageOrder(a: PlacedNote, b: PlacedNote): number {
  const ua = a.articleIndex < 0 ? 1 : 0;
  const ub = b.articleIndex < 0 ? 1 : 0;
  if (ua !== ub) return ua - ub;
  if (ua) {
    return a.note.article.number - b.note.article.number || a.note.article.sub - b.note.article.sub || a.note.createdAt - b.note.createdAt;
  }
  return a.articleIndex - b.articleIndex || a.start - b.start || a.note.createdAt - b.note.createdAt;
}

/** A run of notes under one heading, or before any heading, or the unplaced ones. */
export interface NoteGroup {
  /** 'c<chapter index>', 'none' (articles before the first heading) or 'unplaced': stable across renders. */
  key: string;
  kind: 'heading' | 'none' | 'unplaced';
  /** The headings from the outermost (编) to the article's own (节); empty unless kind is 'heading'. */
  headings: Chapter[];
  notes: PlacedNote[];
}

/** The chain of headings from the outermost down to chapter `index`. */
export function headingChain(chapters: readonly Chapter[], index: number | null): Chapter[] {
  const out: Chapter[] = [];
  const seen = new Set<number>();
  for (let c = index; c !== null && chapters[c] && !seen.has(c); c = chapters[c]!.parent) {
    seen.add(c);
    out.unshift(chapters[c]!);
  }
  return out;
}

/**
 * Groups placed notes (in the order placeNotes returns) by their article's innermost heading, in page
 * order; notes before any heading form a 'none' group, unplaced notes a last 'unplaced' group. Every note
 * is in exactly one group; empty groups are left out.
 */
export function groupNotes(placed: readonly PlacedNote[], chapters: readonly Chapter[]): NoteGroup[] {
  const groups: NoteGroup[] = [];
  const byKey = new Map<string, NoteGroup>();
  for (const p of placed) {
    const key = p.articleIndex < 0 ? 'unplaced' : p.chapter === null || !chapters[p.chapter] ? 'none' : `c${p.chapter}`;
    let g = byKey.get(key);
    if (!g) {
      const kind: NoteGroup['kind'] = key === 'unplaced' ? 'unplaced' : key === 'none' ? 'none' : 'heading';
      g = { key, kind, headings: kind === 'heading' ? headingChain(chapters, p.chapter) : [], notes: [] };
      byKey.set(key, g);
      groups.push(g);
    }
    g.notes.push(p);
  }
  // unplaced last, whatever order the input had
  const u = groups.findIndex((g) => g.kind === 'unplaced');
  if (u >= 0 && u !== groups.length - 1) groups.push(...groups.splice(u, 1));
  return groups;
}

/** What the reviewer filters the notes by; empty text, null tag and null stance filter nothing. */
export interface NoteFilter {
  text: string;
  tag: string | null;
  stance: Stance | null;
}

export const NO_FILTER: NoteFilter = { text: '', tag: null, stance: null };

/** True when `f` hides anything. */
export function isFiltering(f: NoteFilter): boolean {
  return f.text.trim() !== '' || f.tag !== null || f.stance !== null;
}

/** Text folded for substring search: NFKC (full-width ６０ → 60, ＡＢ → AB), lowercase. */
export function foldForSearch(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

/** Everything the text filter searches in a note: wording, reason, remark, quote, both labels, tags. */
export function searchText(p: PlacedNote): string {
  const n = p.note;
  return foldForSearch([n.suggestion, n.reason, n.comment, n.passage?.exact ?? '', p.label, n.article.label, ...n.tags].join('\n'));
}

/**
 * Returns the notes that pass the filter, in the order given. The text is a substring (Chinese has no word
 * breaks), folded like foldForSearch; a text that is only an article number (12, 十二, 第十二条) also
 * matches the notes on that article, by its number on this page or the number it was written on.
 * `haystacks` may carry precomputed searchText values (same order as `placed`).
 */
export function filterNotes(placed: readonly PlacedNote[], f: NoteFilter, haystacks?: readonly string[]): PlacedNote[] {
  if (!isFiltering(f)) return [...placed];
  const needle = foldForSearch(f.text.trim());
  const number = needle ? parseNumeral(needle.replace(/^第|[条條]$/g, '')) : null;
  return placed.filter((p, i) => {
    if (f.stance !== null && p.note.stance !== f.stance) return false;
    if (f.tag !== null && !p.note.tags.includes(f.tag)) return false;
    if (!needle) return true;
    if (number !== null && (p.number === number || p.note.article.number === number)) return true;
    return (haystacks?.[i] ?? searchText(p)).includes(needle);
  });
}

/** What `filterIndices` found for a filter: the indices (into `placed`) of the notes that pass. */
export interface FilterResult {
  filter: NoteFilter;
  indices: number[];
}

/**
 * `filterNotes` as indices into `placed`, incrementally: when the text only grew (a keystroke) and the tag and
 * stance are unchanged, only the notes that passed the previous filter (`prev`, over the same `placed`) are
 * looked at again. A text that reads as an article number is always filtered from scratch (a number matches by
 * article, not by substring, so "1" does not hold every match of "12").
 */
export function filterIndices(placed: readonly PlacedNote[], f: NoteFilter, haystacks: readonly string[], prev?: FilterResult | null): FilterResult {
  const needle = foldForSearch(f.text.trim());
  const number = needle ? parseNumeral(needle.replace(/^第|[条條]$/g, '')) : null;
  const prevNeedle = prev ? foldForSearch(prev.filter.text.trim()) : '';
  const narrowing =
    prev && prev.filter.tag === f.tag && prev.filter.stance === f.stance && number === null && needle.includes(prevNeedle) &&
    (prevNeedle === '' || parseNumeral(prevNeedle.replace(/^第|[条條]$/g, '')) === null);
  const from = narrowing ? prev.indices : null;
  const indices: number[] = [];
  const test = (i: number) => {
    const p = placed[i]!;
    if (f.stance !== null && p.note.stance !== f.stance) return;
    if (f.tag !== null && !p.note.tags.includes(f.tag)) return;
    if (needle && !(number !== null && (p.number === number || p.note.article.number === number)) && !haystacks[i]!.includes(needle)) return;
    indices.push(i);
  };
  if (from) for (const i of from) test(i);
  else for (let i = 0; i < placed.length; i++) test(i);
  return { filter: f, indices };
}

/** How many notes carry each tag and each stance. */
export interface NoteCounts {
  total: number;
  /** Tag → notes carrying it, sorted by tag name. */
  tags: Array<{ name: string; count: number }>;
  stances: Map<Stance, number>;
}

/** Counts notes by tag and by stance (the numbers beside the filter's choices). */
export function countNotes(notes: readonly Pick<NoteRecord, 'tags' | 'stance'>[]): NoteCounts {
  const tags = new Map<string, number>();
  const stances = new Map<Stance, number>();
  for (const n of notes) {
    stances.set(n.stance, (stances.get(n.stance) ?? 0) + 1);
    for (const t of new Set(n.tags)) tags.set(t, (tags.get(t) ?? 0) + 1);
  }
  return {
    total: notes.length,
    tags: [...tags].map(([name, count]) => ({ name, count })).sort((a, b) => compareNames(a.name, b.name)),
    stances,
  };
}

/** Tag names in the order people expect: zh-CN collation (pinyin), then code points. */
export function compareNames(a: string, b: string): number {
  return a.localeCompare(b, 'zh-CN') || (a < b ? -1 : a > b ? 1 : 0);
}

/** A tag with the number of notes (not in the bin) that carry it, for the tag manager. */
export interface TagUsage {
  name: string;
  color: string;
  count: number;
}

/**
 * Every tag with its count over the notes given (pass only notes not in the bin), sorted like compareNames.
 * A tag that no note carries has count 0; a name on a note with no tag record is listed too (grey).
 */
export function tagUsage(tags: readonly { name: string; color: string }[], noteTags: readonly (readonly string[])[]): TagUsage[] {
  const counts = new Map<string, number>();
  for (const list of noteTags) for (const t of new Set(list)) counts.set(t, (counts.get(t) ?? 0) + 1);
  const out = new Map<string, TagUsage>(tags.map((t) => [t.name, { name: t.name, color: t.color, count: counts.get(t.name) ?? 0 }]));
  for (const [name, count] of counts) if (!out.has(name)) out.set(name, { name, color: '#8c959f', count });
  return [...out.values()].sort((a, b) => compareNames(a.name, b.name));
}

/** How many of the notes carry at least one of `names` (what a merge or delete of them changes). */
export function notesWithAny(noteTags: readonly (readonly string[])[], names: readonly string[]): number {
  const wanted = new Set(names);
  let n = 0;
  for (const list of noteTags) if (list.some((t) => wanted.has(t))) n++;
  return n;
}

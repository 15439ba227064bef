/**
 * What became of each note in the next version: 已采纳 (adopted), 已修改 (the article changed, not as asked),
 * 未修改 (unchanged), 已删除 (the article is gone). DOM-free; reads the alignment of the two versions.
 *
 * Adopted means the change goes the way the note asked:
 * - modify: the suggested wording (the text inside “…” when the suggestion quotes it, else the whole suggestion)
 *   is in the new article and was not in the old one; a passage note whose passage is gone counts only with it;
 * - delete: the article asked to be deleted is gone (a whole-article note), or the passage asked to be deleted is
 *   gone from the article (a passage note);
 * - add: the wording asked for is in the new version (in the note's article or an added one) and was not before;
 * - keep / support: the article (or passage) is there unchanged;
 * - question: never decided by the text; changed or not, the reviewer judges.
 * Otherwise: the article gone is 已删除 (deleted) — unless deletion was asked —, its text (or the note's passage)
 * edited is 已修改, and untouched is 未修改. A note whose article is not in the old version's list is 未修改 with
 * no new article (reason 'unplaced'), so nothing is claimed about it.
 */
import { matchQuote } from '../anchoring/match-quote';
import { foldText } from '../anchoring/similarity';
import type { ArticleRef, PassageRef } from '../anchoring/types';
import type { Stance } from '../storage/schema';
import { bigramSet, intersectCount, type Alignment, type VersionArticle } from './align';

export type Fate = 'adopted' | 'modified' | 'unchanged' | 'deleted';

export const FATES: readonly Fate[] = ['adopted', 'modified', 'unchanged', 'deleted'];

/** Why a fate was given, for the UI's tooltip and the tests. */
export type FateReason =
  | 'wording-present' // the suggested wording is in the new text
  | 'passage-removed' // the passage asked to be deleted is gone
  | 'article-removed' // the article asked to be deleted is gone
  | 'article-added' // the wording asked for is in an added article
  | 'kept' // keep/support and the text is there as it was
  | 'text-changed' // changed, not (detectably) as asked
  | 'text-same' // not changed
  | 'article-gone' // the article is gone, deletion not asked
  | 'unplaced'; // the note's article is not in the old version

/** What a fate reads of a note (NoteRecord has these). */
export interface FateNote {
  id: string;
  article: ArticleRef;
  passage: PassageRef | null;
  stance: Stance;
  suggestion: string;
}

export interface NoteFate {
  noteId: string;
  fate: Fate;
  reason: FateReason;
  /** Index of the note's article in the old version, -1 when not found. */
  oldIndex: number;
  /** Indexes of the new articles the note's article became (several after a split); empty when deleted. */
  newIndexes: number[];
  /** Offsets of the note's passage in the first new article, when it was found there; null otherwise. */
  passage: { start: number; end: number } | null;
}

/** Share of the wording's bigrams that must be in a text for the wording to count as there. */
export const WORDING_MIN = 0.85;

/** 建议将“甲”修改为“乙”: the wording is 乙. */
const TARGET = /(?:修改为|改为|修订为|表述为|调整为|替换为)[：:]?\s*[“"「『]([^”"」』]{2,})[”"」』]/;
const QUOTED = /[“"「『]([^”"」』]{2,})[”"」』]/g;

/**
 * The wording a suggestion proposes: the text quoted after 修改为/改为 (建议将“甲”修改为“乙” gives 乙), else the longest
 * text inside “…”, else the whole suggestion
 * with a leading 建议/建议修改为/建议增加 phrase removed. '' for an empty suggestion.
 */
export function proposedWording(suggestion: string): string {
  const target = TARGET.exec(suggestion);
  if (target) return target[1]!.trim();
  let best = '';
  for (const m of suggestion.matchAll(QUOTED)) if (m[1]!.length > best.length) best = m[1]!;
  if (best !== '') return best.trim();
  return suggestion
    .trim()
    .replace(/^建议(?:将本条|本条|将上述内容|上述内容)?(?:修改为|改为|修订为|表述为|调整为|增加|增设|补充|明确)?[：:，,]?/, '')
    .trim();
}

function plain(s: string): string {
  return foldText(s).replace(/\s+/g, '');
}

/** 0..1: how much of `wording` is in `text` (exactly: 1; else the share of its bigrams found there). */
export function wordingIn(wording: string, text: string): number {
  const w = plain(wording);
  if (w.length === 0) return 0;
  if (plain(text).includes(w)) return 1;
  if (w.length < 4) return 0;
  const ws = bigramSet(w);
  return ws.length === 0 ? 0 : intersectCount(ws, bigramSet(text)) / ws.length;
}

/** The index of a note's article in a version's list: by number and sub, else by the stored excerpt. */
export function findArticle(ref: ArticleRef, articles: readonly VersionArticle[]): number {
  const byNumber = articles.findIndex((a) => a.number === ref.number && a.sub === ref.sub);
  if (byNumber !== -1) return byNumber;
  const excerpt = plain(ref.excerpt);
  if (excerpt.length < 8) return -1;
  return articles.findIndex((a) => plain(a.text).startsWith(excerpt));
}

export interface FateInput {
  older: readonly VersionArticle[];
  newer: readonly VersionArticle[];
  alignment: Alignment;
}

/**
 * Returns the fate of one note (see the rules above). Pure; never throws for note-like input.
 */
export function noteFate(note: FateNote, input: FateInput): NoteFate {
  const { older, newer, alignment } = input;
  const oldIndex = findArticle(note.article, older);
  const result = (fate: Fate, reason: FateReason, newIndexes: number[] = [], passage: NoteFate['passage'] = null): NoteFate => ({
    noteId: note.id,
    fate,
    reason,
    oldIndex,
    newIndexes,
    passage,
  });
  if (oldIndex === -1) return result('unchanged', 'unplaced');
  const row = alignment.rows[alignment.oldRow[oldIndex]!]!;
  const oldText = older[oldIndex]!.text;
  const stance = note.stance;

  // Where the note's own wording/passage is wanted, an added article next to it counts too (for 'add').
  if (row.kind === 'deleted') {
    if (stance === 'delete' && note.passage === null) return result('adopted', 'article-removed');
    if (stance === 'add') {
      const added = addedWith(note, input);
      if (added !== -1) return result('adopted', 'article-added', [added]);
    }
    return result('deleted', stance === 'delete' ? 'article-removed' : 'article-gone');
  }
  const newIndexes = row.new;
  const newText = newIndexes.map((j) => newer[j]!.text).join('\n');

  // The passage in the new text, when the note has one.
  let passageNow: { start: number; end: number } | null = null;
  let passageSame = true;
  if (note.passage !== null) {
    const first = newer[newIndexes[0]!]!.text;
    const hint = Math.min(note.passage.start, first.length);
    const m = matchQuote(first, note.passage, hint);
    passageNow = m === null ? null : { start: m.start, end: m.end };
    let exactSomewhere = m !== null && m.exact;
    if (!exactSomewhere) exactSomewhere = plain(newText).includes(plain(note.passage.exact));
    passageSame = exactSomewhere;
  }
  const articleSame = !row.textChanged;
  const same = note.passage === null ? articleSame : passageSame;
  const changed = same ? 'text-same' : 'text-changed';
  const otherwise = () => result(same ? 'unchanged' : 'modified', changed, newIndexes, passageNow);

  switch (stance) {
    case 'delete': {
      if (note.passage !== null && wordingIn(note.passage.exact, newText) < 0.5) {
        return result('adopted', 'passage-removed', newIndexes, null);
      }
      return otherwise();
    }
    case 'modify': {
      const wording = proposedWording(note.suggestion);
      if (wording !== '' && wordingIn(wording, newText) >= WORDING_MIN && wordingIn(wording, oldText) < WORDING_MIN) {
        return result('adopted', 'wording-present', newIndexes, passageNow);
      }
      return otherwise();
    }
    case 'add': {
      const wording = proposedWording(note.suggestion);
      if (wording !== '' && wordingIn(wording, newText) >= WORDING_MIN && wordingIn(wording, oldText) < WORDING_MIN) {
        return result('adopted', 'wording-present', newIndexes, passageNow);
      }
      const added = addedWith(note, input);
      if (added !== -1) return result('adopted', 'article-added', [added], null);
      return otherwise();
    }
    case 'keep':
    case 'support':
      return same ? result('adopted', 'kept', newIndexes, passageNow) : otherwise();
    case 'question':
      return otherwise();
  }
}

/** An added article of the new version holding the wording a note asked to add, or -1. */
function addedWith(note: FateNote, input: FateInput): number {
  const wording = proposedWording(note.suggestion);
  if (wording === '') return -1;
  for (const r of input.alignment.rows) {
    if (r.kind !== 'added') continue;
    const j = r.new[0]!;
    if (wordingIn(wording, input.newer[j]!.text) >= WORDING_MIN) return j;
  }
  return -1;
}

/** The fates of many notes, in the given order. Notes in the bin (`deleted` set) are skipped. */
export function noteFates(notes: ReadonlyArray<FateNote & { deleted?: number }>, input: FateInput): NoteFate[] {
  return notes.filter((n) => n.deleted === undefined).map((n) => noteFate(n, input));
}

/** How many notes have each fate; `overrides` (note id -> fate the reviewer chose) win over the computed fate. */
export function fateSummary(fates: readonly NoteFate[], overrides: ReadonlyMap<string, Fate> = new Map()): Record<Fate, number> & { total: number } {
  const out = { adopted: 0, modified: 0, unchanged: 0, deleted: 0, total: 0 };
  for (const f of fates) {
    out[overrides.get(f.noteId) ?? f.fate]++;
    out.total++;
  }
  return out;
}

/**
 * The next round: notes carried into the new version, and a follow-up letter that repeats the points not adopted
 * against the new article numbers. Built on letter/model.ts's buildLetter (nothing of it is changed): the notes are
 * re-targeted to the new version's articles, then the ordinary letter is built for the new draft.
 */
import { describeArticle, describePassage } from '../anchoring/describe';
import { buildLetter, type Letter, type LetterInput } from '../letter/model';
import type { NoteInput, NoteRecord } from '../storage/schema';
import type { VersionArticle } from './align';
import type { Fate, NoteFate } from './fates';

/** The fate that counts: the reviewer's overrule when there is one, else the computed fate. */
export function effectiveFate(f: NoteFate, overrides: ReadonlyMap<string, Fate>): Fate {
  return overrides.get(f.noteId) ?? f.fate;
}

/**
 * A note carried into the new version: a NoteInput for the new document, on the first new article its article
 * became (the passage re-anchored when it was found there, else the note becomes a whole-article note), and the
 * id of the note it came from. Returns null for a note whose article is gone (nothing to attach it to).
 */
export function carryNote(
  note: NoteRecord,
  fate: NoteFate,
  newer: readonly VersionArticle[],
  documentId: string,
): { input: NoteInput; from: string } | null {
  const j = fate.newIndexes[0];
  if (j === undefined) return null;
  const article = newer[j]!;
  let passage = null;
  if (fate.passage !== null && fate.passage.end > fate.passage.start && fate.passage.end <= article.text.length) {
    passage = describePassage(article.text, fate.passage.start, fate.passage.end);
  }
  return {
    from: note.id,
    input: {
      documentId,
      article: describeArticle(article),
      passage,
      stance: note.stance,
      suggestion: note.suggestion,
      reason: note.reason,
      comment: note.comment,
      tags: [...note.tags],
    },
  };
}

/** Fates whose points a follow-up letter repeats: not adopted, and an article still there. */
export const REPEATED: readonly Fate[] = ['unchanged', 'modified'];

/**
 * Builds the follow-up letter for the new version: the notes whose effective fate is 未修改 or 已修改, each on the
 * new article its article became (new number, new text as 原文, the passage re-anchored when found), with the
 * given notice (the new version's), articles (the new version's), comments, profile and options. Notes in the bin
 * and notes without a fate are left out. Throws what buildLetter throws (a bad `today`).
 */
export function buildFollowUpLetter(
  input: Omit<LetterInput, 'notes' | 'articles'> & {
    notes: readonly NoteRecord[];
    fates: readonly NoteFate[];
    overrides?: ReadonlyMap<string, Fate>;
    newer: readonly (VersionArticle & { title?: string | null })[];
  },
): Letter {
  const overrides = input.overrides ?? new Map<string, Fate>();
  const byId = new Map(input.notes.filter((n) => n.deleted === undefined).map((n) => [n.id, n]));
  const notes: NoteRecord[] = [];
  for (const f of input.fates) {
    const note = byId.get(f.noteId);
    if (note === undefined || !REPEATED.includes(effectiveFate(f, overrides))) continue;
    const carried = carryNote(note, f, input.newer, note.documentId);
    if (carried === null) continue;
    notes.push({ ...note, article: carried.input.article, passage: carried.input.passage });
  }
  const { fates: _f, overrides: _o, newer, ...rest } = input;
  void _f;
  void _o;
  return buildLetter({
    ...rest,
    notes,
    articles: newer.map((a) => ({ number: a.number, sub: a.sub, label: a.label, title: a.title ?? null, text: a.text })),
  });
}

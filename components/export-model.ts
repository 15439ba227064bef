/**
 * The export panel's decisions, without the DOM: which notes the reviewer chose, where each note sits on the
 * current page, which exports the letter allows (mailto or not, nothing to export), and what the deadline
 * means for sending now. ExportPanel renders these; tests/unit/export checks them.
 */
import { anchorAll } from '../anchoring/reanchor';
import type { EmptyReason, Letter, LetterArticleSource, LetterForm, LetterInclude } from '../letter';
import { explainEmpty, mailtoUrl } from '../letter';
import { deadlineStatus } from '../regulation/notice';
import { STANCES, type NoteRecord, type Stance } from '../storage/schema';

/** How the notes are chosen: all of them, by tag, by stance, or one by one. */
export type NoteScope = 'all' | 'tags' | 'stances' | 'pick';

/** What the reviewer chose in the export panel. */
export interface ExportChoice {
  form: LetterForm;
  scope: NoteScope;
  /** With scope 'tags': a note with any of these tags. */
  tags: readonly string[];
  /** With scope 'stances': a note whose stance is one of these. */
  stances: readonly Stance[];
  /** With scope 'pick': these notes. */
  ids: readonly string[];
  /** Include the general comments (总体意见). */
  comments: boolean;
}

/** The panel's starting choice: prose, every note, general comments included. */
export const DEFAULT_CHOICE: Readonly<ExportChoice> = Object.freeze({
  form: 'prose',
  scope: 'all',
  tags: [],
  stances: [],
  ids: [],
  comments: true,
});

/**
 * The letter's `include` for a choice: only the list of the active scope filters (an empty list matches no
 * note, so that choosing nothing gives an empty letter that explains itself). Never throws.
 */
export function includeOf(choice: ExportChoice): LetterInclude {
  const include: LetterInclude = { comments: choice.comments };
  if (choice.scope === 'tags') include.tags = [...choice.tags];
  else if (choice.scope === 'stances') include.stances = [...choice.stances];
  else if (choice.scope === 'pick') include.ids = [...choice.ids];
  return include;
}

/**
 * The choice with `scope` selected. Entering 'pick' starts with every given note ticked (the reviewer usually
 * leaves a few out); the other lists are kept, so switching back restores them. Never throws.
 */
export function withScope(choice: ExportChoice, scope: NoteScope, notes: readonly NoteRecord[]): ExportChoice {
  if (scope === choice.scope) return choice;
  const ids = scope === 'pick' && choice.ids.length === 0 ? liveNotes(notes).map((n) => n.id) : choice.ids;
  return { ...choice, scope, ids };
}

/** `list` with `item` added when absent, removed when present (order kept). Never throws. */
export function toggle<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

/** The notes outside the bin. */
export function liveNotes(notes: readonly NoteRecord[]): NoteRecord[] {
  return notes.filter((n) => n.deleted === undefined);
}

/** Every tag on the live notes with how many notes carry it, most used first, then by name. Never throws. */
export function tagCounts(notes: readonly NoteRecord[]): Array<{ tag: string; count: number }> {
  const counts = new Map<string, number>();
  for (const n of liveNotes(notes)) for (const tag of new Set(n.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
}

/** The stances used by the live notes with their counts, in the editor's order (STANCES). Never throws. */
export function stanceCounts(notes: readonly NoteRecord[]): Array<{ stance: Stance; count: number }> {
  const live = liveNotes(notes);
  return STANCES.map((stance) => ({ stance, count: live.filter((n) => n.stance === stance).length })).filter((s) => s.count > 0);
}

/** The notes re-anchored to the current page, ready for buildLetter. */
export interface PlacedNotes {
  /** Every live note; a placed one carries its current article (number, sub, label) and quote. */
  notes: NoteRecord[];
  /** The page's articles the placed notes sit on, for buildLetter's `articles`. */
  articles: LetterArticleSource[];
  /** The live notes that could not be placed on this page: the letter quotes their stored excerpt. */
  unplaced: NoteRecord[];
}

/**
 * Finds each live note on the current page (anchoring's anchorAll: by number, then by text, quotes exact then
 * fuzzy) so that the letter names the article as the page numbers it now and quotes its current text. A placed
 * note is returned with its article's current number, sub and label, and a passage note with the page's text at
 * the matched offsets. Only the articles that placed notes sit on are returned: a note that could not be placed
 * must not borrow the text of whatever article now has its old number, so buildLetter falls back to the note's
 * stored excerpt for it. Notes in the bin are left out. Pure; never throws for valid records.
 */
export function placeNotes(notes: readonly NoteRecord[], pageArticles: readonly LetterArticleSource[]): PlacedNotes {
  const live = liveNotes(notes);
  if (pageArticles.length === 0) return { notes: live, articles: [], unplaced: live };
  const results = anchorAll(live, pageArticles);
  const used = new Set<number>();
  const unplaced: NoteRecord[] = [];
  const placed = live.map((note, i) => {
    const r = results[i]!;
    const a = r.articleIndex >= 0 ? pageArticles[r.articleIndex] : undefined;
    if (r.status === 'unplaced' || a === undefined) {
      unplaced.push(note);
      return note;
    }
    used.add(r.articleIndex);
    const article = { ...note.article, number: a.number, sub: a.sub, label: a.label };
    const passage =
      note.passage !== null && r.passage !== null
        ? { ...note.passage, exact: a.text.slice(r.passage.start, r.passage.end), start: r.passage.start, end: r.passage.end }
        : note.passage;
    return { ...note, article, passage };
  });
  const articles = [...used].sort((x, y) => x - y).map((i) => pageArticles[i]!);
  return { notes: placed, articles, unplaced };
}

/** Why "open in mail app" is not offered: the letter is empty, or its mailto: URL would exceed MAILTO_MAX. */
export type MailtoRefusal = 'empty' | 'too-long';

/** What the panel offers for a letter. */
export interface ExportPlan {
  /** Why the letter is empty (see explainEmpty), or null when there is something to export. */
  empty: EmptyReason | null;
  /** True when the files, copies and print may be made (the letter is not empty). */
  canExport: boolean;
  /** The mailto: URL when the letter fits in one, else null. */
  mailto: string | null;
  mailtoRefusal: MailtoRefusal | null;
  /** True when the notice names no email address: the mail opens without a recipient. */
  noRecipient: boolean;
}

/**
 * Decides which exports a letter allows: nothing but an explanation when it is empty; "open in mail app" only
 * when mailtoUrl gives a URL (the letter fits in MAILTO_MAX characters), otherwise the reason, and the .eml is
 * the way to send it. Never throws for a Letter.
 */
export function exportPlan(letter: Letter): ExportPlan {
  const empty = explainEmpty(letter);
  const mailto = empty === null ? mailtoUrl(letter) : null;
  return {
    empty,
    canExport: empty === null,
    mailto,
    mailtoRefusal: empty !== null ? 'empty' : mailto === null ? 'too-long' : null,
    noRecipient: letter.email.to === null,
  };
}

/** How close the deadline is: 'late' (passed), 'soon' (3 days or fewer left, today included), else 'open'/'unknown'. */
export type DeadlineUrgency = 'late' | 'soon' | 'open' | 'unknown';

/** With this many days left or fewer, the panel says so prominently. */
export const SOON_DAYS = 3;

/**
 * The deadline's urgency for exporting on `today` (local calendar days, as deadlineStatus counts them):
 * 'late' after the deadline (the export asks for confirmation), 'soon' with SOON_DAYS or fewer days left
 * (0 = today is the last day), 'open' otherwise, 'unknown' without a valid deadline. `daysLeft` is null when
 * unknown. Never throws.
 */
export function deadlineUrgency(deadline: string | null, today: Date): { urgency: DeadlineUrgency; daysLeft: number | null } {
  const s = deadlineStatus(deadline, today);
  if (s === null) return { urgency: 'unknown', daysLeft: null };
  if (s.closed) return { urgency: 'late', daysLeft: s.daysLeft };
  return { urgency: s.daysLeft <= SOON_DAYS ? 'soon' : 'open', daysLeft: s.daysLeft };
}

/** `date`'s local calendar day as YYYY-MM-DD (the letter's date). Throws a RangeError for an invalid Date. */
export function todayIso(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid Date');
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}

/**
 * Re-parsing only the neighbourhood of an edit: on a page of many articles, a changed paragraph is parsed
 * again with the articles around it, and the rest of the outline is kept (shifted when paragraphs were added or
 * removed). Falls back to a full parse whenever the neighbourhood is not plainly a run of articles (a chapter
 * heading, the table of contents, the notice, a section break near the edit): the result is always the
 * outline `parseOutline` would give, or the caller is told to parse in full.
 */
import { checkNumbering, parseDraft, type NumberingState } from './outline';
import type { Article, Outline, OutlineWarning, Paragraph } from './types';

/** Paragraphs `[from, oldEnd)` of the old input were replaced by `[from, newEnd)` of the new one. */
export interface ParagraphEdit {
  from: number;
  oldEnd: number;
  newEnd: number;
}

export interface Reparsed {
  outline: Outline;
  /** False when the articles read the same as before (labels, titles, texts): nothing for the UI to redraw. */
  changed: boolean;
}

const NUMBERING: ReadonlySet<string> = new Set(['gap', 'duplicate', 'order']);

/**
 * The outline of `paragraphs` (the new input) after `edit`, computed from `old` (the outline of the old input)
 * by parsing only the articles around the edit, or null when that cannot be done safely (then parse in full).
 * `old` is consumed: its later articles are shifted in place.
 */
export function reparseAround(old: Outline, paragraphs: ReadonlyArray<Paragraph>, edit: ParagraphEdit): Reparsed | null {
  const arts = old.articles;
  // a draft numbered only by items: its "articles" are the items dressed as units (withItemUnits), which a
  // part of the page parsed alone would not give back
  if (arts.length < 2 || old.items.length > 0 || old.warnings.some((w) => !NUMBERING.has(w.code))) return null;
  const delta = edit.newEnd - edit.oldEnd;
  const joined = (i: number) => arts[i]!.paragraphs[1] === arts[i + 1]!.paragraphs[0];
  // ka: the last article whose heading lies before the edit. The article before it (c) is parsed again as
  // context when nothing stands between them (its heading then reads with no article before it; checked)
  let ka = lastStartingBefore(arts, edit.from);
  // an edit of the heading paragraph of a chapter's first article: the window starts at that article
  if (ka + 1 < arts.length && arts[ka + 1]!.paragraphs[0] === edit.from && edit.oldEnd > edit.from && (ka < 0 || !joined(ka))) ka++;
  if (ka < 0) return null;
  const ctx = ka >= 1 && joined(ka - 1);
  const c = ctx ? ka - 1 : ka;
  const start = arts[c]!.paragraphs[0];
  if (old.toc && old.toc[1] > start) return null;
  // km: the last article whose heading lies before the end of the edit. The window ends with the article
  // after it (t, parsed again as a check), or at the chapter heading that ends km, or at the end of the input
  const km = Math.max(ka, lastStartingBefore(arts, edit.oldEnd));
  const stopOf = arts[km]!.paragraphs[1];
  let t = -1;
  let oldStop: number;
  let atHeading = false;
  if (km + 1 < arts.length && joined(km)) {
    t = km + 1;
    oldStop = arts[t]!.paragraphs[1];
  } else if (km + 1 < arts.length && old.chapters.some((ch) => ch.paragraph === stopOf)) {
    oldStop = stopOf;
    atHeading = true;
  } else if (km + 1 >= arts.length && stopOf === paragraphs.length - delta) {
    oldStop = stopOf;
  } else return null;
  if (oldStop < edit.oldEnd) return null; // the edit reaches into the heading itself
  for (let i = c; i < km; i++) if (!joined(i)) return null; // a heading or a break between articles
  if (old.chapters.some((ch) => ch.paragraph >= start && ch.paragraph < oldStop)) return null;
  const newStop = oldStop + delta;

  // (the window's notice fields are not wanted: the outline keeps the notice it had)
  const part = parseDraft(paragraphs.slice(start, newStop), undefined, () => undefined);
  if (part.chapters.length || part.toc || part.warnings.some((w) => !NUMBERING.has(w.code))) return null;
  const got = part.articles;
  const first = ctx ? 1 : 0;
  const last = t >= 0 ? got.length - 1 : got.length;
  if (last < first || got[0]!.paragraphs[0] !== 0) return null;
  const size = newStop - start;
  for (let i = 0; i < got.length; i++) {
    const end = i + 1 < got.length ? got[i + 1]!.paragraphs[0] : size;
    if (got[i]!.paragraphs[1] !== end) return null;
  }
  if (ctx ? !same(got[0]!, arts[c]!, start) : got[0]!.label !== arts[ka]!.label) return null;
  if (t >= 0 && !same(got[got.length - 1]!, arts[t]!, start - delta)) return null;

  // splice: the old articles before ka, the fresh ones, the old ones from t on (shifted)
  const end = t >= 0 ? t : km + 1;
  const chapter = arts[ka]!.chapter;
  const fresh = got.slice(first, last);
  const replaced = arts.slice(ka, end);
  let changed = replaced.length !== fresh.length;
  let labels = changed;
  for (let i = 0; !changed && i < fresh.length; i++) {
    const a = fresh[i]!;
    const b = replaced[i]!;
    labels = labels || a.label !== b.label;
    changed = labels || a.title !== b.title || a.text !== b.text;
  }
  // a renumbering just before a heading: the next chapter's first article may read differently (parse in full)
  if (atHeading && labels) return null;
  for (const a of fresh) {
    a.paragraphs[0] += start;
    a.paragraphs[1] += start;
    a.chapter = chapter;
  }
  if (delta !== 0) {
    for (let i = end; i < arts.length; i++) {
      const p = arts[i]!.paragraphs;
      p[0] += delta;
      p[1] += delta;
    }
    for (const ch of old.chapters) if (ch.paragraph >= oldStop) ch.paragraph += delta;
  }
  // in place (no copy of a 100,000-article list): the same count is the common edit
  if (end - ka === fresh.length) for (let i = 0; i < fresh.length; i++) arts[ka + i] = fresh[i]!;
  else if (fresh.length < 10_000) arts.splice(ka, end - ka, ...fresh);
  else {
    arts.splice(ka, end - ka);
    insertMany(arts, ka, fresh);
  }
  const articles = arts;
  const outline: Outline = { ...old, articles, warnings: labels ? numberingWarnings(articles) : old.warnings };
  return { outline, changed };
}

/** Inserts many items at `at` (more than a call's arguments can hold). */
function insertMany<T>(list: T[], at: number, items: readonly T[]): void {
  const tail = list.splice(at);
  for (const x of items) list.push(x);
  for (const x of tail) list.push(x);
}

/** The index of the last article whose heading paragraph lies before `p`, or -1. */
function lastStartingBefore(arts: readonly Article[], p: number): number {
  let lo = 0;
  let hi = arts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arts[mid]!.paragraphs[0] < p) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The same article at the same place (`fresh` counts paragraphs from `offset`). */
function same(fresh: Article, old: Article, offset: number): boolean {
  return (
    fresh.label === old.label &&
    fresh.title === old.title &&
    fresh.text === old.text &&
    fresh.bodyOffset === old.bodyOffset &&
    fresh.paragraphs[0] + offset === old.paragraphs[0] &&
    fresh.paragraphs[1] + offset === old.paragraphs[1]
  );
}

/** The numbering warnings (gaps, duplicates, order) of a list of articles, as parseOutline gives them. */
function numberingWarnings(articles: readonly Article[]): OutlineWarning[] {
  const warnings: OutlineWarning[] = [];
  const st: NumberingState = { prev: null, seen: new Set(), count: 0 };
  for (const a of articles) checkNumbering(a, st, warnings);
  return warnings;
}

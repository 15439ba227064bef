import type { Article, Outline } from '../regulation/types';
import { sendToTab, type PageState } from './messages';

/*
 * The page's state as the side panel asks for it: the outline's articles as columns, one array per field, not one
 * object per article. A message is copied value by value on its way from the page to the panel; 1,260 articles as
 * objects are some 11,000 values and 255 KB of JSON, and took 70-110 ms to arrive in a starting panel (the sample
 * draft's 65 articles: 15-30 ms). As columns they are a few arrays of plain values.
 */

/** An outline's articles, field by field; `paragraphs` holds each article's pair one after the other. */
export interface ArticleColumns {
  label: string[];
  number: number[];
  sub: number[];
  title: Array<string | null>;
  chapter: Array<number | null>;
  text: string[];
  paragraphs: number[];
  bodyOffset: number[];
}

/** An outline with its articles as columns (see packOutline). */
export type PackedOutline = Omit<Outline, 'articles'> & { articles: ArticleColumns };

/** `outline` with its articles as columns; unpackOutline gives the same outline back. */
export function packOutline(outline: Outline): PackedOutline {
  const n = outline.articles.length;
  const c: ArticleColumns = {
    label: new Array<string>(n),
    number: new Array<number>(n),
    sub: new Array<number>(n),
    title: new Array<string | null>(n),
    chapter: new Array<number | null>(n),
    text: new Array<string>(n),
    paragraphs: new Array<number>(2 * n),
    bodyOffset: new Array<number>(n),
  };
  outline.articles.forEach((a, i) => {
    c.label[i] = a.label;
    c.number[i] = a.number;
    c.sub[i] = a.sub;
    c.title[i] = a.title;
    c.chapter[i] = a.chapter;
    c.text[i] = a.text;
    c.paragraphs[2 * i] = a.paragraphs[0];
    c.paragraphs[2 * i + 1] = a.paragraphs[1];
    c.bodyOffset[i] = a.bodyOffset;
  });
  return { ...outline, articles: c };
}

/**
 * The outline packOutline packed. An outline whose articles are already objects (a page of an older version of the
 * extension) is returned as it is; columns of unequal lengths give no articles rather than broken ones.
 */
export function unpackOutline(packed: PackedOutline | Outline): Outline {
  const c = packed.articles;
  if (Array.isArray(c)) return packed as Outline;
  const n = c.label.length;
  const whole = [c.number, c.sub, c.title, c.chapter, c.text, c.bodyOffset].every((col) => Array.isArray(col) && col.length === n);
  const articles: Article[] = [];
  if (whole && Array.isArray(c.paragraphs) && c.paragraphs.length === 2 * n) {
    for (let i = 0; i < n; i++) {
      articles.push({
        label: c.label[i]!,
        number: c.number[i]!,
        sub: c.sub[i]!,
        title: c.title[i]!,
        chapter: c.chapter[i]!,
        text: c.text[i]!,
        paragraphs: [c.paragraphs[2 * i]!, c.paragraphs[2 * i + 1]!],
        bodyOffset: c.bodyOffset[i]!,
      });
    }
  }
  return { ...packed, articles };
}

/**
 * The most characters of article text one answer to the side panel carries. The page's browser copies an answer in
 * the task that sends it, and the text is most of it: the civil code's 1,260 articles (107,000 characters, 157 KB as
 * columns) took 9-15 ms of the page's main thread in `sendResponse` at 1x on the test machine (2026-12-04), 40-60 ms
 * at 4x, one task whenever the panel asked. As parts of this size each is a task of 1-2 ms.
 */
export const TEXT_PART_CHARS = 12_000;

/** Where the parts of the article texts an answer left out end: `ends[k]` is the article after part k. */
export interface TextParts {
  key: string;
  ends: number[];
}

/** The page's state as the content script sends it when asked with `packed: true`. */
export type PackedPageState = Omit<PageState, 'outline'> & {
  outline: PackedOutline;
  /** The texts are long: they are not in `outline` (its text column is empty); ask for each part. */
  textParts?: TextParts;
};

/** Where each part of `texts` ends: parts of at most `max` characters (an article longer than that is a part alone). */
export function textPartEnds(texts: readonly string[], max = TEXT_PART_CHARS): number[] {
  const ends: number[] = [];
  let size = 0;
  for (let i = 0; i < texts.length; i++) {
    const n = texts[i]!.length;
    if (size > 0 && size + n > max) {
      ends.push(i);
      size = 0;
    }
    size += n;
  }
  if (texts.length) ends.push(texts.length);
  return ends;
}

/**
 * The page's side of the parts (the content script): the answer to an outline:get with `packed` (its texts kept under
 * a key when they are long), and the parts asked for then. Keeps the last few answers' texts only (a second panel
 * asking meanwhile: the first finds its own still here); a part of one no longer kept is null, and the panel asks
 * for the whole outline at once.
 */
export class TextPartsServer {
  private kept = new Map<string, { texts: string[]; ends: number[] }>();

  /** `state` as it is to be sent: a long outline's texts are taken out of it (it is made for this answer) and kept. */
  answer(state: PackedPageState): PackedPageState {
    const articles = state.outline.articles;
    const ends = textPartEnds(articles.text);
    if (ends.length > 1) {
      // (random: a reloaded page's answers must not take the keys its last one gave)
      const key = String(Math.random());
      this.kept.set(key, { texts: articles.text, ends });
      if (this.kept.size > 4) this.kept.delete(this.kept.keys().next().value!);
      articles.text = [];
      state.textParts = { key, ends };
    }
    return state;
  }

  /** Part `part` of the answer under `key`, or null when that answer is no longer kept. */
  part(key: string, part: number): string[] | null {
    const k = this.kept.get(key);
    return k && part < k.ends.length ? k.texts.slice(k.ends[part - 1] ?? 0, k.ends[part]) : null;
  }
}

/**
 * Asks `tabId`'s page for its state, its articles sent as columns; undefined when no reader answers. With `notes`,
 * also the first notes of its draft and their count (PageState.notes) once the page has them.
 */
export async function askPageState(tabId: number, notes?: number): Promise<PageState | undefined> {
  const s = await sendToTab<PackedPageState | PageState>(tabId, notes ? { type: 'outline:get', packed: true, notes } : { type: 'outline:get', packed: true });
  if (!holdsOutline(s)) return undefined;
  if (!('textParts' in s) || !s.textParts) return { ...s, outline: unpackOutline(s.outline) };
  const { textParts, ...state } = s;
  const texts = await askTexts(tabId, textParts);
  if (texts) {
    const articles = { ...state.outline.articles, text: texts };
    return { ...state, outline: unpackOutline({ ...state.outline, articles }) };
  }
  // the page no longer keeps that answer (other asks came between): the whole outline in one answer, its articles as
  // objects (a rare case, and a larger message)
  const whole = await sendToTab<PageState>(tabId, notes ? { type: 'outline:get', notes } : { type: 'outline:get' });
  return holdsOutline(whole) ? whole : undefined;
}

/** True for a page's answer that holds an outline with articles; none, or a strange one, is not. */
function holdsOutline<T extends { outline: object }>(s: T | undefined): s is T {
  if (!s || typeof s !== 'object' || !s.outline || typeof s.outline !== 'object') return false;
  return !!(s.outline as { articles?: unknown }).articles;
}

/**
 * The article texts an answer left out, from its parts, asked for all at once (the page answers each in a task of its
 * own); null when a part does not come or does not fit.
 */
async function askTexts(tabId: number, parts: TextParts): Promise<string[] | null> {
  const { key, ends } = parts;
  if (typeof key !== 'string' || !Array.isArray(ends) || !ends.length || ends.length > 100_000) return null;
  const ask = (part: number) => sendToTab<string[] | null>(tabId, { type: 'outline:texts', key, part });
  const got = await Promise.all(ends.map((_, part) => ask(part)));
  const texts: string[] = [];
  for (let k = 0; k < ends.length; k++) {
    const t = got[k];
    const size = ends[k]! - (k ? ends[k - 1]! : 0);
    if (!Array.isArray(t) || t.length !== size || !t.every((x) => typeof x === 'string')) return null;
    for (const x of t) texts.push(x);
  }
  return texts;
}

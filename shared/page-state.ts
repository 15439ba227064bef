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

/** The page's state as the content script sends it when asked with `packed: true`. */
export type PackedPageState = Omit<PageState, 'outline'> & { outline: PackedOutline };

/**
 * Asks `tabId`'s page for its state, its articles sent as columns; undefined when no reader answers. With `notes`,
 * also the first notes of its draft and their count (PageState.notes) once the page has them.
 */
export async function askPageState(tabId: number, notes?: number): Promise<PageState | undefined> {
  const s = await sendToTab<PackedPageState | PageState>(tabId, notes ? { type: 'outline:get', packed: true, notes } : { type: 'outline:get', packed: true });
  if (!s || typeof s !== 'object' || !s.outline || typeof s.outline !== 'object' || !s.outline.articles) return undefined;
  return { ...s, outline: unpackOutline(s.outline) };
}

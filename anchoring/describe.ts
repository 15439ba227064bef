/**
 * What a note records when it is made: the article's number and opening text, and a passage's quote
 * with its context, so that it can be found again in a later draft.
 */
import type { AnchorArticle, ArticleRef, PassageRef } from './types';

/** How much of an article's text a note keeps to recognise the article again. */
export const EXCERPT_CHARS = 120;
/** How much context a passage keeps on each side of its quote. */
export const CONTEXT_CHARS = 32;

/**
 * Returns the reference a note keeps to its article: number, sub, label and the first
 * EXCERPT_CHARS (120) characters of its text (the whole text when shorter). Never throws for an
 * article-like object.
 */
export function describeArticle(article: AnchorArticle): ArticleRef {
  return {
    number: article.number,
    sub: article.sub,
    label: article.label,
    excerpt: article.text.slice(0, EXCERPT_CHARS),
  };
}

/**
 * Returns the passage reference for `articleText.slice(start, end)`: the quote, up to
 * CONTEXT_CHARS (32) characters of prefix and suffix, and the offsets. Throws a RangeError when the
 * offsets are not integers with 0 ≤ start < end ≤ articleText.length (an empty passage is no passage).
 */
export function describePassage(articleText: string, start: number, end: number): PassageRef {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > articleText.length || start >= end) {
    throw new RangeError(`bad passage offsets ${start}..${end} for a text of ${articleText.length} characters`);
  }
  return {
    exact: articleText.slice(start, end),
    prefix: articleText.slice(Math.max(0, start - CONTEXT_CHARS), start),
    suffix: articleText.slice(end, end + CONTEXT_CHARS),
    start,
    end,
  };
}

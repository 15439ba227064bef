/**
 * What a note stores about where it sits (ArticleRef, PassageRef) and what re-anchoring returns.
 * Offsets are UTF-16 code-unit offsets into an article's cleaned `text` (regulation/outline.ts).
 */
import type { Article } from '../regulation/types';

/** The article a note is attached to, as it was when the note was made. */
export interface ArticleRef {
  number: number;
  /** 0 for a plain article; M for 第N条之M. */
  sub: number;
  /** 第十条, kept for display when the note cannot be placed. */
  label: string;
  /** The first ≤ 120 characters of the article's text when the note was made (the whole text when shorter). */
  excerpt: string;
}

/** A passage inside an article: the quote and its context (W3C TextQuote + TextPosition in one). */
export interface PassageRef {
  exact: string;
  /** Up to 32 characters of the article text before the quote (empty when the quote starts the text). */
  prefix: string;
  /** Up to 32 characters of the article text after the quote (empty when the quote ends the text). */
  suffix: string;
  /** Offsets of the quote in the article's text when the note was made. */
  start: number;
  end: number;
}

export interface AnchorInput {
  article: ArticleRef;
  passage: PassageRef | null;
}

/**
 * 'exact': same number+sub, same text, and (for a passage) the quote found where it was or unambiguously.
 * 'moved': found at another article (a renumbered draft) with the same text / the exact quote.
 * 'changed': found, but the text differs (fuzzy match of the excerpt or of the quote).
 * 'unplaced': nothing good enough; the note must not be attached to any text.
 */
export type AnchorStatus = 'exact' | 'moved' | 'changed' | 'unplaced';

export interface AnchorResult {
  status: AnchorStatus;
  /** Index in the articles array, -1 when unplaced. */
  articleIndex: number;
  /** Offsets in that article's text; null for article notes and when unplaced. */
  passage: { start: number; end: number } | null;
  /** 0..1: the quote match score for passage notes, the excerpt similarity for article notes, 0 when unplaced. */
  score: number;
}

/** What re-anchoring reads of an article. */
export type AnchorArticle = Pick<Article, 'number' | 'sub' | 'label' | 'text'>;

/** A quote found in a text by matchQuote. */
export interface QuoteMatch {
  start: number;
  end: number;
  /** 0..1: 0.75 × quote similarity + 0.25 × context agreement (1 for the exact quote in its old context). */
  score: number;
  /** True when text.slice(start, end) is exactly the quote. */
  exact: boolean;
  /** True when no other occurrence / candidate of the quote was found in the text. */
  unique: boolean;
  /** 0..1: how well the text around the match agrees with the stored prefix/suffix. */
  context: number;
}

/**
 * The content script places most notes itself (anchoring/quick.ts: the article at its number with the same
 * opening text, the quote where it was); for the others it asks the background, which runs the full search
 * (anchoring/reanchor.ts) so that the search, its index and its similarity measures stay out of the page.
 * background/anchor-api.ts answers; entrypoints/content/notes.ts asks.
 */
import type { AnchorArticle, AnchorInput, AnchorResult } from '../anchoring/types';

export const ANCHOR_PLACE = 'anchor:place';

/** content script -> background: the page's articles (what re-anchoring reads of them) and the notes to place. */
export interface AnchorPlace {
  type: typeof ANCHOR_PLACE;
  articles: AnchorArticle[];
  inputs: AnchorInput[];
}

/** The background's answer: one result per input, in order. */
export type AnchorPlaced = { ok: true; value: AnchorResult[] } | { ok: false; error: { code: string; message: string } };

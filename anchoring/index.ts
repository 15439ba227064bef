/** Public API of note anchoring: describing where a note sits, and finding it again in a later draft or page. */
export type {
  AnchorArticle,
  AnchorInput,
  AnchorResult,
  AnchorStatus,
  ArticleRef,
  PassageRef,
  QuoteMatch,
} from './types';
export { CONTEXT_CHARS, EXCERPT_CHARS, describeArticle, describePassage } from './describe';
export { bigramDice, editDistance, foldText, profileSimilarity, similarity, textProfile, type TextProfile } from './similarity';
export {
  AMBIGUITY_MARGIN,
  EXACT_ONLY_MAX,
  FUZZY_MIN_SCORE,
  ONE_EDIT_MAX,
  QUOTE_MIN_SIMILARITY,
  SHORT_CONTEXT_MIN,
  contextScore,
  matchQuote,
  type MatchQuoteOptions,
} from './match-quote';
export {
  DISTINCTIVE_QUOTE_MIN,
  FAR_MOVED_MIN,
  GLOBAL_CONTEXT_MIN,
  GLOBAL_QUOTE_MIN,
  LONE_CONTEXT_MIN,
  MOVED_MIN,
  NEAR_ACCEPT,
  NEAR_SPAN,
  NEIGHBOUR_CONTEXT_MIN,
  NEIGHBOUR_SPAN,
  SAME_NUMBER_BONUS,
  SAME_NUMBER_MIN,
  SHIFT_SPAN,
  SHORT_MOVED_CONTEXT_MIN,
  SHORT_QUOTE_CONTEXT_MIN,
  anchorAll,
  anchorNote,
  createAnchorer,
} from './reanchor';
export { passageToRanges, rangeToPassage } from './dom-range';
export { quickAnchors } from './quick';

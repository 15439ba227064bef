/** Public API of the DOM-free regulation parser. */
export type {
  Article,
  Item,
  Channels,
  Chapter,
  HeadingKind,
  Notice,
  Outline,
  OutlineWarning,
  PageHints,
  Paragraph,
  WarningCode,
} from './types';
export { parseNumeral, toChineseNumeral } from './numerals';
export { parseDate } from './dates';
export { deadlineStatus } from './notice';
export { parseOutline } from './outline';
export { withItemUnits } from './items';
export { paragraphsFromText, toOutlineJson, type OutlineJson } from './json';

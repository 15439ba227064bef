/** Versions of a regulation: status-free titles, article alignment, Chinese-friendly diffs, fates of notes. */
export { baseTitle, sameRegulation, titleStatus } from './title';
export {
  alignVersions,
  mostlyAlike,
  CHANGE_KINDS,
  MATCH_MIN,
  MOVED_MIN,
  CONTAIN_MIN,
  MOSTLY_ALIKE,
  type AlignedRow,
  type Alignment,
  type ChangeKind,
  type VersionArticle,
} from './align';
export { diffArticle, sidesOf, type DiffOp, type DiffPart } from './diff';
export { noteFate, noteFates, fateSummary, proposedWording, wordingIn, findArticle, FATES, type Fate, type FateNote, type FateReason, type NoteFate } from './fates';
export { buildFollowUpLetter, carryNote, effectiveFate, REPEATED } from './followup';

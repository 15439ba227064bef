/** Public API of the comment letter: the letter as data, and one renderer per format. */
import type { Letter } from './model';
import type { RenderOptions } from './text';
export {
  PROFILE_FIELD_MAX_CHARS,
  buildLetter,
  emptyProfile,
  explainEmpty,
  readProfile,
  type EmptyReason,
  type Letter,
  type LetterArticle,
  type LetterArticleSource,
  type LetterField,
  type LetterForm,
  type LetterInclude,
  type LetterInput,
  type LetterItem,
  type LetterOptions,
  type LetterSection,
  type OriginalKind,
  type Profile,
} from './model';
export { WORDING } from './wording';
export { renderText, type RenderOptions } from './text';
export { renderMarkdown } from './markdown';
export { escapeHtml, renderHtml } from './html';
export { renderPrint } from './print';
export { renderEml, type EmlAttachment, type EmlOptions } from './eml';
export { MAILTO_MAX, mailtoUrl } from './mailto';

/** The .docx file's MIME type. */
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The letter as .docx bytes. The .docx writer (the docx library, most of the side panel's code by size) is loaded
 * on the first use, not with the side panel: its notes list shows before any of it is read.
 */
export async function renderDocx(letter: Letter, options: RenderOptions = {}): Promise<Uint8Array> {
  return (await import('./docx')).renderDocx(letter, options);
}
export { FILE_NAME_MAX_BYTES, letterFileName, safeFileStem } from './filename';
export { mailtoHeadUrl } from './mailto';
export { SITE_FORM_LIMITS, SITE_FORM_MIN_LIMIT, formLength, partMarker, siteFormNotes, siteFormParts, splitForForm, type SiteFormNote } from './siteform';

/**
 * Size limits of what the store accepts. Anything over a limit is refused (StorageError 'too-large' or
 * 'invalid'), never truncated: a reviewer's text is either kept whole or not written. The one exception is
 * what a page says about itself (title, notice fields): a field longer than NOTICE_FIELD_MAX_CHARS is cut.
 */

/** suggestion + reason + comment of one note (or the text of a general comment), in UTF-16 code units. */
export const NOTE_TEXT_MAX_CHARS = 1_000_000;
/** Tags on one note, after trimming and removing duplicates. */
export const TAGS_MAX_PER_NOTE = 50;
/** Entries of a note's tag list before duplicates are removed; a longer list is refused unread. */
export const TAGS_MAX_RAW = 1_000;
/**
 * The highest revision a stored or imported record may carry (2^31). Revisions count one tab's writes; a
 * larger one comes from a crafted file, and is refused rather than allowed to make a note uneditable.
 */
export const REVISION_MAX = 2 ** 31;
/** Length of one tag name after trimming; the minimum is 1. */
export const TAG_MAX_CHARS = 40;
/** ArticleRef.excerpt: the start of the article's text kept for re-anchoring. */
export const EXCERPT_MAX_CHARS = 120;
/** ArticleRef.label (第一百二十条之一 and the like). */
export const LABEL_MAX_CHARS = 64;
/** PassageRef.exact: a selection inside one article. */
export const PASSAGE_MAX_CHARS = 20_000;
/** PassageRef.prefix and .suffix. */
export const PASSAGE_CONTEXT_MAX_CHARS = 256;
/** A page URL, before and after normalisation. */
export const URL_MAX_CHARS = 8_192;
/** URLs remembered for one document. */
export const URLS_MAX_PER_DOCUMENT = 100;
/** Draft title and each notice field (issuer, address …); a longer field read from a page is cut with …. */
export const NOTICE_FIELD_MAX_CHARS = 2_000;
/** Record ids (UUIDs in practice). */
export const ID_MAX_CHARS = 128;
/** A backup file, in UTF-8 bytes (20 MiB); larger input is refused before it is parsed. */
export const BACKUP_MAX_BYTES = 20 * 1024 * 1024;
/** A draft file kept in the database, in bytes (storage/files.ts FILE_MAX_BYTES). */
export const FILE_MAX_BYTES = 50 * 1024 * 1024;
/** Articles of one stored version, the text of one, and its title (storage/versions.ts checks the same). */
export const VERSION_ARTICLES_MAX = 5_000;
export const VERSION_ARTICLE_MAX_CHARS = 100_000;
export const VERSION_ARTICLE_TITLE_MAX_CHARS = 256;

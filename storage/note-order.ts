import type { NoteRecord } from './schema';

/** The order of a draft's notes as the background lists them: by article (number, then sub-number), oldest first. */
export const byArticle = (a: NoteRecord, b: NoteRecord): number =>
  a.article.number - b.article.number || a.article.sub - b.article.sub || a.createdAt - b.createdAt;

/** The first `n` of `notes` in that order (a copy; `notes` is left as it is). */
export const firstByArticle = (notes: readonly NoteRecord[], n: number): NoteRecord[] => [...notes].sort(byArticle).slice(0, n);

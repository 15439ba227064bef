/**
 * A text surface: what the reader reads. A web page is the default (its body, its <title>/<meta> hints, its
 * address); the extension's file reader page (entrypoints/reader) shows a PDF's text layer or a rendered .docx
 * and sets a surface before the content script starts, so that the same reader, anchoring, notes and in-page UI
 * run over the file without knowing which kind of document it is.
 */
import type { PageHints } from '../regulation/types';
import type { Block } from './blocks';

export interface TextSurface {
  /** The document's address for its notes (a file's is urn:sha256:…, the same wherever the bytes came from). */
  url: string;
  /** The element holding the text. */
  root: Element;
  hints: PageHints;
  /** Reads the blocks under `root` (the default for a page is readBlocks). */
  read(root: Element, skip: Element | null): Block[];
}

const KEY = '__regdraftSurface';

/** Sets the surface the content script reads when it starts in this document (the reader page calls it). */
export function setTextSurface(surface: TextSurface): void {
  (globalThis as Record<string, unknown>)[KEY] = surface;
}

/** The surface set for this document, or null on a web page. */
export function textSurface(): TextSurface | null {
  return ((globalThis as Record<string, unknown>)[KEY] as TextSurface | undefined) ?? null;
}

import { useEffect } from 'preact/hooks';
import type { Outline } from '../../regulation/types';
import { versionsRequest } from '../../shared/version-messages';

/** How long the panel waits after the page's outline changes before it stores the version's text again (ms). */
const SAVE_DELAY_MS = 800;

/**
 * Keeps the stored text of the page's version up to date, so that a later version can be compared with it. Call it
 * from the side panel whenever it shows a page with a document: the text is stored only for documents the reviewer
 * already opened (a note or comment made one), never for pages merely visited.
 */
export function useVersionText(outline: Outline | null, documentId: string | null): void {
  useEffect(() => {
    if (outline === null || documentId === null || outline.articles.length === 0) return;
    const timer = setTimeout(() => {
      const articles = outline.articles.map((a) => ({ number: a.number, sub: a.sub, label: a.label, title: a.title, text: a.text }));
      versionsRequest({ type: 'versions:save-text', documentId, title: outline.title, articles }).catch((e: unknown) =>
        console.warn('regdraft: could not store the version text', e),
      );
    }, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [outline, documentId]);
}

/** The page's article whose old text the reviewer asked for (a marker on the page); `key` tells two asks apart. */
export interface VersionAt {
  index: number;
  key: number;
}


import { Dexie, liveQuery } from 'dexie';
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { fromThisExtension, isMessage } from '../../shared/messages';
import { openReviewDB, type NoteRecord, type ReviewDB } from '../../storage';

let db: ReviewDB | null = null;
/** The review database, read-only by convention here: every write goes to the background. */
export function reviewDB(): ReviewDB {
  return (db ??= openReviewDB());
}

/** How long after a notes:changed message a query that has not re-run is run again (ms). */
export const FALLBACK_DELAY_MS = 150;

export type Live<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; error: unknown };

/**
 * Runs `query` against the review database and again whenever what it read changes, in this page or in
 * another context of the extension (Dexie's liveQuery: the background's writes reach this page over a
 * BroadcastChannel, no polling). As a safety net, a notes:changed message from the background for
 * `documentId` (or '*'; any document when `documentId` is undefined) that is not followed by a fresh result
 * within FALLBACK_DELAY_MS runs the query again. `deps` name what the query reads besides the database.
 */
export function useLive<T>(query: (db: ReviewDB) => Promise<T>, deps: unknown[], documentId?: string | null): Live<T> {
  const [live, setLive] = useState<Live<T>>({ state: 'loading' });
  const [rerun, setRerun] = useState(0);
  const lastResult = useRef(0);

  useEffect(() => {
    const sub = liveQuery(() => query(reviewDB())).subscribe({
      next: (value) => {
        lastResult.current = performance.now();
        setLive({ state: 'ready', value });
      },
      error: (error: unknown) => setLive({ state: 'error', error }),
    });
    return () => sub.unsubscribe();
  }, [...deps, rerun]);

  useEffect(() => {
    if (documentId === null) return;
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const onMessage = (message: unknown, sender: { id?: string }) => {
      if (!fromThisExtension(sender as never) || !isMessage(message) || message.type !== 'notes:changed') return false;
      if (documentId !== undefined && message.documentId !== '*' && message.documentId !== documentId) return false;
      const at = performance.now();
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (lastResult.current < at) setRerun((n) => n + 1);
      }, FALLBACK_DELAY_MS);
      timers.add(timer);
      return false;
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => {
      browser.runtime.onMessage.removeListener(onMessage);
      for (const timer of timers) clearTimeout(timer);
    };
  }, [documentId]);

  return live;
}

/** How many notes the first look reads: a few screens of cards. */
export const FIRST_LOOK_NOTES = 40;

/** The first notes of a draft and how many it has, read before the whole list (see firstLook). */
export interface FirstLook {
  /** Up to FIRST_LOOK_NOTES notes in article-number order (the page's order unless the draft was renumbered). */
  notes: NoteRecord[];
  /** The draft's notes, those in the bin left out. */
  count: number;
}

/**
 * The first screens of a draft's notes and their count, in three short queries: reading every note of a long review
 * takes a while (3,000 notes: 85 to 160 ms of IndexedDB alone on the test machine, about 200 ms through Dexie, before
 * any is drawn), the first cards and the count take a few milliseconds. Never throws: null when the database cannot
 * be read (the whole list says why).
 */
export async function firstLook(db: ReviewDB, documentId: string): Promise<FirstLook | null> {
  try {
    const [first, all, binned] = await Promise.all([
      db.notes.where('[documentId+article.number]').between([documentId, Dexie.minKey], [documentId, Dexie.maxKey]).limit(FIRST_LOOK_NOTES).toArray(),
      db.notes.where('documentId').equals(documentId).count(),
      // the bin over all drafts is short; counted here for this draft
      db.notes.where('deleted').between(Dexie.minKey, Dexie.maxKey).filter((n) => n.documentId === documentId).count(),
    ]);
    return { notes: first.filter((n) => n.deleted === undefined), count: all - binned };
  } catch {
    return null;
  }
}

/** firstLook for the notes view while `documentId`'s whole list is still being read (null: not wanted). */
export function useFirstLook(documentId: string | null): FirstLook | null {
  const [look, setLook] = useState<{ id: string; look: FirstLook } | null>(null);
  useEffect(() => {
    if (!documentId) return;
    let wanted = true;
    void firstLook(reviewDB(), documentId).then((l) => wanted && l && setLook({ id: documentId, look: l }));
    return () => void (wanted = false);
  }, [documentId]);
  return documentId && look?.id === documentId ? look.look : null;
}

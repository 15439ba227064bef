import { liveQuery } from 'dexie';
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { fromThisExtension, isMessage } from '../../shared/messages';
import { openReviewDB, type ReviewDB } from '../../storage';

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

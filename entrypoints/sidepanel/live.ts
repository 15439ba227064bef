import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { fromThisExtension, isMessage } from '../../shared/messages';
import { earlyPainted, readLook, takeLook } from './early';
import { firstLook, type FirstLook } from './first-look';
import type { ReviewDB } from '../../storage';

/*
 * Dexie (with the storage code around it, about 105 KB of script) is loaded once the panel has drawn its first answer:
 * loaded up front, it took 35 to 45 ms of the panel's start on the test machine, before anything was shown. The live
 * queries wait for it; the notes view's first look reads IndexedDB raw meanwhile (first-look.ts).
 */
let dexie: Promise<typeof import('./live-db')> | null = null;
// after the early answer is painted: Dexie's compile and evaluation (tens of ms) would otherwise fall in that frame
const loadDexie = () => (dexie ??= earlyPainted().then(() => import('./live-db')));

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
    let sub: { unsubscribe(): void } | null = null;
    let gone = false;
    loadDexie().then(
      ({ liveQuery, reviewDB }) => {
        if (gone) return;
        sub = liveQuery(() => query(reviewDB())).subscribe({
          next: (value) => {
            lastResult.current = performance.now();
            setLive({ state: 'ready', value });
          },
          error: (error: unknown) => setLive({ state: 'error', error }),
        });
      },
      // the extension was updated under the open panel: its script is gone
      (error: unknown) => !gone && setLive({ state: 'error', error }),
    );
    return () => {
      gone = true;
      sub?.unsubscribe();
    };
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

/**
 * firstLook for the notes view while `documentId`'s whole list is still being read (null: not wanted). A look read
 * early (early.ts) is there in the view's first render.
 */
export function useFirstLook(documentId: string | null): FirstLook | null {
  const [look, setLook] = useState<{ id: string; look: FirstLook } | null>(() => {
    const value = documentId ? readLook(documentId) : null;
    return documentId && value ? { id: documentId, look: value } : null;
  });
  useEffect(() => {
    if (!documentId) return;
    const early = takeLook(documentId);
    if (look?.id === documentId) return;
    let wanted = true;
    void (early ?? firstLook(documentId)).then((l) => wanted && l && setLook({ id: documentId, look: l }));
    return () => void (wanted = false);
  }, [documentId]);
  return documentId && look?.id === documentId ? look.look : null;
}

import { liveQuery } from 'dexie';
import { openReviewDB, type ReviewDB } from '../../storage';

/*
 * Dexie and the review database's classes: loaded by the panel once it has drawn its first answer (see live.ts),
 * statically by the views that load later anyway (the backup).
 */

let db: ReviewDB | null = null;
/** The review database, read-only by convention here: every write goes to the background. */
export function reviewDB(): ReviewDB {
  return (db ??= openReviewDB());
}

export { liveQuery };

/**
 * What the letter is made of besides the page: the draft's notes and general comments, read live from the
 * review database (extension pages read it directly; only the background writes), and the reviewer's profile.
 */
import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';
import { emptyProfile, type Profile } from '../letter';
import { normaliseUrl, openReviewDB, type CommentRecord, type DocumentRecord, type NoteRecord, type ReviewDB } from '../storage';
import { loadProfile, watchProfile } from './profile-store';
import { errorWords } from '../shared/error-words';

let db: ReviewDB | null = null;
function reviewDB(): ReviewDB {
  return (db ??= openReviewDB());
}

export interface LetterSources {
  /** The draft's id in the database, or null when it has none yet (no note was made on it). */
  documentId: string | null;
  /** Its notes outside the bin. */
  notes: NoteRecord[];
  comments: CommentRecord[];
  /** The draft's record (its stored notice fields and the reviewer's corrections), or null. */
  document?: DocumentRecord | null;
}

export type Loaded<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; error: unknown };

/** The draft's notes and comments by id. */
export async function readSources(database: ReviewDB, documentId: string | null, url: string): Promise<LetterSources> {
  let id = documentId;
  if (id === null && url !== '') {
    const docs: DocumentRecord[] = await database.documents.where('urls').equals(normaliseUrl(url)).toArray();
    docs.sort((a, b) => b.updatedAt - a.updatedAt);
    id = docs[0]?.id ?? null;
  }
  if (id === null) return { documentId: null, notes: [], comments: [] };
  const [notes, comments, document] = await Promise.all([
    database.notes.where('documentId').equals(id).filter((n) => n.deleted === undefined).toArray(),
    database.comments.where('documentId').equals(id).toArray(),
    database.documents.get(id),
  ]);
  return { documentId: id, notes, comments, document: document ?? null };
}

/**
 * The notes and general comments of the draft `documentId` (or, while that is null, of the draft read from
 * `url`), kept up to date with Dexie's liveQuery: a note saved in the page or another panel shows at once.
 */
export function useLetterSources(documentId: string | null, url: string): Loaded<LetterSources> {
  const [state, setState] = useState<Loaded<LetterSources>>({ state: 'loading' });
  useEffect(() => {
    const sub = liveQuery(() => readSources(reviewDB(), documentId, url)).subscribe({
      next: (value) => setState({ state: 'ready', value }),
      error: (error: unknown) => setState({ state: 'error', error }),
    });
    return () => sub.unsubscribe();
  }, [documentId, url]);
  return state;
}

/**
 * The reviewer's stored profile, following every change made on the options page. While it loads, and when the
 * stored value is unreadable (then `error` says why), the profile is empty.
 */
export function useProfile(): { profile: Profile; loaded: boolean; error: string | null } {
  const [state, setState] = useState<{ profile: Profile; loaded: boolean; error: string | null }>({
    profile: emptyProfile,
    loaded: false,
    error: null,
  });
  useEffect(() => {
    let live = true;
    loadProfile().then(
      (profile) => live && setState({ profile, loaded: true, error: null }),
      (e: unknown) => live && setState({ profile: emptyProfile, loaded: true, error: errorWords(e, true) }),
    );
    const stop = watchProfile((p) =>
      setState(p instanceof TypeError ? { profile: emptyProfile, loaded: true, error: errorWords(p, true) } : { profile: p, loaded: true, error: null }),
    );
    return () => {
      live = false;
      stop();
    };
  }, []);
  return state;
}

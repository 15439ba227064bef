/** Why a storage call failed; the UI picks its message from the code, the English message is for logs. */
export type StorageErrorCode = 'invalid' | 'too-large' | 'quota' | 'closed' | 'not-found';

/**
 * The one error type the storage API throws on purpose. `code` says what went wrong; `path` names the
 * offending field of the input when there is one (`tags[3]`, `article.number`). Constructing it never throws.
 */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

const hasName = (e: unknown, name: string): boolean =>
  !!e && typeof e === 'object' && (e as { name?: unknown }).name === name;

/** Dexie errors carry the IndexedDB error they wrap in `inner` (an AbortError caused by a full disk, say). */
const causes = (e: unknown): unknown[] => {
  const out: unknown[] = [];
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    out.push(cur);
    cur = typeof cur === 'object' ? (cur as { inner?: unknown }).inner : undefined;
  }
  return out;
};

/**
 * Maps an error thrown by Dexie or IndexedDB to a StorageError: a full quota becomes 'quota', a closed or
 * unopenable database 'closed'. Returns a StorageError unchanged, and returns any other error as it is
 * (a bug is not a storage condition). Never throws.
 */
export function toStorageError(e: unknown): unknown {
  if (e instanceof StorageError) return e;
  const chain = causes(e);
  if (chain.some((c) => hasName(c, 'QuotaExceededError'))) {
    return new StorageError('quota', 'The browser refused to store more data (storage quota exceeded).');
  }
  if (chain.some((c) => hasName(c, 'DatabaseClosedError'))) {
    return new StorageError('closed', 'The review database is closed.');
  }
  return e;
}

/**
 * Runs `fn` and rethrows what it throws through toStorageError. Returns what `fn` resolves to; throws a
 * StorageError for storage conditions and any other error unchanged.
 */
export async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toStorageError(e);
  }
}

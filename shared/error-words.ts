import { t, type MessageKey } from './i18n';

/**
 * Any failure in the reviewer's words: what happened and what to do, never an internal code or an exception's
 * text. Small on purpose (the content script's banner uses it).
 */

const WORDS: Record<string, MessageKey> = {
  quota: 'errQuota',
  closed: 'errClosed',
  unreachable: 'errUnreachable',
  'too-large': 'errTooLarge',
  invalid: 'errInvalid',
  'not-found': 'storageErrNotFound',
  profile: 'storageErrProfile',
};

/**
 * Returns the code of a failure: a StorageError's or RequestError's `code`, 'quota' for a QuotaExceededError,
 * 'closed' for a closed database, 'profile' for an unreadable profile (a TypeError from the profile store when
 * `profile` is set), 'internal' for anything else. Accepts a code string as it is. Never throws.
 */
export function errorCode(e: unknown, profile = false): string {
  if (typeof e === 'string') return e;
  const o = (e ?? {}) as { code?: unknown; name?: unknown };
  if (typeof o.code === 'string' && Object.hasOwn(WORDS, o.code)) return o.code;
  if (o.name === 'QuotaExceededError') return 'quota';
  if (o.name === 'DatabaseClosedError' || o.name === 'InvalidStateError') return 'closed';
  if (profile && e instanceof TypeError) return 'profile';
  return typeof o.code === 'string' ? o.code : 'internal';
}

/** The words for a failure (an error or a code, see errorCode); unknown codes read as an internal error. Never throws. */
export function errorWords(e: unknown, profile = false): string {
  const code = errorCode(e, profile);
  return t(Object.hasOwn(WORDS, code) ? WORDS[code]! : 'errInternal');
}

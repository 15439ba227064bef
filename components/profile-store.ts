/**
 * The reviewer's profile (who signs the letter), kept in the extension's storage under one key: read back
 * through the letter's readProfile, so a damaged or hand-edited value is refused, never half-used.
 */
import { browser } from 'wxt/browser';
import { PROFILE_FIELD_MAX_CHARS, readProfile, type Profile } from '../letter';

/** The browser.storage.local key holding the profile. */
export const PROFILE_KEY = 'profile';

/** The profile's fields, in the order the form shows them. */
export const PROFILE_FIELDS = ['name', 'organisation', 'phone', 'email', 'address'] as const satisfies ReadonlyArray<keyof Profile>;

/**
 * Reads the stored profile: an empty one when nothing is stored. Throws a TypeError (from readProfile) when the
 * stored value is not a valid profile, and rejects when storage cannot be read.
 */
export async function loadProfile(): Promise<Profile> {
  const got = await browser.storage.local.get(PROFILE_KEY);
  return readProfile(got[PROFILE_KEY]);
}

/**
 * Stores `profile` (only its five fields, as readProfile keeps them). Throws a TypeError when a field is not a
 * string or too long; rejects when storage refuses the write.
 */
export async function saveProfile(profile: Profile): Promise<void> {
  await browser.storage.local.set({ [PROFILE_KEY]: readProfile(profile) });
}

/**
 * Calls `listener` with the new profile whenever the stored one changes (in any extension page), or with the
 * TypeError when the new value is invalid. Returns the function that stops listening. Never throws.
 */
export function watchProfile(listener: (profile: Profile | TypeError) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(PROFILE_KEY in changes)) return;
    try {
      listener(readProfile(changes[PROFILE_KEY]!.newValue));
    } catch (e) {
      listener(e instanceof TypeError ? e : new TypeError(String(e)));
    }
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}

/** What is wrong with a field: too long to store, or not shaped like an email address / a phone number. */
export type ProfileProblem = 'too-long' | 'email' | 'phone';

/**
 * An email address a mail client takes as it is: one @, no spaces, a dot in the domain. Internationalised
 * domains are allowed (the letter prints them); the .eml's From header is only written for plain ASCII ones.
 */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;
/** Digits with the usual separators: +86 531-8888 6666, (0531) 88886666, 0531-88886666 转 123, ext. 5. */
const PHONE = /^\+?[\d\s\-()（）]+(?:(?:转|分机|ext\.?|x)\s*\d+)?$/i;

/**
 * The problems of each field of `profile` (only fields with one are present): 'too-long' past
 * PROFILE_FIELD_MAX_CHARS, 'email' for a non-empty email that is not an address, 'phone' for a non-empty phone
 * with letters or other signs in it (several numbers may be separated by ， ; / or 、). Empty fields are fine:
 * the signature leaves them out. Pure; never throws.
 */
export function profileProblems(profile: Profile): Partial<Record<keyof Profile, ProfileProblem>> {
  const out: Partial<Record<keyof Profile, ProfileProblem>> = {};
  for (const key of PROFILE_FIELDS) {
    const value = profile[key].trim();
    if (profile[key].length > PROFILE_FIELD_MAX_CHARS) out[key] = 'too-long';
    else if (key === 'email' && value !== '' && !EMAIL.test(value)) out[key] = 'email';
    else if (key === 'phone' && value !== '' && !value.split(/\s*[，,;；/、]\s*/).every((p) => PHONE.test(p) && /\d{3}/.test(p))) {
      out[key] = 'phone';
    }
  }
  return out;
}

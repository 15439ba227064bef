/** Zero-width, directional and bidirectional formatting characters and the BOM: invisible, never part of a title. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Returns the draft title as stored and compared: all whitespace and every invisible or bidirectional
 * formatting character (U+200B–200F, U+202A–202E, U+2066–2069, U+FEFF) removed (a Chinese title does not
 * depend on them, and pages differ in the spaces they put around 《》 and numbers), or null when nothing is
 * left or the value is not a string. Never throws.
 */
export function normaliseTitle(title: unknown): string | null {
  if (typeof title !== 'string') return null;
  const t = title.replace(/\s+/g, '').replace(INVISIBLE, '');
  return t === '' ? null : t;
}

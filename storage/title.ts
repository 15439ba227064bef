/**
 * Returns the draft title as stored and compared: all whitespace removed (a Chinese title does not depend
 * on it, and pages differ in the spaces they put around 《》 and numbers), or null when nothing is left or the
 * value is not a string. Never throws.
 */
export function normaliseTitle(title: unknown): string | null {
  if (typeof title !== 'string') return null;
  const t = title.replace(/\s+/g, '');
  return t === '' ? null : t;
}

// (its own module: the content script's banner counts the days left without carrying the notice parser)

/**
 * Days left until a deadline (YYYY-MM-DD), counted in whole calendar days from `today`'s local
 * date: 0 means today is the last day (still open), negative means closed. Returns null when
 * `deadline` is null or not a valid date. Never throws.
 */
export function deadlineStatus(
  deadline: string | null,
  today: Date,
): { daysLeft: number; closed: boolean } | null {
  if (typeof deadline !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(deadline);
  if (m === null || !(today instanceof Date) || Number.isNaN(today.getTime())) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const due = Date.UTC(y, mo - 1, d);
  const check = new Date(due);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  const now = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  const daysLeft = Math.round((due - now) / 86_400_000);
  return { daysLeft, closed: daysLeft < 0 };
}

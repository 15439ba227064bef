import { deadlineStatus } from '../regulation/deadline';
import { t } from '../shared/i18n';

export type DeadlineTone = 'open' | 'soon' | 'closed' | 'unknown';

/** The deadline as the reviewer reads it: "还剩 12 天", "今天截止", "已截止", with a tone for styling. */
export function describeDeadline(deadline: string | null, today = new Date()): { text: string; tone: DeadlineTone } {
  const s = deadlineStatus(deadline, today);
  if (!s) return { text: t('deadlineUnknown'), tone: 'unknown' };
  if (s.closed) return { text: t('deadlineClosed'), tone: 'closed' };
  if (s.daysLeft === 0) return { text: t('deadlineToday'), tone: 'soon' };
  if (s.daysLeft === 1) return { text: t('deadlineOneDayLeft'), tone: 'soon' };
  return { text: t('deadlineDaysLeft', s.daysLeft), tone: s.daysLeft <= 3 ? 'soon' : 'open' };
}

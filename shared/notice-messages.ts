/**
 * The content script asks the background to read its page's notice (title, issuer, dates, channels): the notice
 * parser (regulation/notice.ts) is the largest piece of parsing and needs no page, so it stays out of the content
 * script. background/notice-api.ts answers; page/notice.ts asks.
 */
import type { NoticeSource } from '../regulation/notice';

export const NOTICE_READ = 'notice:read';

/** content script -> background: the notice's text (the paragraphs before the draft, others outside it, hints). */
export interface NoticeRead {
  type: typeof NOTICE_READ;
  source: NoticeSource;
}

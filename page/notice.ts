import { applyNoticeFields, type NoticeFields, type NoticeReader } from '../regulation/notice-fields';
import type { NoticeSource } from '../regulation/notice';
import { ask } from '../shared/messages';
import { NOTICE_READ, type NoticeRead } from '../shared/notice-messages';

/**
 * The notice read by the background (the content script's way): each parse hands the notice's text over; the
 * answer for the last text is kept, so a re-parse of the same notice fills its fields at once and asks nothing.
 * Only the notice's paragraphs (before the draft, and at most 400 outside it) travel, never the articles.
 */
export function remoteNotice(): NoticeReader {
  let known: { key: string; fields: NoticeFields } | null = null;
  let last: { key: string; src: NoticeSource } | null = null;
  let asking: { key: string; answer: Promise<NoticeFields | null> } | null = null;
  return {
    step(src, out) {
      const key = JSON.stringify(src);
      last = { key, src };
      if (known?.key === key) applyNoticeFields(out, known.fields);
    },
    async settle() {
      const want = last;
      if (!want || known?.key === want.key) return null;
      if (asking?.key !== want.key) {
        const message: NoticeRead = { type: NOTICE_READ, source: want.src };
        const answer = ask<NoticeFields>(message).catch(() => null);
        asking = { key: want.key, answer };
      }
      const fields = await asking.answer;
      if (!fields) {
        if (asking?.key === want.key) asking = null; // asked again at the next settle()
        return null;
      }
      known = { key: want.key, fields };
      // a newer text was parsed meanwhile: its own settle() fills it
      return last?.key === want.key ? fields : null;
    },
  };
}

import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { readNoticeFields } from '../regulation/notice-fields';
import { fromThisExtension } from '../shared/messages';
import { NOTICE_READ } from '../shared/notice-messages';

/** The most paragraphs and characters one notice:read may carry (a notice is a few dozen paragraphs). */
const MAX_PARAGRAPHS = 200_000;
const MAX_CHARS = 10_000_000;

const text = v.nullish(v.string());
const NoticeReadSchema = v.object({
  type: v.literal(NOTICE_READ),
  source: v.object({
    notice: v.pipe(v.array(v.string()), v.maxLength(MAX_PARAGRAPHS)),
    fallback: v.pipe(v.array(v.string()), v.maxLength(MAX_PARAGRAPHS)),
    hints: v.optional(v.object({ pageTitle: text, articleTitle: text, pubDate: text, source: text })),
    draftFollows: v.optional(v.boolean()),
  }),
});

/** True when `m` is a well-formed notice:read. */
export function isNoticeRead(m: unknown): m is v.InferOutput<typeof NoticeReadSchema> {
  if ((m as { type?: unknown } | null)?.type !== NOTICE_READ || !v.is(NoticeReadSchema, m)) return false;
  let chars = 0;
  for (const p of m.source.notice) chars += p.length;
  for (const p of m.source.fallback) chars += p.length;
  return chars <= MAX_CHARS;
}

/**
 * Answers the content script's notice:read (shared/notice-messages.ts) with the notice's fields, read here so
 * that the notice parser stays out of the page (the outline's articles are read there).
 */
export function listenForNotice(): void {
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (!fromThisExtension(sender) || !isNoticeRead(message)) return false;
    const { notice, fallback, hints, draftFollows } = message.source;
    sendResponse({ ok: true, value: readNoticeFields({ notice, fallback, hints: hints ?? undefined, draftFollows }) });
    return true; // (answered already; true tells every browser, and the test's fake one, to wait for that answer)
  });
}

import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { anchorAll } from '../anchoring/reanchor';
import { ANCHOR_PLACE } from '../shared/anchor-messages';
import { fromThisExtension } from '../shared/messages';

/** The most articles, notes and characters one anchor:place may carry (the civil code has 1,260 articles). */
const MAX_ARTICLES = 200_000;
const MAX_INPUTS = 100_000;
const MAX_CHARS = 20_000_000;

const int = v.pipe(v.number(), v.integer());
const AnchorPlaceSchema = v.object({
  type: v.literal(ANCHOR_PLACE),
  articles: v.pipe(v.array(v.object({ number: int, sub: int, label: v.string(), text: v.string() })), v.maxLength(MAX_ARTICLES)),
  inputs: v.pipe(
    v.array(
      v.object({
        article: v.object({ number: int, sub: int, label: v.string(), excerpt: v.string() }),
        passage: v.nullable(v.object({ exact: v.string(), prefix: v.string(), suffix: v.string(), start: int, end: int })),
      }),
    ),
    v.maxLength(MAX_INPUTS),
  ),
});

/** True when `m` is a well-formed anchor:place (linear in its size). */
export function isAnchorPlace(m: unknown): m is v.InferOutput<typeof AnchorPlaceSchema> {
  if ((m as { type?: unknown } | null)?.type !== ANCHOR_PLACE || !v.is(AnchorPlaceSchema, m)) return false;
  let chars = 0;
  for (const a of m.articles) chars += a.text.length;
  return chars <= MAX_CHARS;
}

/**
 * Answers the content script's anchor:place (shared/anchor-messages.ts): where each note it could not place by
 * itself stands in the page's articles now, by the full search (renumbered, edited, quotes moved).
 */
export function listenForAnchors(): void {
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (!fromThisExtension(sender) || !isAnchorPlace(message)) return false;
    try {
      sendResponse({ ok: true, value: anchorAll(message.inputs, message.articles) });
    } catch (e) {
      sendResponse({ ok: false, error: { code: 'internal', message: String((e as Error)?.message ?? e) } });
    }
    return true; // (answered already; true tells every browser, and the test's fake one, to wait for that answer)
  });
}

import { browser, type Browser } from 'wxt/browser';
import type { Outline } from '../regulation/types';

/**
 * The typed messages between the content script, the background and the extension pages.
 * Every listener validates what it receives with `isMessage` and ignores anything else.
 */

/** What the content script knows of its page. */
export interface PageState {
  url: string;
  outline: Outline;
}

/** content -> background and extension pages: the outline was built or changed. */
export interface OutlineChanged {
  type: 'outline:changed';
  count: number;
}
/** extension page -> content: send your page state. Answer: PageState. */
export interface OutlineGet {
  type: 'outline:get';
}
/** extension page -> content: scroll to an article and flash it. Answer: boolean (found). */
export interface ArticleJump {
  type: 'article:jump';
  index: number;
}
/** extension page -> content: open the note editor of an article. Answer: boolean (found). */
export interface ArticleNote {
  type: 'article:note';
  index: number;
}

export type Message = OutlineChanged | OutlineGet | ArticleJump | ArticleNote;

const isIndex = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** True when `m` is one of the messages above with a well-formed payload. */
export function isMessage(m: unknown): m is Message {
  if (!m || typeof m !== 'object') return false;
  const o = m as Record<string, unknown>;
  switch (o.type) {
    case 'outline:changed':
      return isIndex(o.count);
    case 'outline:get':
      return true;
    case 'article:jump':
    case 'article:note':
      return isIndex(o.index);
    default:
      return false;
  }
}

/** True when the sender is this extension (its pages or its content scripts), not another one. */
export function fromThisExtension(sender: Browser.runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id;
}

/** Sends a message to the content script of a tab; resolves undefined when no content script answers. */
export async function sendToTab<R>(tabId: number, message: Message): Promise<R | undefined> {
  try {
    return (await browser.tabs.sendMessage(tabId, message)) as R;
  } catch {
    return undefined;
  }
}

/** Sends a message to the background and extension pages; resolves undefined when nobody listens. */
export async function broadcast(message: Message): Promise<void> {
  try {
    await browser.runtime.sendMessage(message);
  } catch {
    // no listener open (side panel closed): nothing to tell
  }
}

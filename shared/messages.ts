import { browser, type Browser } from 'wxt/browser';
import type { Notice, Outline } from '../regulation/types';

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

/** content -> background: the reader opened a draft; answer: NotesReply<{document, notes}>. */
export interface DocOpen {
  type: 'doc:open';
  url: string;
  title: string | null;
  notice: Notice;
}
/** content or page -> background: save a note (validated field by field by the storage layer). */
export interface NoteSave {
  type: 'note:save';
  note: Record<string, unknown>;
}
/** content or page -> background: move a note to the bin, or bring it back (undo). */
export interface NoteDelete {
  type: 'note:delete' | 'note:restore';
  id: string;
}
/** background -> every tab and page: the notes of a document changed. */
export interface NotesChanged {
  type: 'notes:changed';
  documentId: string;
}

export type NotesRequest = DocOpen | NoteSave | NoteDelete;

/** The background's answer to a NotesRequest: the value, or an error with a StorageError code. */
export type NotesReply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

export type Message = OutlineChanged | OutlineGet | ArticleJump | ArticleNote | NotesRequest | NotesChanged;

/** Longest URL a message may carry. */
const MAX_URL = 8192;
const isId = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= 128;
const isObject = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v);

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
    case 'doc:open':
      return (
        typeof o.url === 'string' && o.url.length > 0 && o.url.length <= MAX_URL &&
        (o.title === null || typeof o.title === 'string') && isObject(o.notice)
      );
    case 'note:save':
      return isObject(o.note);
    case 'note:delete':
    case 'note:restore':
    case 'notes:changed':
      return isId(o.type === 'notes:changed' ? o.documentId : o.id);
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

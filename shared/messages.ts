import * as v from 'valibot';
import { browser, type Browser } from 'wxt/browser';
import type { Notice, Outline } from '../regulation/types';
import type {
  CommentRecord,
  DocumentRecord,
  ImportResult,
  NoteRecord,
  RefusedRecord,
  SameTitleAsk,
  SaveCommentResult,
  SaveNoteResult,
  TagWithCount,
} from '../storage';

/**
 * The typed messages between the content script, the background and the extension pages.
 * Every listener validates what it receives with `isMessage` (a valibot schema) and ignores anything else.
 */

/** What the content script knows of its page. */
export interface PageState {
  url: string;
  outline: Outline;
  /** The draft's record in the review database, once the background answered doc:open; else null. */
  documentId: string | null;
  /** Asked for with outline:get's `notes`, once the page has its draft's notes: the first of them and their count. */
  notes?: FirstNotes;
}

/** The first notes of a draft in article order and how many it has, those in the bin left out (the panel's first look). */
export interface FirstNotes {
  notes: NoteRecord[];
  count: number;
}
/** The most first notes outline:get may ask for. */
export const MAX_FIRST_NOTES = 200;

/** content -> background and extension pages: the outline was built or changed. */
export interface OutlineChanged {
  type: 'outline:changed';
  count: number;
}
/**
 * extension page -> content: send your page state. Answer: PageState, or with `packed` its articles as columns
 * (shared/page-state.ts, for the side panel).
 */
export interface OutlineGet {
  type: 'outline:get';
  /**
   * Its articles as columns; a long outline's texts are then left out of the answer, which says where their parts end
   * (PackedPageState.textParts), and each part is asked for with outline:texts (shared/page-state.ts).
   */
  packed?: true;
  /** Also the first `notes` of the draft's notes and their count (PageState.notes), as the page holds them. */
  notes?: number;
}
/**
 * extension page -> content: part `part` of the article texts an outline:get answer left out (`key` is its
 * textParts.key). Answer: the part's texts, or null when the page no longer keeps that answer.
 */
export interface OutlineTexts {
  type: 'outline:texts';
  key: string;
  part: number;
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

/** extension page -> content: scroll to a note, flash it, and open it when `edit`. Answer: boolean (placed). */
export interface NoteShow {
  type: 'note:show';
  id: string;
  edit: boolean;
}

/** background -> content: a keyboard command for the page (note the article in view or the selection; step through notes). */
export interface PageCommand {
  type: 'page:command';
  command: 'add-note' | 'next-note' | 'prev-note';
}
/** storage.session key: the view the side panel shows when it next opens (read once, then removed). */
export const PANEL_VIEW_KEY = 'panel:view';

/** background -> side panel: show this view (a keyboard command asked for it). */
export interface PanelView {
  type: 'panel:view';
  view: string;
}

/** content -> background: the reader opened a draft; answer: {document, notes, tags}. */
export interface DocOpen {
  type: 'doc:open';
  url: string;
  title: string | null;
  notice: Notice;
}
/** any -> background: the notes of a document (not in the bin), in article order. */
export interface NotesList {
  type: 'notes:list';
  documentId: string;
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
/** any -> background: every tag with its note count. */
export interface TagsList {
  type: 'tags:list';
}
/** page -> background: rename a tag (a merge when `to` exists). Answer: notes changed. */
export interface TagRename {
  type: 'tag:rename';
  from: string;
  to: string;
}
/** page -> background: fold `sources` into `target`. Answer: notes changed. */
export interface TagMerge {
  type: 'tag:merge';
  sources: string[];
  target: string;
}
/** page -> background: delete a tag and take it off every note. Answer: notes changed. */
export interface TagDelete {
  type: 'tag:delete';
  name: string;
}
/** page -> background: save a general comment (总体意见). */
export interface CommentSave {
  type: 'comment:save';
  comment: Record<string, unknown>;
}
/** page -> background: delete a general comment (the answer carries it, for undo). */
export interface CommentDelete {
  type: 'comment:delete';
  id: string;
}
/** page -> background: import a backup file's text (validated; all or nothing). */
export interface BackupImport {
  type: 'backup:import';
  text: string;
}
/** background -> every tab and page: the notes of a document changed ('*': of any document, e.g. a tag rename). */
export interface NotesChanged {
  type: 'notes:changed';
  documentId: string;
  /** The one note that changed, sent only to tabs showing its document (they need not ask). */
  note?: NoteRecord;
}

export type NotesRequest =
  | DocOpen
  | NotesList
  | NoteSave
  | NoteDelete
  | TagsList
  | TagRename
  | TagMerge
  | TagDelete
  | CommentSave
  | CommentDelete
  | BackupImport;

/** What each notes request answers with (inside NotesReply). */
export interface NotesReplies {
  'doc:open': { document: DocumentRecord; notes: NoteRecord[]; tags: TagWithCount[] } | { ask: SameTitleAsk };
  'notes:list': NoteRecord[];
  'note:save': SaveNoteResult;
  'note:delete': NoteRecord;
  'note:restore': NoteRecord;
  'tags:list': TagWithCount[];
  'tag:rename': number;
  'tag:merge': number;
  'tag:delete': number;
  'comment:save': SaveCommentResult;
  'comment:delete': CommentRecord;
  'backup:import':
    | { ok: true; result: ImportResult }
    | { ok: false; code: string; message: string; path: string | null; record: RefusedRecord | null };
}

/** The background's answer to a NotesRequest: the value, or an error with a StorageError code. */
export type NotesReply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

export type Message =
  | OutlineChanged
  | OutlineGet
  | OutlineTexts
  | ArticleJump
  | ArticleNote
  | NoteShow
  | PageCommand
  | PanelView
  | NotesRequest
  | NotesChanged;

/** Longest URL a message may carry. */
const MAX_URL = 8192;

/*
 * The schemas are built on first use, not when the module loads: a module-level valibot call is not known to be
 * free of side effects, so it would stay in every bundle that imports this file (the content script, which checks
 * its messages with the hand-written isPageMessage below, would carry valibot).
 */
const Id = () => v.pipe(v.string(), v.minLength(1), v.maxLength(128));
const Index = () => v.pipe(v.number(), v.integer(), v.minValue(0));
/** A tag name as a message may carry it (the storage layer checks the real limits). */
const Name = () => v.pipe(v.string(), v.minLength(1), v.maxLength(256));
/** A payload the storage layer reads field by field (storage/schemas.ts): here only its being an object. */
const Payload = () => v.custom<Record<string, unknown>>((x) => !!x && typeof x === 'object' && !Array.isArray(x));

/** The messages a page's content script answers or is told (PageState requests, jumps, commands, changes). */
const pageMessages = () =>
  [
    v.object({
      type: v.literal('outline:get'),
      packed: v.optional(v.literal(true)),
      notes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_FIRST_NOTES))),
    }),
    v.object({ type: v.literal('outline:texts'), key: Id(), part: Index() }),
    v.object({ type: v.picklist(['article:jump', 'article:note']), index: Index() }),
    v.object({ type: v.literal('note:show'), id: Id(), edit: v.boolean() }),
    v.object({ type: v.literal('page:command'), command: v.picklist(['add-note', 'next-note', 'prev-note']) }),
    v.object({ type: v.literal('notes:changed'), documentId: Id(), note: v.optional(v.looseObject({ id: Id() })) }),
  ] as const;

let messageSchema: ReturnType<typeof buildMessageSchema> | null = null;
/**
 * Every message above as a valibot schema (one entry per `type`). Payloads the background stores are
 * checked again, field by field, by the storage layer's schemas; this says only that a message is well formed.
 */
const buildMessageSchema = () =>
  v.variant('type', [
    ...pageMessages(),
    v.object({ type: v.literal('outline:changed'), count: Index() }),
    v.object({
      type: v.literal('doc:open'),
      url: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_URL)),
      title: v.nullable(v.string()),
      notice: Payload(),
    }),
    v.object({ type: v.literal('panel:view'), view: v.pipe(v.string(), v.maxLength(32)) }),
    v.object({ type: v.literal('notes:list'), documentId: Id() }),
    v.object({ type: v.literal('note:save'), note: Payload() }),
    v.object({ type: v.literal('comment:save'), comment: Payload() }),
    v.object({ type: v.picklist(['note:delete', 'note:restore', 'comment:delete']), id: Id() }),
    v.object({ type: v.literal('tags:list') }),
    v.object({ type: v.literal('tag:rename'), from: Name(), to: Name() }),
    v.object({ type: v.literal('tag:merge'), sources: v.pipe(v.array(Name()), v.minLength(1), v.maxLength(1000)), target: Name() }),
    v.object({ type: v.literal('tag:delete'), name: Name() }),
    v.object({ type: v.literal('backup:import'), text: v.string() }),
  ]);

/** True when `m` is one of the messages above with a well-formed payload (a valibot schema). Never throws. */
export function isMessage(m: unknown): m is Message {
  return v.is((messageSchema ??= buildMessageSchema()), m);
}

/**
 * True when `m` is a well-formed message for a page's content script (outline:get, outline:texts, article:jump /
 * article:note, note:show, page:command, notes:changed). The same rules as `pageMessages()` above, written out by
 * hand so the content script does not carry valibot (its size budget, issue 9); a unit test holds the two in
 * agreement. Never throws.
 */
export function isPageMessage(
  m: unknown,
): m is OutlineGet | OutlineTexts | ArticleJump | ArticleNote | NoteShow | PageCommand | NotesChanged {
  if (!isPlainObject(m)) return false;
  switch (m.type) {
    case 'outline:get':
      return (
        (m.packed === undefined || m.packed === true) &&
        (m.notes === undefined || (typeof m.notes === 'number' && Number.isInteger(m.notes) && m.notes >= 1 && m.notes <= MAX_FIRST_NOTES))
      );
    case 'outline:texts':
      return isId(m.key) && Number.isInteger(m.part) && (m.part as number) >= 0;
    case 'article:jump':
    case 'article:note':
      return typeof m.index === 'number' && Number.isInteger(m.index) && m.index >= 0;
    case 'note:show':
      return isId(m.id) && typeof m.edit === 'boolean';
    case 'page:command':
      return m.command === 'add-note' || m.command === 'next-note' || m.command === 'prev-note';
    case 'notes:changed':
      return isId(m.documentId) && (m.note === undefined || (isPlainObject(m.note) && isId(m.note.id)));
    default:
      return false;
  }
}
function isPlainObject(x: unknown): x is Record<string, unknown> {
  return !!x && typeof x === 'object' && !Array.isArray(x);
}
/** A record id as messages carry it: a non-empty string of at most 128 characters. */
export function isId(x: unknown): x is string {
  return typeof x === 'string' && x.length >= 1 && x.length <= 128;
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

/** True when `m` is a request the background answers from the review database. */
export function isNotesRequest(m: Message): m is NotesRequest {
  return NOTES_REQUESTS.has(m.type);
}
const NOTES_REQUESTS: ReadonlySet<string> = new Set<keyof NotesReplies>([
  'doc:open', 'notes:list', 'note:save', 'note:delete', 'note:restore', 'tags:list',
  'tag:rename', 'tag:merge', 'tag:delete', 'comment:save', 'comment:delete', 'backup:import',
]);

/**
 * Sends a notes request to the background and returns its value. Throws a RequestError with the storage
 * error's code ('invalid', 'too-large', 'quota', 'closed', 'not-found', 'internal') when the background
 * refused, or 'unreachable' when no background answered (the extension was reloaded or updated).
 */
export async function request<R extends NotesRequest>(message: R): Promise<NotesReplies[R['type']]> {
  return ask<NotesReplies[R['type']]>(message);
}

/**
 * Sends any request the background answers with a NotesReply (notes, control, versions) and returns its value.
 * Throws RequestError: the refusal's code, or 'unreachable' when no background answered.
 */
export async function ask<T>(message: object): Promise<T> {
  let reply: NotesReply<T> | undefined;
  try {
    reply = (await browser.runtime.sendMessage(message)) as NotesReply<T> | undefined;
  } catch (e) {
    throw new RequestError('unreachable', String((e as Error)?.message ?? e));
  }
  if (!reply) throw new RequestError('unreachable', 'no answer from the background');
  if (!reply.ok) throw new RequestError(reply.error.code, reply.error.message);
  return reply.value;
}

/** A refused or unanswered notes request; `code` is a StorageError code, 'internal' or 'unreachable'. */
export class RequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

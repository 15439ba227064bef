import * as v from 'valibot';
import type { ArticleRef, PassageRef } from '../anchoring/types';
import type { NoteRecord, TagWithCount } from '../storage';

/**
 * The channel between the content script and the note frame (entrypoints/note-frame): a MessagePort the
 * content script hands to the frame it made, after the frame proved nothing (the frame checks the secret the
 * content script put in its URL; see frame-channel.ts). The page never holds either end. Both sides validate
 * every message with `parseToFrame` / `parseFromFrame` and drop anything else.
 */

/** What the frame shows: one note's editor, with what it needs to save on its own. */
export interface FrameEditor {
  id: string;
  /** The draft's document in the review database (null: the notes could not be read; `error` says why). */
  documentId: string | null;
  error: string | null;
  /** The article label as the page has it now (the title reads "第三条 · 笔记"). */
  label: string;
  /** Where a save attaches the note (a stored note keeps its own). */
  article: ArticleRef;
  passage: PassageRef | null;
  /** The note as stored now, or null before its first save; follows other tabs' writes. */
  stored: NoteRecord | null;
  /** The anchor's status in words when the note no longer sits exactly where it was made, else null. */
  status: string | null;
  /** The notes on the same article: id and stance label, in order (for switching between them). */
  siblings: Array<{ id: string; label: string }>;
  tags: TagWithCount[];
}

/** content -> frame. `show`: (re)draw the editor (`focus`: put the focus in its first box). `hide`: write and empty. */
export type ToFrame = { type: 'show'; editor: FrameEditor; focus: boolean } | { type: 'hide' };

/**
 * frame -> content. `size`: the frame's content height (px). `close`: Esc, ×, Done. `open`/`new`: switch note.
 * `delete`: the note's pending text is written; move it to the bin. `saved`: a write stored this record.
 * `draft`: the reviewer changed the note; not yet stored.
 */
export type FromFrame =
  | { type: 'size'; height: number }
  | { type: 'close' }
  | { type: 'open'; id: string }
  | { type: 'new' }
  | { type: 'delete'; id: string }
  | { type: 'saved'; note: NoteRecord }
  | { type: 'draft'; note: DraftNote };

/** A note's newest unsaved text as a note:save would send it (the content script writes it if the tab closes). */
export type DraftNote = Pick<NoteRecord, 'id' | 'documentId' | 'article' | 'passage' | 'stance' | 'suggestion' | 'reason' | 'comment' | 'tags'> & {
  baseRevision?: number;
};

const Id = v.pipe(v.string(), v.maxLength(100));
/** A record is validated in full by the background when it is written; here only its shape's keys matter. */
const Record = v.looseObject({ id: Id, documentId: Id, revision: v.number(), article: v.looseObject({ label: v.string() }) });

const ToFrameSchema = v.variant('type', [
  v.object({
    type: v.literal('show'),
    focus: v.boolean(),
    editor: v.object({
      id: Id,
      documentId: v.nullable(Id),
      error: v.nullable(v.string()),
      label: v.string(),
      article: v.looseObject({ number: v.number(), sub: v.number(), label: v.string(), excerpt: v.string() }),
      passage: v.nullable(v.looseObject({ exact: v.string(), prefix: v.string(), suffix: v.string(), start: v.number(), end: v.number() })),
      stored: v.nullable(Record),
      status: v.nullable(v.string()),
      siblings: v.array(v.object({ id: Id, label: v.string() })),
      tags: v.array(v.looseObject({ name: v.string(), color: v.string(), count: v.number() })),
    }),
  }),
  v.object({ type: v.literal('hide') }),
]);

/** The message if `data` is a valid content -> frame message, else null. Never throws. */
export function parseToFrame(data: unknown): ToFrame | null {
  const r = v.safeParse(ToFrameSchema, data);
  return r.success ? (r.output as unknown as ToFrame) : null;
}

/**
 * The message if `data` is a valid frame -> content message, else null. Never throws. (Checked by hand, not with
 * valibot: this side runs in the content script, which every page loads and which keeps to its size budget.)
 */
export function parseFromFrame(data: unknown): FromFrame | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  const id = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= 100;
  const str = (x: unknown): x is string => typeof x === 'string';
  const rec = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  switch (m.type) {
    case 'size':
      return typeof m.height === 'number' && m.height >= 0 && m.height <= 100_000 ? { type: 'size', height: m.height } : null;
    case 'close':
    case 'new':
      return { type: m.type };
    case 'open':
    case 'delete':
      return id(m.id) ? { type: m.type, id: m.id } : null;
    case 'saved': {
      const n = m.note;
      if (!rec(n) || !id(n.id) || !id(n.documentId) || typeof n.revision !== 'number' || !rec(n.article) || !str(n.article.label)) return null;
      return { type: 'saved', note: n as unknown as NoteRecord };
    }
    case 'draft': {
      const n = m.note;
      if (!rec(n) || !id(n.id) || !id(n.documentId) || !str(n.stance) || !str(n.suggestion) || !str(n.reason) || !str(n.comment)) return null;
      if (!Array.isArray(n.tags) || !n.tags.every(str) || (n.baseRevision !== undefined && typeof n.baseRevision !== 'number')) return null;
      return { type: 'draft', note: n as unknown as DraftNote };
    }
    default:
      return null;
  }
}

/** The handshake's one window message: the content script hands the frame its port with the frame's secret. */
export const FRAME_HELLO = 'regdraft:frame-port';

/** The path of the note frame's page inside the extension. */
export const FRAME_PATH = '/note-frame.html';

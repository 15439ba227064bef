import { render } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { NoteEditor, flushAllEditors, type NoteFields } from '../../components/NoteEditor';
import type { SaveAnswer } from '../../components/draft-saver';
import { flushOnLeave } from '../../components/draft-saver';
import { FRAME_HELLO, parseToFrame, type FrameEditor, type FromFrame, type ToFrame } from '../../shared/frame-messages';
import { t, localiseTitle, uiLang } from '../../shared/i18n';
import { request } from '../../shared/messages';
import type { NoteRecord } from '../../storage';
import './style.css';

/**
 * The note editor's own page, framed by the content script into the draft page (inside its closed shadow root).
 * Everything the reviewer types happens here, in the extension's origin: no key, input, composition or
 * clipboard event of this document ever reaches the page's scripts. The content script tells this page what to
 * show over a private MessagePort; this page saves to the background itself (the database's only writer) and
 * tells the content script what was stored.
 */

document.documentElement.lang = uiLang();
localiseTitle();

/** The secret the content script put in this frame's URL: only the holder of it may hand over the channel. */
const secret = location.hash.slice(1);
let port: MessagePort | null = null;
const app = document.getElementById('app')!;

function post(message: FromFrame): void {
  port?.postMessage(message);
}

window.addEventListener('message', function hello(e: MessageEvent) {
  // a page script can post to this window too (window.frames): it does not know the secret
  const d = e.data as { type?: unknown; secret?: unknown } | null;
  if (port || e.source !== window.parent || !secret || d?.type !== FRAME_HELLO || d.secret !== secret || !e.ports[0]) return;
  window.removeEventListener('message', hello);
  port = e.ports[0];
  port.onmessage = (m) => {
    const message = parseToFrame(m.data);
    if (message) receive(message);
  };
});

// leaving, hiding or freezing the tab writes what is being typed
flushOnLeave(() => void flushAllEditors());

function receive(message: ToFrame): void {
  if (message.type === 'hide') {
    focusWanted = 0;
    render(null, app);
    return;
  }
  render(<EditorCard editor={message.editor} />, app);
  if (message.focus) {
    focusWanted = performance.now() + FOCUS_HOLD_MS;
    focusFirst(30);
  } else keepFocus();
}

/** How long after a note is opened its suggestion box gets the focus back if it drops to nothing (ms). */
const FOCUS_HOLD_MS = 1500;
/** Until when the suggestion box should hold the focus (0: the reviewer has acted, or no note was just opened). */
let focusWanted = 0;

/**
 * Puts the focus in the suggestion box. The frame was hidden a moment ago and takes the focus from the page in
 * another process: until both have happened the box may refuse the focus, so this tries again for a while.
 */
function focusFirst(tries: number): void {
  const box = app.querySelector<HTMLTextAreaElement>('textarea[data-field=suggestion]');
  if (!box) return;
  box.focus();
  if (document.activeElement !== box && tries > 0) setTimeout(() => focusFirst(tries - 1), 16);
}

/**
 * Just after a note was opened, the focus that drops from its box to nothing inside this frame goes back to the box
 * (seen about once in twelve journeys on a loaded machine, while the page's messages redrew the editor; the exact
 * cause is not pinned down); never once the reviewer has clicked or pressed a key here, nor when the focus left this
 * frame.
 */
function keepFocus(): void {
  if (performance.now() > focusWanted) return;
  if (document.hasFocus() && (document.activeElement === document.body || document.activeElement === null)) focusFirst(0);
}
for (const type of ['pointerdown', 'keydown'] as const) {
  window.addEventListener(type, (e) => void (e.isTrusted && (focusWanted = 0)), true);
}
document.addEventListener('focusout', () => setTimeout(keepFocus, 0), true);

/** The note `fields` would be written as for `editor` (what a save sends, and what the draft relay holds). */
function noteInput(editor: FrameEditor, fields: NoteFields, id: string, baseRevision: number | undefined) {
  // where the note sits was fixed when the editor opened: a page that changes meanwhile cannot move it
  const article = editor.stored?.article ?? editor.article;
  const passage = editor.stored ? editor.stored.passage : editor.passage;
  return { id, documentId: editor.documentId!, article, passage, ...fields, ...(baseRevision === undefined ? {} : { baseRevision }) };
}

/** Saves the fields of the shown note; creates it when `baseRevision` is undefined. Throws RequestError when refused. */
async function save(editor: FrameEditor, fields: NoteFields, id: string, baseRevision: number | undefined): Promise<SaveAnswer<NoteRecord, NoteFields>> {
  if (!editor.documentId) throw Object.assign(new Error('no document'), { code: editor.error ?? 'unreachable' });
  const note = noteInput(editor, fields, id, baseRevision);
  const result = await request({ type: 'note:save', note });
  if (!result.ok) return { ok: false, conflict: { mine: result.conflict.mine, theirs: result.conflict.theirs } };
  post({ type: 'saved', note: result.note });
  return { ok: true, record: result.note };
}

function EditorCard({ editor }: { editor: FrameEditor }) {
  const { stored, siblings } = editor;
  const passage = stored ? stored.passage : editor.passage;
  const ref = useRef<HTMLDivElement>(null);
  // each note's editor as last shown, by note id: a note's text is saved with its own article and document. (One
  // "latest" editor for all would save the text of a note left with unsaved typing, written as its editor unmounts,
  // with the article of the note opened next.)
  const shown = useRef(new Map<string, FrameEditor>());
  shown.current.delete(editor.id);
  shown.current.set(editor.id, editor);
  if (shown.current.size > 64) shown.current.delete(shown.current.keys().next().value!);
  const editorOf = (id: string) => shown.current.get(id) ?? editor;
  const id = editor.id;

  // the frame is as tall as the card (the content script caps it at the window's height)
  useEffect(() => {
    const el = ref.current!;
    const tell = () => post({ type: 'size', height: Math.ceil(el.getBoundingClientRect().height) });
    const ro = new ResizeObserver(tell);
    ro.observe(el);
    tell();
    return () => ro.disconnect();
  }, []);

  const close = () => post({ type: 'close' });
  return (
    <div
      ref={ref}
      class="note-card"
      role="dialog"
      aria-modal="false"
      aria-labelledby="regdraft-note-title"
      data-note={stored ? 'stored' : 'new'}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          close();
        }
      }}
    >
      <div class="card-head">
        <h2 id="regdraft-note-title">{t('editorTitle', editor.label)}</h2>
        <button type="button" class="icon-btn" aria-label={t('actionClose')} title={t('actionClose')} onClick={close}>
          ×
        </button>
      </div>
      {editor.status && <p class="anchor-status">{editor.status}</p>}
      {(siblings.length > 1 || (siblings.length > 0 && !stored)) && (
        <nav class="siblings" aria-label={t('notesOnArticle')}>
          {siblings.map((s, i) => (
            <button type="button" key={s.id} aria-current={s.id === editor.id ? 'true' : undefined} onClick={() => post({ type: 'open', id: s.id })}>
              {i + 1}. {s.label}
            </button>
          ))}
          {stored && (
            <button type="button" onClick={() => post({ type: 'new' })}>
              {t('actionNewNote')}
            </button>
          )}
        </nav>
      )}
      <NoteEditor
        key={editor.id}
        id={editor.id}
        stored={stored}
        quote={passage?.exact ?? null}
        tags={editor.tags}
        save={(fields, noteId, base) => save(editorOf(noteId), fields, noteId, base)}
        onDraft={(fields, base) => {
          // the content script holds the newest unsaved text: a closing tab gives this frame no time to write
          const ed = editorOf(id);
          if (ed.documentId) post({ type: 'draft', note: noteInput(ed, fields, id, base) });
        }}
        onDelete={(id) => void flushAllEditors().finally(() => post({ type: 'delete', id }))}
      />
      <div class="row end">
        {stored && siblings.length === 1 && (
          <button type="button" class="link" onClick={() => post({ type: 'new' })}>
            {t('actionNewNote')}
          </button>
        )}
        <button type="button" class="primary" onClick={close}>
          {t('actionDone')}
        </button>
      </div>
    </div>
  );
}

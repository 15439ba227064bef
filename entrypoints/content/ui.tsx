import { render } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { NoticeDetails } from '../../components/NoticeDetails';
import { describeDeadline } from '../../components/deadline';
import type { ArticleRef, PassageRef } from '../../anchoring/types';
import type { SaveAnswer } from '../../components/draft-saver';
import { NoteEditor, type NoteFields } from '../../components/NoteEditor';
import { anchorLabel, stanceLabel } from '../../components/stance';
import type { Outline } from '../../regulation/types';
import { t } from '../../shared/i18n';
import type { NoteRecord } from '../../storage';
import type { DocRect } from './geometry';
import type { PageNotes, PlacedNote } from './notes';
import { MissingChannels, SameTitleQuestion } from './consent';
import { effectiveNotice } from '../../storage/corrections';


/** The open note editor: which article, which note (a fresh id for a new one), where it sits. */
export interface EditorState {
  /** The article's index in the outline now (-1 while the page no longer has it). */
  index: number;
  id: string;
  /** The article as it was when the editor opened (or as the stored note has it): what a save attaches to. */
  article: ArticleRef;
  /** The passage a new note quotes (stored notes keep their own). */
  passage: PassageRef | null;
  top: number;
  left: number;
}

/** A marker beside an article that has notes. */
export interface Chip {
  index: number;
  top: number;
  /** The edge the marker keeps to the text: its right edge (side 'left') or its left edge (side 'right'). */
  left: number;
  side: 'left' | 'right';
  notes: PlacedNote[];
}

export interface UiState {
  outline: Outline;
  expanded: boolean;
  /** The article under the pointer or focus, and where its gutter button goes. */
  hover: { index: number; top: number; left: number } | null;
  editor: EditorState | null;
  /** The "add a note" button beside a selection inside one article. */
  selection: { top: number; left: number } | null;
  chips: Chip[];
  /** The band of the document (page coordinates) whose markers are drawn: a few screens around the view. */
  view: { top: number; bottom: number };
  notes: PageNotes;
  toast: { text: string; undoId: string | null; key: number } | null;
  flash: { rect: DocRect; key: number } | null;
  /** Read out by screen readers (aria-live): where the keyboard stepped, a note changed in another tab. */
  announce: string;
}

export interface UiActions {
  toggle(): void;
  /** Opens the editor on a new note of article `index`. */
  newNote(index: number): void;
  /** Opens the editor on a stored note. */
  openNote(id: string): void;
  closeEditor(): void;
  noteFromSelection(): void;
  save(editor: EditorState, fields: NoteFields, id: string, base: number | undefined): Promise<SaveAnswer<NoteRecord, NoteFields>>;
  deleteNote(id: string): void;
  undoDelete(id: string): void;
  dismissToast(): void;
}

/** Whether the page is a draft worth a banner: it has articles or a deadline. */
export function isDraft(o: Outline): boolean {
  return o.articles.length > 0 || o.deadline !== null;
}

/** Renders the in-page UI into `container` (inside the closed shadow root). */
export function renderUi(container: Element, root: ShadowRoot, state: UiState, actions: UiActions): void {
  render(<PageUi state={state} actions={actions} root={root} />, container);
}

function PageUi({ state, actions, root }: { state: UiState; actions: UiActions; root: ShadowRoot }) {
  const { outline } = state;
  return (
    <div class="layer" lang="zh-CN">
      <p class="sr-only" role="status" aria-live="polite">
        {state.announce}
      </p>
      {isDraft(outline) && (
        <Banner outline={outline} notes={state.notes} expanded={state.expanded} toggle={actions.toggle} root={root} open={actions.openNote} />
      )}
      {state.chips
        .filter((c) => c.top >= state.view.top && c.top <= state.view.bottom)
        .map((c) => (
          <NoteChip key={c.index} chip={c} label={outline.articles[c.index]?.label ?? ''} open={actions.openNote} />
        ))}
      {state.hover && state.hover.index !== state.editor?.index && !state.notes.byArticle.has(state.hover.index) && (
        <button
          type="button"
          class="gutter"
          style={{ top: `${state.hover.top}px`, left: `${state.hover.left}px` }}
          aria-label={t('actionAddNote', outline.articles[state.hover.index]?.label ?? '')}
          title={t('actionAddNote', outline.articles[state.hover.index]?.label ?? '')}
          onClick={() => actions.newNote(state.hover!.index)}
        >
          ＋{t('actionAddNoteShort')}
        </button>
      )}
      {state.selection && !state.editor && (
        <button
          type="button"
          class="gutter select-note"
          data-action="selection-note"
          style={{ top: `${state.selection.top}px`, left: `${state.selection.left}px` }}
          aria-label={t('selectionAddNote')}
          title={t('selectionAddNote')}
          onMouseDown={(e) => e.preventDefault() /* keep the selection */}
          onClick={actions.noteFromSelection}
        >
          ＋{t('actionAddNoteShort')}
        </button>
      )}
      {state.editor && <EditorCard state={state} editor={state.editor} actions={actions} />}
      {state.toast && <Toast toast={state.toast} actions={actions} />}
      {state.flash && (
        <div
          key={state.flash.key}
          class="flash"
          style={{
            top: `${state.flash.rect.top - 4}px`,
            left: `${state.flash.rect.left - 6}px`,
            width: `${state.flash.rect.width + 12}px`,
            height: `${state.flash.rect.height + 8}px`,
          }}
        />
      )}
    </div>
  );
}

interface BannerProps {
  outline: Outline;
  notes: PageNotes;
  expanded: boolean;
  toggle: () => void;
  root: ShadowRoot;
  open: (id: string) => void;
}

function Banner({ outline: read, notes, expanded, toggle, root }: BannerProps) {
  // the notice as the letter will use it: the stored fields and the reviewer's corrections over the page's read
  const outline = { ...read, ...effectiveNotice(read, notes.document, location.href).notice };
  const d = describeDeadline(outline.deadline);
  let counts = `${t('countArticles', outline.articles.length)} · ${t('countChapters', outline.chapters.filter((c) => c.kind === 'chapter').length)}`;
  if (notes.notes.length) counts += ` · ${t('notesCount', notes.notes.length)}`;
  if (!expanded && !notes.ask) {
    return (
      <aside class="banner" aria-label={t('bannerLabel')}>
        <button type="button" class="pill" aria-expanded="false" onClick={toggle}>
          <span class="mark">{t('labelTitle')}</span>
          <span class="sr-only">{t('actionExpand')}</span>
          <span class={`deadline deadline-${d.tone}`}>{d.text}</span>
          <span>{t('countArticles', outline.articles.length)}</span>
          {notes.notes.length > 0 && <span>{t('notesCount', notes.notes.length)}</span>}
        </button>
      </aside>
    );
  }
  return (
    <aside
      class="banner"
      aria-label={t('bannerLabel')}
      onKeyDown={(e) => {
        if (e.key === 'Escape') toggle();
      }}
    >
      <div class="card">
        <div class="card-head">
          <span class="mark">{t('labelTitle')}</span>
          <h2>{outline.title ? `《${outline.title}》` : t('panelTitle')}</h2>
          <button type="button" class="icon-btn" aria-expanded="true" aria-label={t('actionCollapse')} title={t('actionCollapse')} onClick={toggle}>
            −
          </button>
        </div>
        <p class="counts">{counts}</p>
        <SameTitleQuestion notes={notes} />
        {!notes.ask && <MissingChannels notice={outline} />}
        {notes.error && (
          <p class="error" role="alert">
            {t('notesLoadFailed', notes.error)}
          </p>
        )}
        {notes.unplaced.length > 0 && (
          <details class="unplaced">
            <summary>{t('notesUnplaced', notes.unplaced.length)}</summary>
            <p class="muted">{t('notesUnplacedList')}</p>
            <ul>
              {notes.unplaced.map((p) => (
                <li key={p.note.id}>
                  <strong>{p.note.article.label}</strong> {stanceLabel(p.note.stance)}
                  {p.note.passage && <q>{p.note.passage.exact}</q>}
                </li>
              ))}
            </ul>
          </details>
        )}
        <NoticeDetails notice={outline} root={root} />
      </div>
    </aside>
  );
}

function NoteChip({ chip, label, open }: { chip: Chip; label: string; open: (id: string) => void }) {
  const stances = [...new Set(chip.notes.map((p) => stanceLabel(p.note.stance)))].join('、');
  const off = chip.notes.find((p) => p.anchor.status === 'moved' || p.anchor.status === 'changed');
  // the name starts with what is seen (the stances), then says which article and how many notes (WCAG 2.5.3)
  return (
    <button
      type="button"
      class={`chip ${chip.side}${off ? ' moved' : ''}`}
      data-chip={label}
      style={{ top: `${chip.top}px`, left: `${chip.left}px` }}
      title={preview(chip, off ? anchorLabel(off.anchor.status) : null)}
      onClick={() => open(chip.notes[0]!.note.id)}
    >
      <span aria-hidden="true">✎ </span>
      {stances}
      {chip.notes.length > 1 && (
        <span class="n" aria-hidden="true">
          {chip.notes.length}
        </span>
      )}
      <span class="sr-only">{t('chipSr', label, chip.notes.length, off ? anchorLabel(off.anchor.status) : '')}</span>
    </button>
  );
}

/** The marker's tooltip: the first words of each note's suggestion (a tooltip lives in our closed root, not the page). */
function preview(chip: Chip, status: string | null): string {
  const lines = chip.notes.map((p) => {
    const text = (p.note.suggestion || p.note.reason || p.note.comment).replace(/\s+/g, ' ').trim();
    return `${stanceLabel(p.note.stance)}${text ? `：${text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text}` : ''}`;
  });
  return [...lines, ...(status ? [status] : [])].join('\n');
}
const PREVIEW_CHARS = 60;

function EditorCard({ state, editor, actions }: { state: UiState; editor: EditorState; actions: UiActions }) {
  const label = state.outline.articles[editor.index]?.label ?? editor.article.label;
  const placed = state.notes.get(editor.id);
  const stored = placed?.note ?? null;
  const siblings = state.notes.byArticle.get(editor.index) ?? [];
  const passage = stored ? stored.passage : editor.passage;
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    // the suggestion box takes the focus at once (an effect after paint may wait for a frame the tab never draws)
    ref.current?.querySelector<HTMLTextAreaElement>('textarea[data-field=suggestion]')?.focus();
  }, [editor.id]);
  return (
    <div
      ref={ref}
      class="note-card"
      role="dialog"
      aria-modal="false"
      aria-labelledby="regdraft-note-title"
      data-note={stored ? 'stored' : 'new'}
      style={{ top: `${editor.top}px`, left: `${editor.left}px` }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          actions.closeEditor();
        }
      }}
    >
      <div class="card-head">
        <h2 id="regdraft-note-title">{t('editorTitle', label)}</h2>
        <button type="button" class="icon-btn" aria-label={t('actionClose')} title={t('actionClose')} onClick={actions.closeEditor}>
          ×
        </button>
      </div>
      {placed && placed.anchor.status !== 'exact' && <p class="anchor-status">{anchorLabel(placed.anchor.status)}</p>}
      {(siblings.length > 1 || (siblings.length > 0 && !stored)) && (
        <nav class="siblings" aria-label={t('notesOnArticle')}>
          {siblings.map((p, i) => (
            <button
              type="button"
              key={p.note.id}
              aria-current={p.note.id === editor.id ? 'true' : undefined}
              onClick={() => actions.openNote(p.note.id)}
            >
              {i + 1}. {stanceLabel(p.note.stance)}
            </button>
          ))}
          {stored && (
            <button type="button" onClick={() => actions.newNote(editor.index)}>
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
        tags={state.notes.tags}
        save={(fields, id, base) => actions.save(editor, fields, id, base)}
        onDelete={actions.deleteNote}
      />
      <div class="row end">
        {stored && siblings.length === 1 && (
          <button type="button" class="link" onClick={() => actions.newNote(editor.index)}>
            {t('actionNewNote')}
          </button>
        )}
        <button type="button" class="primary" onClick={actions.closeEditor}>
          {t('actionDone')}
        </button>
      </div>
    </div>
  );
}

function Toast({ toast, actions }: { toast: NonNullable<UiState['toast']>; actions: UiActions }) {
  return (
    <div class="toast" role="status" aria-live="polite" key={toast.key}>
      <span>{toast.text}</span>
      {toast.undoId && (
        <button type="button" class="link" data-action="undo" onClick={() => actions.undoDelete(toast.undoId!)}>
          {t('actionUndo')}
        </button>
      )}
      <button type="button" class="icon-btn" aria-label={t('actionDismiss')} onClick={actions.dismissToast}>
        ×
      </button>
    </div>
  );
}

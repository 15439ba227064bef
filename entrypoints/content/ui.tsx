/** @jsxImportSource ../../components/lite */
// (the in-page UI is drawn without Preact: components/lite, for the content script's size budget)
import { render } from '../../components/lite/render';
import { NoticeDetails } from '../../components/NoticeDetails';
import { describeDeadline } from '../../components/deadline';
import type { ArticleRef, PassageRef } from '../../anchoring/types';
import { anchorLabel, stanceLabel } from '../../components/stance';
import type { Outline } from '../../regulation/types';
import { t } from '../../shared/i18n';
import { errorWords } from '../../shared/error-words';
import type { DocRect } from './geometry';
import type { PageNotes, PlacedNote } from './notes';
import { MissingChannels, SameTitleQuestion, VersionQuestion } from './consent';
import type { PageMark, VersionOffer } from '../../versions/page';
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

/** A marker beside an article changed or added since the earlier version (document coordinates). */
export type VersionMark = PageMark & { top: number; left: number };

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
  /** The page's versions: the new-version offer, and the changed articles' markers once linked. */
  versions: { offer: VersionOffer | null; marks: VersionMark[] };
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
  deleteNote(id: string): void;
  undoDelete(id: string): void;
  dismissToast(): void;
  /** The reviewer answered the new-version offer: link (true) or "不是" (false). */
  versionAnswer(yes: boolean): void;
  /** The old text of article `index`: the side panel's 版本 tab at that article. */
  versionShow(index: number): void;
}

/**
 * Runs `fn` for the reviewer's own click or key only: an event a page script dispatched (`isTrusted` false)
 * never opens, switches, deletes or restores a note.
 */
export function trusted(fn: () => void): (e: Event) => void {
  return (e) => {
    if (e.isTrusted) fn();
  };
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
        <Banner outline={outline} notes={state.notes} expanded={state.expanded} toggle={actions.toggle} root={root} offer={state.versions.offer} answer={actions.versionAnswer} />
      )}
      {state.versions.marks
        .filter((m) => m.top >= state.view.top && m.top <= state.view.bottom)
        .map((m) => {
          const label = outline.articles[m.index]?.label ?? '';
          return (
            <button
              type="button"
              key={`v${m.index}`}
              class="chip vmark"
              data-vmark={label}
              style={{ top: `${m.top}px`, left: `${m.left}px` }}
              title={t('vpageShowOld', label)}
              aria-label={`${label} ${t(m.kind === 'added' ? 'vpageAdded' : 'vpageChanged')} ${t('vpageShowOld', label)}`}
              onClick={trusted(() => actions.versionShow(m.index))}
            >
              {t(m.kind === 'added' ? 'vpageAdded' : 'vpageChanged')}
            </button>
          );
        })}
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
          onClick={trusted(() => actions.newNote(state.hover!.index))}
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
          onClick={trusted(actions.noteFromSelection)}
        >
          ＋{t('actionAddNoteShort')}
        </button>
      )}
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
  offer: VersionOffer | null;
  answer: (yes: boolean) => void;
}

function Banner({ outline: read, notes, expanded, toggle, root, offer, answer }: BannerProps) {
  // the notice as the letter will use it: the stored fields and the reviewer's corrections over the page's read
  const outline = { ...read, ...effectiveNotice(read, notes.document, location.href).notice };
  const d = describeDeadline(outline.deadline);
  let counts = `${t('countArticles', outline.articles.length)} · ${t('countChapters', outline.chapters.filter((c) => c.kind === 'chapter').length)}`;
  if (notes.notes.length) counts += ` · ${t('notesCount', notes.notes.length)}`;
  if (!expanded && !notes.ask && !offer) {
    return (
      <aside class="banner" aria-label={t('bannerLabel')}>
        <button type="button" class="pill" aria-expanded="false" onClick={trusted(toggle)}>
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
        if (e.key === 'Escape' && e.isTrusted) toggle();
      }}
    >
      <div class="card">
        <div class="card-head">
          <span class="mark">{t('labelTitle')}</span>
          <h2>{outline.title ? `《${outline.title}》` : t('panelTitle')}</h2>
          <button type="button" class="icon-btn" aria-expanded="true" aria-label={t('actionCollapse')} title={t('actionCollapse')} onClick={trusted(toggle)}>
            −
          </button>
        </div>
        <p class="counts">{counts}</p>
        <SameTitleQuestion notes={notes} />
        <VersionQuestion offer={offer} answer={answer} />
        {!notes.ask && <MissingChannels notice={outline} />}
        {notes.error && (
          <p class="error" role="alert">
            {t('notesLoadFailed', errorWords(notes.error))}
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
      onClick={trusted(() => open(chip.notes[0]!.note.id))}
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

function Toast({ toast, actions }: { toast: NonNullable<UiState['toast']>; actions: UiActions }) {
  return (
    <div class="toast" role="status" aria-live="polite" key={toast.key}>
      <span>{toast.text}</span>
      {toast.undoId && (
        <button type="button" class="link" data-action="undo" onClick={trusted(() => actions.undoDelete(toast.undoId!))}>
          {t('actionUndo')}
        </button>
      )}
      <button type="button" class="icon-btn" aria-label={t('actionDismiss')} onClick={trusted(actions.dismissToast)}>
        ×
      </button>
    </div>
  );
}

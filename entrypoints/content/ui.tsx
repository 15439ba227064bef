import { render } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { NoticeDetails } from '../../components/NoticeDetails';
import { describeDeadline } from '../../components/deadline';
import type { Outline } from '../../regulation/types';
import { t } from '../../shared/i18n';

/** A rectangle in document coordinates. */
export interface DocRect {
  top: number;
  left: number;
  width: number;
  height: number;
}

export interface UiState {
  outline: Outline;
  expanded: boolean;
  /** The article under the pointer or focus, and where its gutter button goes. */
  hover: { index: number; top: number; left: number } | null;
  /** The open note card (a placeholder until notes land). */
  note: { index: number; top: number; left: number } | null;
  flash: { rect: DocRect; key: number } | null;
}

export interface UiActions {
  toggle(): void;
  openNote(index: number): void;
  closeNote(): void;
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
      {isDraft(outline) && <Banner outline={outline} expanded={state.expanded} toggle={actions.toggle} root={root} />}
      {state.hover && !state.note && (
        <button
          type="button"
          class="gutter"
          style={{ top: `${state.hover.top}px`, left: `${state.hover.left}px` }}
          aria-label={t('actionAddNote', outline.articles[state.hover.index]?.label ?? '')}
          title={t('actionAddNote', outline.articles[state.hover.index]?.label ?? '')}
          onClick={() => actions.openNote(state.hover!.index)}
        >
          ＋{t('actionAddNoteShort')}
        </button>
      )}
      {state.note && <NoteCard state={state} close={actions.closeNote} />}
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

function Banner(props: { outline: Outline; expanded: boolean; toggle: () => void; root: ShadowRoot }) {
  const { outline, expanded, toggle, root } = props;
  const d = describeDeadline(outline.deadline);
  const counts = `${t('countArticles', outline.articles.length)} · ${t('countChapters', outline.chapters.filter((c) => c.kind === 'chapter').length)}`;
  if (!expanded) {
    return (
      <aside class="banner" aria-label={t('bannerLabel')}>
        <button type="button" class="pill" aria-expanded="false" aria-label={`${t('actionExpand')}: ${d.text}`} onClick={toggle}>
          <span class="mark">{t('labelTitle')}</span>
          <span class={`deadline deadline-${d.tone}`}>{d.text}</span>
          <span>{t('countArticles', outline.articles.length)}</span>
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
        <NoticeDetails notice={outline} root={root} />
      </div>
    </aside>
  );
}

function NoteCard({ state, close }: { state: UiState; close: () => void }) {
  const note = state.note!;
  const label = state.outline.articles[note.index]?.label ?? '';
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), [note.index]);
  return (
    <div
      class="note-card"
      role="dialog"
      aria-modal="false"
      aria-labelledby="regdraft-note-title"
      style={{ top: `${note.top}px`, left: `${note.left}px` }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') close();
      }}
    >
      <h2 id="regdraft-note-title">{t('notesComingTitle', label)}</h2>
      <p>{t('notesComingBody')}</p>
      <button type="button" class="icon-btn" ref={ref} onClick={close}>
        {t('actionClose')}
      </button>
    </div>
  );
}

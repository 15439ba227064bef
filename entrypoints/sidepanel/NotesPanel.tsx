import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { anchorLabel, stanceLabel } from '../../components/stance';
import type { Chapter, Outline } from '../../regulation/types';
import { t } from '../../shared/i18n';
import { request, sendToTab } from '../../shared/messages';
import { STANCES, isStance, type NoteRecord } from '../../storage/schema';
import { useAnnounce } from './announce';
import { errorText } from './errors';
import { useFirstLook, useLive } from './live';
import {
  NO_FILTER,
  NotePlacer,
  countNotes,
  filterIndices,
  groupNotes,
  isFiltering,
  searchText,
  type FilterResult,
  type NoteFilter,
  type NoteGroup,
  type PlacedNote,
} from './notes-view';
import { UndoToast, type Toast } from './UndoToast';
import { VirtualGroups } from './VirtualGroups';

interface Props {
  outline: Outline;
  tabId: number;
  /** The page's draft in the database; null while it has none (no note yet). */
  documentId: string | null;
}

/** The search texts when no text is searched (filterIndices reads them only for a text filter). */
const NO_TEXT: readonly string[] = [];

/** How long the filter must rest before the new count is announced (ms). */
const ANNOUNCE_FILTER_MS = 600;

/**
 * The notes tab: every note of the page's draft in article order under its chapter, unplaced notes last;
 * filters by text, tag and stance with counts; each note shows itself in the page, opens its editor there,
 * or goes to the bin with undo. Follows every change to the notes live.
 */
export function NotesPanel({ outline, tabId, documentId }: Props) {
  const announce = useAnnounce();
  const live = useLive(
    async (db): Promise<NoteRecord[]> =>
      documentId ? db.notes.where('documentId').equals(documentId).filter((n) => n.deleted === undefined).toArray() : [],
    [documentId],
    documentId,
  );
  // the first cards and the count come from a short first look while the whole list is read
  const first = useFirstLook(live.state === 'loading' ? documentId : null);
  const notes = live.state === 'ready' ? live.value : (first?.notes ?? EMPTY);
  const total = live.state === 'ready' ? notes.length : (first?.count ?? 0);
  const placer = useMemo(() => new NotePlacer(outline.articles), [outline.articles]);
  const placed = useMemo(() => placer.place(notes), [placer, notes]);
  // every note's search text, made at the first text filter (not before the list is first drawn)
  const haystacks = useMemo(() => {
    let made: string[] | null = null;
    return () => (made ??= placed.map(searchText));
  }, [placed]);
  const counts = useMemo(() => countNotes(notes), [notes]);
  const [filter, setFilter] = useState<NoteFilter>(NO_FILTER);
  // each keystroke filters only what the previous one kept (see filterIndices)
  const lastFilter = useRef<{ placed: PlacedNote[]; result: FilterResult } | null>(null);
  const shown = useMemo(() => {
    const prev = lastFilter.current?.placed === placed ? lastFilter.current.result : null;
    const result = filterIndices(placed, filter, filter.text.trim() ? haystacks() : NO_TEXT, prev);
    lastFilter.current = { placed, result };
    return result.indices.map((i) => placed[i]!);
  }, [placed, filter, haystacks]);
  const groups = useMemo(() => groupNotes(shown, outline.chapters), [shown, outline.chapters]);
  const vgroups = useMemo(() => groups.map((g) => ({ key: g.key, items: g.notes, group: g })), [groups]);
  const [toast, setToast] = useState<Toast | null>(null);
  const toastKey = useRef(0);
  const filtering = isFiltering(filter);
  const countKnown = live.state !== 'loading' || first !== null;
  const countText = filtering ? t('panelNotesCountShown', shown.length, total) : t('panelNotesCountAll', total);

  // say the new count once the reviewer stops typing in the filter
  const firstFilter = useRef(true);
  useEffect(() => {
    if (firstFilter.current) return void (firstFilter.current = false);
    const timer = setTimeout(() => announce(countText), ANNOUNCE_FILTER_MS);
    return () => clearTimeout(timer);
  }, [filter]);

  // say when notes come or go from elsewhere (another tab, the page's editor); our own deletes say more
  const known = useRef<number | null>(null);
  const own = useRef(false);
  useEffect(() => {
    if (live.state !== 'ready') return;
    if (known.current !== null && known.current !== notes.length && !own.current) announce(t('panelNotesUpdated', notes.length));
    known.current = notes.length;
    own.current = false;
  }, [notes.length, live.state]);

  const showToast = (message: string, undo?: () => void) => {
    announce(message);
    setToast({ key: ++toastKey.current, message, undo });
  };

  const show = async (p: PlacedNote, edit: boolean) => {
    const found = await sendToTab<boolean>(tabId, { type: 'note:show', id: p.note.id, edit });
    if (!found) announce(t('panelNoteNotOnPage', p.label));
  };

  const remove = async (p: PlacedNote) => {
    try {
      own.current = true;
      await request({ type: 'note:delete', id: p.note.id });
      showToast(t('panelNoteDeleted', p.label), () => void restore(p));
    } catch (e) {
      own.current = false;
      showToast(errorText(e));
    }
  };
  const restore = async (p: PlacedNote) => {
    try {
      own.current = true;
      await request({ type: 'note:restore', id: p.note.id });
      announce(t('panelNoteRestored', p.label));
    } catch (e) {
      own.current = false;
      showToast(errorText(e));
    }
  };

  const tagOptions = counts.tags.some((x) => x.name === filter.tag) || filter.tag === null ? counts.tags : [...counts.tags, { name: filter.tag, count: 0 }];

  return (
    // busy while only the first look is shown (assistive technology waits for the whole list)
    <div class="notes-view" aria-busy={live.state === 'loading' ? 'true' : undefined}>
      <h2 class="sr-only">{t('panelTabNotes')}</h2>
      {live.state === 'error' && <p role="alert" class="error">{errorText(live.error)}</p>}
      {live.state === 'ready' && notes.length === 0 ? (
        <div class="empty" data-testid="notes-empty">
          <h3>{t('panelNotesEmptyTitle')}</h3>
          <p>{t('panelNotesEmptyBody')}</p>
        </div>
      ) : (
        <>
          <div class="note-filters" role="search" aria-label={t('panelNotesFiltersLabel')}>
            <input
              class="notes-filter"
              type="search"
              value={filter.text}
              placeholder={t('panelNotesFilterText')}
              aria-label={t('panelNotesFilterText')}
              onInput={(e) => setFilter({ ...filter, text: (e.target as HTMLInputElement).value })}
            />
            <div class="filter-row">
              <select
                class="tag-filter"
                aria-label={t('panelNotesFilterTag')}
                value={filter.tag ?? ''}
                onChange={(e) => {
                  const v = (e.target as HTMLSelectElement).value;
                  setFilter({ ...filter, tag: v === '' ? null : v });
                }}
              >
                <option value="">{t('panelNotesFilterTagAll')}</option>
                {tagOptions.map((x) => (
                  <option key={x.name} value={x.name}>
                    {t('panelNotesFilterOption', x.name, x.count)}
                  </option>
                ))}
              </select>
              <select
                class="stance-filter"
                aria-label={t('panelNotesFilterStance')}
                value={filter.stance ?? ''}
                onChange={(e) => {
                  const v = (e.target as HTMLSelectElement).value;
                  setFilter({ ...filter, stance: isStance(v) ? v : null });
                }}
              >
                <option value="">{t('panelNotesFilterStanceAll')}</option>
                {STANCES.map((s) => (
                  <option key={s} value={s}>
                    {t('panelNotesFilterOption', stanceLabel(s), counts.stances.get(s) ?? 0)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <p class="counts" data-testid="notes-count">
            {/* the count once known (from the first look or the whole list), never a 0 before it */}
            {countKnown ? countText : t('panelNotesLoading')}
            {filtering && (
              <button type="button" class="link" onClick={() => setFilter(NO_FILTER)}>
                {t('panelNotesFilterClear')}
              </button>
            )}
          </p>
          {filtering && shown.length === 0 && (
            <div class="empty" data-testid="notes-filtered-out">
              <p>{t('panelNotesFilterNone')}</p>
              <button type="button" onClick={() => setFilter(NO_FILTER)}>
                {t('panelNotesFilterClear')}
              </button>
            </div>
          )}
          <VirtualGroups<PlacedNote, (typeof vgroups)[number]>
            groups={vgroups}
            itemKey={(p) => p.note.id}
            whole={filtering ? undefined : total}
            renderGroup={(g, rows, padTop, padBottom) => (
              <NoteGroupView key={g.key} group={g.group} padTop={padTop} padBottom={padBottom}>
                {rows}
              </NoteGroupView>
            )}
            renderItem={(p, i, g) => <NoteCard key={p.note.id} placed={p} position={i + 1} of={g.items.length} onShow={show} onRemove={remove} />}
          />
        </>
      )}
      {toast && <UndoToast key={toast.key} toast={toast} onDone={() => setToast(null)} />}
    </div>
  );
}

const EMPTY: NoteRecord[] = [];

function groupTitle(g: NoteGroup): string {
  if (g.kind === 'unplaced') return t('panelNotesUnplacedGroup');
  if (g.kind === 'none') return t('panelNoChapter');
  return g.headings.map(headingText).join(' · ');
}

const headingText = (c: Chapter) => (c.title ? `${c.label} ${c.title}` : c.label);

interface GroupProps {
  onShow(p: PlacedNote, edit: boolean): void;
  onRemove(p: PlacedNote): void;
}

/** A chapter's notes: its heading and the cards drawn (`padTop`/`padBottom` stand for the cards not drawn). */
function NoteGroupView({ group, padTop, padBottom, children }: { group: NoteGroup; padTop: number; padBottom: number; children: ComponentChildren }) {
  const id = `group-${group.key}`;
  return (
    <section class={`note-group ${group.kind}`} aria-labelledby={id} data-group={group.key}>
      <h3 id={id} data-vkey={`h:${group.key}`}>
        {groupTitle(group)} <span class="group-count">{t('panelNotesGroupCount', group.notes.length)}</span>
      </h3>
      {group.kind === 'unplaced' && <p class="hint">{t('panelNotesUnplacedHint')}</p>}
      <ul class="notes" style={padTop || padBottom ? { paddingTop: `${padTop}px`, paddingBottom: `${padBottom}px` } : undefined}>
        {children}
      </ul>
    </section>
  );
}

/**
 * Whether the clamped texts in `ref` hide anything (three lines each, see style.css), measured after each
 * render and whenever the panel's width changes; one ResizeObserver serves every card.
 */
function useClipped(ref: { current: HTMLElement | null }, key: unknown): boolean {
  const [clipped, setClipped] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () =>
      setClipped([...el.querySelectorAll<HTMLElement>('.field, .quote')].some((c) => c.scrollHeight > c.clientHeight + 1));
    measure();
    return watchWidth(el, measure);
  }, [key]);
  return clipped;
}

const widthWatchers = new Map<Element, () => void>();
let resizeObserver: ResizeObserver | null = null;
function watchWidth(el: Element, onResize: () => void): () => void {
  if (typeof ResizeObserver === 'undefined') return () => undefined;
  resizeObserver ??= new ResizeObserver((entries) => entries.forEach((e) => widthWatchers.get(e.target)?.()));
  widthWatchers.set(el, onResize);
  resizeObserver.observe(el);
  return () => {
    widthWatchers.delete(el);
    resizeObserver?.unobserve(el);
  };
}

function NoteCard({
  placed: p,
  position,
  of,
  onShow,
  onRemove,
}: {
  placed: PlacedNote;
  /** Its place in the group (1-based) and the group's size: read out even when only some cards are drawn. */
  position: number;
  of: number;
  onShow: GroupProps['onShow'];
  onRemove: GroupProps['onRemove'];
}) {
  const n = p.note;
  const [open, setOpen] = useState(false);
  const body = useRef<HTMLDivElement>(null);
  const clipped = useClipped(body, `${n.revision}:${open}`);
  const fields = [
    { key: 'suggestion', label: t('panelNoteSuggestion'), text: n.suggestion },
    { key: 'reason', label: t('panelNoteReason'), text: n.reason },
    { key: 'comment', label: t('panelNoteComment'), text: n.comment },
  ].filter((f) => f.text.trim() !== '');
  const bodyId = `note-body-${n.id}`;
  const relabelled = p.status !== 'unplaced' && p.label !== n.article.label;
  return (
    <li
      class={`note stance-${n.stance} anchor-${p.status}`}
      data-note={n.id}
      data-vkey={n.id}
      data-article={p.label}
      aria-setsize={of}
      aria-posinset={position}
      onClick={(e) => {
        // a click anywhere on the card but its buttons shows the note in the page (text can still be selected)
        if ((e.target as Element).closest('button, a, input, select, textarea')) return;
        if (window.getSelection()?.toString()) return;
        onShow(p, false);
      }}
    >
      <div class="note-head">
        <button type="button" class="note-show" title={t('panelNoteShow', p.label)} onClick={() => onShow(p, false)}>
          <span class="label">{p.label}</span>
          <span class="stance">{stanceLabel(n.stance)}</span>
        </button>
        {p.status !== 'exact' && (
          <span class={`anchor-status ${p.status}`} data-status={p.status}>
            {anchorLabel(p.status)}
            {relabelled && ` · ${t('panelNotesOriginalLabel', n.article.label)}`}
          </span>
        )}
        <span class="note-actions">
          <button type="button" class="edit" aria-label={t('panelNoteEditLabel', p.label)} onClick={() => onShow(p, true)}>
            {t('panelNoteEdit')}
          </button>
          <button type="button" class="delete" aria-label={t('panelNoteDeleteLabel', p.label)} onClick={() => onRemove(p)}>
            {t('panelNoteDelete')}
          </button>
        </span>
      </div>
      <div id={bodyId} ref={body} class={open ? 'note-body' : 'note-body clamped'}>
        {n.passage && (
          <blockquote class="quote">
            <span class="sr-only">{t('panelNoteQuote')}: </span>
            {n.passage.exact}
          </blockquote>
        )}
        {fields.map((f) => (
          <p key={f.key} class={`field ${f.key}`}>
            <span class="field-label">{f.label}</span>
            <span class="field-text">{f.text}</span>
          </p>
        ))}
      </div>
      {(clipped || open) && (
        <button type="button" class="link more" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
          {open ? t('panelNoteLess') : t('panelNoteMore')}
        </button>
      )}
      {n.tags.length > 0 && (
        <ul class="tags" aria-label={t('panelNotesFilterTag')}>
          {n.tags.map((tag) => (
            <li key={tag}>{tag}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

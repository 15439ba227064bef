import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { PageReader, SLICE_MS } from '../../page/reader';
import { readHints } from '../../page/hints';
import { ask as askBackground, broadcast, fromThisExtension, isPageMessage, request, type PageState } from '../../shared/messages';
import { isDocUpdated } from '../../shared/control-messages';
import { textSurface } from '../../page/surface';
import noticeCss from '../../components/notice.css?inline';
import css from './style.css?inline';
import { describeArticle, describePassage, passageToRanges } from '../../anchoring';
import type { PassageRef } from '../../anchoring/types';
import { errorWords } from '../../components/error-words';
import { anchorLabel, stanceLabel } from '../../components/stance';
import type { DraftNote, FrameEditor, FromFrame } from '../../shared/frame-messages';
import { mark, measure, showTimeline, TIMELINE_KEY, work } from '../../page/timeline';
import { t, useCatalogue } from '../../shared/i18n';
import { I18N_CATALOGUE, type Catalogue, type CatalogueAsk } from '../../shared/i18n-messages';
import { uuid } from '../../shared/uuid';
import { addFileButtons } from './file-links';
import { Highlights, type HighlightSpec } from './highlights';
import { PageNotes } from './notes';
import { docRect, docRectOf, hoveredBlock, readSelection, unionRect, viewBand, type DocRect } from './geometry';
import { NoteFrame } from './frame';
import { isDraft, renderUi, type EditorState, type UiActions, type UiState } from './ui';
import { VERSIONS_CHANGED } from '../../shared/page-version-messages';
import { askPageVersions } from './versions-ask';
import { packOutline, TextPartsServer, type PackedPageState } from '../../shared/page-state';
import { firstByArticle } from '../../storage/note-order';
import type { PageMark } from '../../versions/page';

const EXPANDED_KEY = 'ui:bannerExpanded';
/** The note editor's width (px; style.css agrees). */
const EDITOR_WIDTH = 360;
/** About how tall the editor is (px): it is placed so that it fits in the window. */
const EDITOR_HEIGHT = 560;
/** How far down (in screens) the open banner folds itself away. */
const BANNER_FOLD_AT = 0.6;
/** The least left margin (px) in which the note markers stand left of the text. */
const CHIP_MARGIN = 100;
/** How long a toast (deleted, restored) stays (ms). */
const TOAST_MS = 10_000;
/** How long a selection must rest before the "add a note" button moves to it (ms). */
const SELECTION_DELAY_MS = 120;

export default defineContentScript({
  // jinan.gov.cn pages are read on load; any other page only when the user clicks the toolbar button
  // (the toolbar popup or a keyboard command injects this same file with activeTab + scripting).
  matches: ['*://*.jinan.gov.cn/*'],
  runAt: 'document_idle',
  main() {
    const g = globalThis as { __regdraftReader?: boolean };
    if (g.__regdraftReader) return; // injected twice
    g.__regdraftReader = true;
    startReader();
  },
});

// (named so that no property shares the name: WXT drops unused top-level functions by name when it reads the
// options above, and an entry kept alive pulls its CSS into a build that cannot load it)
function startReader(): void {
  mark('regdraft:start');
  // nothing more in the task that evaluated this script: Chromium compiles a content script whole, and on a slow
  // machine that compile alone is a long piece of the task
  setTimeout(beginReading, 0);
}

function beginReading(): void {
  const { host, shadow, container } = createHost();
  // the messages come from the background while the page is read: asked of the browser, the first one would load
  // the whole catalogue into the page (shared/i18n-messages.ts)
  const messages = askCatalogue();
  mark('regdraft:host');
  // a file in the extension's reader page hands its own text surface (read at once); a web page is read in short
  // slices (it never freezes); the UI mounts once the outline is complete
  const surface = textSurface();
  if (surface) {
    const reader = new PageReader(surface.root, host, surface.hints, false, surface.read);
    mark('regdraft:parsed');
    // the notice's fields come from the background (page/notice.ts) before the notes are opened by title
    void Promise.all([reader.noticeRead(), messages]).then(() => startUi(reader, host, shadow, container, surface.url));
    return;
  }
  // (the UI's first render in a task of its own, not after the read's last slice)
  void Promise.all([PageReader.read(document.body ?? document.documentElement, host, readHints(document)), messages]).then(([reader]) =>
    setTimeout(() => startUi(reader, host, shadow, container, null), 0),
  );
}

/** How long the UI waits for the background's messages before it asks the browser for them itself (ms). */
const CATALOGUE_WAIT_MS = 300;

/** Asks the background for the messages and hands them to t(); settles when they are in, or after CATALOGUE_WAIT_MS. */
function askCatalogue(): Promise<unknown> {
  const message: CatalogueAsk = { type: I18N_CATALOGUE };
  const answer = askBackground<Catalogue>(message).then(useCatalogue, () => undefined);
  return Promise.race([answer, new Promise((ok) => setTimeout(ok, CATALOGUE_WAIT_MS))]);
}

function startUi(reader: PageReader, host: HTMLElement, shadow: ShadowRoot, container: HTMLElement, surfaceUrl: string | null): void {
  mark('regdraft:mount');
  keepHost(host);
  const docUrl = surfaceUrl ?? location.href;
  let flashKey = 0;
  let toastKey = 0;
  let toastTimer: ReturnType<typeof setTimeout> | undefined;
  let returnFocus: HTMLElement | null = null;
  /** The banner: open unless the reader folded it (remembered); `pinned` once toggled on this page. */
  let banner = { preferred: true, pinned: false };
  /** The passage the selection covers, while the "add a note" button shows. */
  let selected: { index: number; start: number; end: number } | null = null;

  const notes = new PageNotes(reader.outline);
  const highlights = new Highlights();
  const state: UiState = {
    outline: reader.outline,
    expanded: true,
    hover: null,
    editor: null,
    selection: null,
    chips: [],
    view: viewBand(),
    notes,
    toast: null,
    flash: null,
    announce: '',
    versions: { offer: null, marks: [] },
  };
  /** The articles changed or added since the earlier version (placed by layoutNotes). */
  let changed: PageMark[] = [];
  let versionsTimer: ReturnType<typeof setTimeout> | undefined;
  /** Asks the background what this page's versions are: the new-version offer, or the articles to mark. */
  const askVersions = () => {
    const o = reader.outline;
    if (!notes.documentId || !o.articles.length) return;
    askPageVersions((m) => browser.runtime.sendMessage(m), notes.documentId, o.title, o.articles)
      .then((v) => {
        if (!v) return;
        state.versions.offer = v.offer;
        changed = v.marks;
        layoutNotes();
      })
      .catch(() => undefined);
  };

  const editorAt = (index: number, id: string, passage: PassageRef | null, anchor?: DocRect): EditorState => {
    const article = notes.get(id)?.note.article ?? describeArticle(reader.outline.articles[index]!);
    const el = reader.articleElements(index)[0];
    const r = anchor ?? (el ? docRect(el) : { top: window.scrollY + 80, left: window.scrollX + 40, width: 0, height: 0 });
    const right = window.scrollX + window.innerWidth;
    const beside = r.left + r.width + 12;
    const left = anchor ? Math.min(r.left, right - EDITOR_WIDTH - 12) : beside + EDITOR_WIDTH <= right - 8 ? beside : right - EDITOR_WIDTH - 12;
    // below the selection, or above it when the window has no room below, so that the quoted text stays in
    // sight (an article note: beside the article); within the window either way (about EDITOR_HEIGHT tall)
    const viewTop = window.scrollY + 8;
    const viewBottom = window.scrollY + window.innerHeight - EDITOR_HEIGHT;
    const below = anchor ? r.top + r.height + 8 : r.top;
    const above = anchor ? r.top - EDITOR_HEIGHT - 8 : below;
    const wanted = below <= viewBottom || above < viewTop ? below : above;
    const top = Math.max(viewTop, Math.min(wanted, viewBottom));
    return { index, id, article, passage, top, left: Math.max(8, left) };
  };
  const toast = (text: string, undoId: string | null = null) => {
    state.toast = { text, undoId, key: ++toastKey };
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => {
      state.toast = null;
      draw();
    }, TOAST_MS);
  };

  const actions: UiActions = {
    toggle() {
      state.expanded = !state.expanded;
      banner = { preferred: state.expanded, pinned: true };
      void browser.storage.local.set({ [EXPANDED_KEY]: state.expanded }).catch(() => undefined);
      draw();
    },
    newNote(index: number) {
      if (!reader.outline.articles[index] || askFirst()) return;
      rememberFocus();
      focusEditor = true;
      void notes.refreshTags();
      state.editor = editorAt(index, uuid(), null);
      state.hover = null;
      draw();
    },
    openNote(id: string) {
      const p = notes.get(id);
      if (!p) return;
      rememberFocus();
      focusEditor = true;
      void notes.refreshTags();
      state.editor = editorAt(p.anchor.articleIndex, id, null);
      state.hover = null;
      draw();
    },
    closeEditor() {
      state.editor = null;
      frame.hide();
      draw();
      returnFocus?.focus?.();
      returnFocus = null;
    },
    noteFromSelection() {
      const s = selected;
      const article = s && reader.outline.articles[s.index];
      if (!s || !article || askFirst()) return;
      const sel = document.getSelection();
      const rect = sel && sel.rangeCount ? docRectOf(sel.getRangeAt(0).getBoundingClientRect()) : undefined;
      rememberFocus();
      focusEditor = true;
      void notes.refreshTags();
      state.editor = editorAt(s.index, uuid(), describePassage(article.text, s.start, s.end), rect);
      state.selection = null;
      draw();
    },
    deleteNote(id: string) {
      const label = notes.get(id)?.note.article.label ?? '';
      actions.closeEditor();
      notes
        .remove(id)
        .then(() => {
          toast(t('toastDeleted', label), id);
          draw();
        })
        .catch((e: unknown) => {
          toast(t('deleteFailed', errorWords((e as { code?: string }).code)));
          draw();
        });
    },
    undoDelete(id: string) {
      notes
        .restore(id)
        .then(() => toast(t('toastRestored')))
        .catch((e: unknown) => toast(t('restoreFailed', errorWords((e as { code?: string }).code))))
        .finally(draw);
    },
    dismissToast() {
      clearTimeout(toastTimer);
      state.toast = null;
      draw();
    },
    versionAnswer(yes: boolean) {
      const offer = state.versions.offer;
      if (!offer || !notes.documentId) return;
      state.versions.offer = null;
      draw();
      // a link made tells every tab (versions:changed): this page then asks for its marks
      browser.runtime
        .sendMessage({ type: yes ? 'versions:link' : 'versions:decline', from: offer.from, to: notes.documentId })
        .then((r: { ok: boolean }) => {
          if (!r?.ok) throw r;
          if (yes) toast(t('vpageLinked'));
        })
        .catch(() => {
          state.versions.offer = offer; // asked again; a failed "不是" is simply asked again
          if (yes) toast(t('vpageLinkFailed'));
        })
        .finally(draw);
    },
    versionShow(index: number) {
      browser.runtime
        .sendMessage({ type: 'versions:show', index })
        .then((r: { value?: boolean }) => {
          if (r?.value) return;
          toast(t('vpageOpenPanel'));
          draw();
        })
        .catch(() => undefined);
    },
  };
  /** While the same-title question is open, no note is made here: the banner shows the question instead. */
  function askFirst(): boolean {
    if (!notes.ask) return false;
    state.expanded = true;
    say(t('controlAnswerFirst'));
    return true;
  }
  function rememberFocus() {
    if (state.editor) return;
    // focus inside our closed root shows as the host: remember the control itself (a marker, a button)
    const active = document.activeElement === host ? shadow.activeElement : document.activeElement;
    returnFocus = (active as HTMLElement | null) ?? null;
  }
  /** The note editor's frame (made when first needed); what it asks for, it asks over its private channel. */
  let focusEditor = false;
  const frame = new NoteFrame(shadow, (m: FromFrame) => {
    if (m.type === 'close') actions.closeEditor();
    else if (m.type === 'open') actions.openNote(m.id);
    else if (m.type === 'new') {
      if (state.editor) actions.newNote(state.editor.index);
    } else if (m.type === 'delete') {
      drafts.delete(m.id);
      actions.deleteNote(m.id);
    } else if (m.type === 'saved') {
      const held = drafts.get(m.note.id);
      if (held && sameText(held, m.note)) drafts.delete(m.note.id);
      notes.upsert(m.note);
    } else if (m.type === 'draft') drafts.set(m.note.id, m.note);
  });
  /**
   * The newest unsaved text of each note the frame edits. A closing tab gives the frame no time to write (its
   * messages are dropped), so the content script writes what it holds on `pagehide`; the background refuses it
   * if the note changed meanwhile (the draft carries its base revision), so nothing newer is overwritten.
   */
  const drafts = new Map<string, DraftNote>();
  const sameText = (a: DraftNote, b: DraftNote) =>
    a.suggestion === b.suggestion && a.reason === b.reason && a.comment === b.comment && a.stance === b.stance && a.tags.join('\n') === b.tags.join('\n');
  window.addEventListener('pagehide', () => {
    for (const note of drafts.values()) void request({ type: 'note:save', note }).catch(() => undefined);
    drafts.clear();
  });
  const frameEditor = (editor: EditorState): FrameEditor => {
    const placed = notes.get(editor.id);
    return {
      id: editor.id,
      documentId: notes.documentId,
      error: notes.error,
      label: reader.outline.articles[editor.index]?.label ?? editor.article.label,
      article: editor.article,
      passage: editor.passage,
      stored: placed?.note ?? null,
      status: placed && placed.anchor.status !== 'exact' ? anchorLabel(placed.anchor.status) : null,
      siblings: (notes.byArticle.get(editor.index) ?? []).map((p) => ({ id: p.note.id, label: stanceLabel(p.note.stance) })),
      tags: notes.tags,
    };
  };
  /**
   * The editor's frame is made when the reviewer first reaches for the extension's controls on a draft (points at
   * or tabs to ＋笔记, a marker, the selection's button, the banner), in a task of its own; otherwise when the first
   * note opens. Making a child frame is the browser's work, one task of 50-90 ms at 4x CPU throttling that nothing
   * can slice: made at every draft's load it was the page's longest task from the extension, on pages where the
   * reviewer may never write a note.
   */
  let frameWanted = false;
  const warmFrame = () => {
    if (frameWanted || !isDraft(reader.outline)) return;
    frameWanted = true;
    setTimeout(() => frame.preload(), 0);
  };
  const draw = () => {
    renderUi(container, shadow, state, actions);
    if (state.editor) {
      frame.show(frameEditor(state.editor), state.editor.top, state.editor.left, focusEditor);
      focusEditor = false;
    } else frame.hide();
  };
  draw();
  mark('regdraft:ready');
  measure('regdraft:ready', 'regdraft:start', 'regdraft:ready');

  /** Where each article's marker goes (document coordinates), measured once per layout of the page. */
  let chipAt = new Map<number, { top: number; left: number; side: 'left' | 'right' }>();
  const forgetPositions = () => (chipAt = new Map());
  /** Some passage met stale text nodes and waits for the reader's next read. */
  let marksPending = false;

  let paintTimer: ReturnType<typeof setTimeout> | undefined;
  /** The page's notes were shown once (their time measured). */
  let shownMeasured = false;
  /**
   * Measures where the markers of the noted articles go (kept in chipAt until the page reflows) until `deadline`;
   * true once every one is known.
   */
  const measureChips = (deadline: number): boolean => {
    let n = 0;
    for (const index of notes.byArticle.keys()) {
      if (chipAt.has(index)) continue;
      if ((++n & 7) === 0 && performance.now() > deadline) return false;
      const el = reader.articleElements(index)[0];
      if (!el) continue;
      const r = docRect(el);
      // in the left margin, where "＋笔记" shows (the banner's corner, top right, stays clear); on a page
      // without a margin, at the right edge of the text
      const margin = r.left - window.scrollX >= CHIP_MARGIN;
      chipAt.set(
        index,
        margin
          ? { top: r.top, left: r.left - 6, side: 'left' as const }
          : { top: r.top, left: Math.min(r.left + r.width + 6, window.scrollX + window.innerWidth - 96), side: 'right' as const },
      );
    }
    return true;
  };
  let measureTimer: ReturnType<typeof setTimeout> | undefined;
  /** Main-thread time of the measuring slices after the first (the first is in the notes' own task). */
  let measureWork = 0;
  /**
   * Places a marker beside every article with notes, then highlights the passages. The markers' places are measured
   * in slices of at most SLICE_MS, the page's own tasks between them (300 notes' articles measured in one go were
   * 20 ms of a 55 ms task at 4x throttling), and drawn once all are known.
   */
  const layoutNotes = () => {
    clearTimeout(measureTimer);
    measureTimer = undefined;
    if (!measureChips(performance.now() + SLICE_MS)) {
      measureTimer = setTimeout(() => {
        const s = performance.now();
        layoutNotes();
        measureWork += performance.now() - s;
      }, 0);
      return;
    }
    const articles = reader.outline.articles;
    state.chips = [];
    for (const [index, list] of notes.byArticle) {
      const at = chipAt.get(index);
      if (at) state.chips.push({ index, notes: list, ...at });
    }
    // the versions' markers: at the right edge of the text (below a note marker there)
    state.versions.marks = [];
    for (const m of changed) {
      const el = reader.articleElements(m.index)[0];
      if (!el) continue;
      const r = docRect(el);
      const top = r.top + (chipAt.get(m.index)?.side === 'right' ? 24 : 0);
      state.versions.marks.push({ ...m, top, left: Math.min(r.left + r.width + 6, window.scrollX + window.innerWidth - 72) });
    }
    const specs: HighlightSpec[] = [];
    for (const p of notes.placed) {
      const { articleIndex, passage } = p.anchor;
      const article = articles[articleIndex];
      if (!passage || !article) continue;
      specs.push({
        id: p.note.id,
        key: `${articleIndex}:${passage.start}:${passage.end}`,
        ranges: () => passageToRanges(reader.blocks, article, passage.start, passage.end),
      });
    }
    // an open editor follows its note's article (the page may have changed under it; the editor stays open)
    const placed = state.editor && notes.get(state.editor.id);
    if (state.editor && placed && placed.anchor.articleIndex !== state.editor.index) {
      state.editor = { ...state.editor, index: placed.anchor.articleIndex };
    }
    draw();
    // the passages in slices, with the page's own tasks between them; the first painting from the next task on (a
    // passage's first mapping is cold code: not in the task that placed and drew the page's notes), later ones at once
    if (shownMeasured) paintHighlights(specs);
    else {
      clearTimeout(paintTimer);
      paintTimer = setTimeout(() => paintHighlights(specs), 0);
    }
  };
  /** Main-thread time of the highlight slices. */
  let paintWork = 0;
  /**
   * Marks passages in slices of half SLICE_MS: the marks' changes reach the reader's MutationObserver at the end of
   * the same task, and noting them took about as long again (a 50.8 ms task at 4x throttling on 2026-12-04: 13 ms of
   * marks, 16 ms of the observer's callback, a 21 ms scavenge).
   */
  const paintHighlights = (specs: HighlightSpec[]) => {
    clearTimeout(paintTimer);
    paintTimer = undefined;
    const s = performance.now();
    const missing = highlights.syncSome(specs, s + SLICE_MS / 2);
    paintWork += performance.now() - s;
    if (missing === null) {
      paintTimer = setTimeout(() => paintHighlights(specs), 0);
      return;
    }
    // the marks split text nodes: the reader's observer re-reads those blocks (same text, fresh nodes) in its
    // own task after the debounce; a passage whose nodes were stale is marked once that is done (onRead)
    marksPending = missing > 0;
    // (once the notes' own task is done: its time is known then)
    queueMicrotask(notesDrawn);
  };
  // the first drawing of the page's notes (the background's answer to the open) says how long that took
  const notesDrawn = () => {
    mark('regdraft:notes');
    if (shownMeasured) return;
    shownMeasured = true;
    work('regdraft:notes-work', notes.taken.at, notes.taken.work + measureWork + paintWork);
    measure('regdraft:notes-shown', 'regdraft:start', 'regdraft:notes');
  };
  notes.onChange(layoutNotes);
  // the versions are asked once the document is open (or the same-title question answered), and again with its
  // first note (the background then keeps this reviewed draft's text for a later version to compare with)
  let versionsAsked = '';
  notes.onChange(() => {
    const key = `${notes.documentId}${notes.notes.length > 0}`;
    if (notes.documentId && key !== versionsAsked) {
      versionsAsked = key;
      setTimeout(askVersions, 0); // in a task of its own, not the notes' one
    }
  });

  // after ready: the notes, preferences, observers, messages
  // (in a task of its own, after the UI's first render)
  setTimeout(() => {
    void notes.open(docUrl);
  }, 0);
  // the preferences in a task of their own too (the first use of the storage API builds its bindings)
  setTimeout(readPreferences, 0);
  function readPreferences(): void {
    // the marks above reach the page's timeline only when the benchmark asks (page/timeline.ts)
    void browser.storage.local
      .get(TIMELINE_KEY)
      .then((v) => v[TIMELINE_KEY] === true && showTimeline())
      .catch(() => undefined);
    void browser.storage.local
      .get(EXPANDED_KEY)
      .then((v) => {
        if (v[EXPANDED_KEY] === false && !banner.pinned) {
          banner.preferred = false;
          if (state.expanded) {
            state.expanded = false;
            draw();
          }
        }
      })
      .catch(() => undefined);
  }

  const tell = () => void broadcast({ type: 'outline:changed', count: reader.outline.articles.length });
  setTimeout(tell, 0);
  reader.onChange(() => {
    state.outline = reader.outline;
    forgetPositions();
    if (state.hover && !reader.outline.articles[state.hover.index]) state.hover = null;
    // a new note's editor (not stored yet) finds its article again; its text is never lost, found or not
    const ed = state.editor;
    if (ed && !notes.get(ed.id)) state.editor = { ...ed, index: notes.locate(ed.article, ed.passage, reader.outline) };
    notes.setOutline(reader.outline); // places the notes again and redraws
    tell();
    clearTimeout(versionsTimer);
    versionsTimer = setTimeout(askVersions, 1000);
  });
  // a notice page's attachments (.pdf, .docx …) open in the file reader page; links the page adds later (a list
  // loaded by script) get theirs at the next look, at most one look a second
  let fileLook: ReturnType<typeof setTimeout> | null = null;
  reader.onRead(() => {
    // a passage waiting for fresh nodes, or highlights the page threw away (an article re-rendered)
    if (marksPending || highlights.stale()) layoutNotes();
    if (surfaceUrl === null && fileLook === null) {
      fileLook = setTimeout(() => {
        fileLook = null;
        addFileButtons(document, location.href);
      }, 1000);
    }
  });
  reader.observe();
  if (surfaceUrl === null) setTimeout(() => addFileButtons(document, location.href), 0);

  const onPointer = (e: Event) => {
    if (!e.isTrusted) return;
    const target = e.target as Node | null;
    if (!target) return;
    if (target === host) {
      // our own UI: keep the button where it is; the reviewer may be about to write a note
      warmFrame();
      return;
    }
    const hit = reader.articleAt(target);
    if (hit < 0) {
      if (state.hover) {
        state.hover = null;
        draw();
      }
      return;
    }
    const el = hoveredBlock(reader.articleElements(hit), target);
    const r = docRect(el);
    const pos = { index: hit, top: r.top, left: Math.max(4, r.left - 62) };
    if (state.hover?.index === pos.index && state.hover.top === pos.top) return;
    state.hover = pos;
    draw();
  };
  document.addEventListener('mouseover', onPointer, { passive: true });
  document.addEventListener('focusin', onPointer, { passive: true });

  // a selection inside one article offers "add a note"
  let selTimer: ReturnType<typeof setTimeout> | undefined;
  const onSelection = () => {
    clearTimeout(selTimer);
    selTimer = setTimeout(() => {
      const next = readSelection(reader, host);
      selected = next?.passage ?? null;
      const pos = next ? { top: next.rect.top + next.rect.height + 6, left: next.rect.left + next.rect.width - 20 } : null;
      if (pos?.top === state.selection?.top && pos?.left === state.selection?.left) return;
      state.selection = pos;
      draw();
    }, SELECTION_DELAY_MS);
  };
  document.addEventListener('selectionchange', onSelection);

  // a click on a highlight opens its note (the reviewer's click only: a page script's click acts for nobody)
  document.addEventListener('click', (e) => {
    if (!e.isTrusted) return;
    const id = highlights.noteAt(e.target as Node);
    if (id && document.getSelection()?.isCollapsed !== false) actions.openNote(id);
  });

  // markers are drawn for a band of a few screens around the view, so a 1000-note page draws a few dozen
  let scrollFrame = 0;
  window.addEventListener(
    'scroll',
    () => {
      cancelAnimationFrame(scrollFrame);
      scrollFrame = requestAnimationFrame(() => {
        // the open banner folds away once the reader is into the text, and opens again back at the top,
        // until the reader opens or folds it by hand
        const expanded = banner.pinned || !banner.preferred ? state.expanded : window.scrollY < window.innerHeight * BANNER_FOLD_AT;
        const band = viewBand();
        if (band.top === state.view.top && expanded === state.expanded) return;
        const redraw = expanded !== state.expanded || state.chips.length > 0 || changed.length > 0;
        state.view = band;
        state.expanded = expanded;
        if (redraw) draw();
      });
    },
    { passive: true },
  );

  // the page reflowed (window resized, fonts or images loaded): measure the markers' places again
  let resizeFrame = 0;
  let firstResize = true;
  new ResizeObserver(() => {
    if (firstResize) return void (firstResize = false); // the observer's first call only reports the size
    cancelAnimationFrame(resizeFrame);
    resizeFrame = requestAnimationFrame(() => {
      forgetPositions();
      if (notes.byArticle.size || changed.length) layoutNotes();
    });
  }).observe(document.body ?? document.documentElement);


  const showNote = (id: string, edit: boolean, focusChip = false): boolean => {
    const p = notes.get(id);
    if (!p) return false;
    const marks = highlights.marksOf(id);
    const els = marks.length ? marks : reader.articleElements(p.anchor.articleIndex);
    if (els.length) {
      els[0]!.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
      state.flash = { rect: unionRect(els), key: ++flashKey };
      state.view = viewBand();
    }
    if (edit) actions.openNote(id);
    else draw();
    if (focusChip && !edit) {
      const label = reader.outline.articles[p.anchor.articleIndex]?.label;
      if (label) shadow.querySelector<HTMLElement>(`[data-chip="${label}"]`)?.focus();
    }
    return els.length > 0;
  };

  /** The notes in page order, and the one the keyboard last stepped to. */
  let cursor: string | null = null;
  const stepNote = (dir: 1 | -1) => {
    const order = notes.placed
      .filter((p) => p.anchor.articleIndex >= 0)
      .sort((a, b) => a.anchor.articleIndex - b.anchor.articleIndex || (a.anchor.passage?.start ?? -1) - (b.anchor.passage?.start ?? -1));
    if (!order.length) {
      say(t('announceNoNotes'));
      return;
    }
    let at = cursor === null ? -1 : order.findIndex((p) => p.note.id === cursor);
    if (at < 0) {
      // from the view: the first note below its top (next), or the last above it (previous)
      const top = window.scrollY + 1;
      const tops = order.map((p) => chipAt.get(p.anchor.articleIndex)?.top ?? docRect(reader.articleElements(p.anchor.articleIndex)[0]!).top);
      at = dir > 0 ? tops.findIndex((y) => y >= top) - 1 : tops.findIndex((y) => y >= top);
      if (dir < 0 && at < 0) at = order.length;
    }
    const next = order[(at + dir + order.length) % order.length]!;
    cursor = next.note.id;
    showNote(next.note.id, false, true);
    say(t('announceNoteStep', next.note.article.label, order.indexOf(next) + 1, order.length, stanceLabel(next.note.stance)));
  };
  const say = (text: string) => {
    state.announce = text;
    draw();
  };

  /** The article at the top of the view: the first whose first block reaches below the view's top. */
  const articleInView = (): number => {
    const articles = reader.outline.articles;
    let lo = 0;
    let hi = articles.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const el = reader.articleElements(mid).at(-1);
      if (!el) return -1;
      if (el.getBoundingClientRect().bottom > 40) {
        found = mid;
        hi = mid - 1;
      } else lo = mid + 1;
    }
    return found;
  };

  const runPageCommand = (command: 'add-note' | 'next-note' | 'prev-note') => {
    if (command === 'next-note' || command === 'prev-note') return stepNote(command === 'next-note' ? 1 : -1);
    const sel = readSelection(reader, host);
    if (sel) {
      selected = sel.passage;
      actions.noteFromSelection();
      return;
    }
    const index = articleInView();
    if (index >= 0) actions.newNote(index);
    else say(t('announceNoArticle'));
  };

  const textParts = new TextPartsServer();
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (!fromThisExtension(sender)) return false;
    if (isDocUpdated(message)) {
      notes.setDocument(message.document); // a correction in the side panel: the banner shows it
      return false;
    }
    if ((message as { type?: unknown }).type === VERSIONS_CHANGED) askVersions();
    if (!isPageMessage(message)) return false;
    switch (message.type) {
      case 'outline:get': {
        // what the page's changes left to read is read first, in slices (never in one long task), then answered
        // (with the outline as it stands should that read fail)
        void reader
          .settle()
          .catch(() => undefined)
          .then(() => {
            const state: Omit<PageState, 'outline'> = { url: docUrl, documentId: notes.documentId };
            // the side panel's first cards, from the notes this page holds (none in the bin; in the order saved, so
            // the first by article are picked), so that the panel need not read the database first
            if (message.notes && notes.documentId) state.notes = { notes: firstByArticle(notes.notes, message.notes), count: notes.notes.length };
            // the panel's ask: its long texts in parts, each sent in a task of its own (shared/page-state.ts)
            const reply: PageState | PackedPageState = message.packed
              ? textParts.answer({ ...state, outline: packOutline(reader.outline) })
              : { ...state, outline: reader.outline };
            sendResponse(reply);
          });
        return true;
      }
      case 'outline:texts':
        sendResponse(textParts.part(message.key, message.part));
        return false;
      case 'article:jump':
      case 'article:note': {
        const els = reader.articleElements(message.index);
        if (!els.length) {
          sendResponse(false);
          return false;
        }
        els[0]!.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
        state.flash = { rect: unionRect(els), key: ++flashKey };
        if (message.type === 'article:note') actions.newNote(message.index);
        else draw();
        sendResponse(true);
        return false;
      }
      case 'note:show':
        sendResponse(showNote(message.id, message.edit));
        return false;
      case 'page:command':
        runPageCommand(message.command);
        sendResponse(true);
        return false;
      case 'notes:changed':
        // the tag list is fetched again only when a tag changed ('*') or an editor needs it
        if (!notes.documentId || (message.documentId !== notes.documentId && message.documentId !== '*')) return false;
        if (message.note && message.note.documentId === notes.documentId) {
          notes.upsert(message.note);
          if (state.editor?.id !== message.note.id) state.announce = t('announceNoteChanged', message.note.article.label);
        } else void notes.refresh(message.documentId === '*' || state.editor !== null);
        return false;
      default:
        return false;
    }
  });
}

/** Puts the host back when the page removes it (or replaces its whole <html>). */
function keepHost(host: HTMLElement): void {
  // (a page that keeps removing it is not fought forever: at most 20 returns a minute)
  let returns: number[] = [];
  const watch = new MutationObserver(() => {
    const top = document.documentElement;
    if (!top) return;
    const now = Date.now();
    returns = returns.filter((t) => now - t < 60_000);
    if (!host.isConnected && returns.length < 20) {
      returns.push(now);
      top.appendChild(host);
    }
    watch.observe(top, { childList: true });
  });
  watch.observe(document, { childList: true });
  if (document.documentElement) watch.observe(document.documentElement, { childList: true });
}

/** A host element on <html> (outside the body the reader walks) with a closed shadow root. */
function createHost(): { host: HTMLElement; shadow: ShadowRoot; container: HTMLElement } {
  const host = document.createElement('regdraft-ui');
  host.style.cssText = 'all:initial;position:absolute;top:0;left:0;width:0;height:0;z-index:2147483647';
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = css + noticeCss;
  const container = document.createElement('div');
  shadow.append(style, container);
  document.documentElement.appendChild(host);
  return { host, shadow, container };
}

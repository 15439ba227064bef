import { reparseAround } from '../regulation/incremental';
import { withItemUnits } from '../regulation/items';
import { emptyOutline, parseDraft, parseOutlineInSteps } from '../regulation/outline';
import { applyNoticeFields, type NoticeReader } from '../regulation/notice-fields';
import type { Outline, PageHints, Paragraph } from '../regulation/types';
import { remoteNotice } from './notice';
import type { Block } from './blocks';
import { LiveBlocks, type BlockEdit } from './live-blocks';
import { mark, repeated, work } from './timeline';
import { nextFrame, nextTask } from './next-frame';

/** How long the page must be quiet before a batch of mutations is read (ms). */
export const MUTATION_DEBOUNCE_MS = 150;
/**
 * The longest a change waits before its re-read starts, however busy the page (ms): 50 ms short of the 500 ms in which
 * a change must have been read, left for the timer firing late on a busy page and for the re-read's own slices (the
 * benchmark's ticker saw 500 + 9 ms when the wait was 500).
 */
export const MUTATION_MAX_WAIT_MS = 450;
/** The longest slice of reading work run in one task (ms): well below a 50 ms long task, even 4x slower. */
export const SLICE_MS = 8;

/**
 * The page as the extension reads it: its blocks, the outline parsed from them, and where each article
 * stands in the DOM. Follows the page as it changes (MutationObserver; a re-read after 150 ms of quiet, or
 * 450 ms after the first change at the latest), re-parsing only the neighbourhood of a change, and follows
 * a new <body> when the page replaces it. Calls `onChange` after each re-parse that changed the outline.
 */
export class PageReader {
  live: LiveBlocks;
  outline: Outline;
  private observer: MutationObserver | null = null;
  private topObserver: MutationObserver | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstChangeAt = 0;
  /** When the re-read scheduled now is due (performance.now() time). */
  private dueAt = 0;
  /** Re-reads after a change in slices (a page read by PageReader.read), not at once. */
  private readonly sliced: boolean;
  /** A sliced re-read is going on (flushInSlices). */
  private slicing = false;
  private listeners: Array<() => void> = [];
  private readListeners: Array<() => void> = [];

  /**
   * Reads `root` now (the whole page in one go), or, with `sliced`, only as `PageReader.read` goes on; a text
   * surface (`read`) is always read at once.
   */
  constructor(
    private root: Element,
    private readonly ownUi: Element | null,
    private readonly hints: PageHints,
    sliced = false,
    /** A text surface's own reading (page/surface.ts): the surface is read at once, never in slices. */
    read: ((root: Element, skip: Element | null) => Block[]) | null = null,
    /** Who reads the notice's fields: the background (page/notice.ts), or the parser itself (tests). */
    private readonly notice: NoticeReader = remoteNotice(),
  ) {
    this.sliced = sliced && !read;
    this.live = new LiveBlocks(root, ownUi, this.sliced, read);
    // a draft numbered only by items (一、（一）1.): its items are the units notes attach to
    this.outline = sliced && !read ? emptyOutline() : withItemUnits(this.parse(this.live.blocks));
    if (!sliced || read) mark('regdraft:blocks');
  }

  /**
   * Reads the page in slices of at most SLICE_MS, yielding to the page between them (its own scripts and
   * input run in between), and resolves with the reader once the outline is complete. The page's changes
   * meanwhile are followed (observed from the start, read once the first read is done).
   */
  static async read(root: Element, ownUi: Element | null, hints: PageHints, notice?: NoticeReader): Promise<PageReader> {
    // nothing is read in the task that evaluated the content script (its compile is already a long piece), and
    // the page's pending layout is its own (the reader's first look at a box would force it)
    await nextFrame();
    const t0 = performance.now();
    let busy = 0; // main-thread time of the slices, without the page's turns between them
    const reader = new PageReader(root, ownUi, hints, true, null, notice);
    reader.observe();
    for (;;) {
      const s = performance.now();
      const done = reader.live.readSome(s + SLICE_MS);
      busy += performance.now() - s;
      if (done) break;
      await nextTask();
    }
    mark('regdraft:blocks');
    // the parse starts in a task of its own, not after the read's last slice
    await nextTask();
    const step = parseOutlineInSteps(reader.live.blocks, hints, reader.notice.step);
    for (;;) {
      const s = performance.now();
      let done = step();
      while (!done && performance.now() < s + SLICE_MS) done = step();
      busy += performance.now() - s;
      if (done) {
        reader.outline = withItemUnits(done);
        break;
      }
      await nextTask();
    }
    mark('regdraft:parsed');
    work('regdraft:read-work', t0, busy);
    await reader.noticeRead();
    if (reader.live.pending) reader.schedule();
    return reader;
  }

  /** The outline of `blocks`, its notice fields filled when already known (else noticeRead() gets them). */
  private parse(blocks: ReadonlyArray<Paragraph>): Outline {
    return parseDraft(blocks, this.hints, this.notice.step);
  }

  /**
   * Waits for the notice fields of the outline's text (one message to the background on a page read for the
   * first time, none when the notice is unchanged): the outline then has its title, deadline and channels.
   * Resolves true when they changed the outline.
   */
  async noticeRead(): Promise<boolean> {
    const fields = await this.notice.settle();
    if (!fields) return false;
    applyNoticeFields(this.outline, fields);
    return true;
  }

  /** After a re-parse: the notice's fields, when they had to be asked for, arrive as one more change. */
  private noticeLater(): void {
    void this.noticeRead().then((got) => got && this.changed());
  }

  get blocks(): Block[] {
    return this.live.blocks;
  }

  /** The element whose text is read (the body; a new one when the page replaced it). */
  get rootElement(): Element {
    return this.root;
  }

  /** Starts following the page's changes. */
  observe(): void {
    if (this.observer) return;
    this.observer = new MutationObserver((records) => {
      this.live.note(records);
      if (this.live.pending) this.schedule();
    });
    this.observer.observe(this.root, { childList: true, subtree: true, characterData: true });
    // a page that swaps its <body> (or its whole <html>) for a new one: read the new one (a text surface, e.g. a
    // file's text layer, is its own element and is not followed)
    const doc = this.root.ownerDocument;
    if (this.root !== doc.body && this.root !== doc.documentElement) return;
    this.topObserver = new MutationObserver(() => this.followRoot());
    this.topObserver.observe(this.root.ownerDocument, { childList: true });
    if (this.root.ownerDocument.documentElement) this.topObserver.observe(this.root.ownerDocument.documentElement, { childList: true });
  }

  /**
   * Reads the pending changes after 150 ms of quiet, or 450 ms after the first of them (at `since`, when that was
   * noted earlier than now).
   */
  private schedule(since?: number): void {
    const now = performance.now();
    if (!this.timer) this.firstChangeAt = since ?? now;
    const due = Math.min(now + MUTATION_DEBOUNCE_MS, this.firstChangeAt + MUTATION_MAX_WAIT_MS);
    if (this.timer) {
      // a re-read already due no later stays as it is: set afresh on every change, a page that changes faster than
      // a timer fires (a 1 ms ticker) put it off for ever once it was due at the latest time
      if (due <= this.dueAt) return;
      clearTimeout(this.timer);
    }
    this.dueAt = due;
    this.timer = setTimeout(() => (this.sliced ? void this.flushInSlices() : this.flush()), Math.max(0, due - now));
  }

  /**
   * Reads the pending mutations now, at once (tests call this instead of waiting for the debounce); a re-read going
   * on in slices is finished first.
   */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.live.ready) return;
    if (this.observer) this.live.note(this.observer.takeRecords());
    if (!this.live.pending && !this.live.rereading) return;
    const started = performance.now();
    this.took(this.live.update());
    if (this.live.pending) this.took(this.live.update()); // changes noted while a sliced re-read went on
    if (repeated()) work('regdraft:reread', started, performance.now() - started);
  }

  /**
   * Reads what the page's changes left to read, in slices as the debounced re-read does (at once when the reader
   * is not sliced), then resolves: an answer about the outline (the side panel's or the popup's ask) waits for it
   * instead of reading it all in its own task (the paragraphs split by 96 highlights on the civil code page: one
   * 80 ms task, 23 ms of CPU, under load on the test machine). Bounded: a page that keeps changing gets at most
   * three re-reads or `maxMs` of waiting, and what is left is read on the usual schedule.
   */
  async settle(maxMs = 2 * MUTATION_MAX_WAIT_MS): Promise<void> {
    if (!this.sliced) return this.flush();
    const end = performance.now() + maxMs;
    for (let rounds = 0; rounds < 3 && performance.now() < end; ) {
      if (!this.live.ready || !this.observer) return; // the first read answers with what it has read so far
      if (this.slicing) {
        await nextTask(); // a re-read under way: its slices go on meanwhile
        continue;
      }
      this.live.note(this.observer.takeRecords());
      if (!this.live.pending && !this.live.rereading) return;
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      rounds++;
      await this.flushInSlices();
      await nextTask();
    }
    // out of time: changes noted here without a re-read scheduled are read on the usual schedule
    if (this.live.pending && !this.timer && !this.slicing) this.schedule();
  }

  /**
   * The debounced re-read of a page read in slices: the changed subtrees are read in slices of at most SLICE_MS
   * with the page's own tasks between them (a few hundred paragraphs split by highlights took one 50 ms task at
   * 4x throttling), then put in place and parsed around at once. Changes noted meanwhile are read next.
   */
  private async flushInSlices(): Promise<void> {
    this.timer = null;
    const live = this.live;
    if (this.slicing || !live.ready) return; // the re-read under way schedules the next one when it ends
    const started = performance.now();
    if (this.observer) live.note(this.observer.takeRecords());
    // (a re-read left unfinished by a stopped reader goes on)
    if (!live.rereading && !live.beginUpdate()) return;
    let busy = performance.now() - started; // dropping the changed subtrees' blocks is the re-read's work too
    this.slicing = true;
    try {
      // a begin that took half a slice or more (many subtrees changed, 96 highlights' paragraphs: 17 ms at 4x) leaves
      // the reading to the next task, after the page's own
      if (busy >= SLICE_MS / 2) {
        await nextTask();
        if (live !== this.live || !this.observer || !live.rereading) return;
      }
      for (;;) {
        const s = performance.now();
        const done = live.updateSome(s + SLICE_MS);
        busy += performance.now() - s;
        if (done) break;
        await nextTask();
        // a new <body> followed, the reader stopped, or flush() finished this re-read meanwhile
        if (live !== this.live || !this.observer || !live.rereading) return;
      }
      const s = performance.now();
      this.took(live.finishUpdate());
      busy += performance.now() - s;
      if (repeated()) work('regdraft:reread', started, busy);
    } finally {
      this.slicing = false;
      // changes noted meanwhile (their timer found this re-read going on): read once their wait, counted from the
      // first of them, is over
      if (live === this.live && this.observer && live.pending) this.schedule(this.firstChangeAt);
    }
  }

  /** Takes a re-read's edit in: parses around it (or all again), tells of a changed outline, then of the read. */
  private took(edit: BlockEdit | null): void {
    if (edit?.textChanged) {
      const local = reparseAround(this.outline, this.live.blocks, edit);
      if (repeated()) mark(local ? 'regdraft:reparse-local' : 'regdraft:reparse-full');
      if (local) {
        this.outline = local.outline;
        if (local.changed) this.changed();
      } else {
        const before = signature(this.outline);
        this.outline = withItemUnits(this.parse(this.live.blocks));
        if (signature(this.outline) !== before) this.changed();
        this.noticeLater();
      }
    }
    for (const l of this.readListeners) l();
  }

  /** The page now shows another <body> than the one read: read it instead, and tell. */
  private followRoot(): void {
    const doc = this.root.ownerDocument;
    if (this.topObserver && doc.documentElement) this.topObserver.observe(doc.documentElement, { childList: true });
    const next = doc.body ?? doc.documentElement;
    if (!next || next === this.root) return;
    const observing = !!this.observer;
    this.disconnect();
    this.root = next;
    this.live = new LiveBlocks(next, this.ownUi);
    this.outline = withItemUnits(this.parse(this.live.blocks));
    if (observing) this.observe();
    this.changed();
    this.noticeLater();
    for (const l of this.readListeners) l();
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  /** Calls `listener` after each re-parse that changed the outline. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /**
   * Calls `listener` after each batch of page changes has been read, the text changed or not (nodes split by
   * highlights are fresh again: ranges can be mapped onto them).
   */
  onRead(listener: () => void): void {
    this.readListeners.push(listener);
  }

  disconnect(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.topObserver?.disconnect();
    this.topObserver = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * The index of the article that `node` belongs to, or -1. Finds the node's block by binary search over the
   * blocks (document order), then the article by binary search over the articles: nothing to rebuild when the
   * page changes. A block element shared by several articles (a <div> of <br>-separated lines) maps to none.
   */
  articleAt(node: Node | null): number {
    const blocks = this.blocks;
    const articles = this.outline.articles;
    if (!node || !blocks.length || !articles.length) return -1;
    // the block whose element holds `node`: the last block starting at or before it whose element contains it
    let lo = 0;
    let hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const first = blocks[mid]!.nodes[0]!;
      const pos = node.compareDocumentPosition(first);
      // first is node itself, inside it, or before it
      if (first === node || pos & (2 /* PRECEDING */ | 8 /* CONTAINS */ | 16 /* CONTAINED_BY */)) lo = mid + 1;
      else hi = mid;
    }
    for (let b = lo - 1; b >= 0 && b >= lo - 64; b--) {
      const el = blocks[b]!.element;
      if (el === this.root) return -1;
      if (!el.contains(node)) continue;
      const i = articleOfBlock(articles, b);
      if (i < 0) return -1;
      // all of the element's blocks must belong to the same article
      for (let c = b - 1; c >= 0 && blocks[c]!.element === el; c--) if (articleOfBlock(articles, c) !== i) return -1;
      for (let c = b + 1; c < blocks.length && blocks[c]!.element === el; c++) if (articleOfBlock(articles, c) !== i) return -1;
      return i;
    }
    return -1;
  }

  /** The block elements an article covers, in order (empty when the index is out of range). */
  articleElements(i: number): Element[] {
    const a = this.outline.articles[i];
    if (!a) return [];
    const out: Element[] = [];
    for (let p = a.paragraphs[0]; p < a.paragraphs[1]; p++) {
      const el = this.blocks[p]?.element;
      if (el && out[out.length - 1] !== el) out.push(el);
    }
    return out;
  }
}

/** The article whose paragraph range holds block `b`, or -1 (binary search; articles are in order). */
function articleOfBlock(articles: Outline['articles'], b: number): number {
  let lo = 0;
  let hi = articles.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (articles[mid]!.paragraphs[0] <= b) lo = mid + 1;
    else hi = mid;
  }
  const i = lo - 1;
  return i >= 0 && b < articles[i]!.paragraphs[1] ? i : -1;
}

/** What the user sees of an outline: changes to it are worth telling the UI about. */
function signature(o: Outline): string {
  let s = `${o.title}|${o.deadline}|${o.chapters.length}|${o.warnings.length}|`;
  for (const a of o.articles) s += `${a.label}${a.title ?? ''}${a.text.length};`;
  return s;
}

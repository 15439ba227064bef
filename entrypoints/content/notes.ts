import { quickAnchors } from '../../anchoring/quick';
import type { AnchorResult, ArticleRef, PassageRef } from '../../anchoring/types';
import { ANCHOR_PLACE, type AnchorPlace } from '../../shared/anchor-messages';
import type { Notice, Outline } from '../../regulation/types';
import { controlRequest } from '../../shared/control-messages';
import { ask, request } from '../../shared/messages';
import { mark } from '../../page/timeline';
import type { DocumentRecord, NoteRecord, SameTitleAsk, TagWithCount } from '../../storage';
import { nextFrame, nextTask } from '../../page/next-frame';

const UNPLACED: AnchorResult = { status: 'unplaced', articleIndex: -1, passage: null, score: 0 };

/** A note and where it sits in the page now. */
export interface PlacedNote {
  note: NoteRecord;
  anchor: AnchorResult;
}

/**
 * The notes of the page's draft as the content script knows them: fetched from the background (which owns
 * the database), re-anchored whenever the notes or the page change, and refreshed when any tab writes.
 */
export class PageNotes {
  documentId: string | null = null;
  /** The page's document as stored (its notice fields and the reviewer's corrections), once opened. */
  document: DocumentRecord | null = null;
  /** The question for the reviewer while only another site has a draft of this title; nothing is shown until answered. */
  ask: SameTitleAsk | null = null;
  private url = '';
  notes: NoteRecord[] = [];
  tags: TagWithCount[] = [];
  /** The notes whose place is known (a note the background still looks for is in none of these lists). */
  placed: PlacedNote[] = [];
  private byId = new Map<string, PlacedNote>();
  /** Placed notes by article index, in article order then oldest first. */
  byArticle = new Map<number, PlacedNote[]>();
  unplaced: PlacedNote[] = [];
  /** Why the notes could not be read ('closed', 'unreachable' …), or null. */
  error: string | null = null;
  private listeners: Array<() => void> = [];
  private version = 0;

  constructor(private outline: Outline) {}

  /**
   * Opens the page's document (creating it on first visit) and loads its notes and the tag list. When only
   * another site has a draft of this title, nothing is loaded: `ask` holds the question for the reviewer.
   */
  async open(url: string): Promise<void> {
    this.url = url;
    try {
      const opened = await request({ type: 'doc:open', url, title: this.outline.title, notice: this.notice() });
      if ('ask' in opened) {
        this.ask = opened.ask;
        this.emit();
        return;
      }
      // placing them in a task of its own: the answer's task has read the whole message (300 notes: a piece of work a
      // slow machine feels) and placing is another
      await nextTask();
      this.take(opened);
    } catch (e) {
      this.fail(e);
    }
  }

  /** The reviewer answered the same-title question: 'link' shows that draft's notes here, 'separate' starts another. */
  async answer(choice: 'link' | 'separate'): Promise<void> {
    const ask = this.ask;
    if (!ask) return;
    try {
      const opened = await controlRequest({
        type: 'doc:answer',
        url: this.url,
        title: this.outline.title,
        notice: this.notice(),
        documentId: ask.documentId,
        answer: choice,
      });
      this.ask = null;
      await nextTask();
      this.take(opened);
    } catch (e) {
      this.fail(e);
    }
  }

  /** The document's record changed (a correction in the side panel). */
  setDocument(document: DocumentRecord): void {
    if (document.id !== this.documentId) return;
    this.document = document;
    this.emit();
  }

  private notice(): Notice {
    const o = this.outline;
    return { title: o.title, issuer: o.issuer, published: o.published, deadline: o.deadline, channels: o.channels };
  }

  private take({ document, notes, tags }: { document: DocumentRecord; notes: NoteRecord[]; tags: TagWithCount[] }): void {
    this.documentId = document.id;
    this.document = document;
    this.tags = tags;
    this.set(notes, true);
  }

  /** Reloads the notes (another tab or the side panel wrote). Out-of-order answers are dropped. */
  async refresh(withTags = true): Promise<void> {
    if (!this.documentId) return;
    const v = ++this.version;
    try {
      const [notes, tags] = await Promise.all([
        request({ type: 'notes:list', documentId: this.documentId }),
        withTags ? request({ type: 'tags:list' }) : Promise.resolve(this.tags),
      ]);
      if (v !== this.version) return;
      this.tags = tags;
      this.set(notes);
    } catch (e) {
      this.fail(e);
    }
  }

  /** Reloads the tag list (for the editor's suggestions). */
  async refreshTags(): Promise<void> {
    try {
      this.tags = await request({ type: 'tags:list' });
      this.emit();
    } catch {
      // the editor keeps the tags it had
    }
  }

  /** The page's text changed: place every note again. */
  setOutline(outline: Outline): void {
    this.outline = outline;
    this.place();
    this.emit();
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** The note `id` and where it sits (while the background still looks for it: where it sat before, if anywhere). */
  get(id: string): PlacedNote | undefined {
    return this.byId.get(id);
  }

  /**
   * Where an article (and passage) stands in `outline` (the page as it is now): its index, or -1. Found as it was
   * (anchoring/quick.ts), else the first article with its number.
   */
  locate(article: ArticleRef, passage: PassageRef | null, outline: Outline = this.outline): number {
    const quick = quickAnchors([{ article, passage }], outline.articles)[0];
    return quick ? quick.articleIndex : outline.articles.findIndex((a) => a.number === article.number && a.sub === article.sub);
  }

  /** Moves a note to the bin (the background tells every tab); returns it for undo. */
  async remove(id: string): Promise<NoteRecord> {
    const note = await request({ type: 'note:delete', id });
    this.set(this.notes.filter((n) => n.id !== id));
    return note;
  }

  async restore(id: string): Promise<void> {
    const note = await request({ type: 'note:restore', id });
    this.upsert(note);
  }

  /** Takes in a note as stored (written here or told by the background); an older revision is ignored. */
  upsert(note: NoteRecord): void {
    const i = this.notes.findIndex((n) => n.id === note.id);
    if (i >= 0 && this.notes[i]!.revision >= note.revision) return;
    const next = this.notes.slice();
    if (note.deleted !== undefined) next.splice(i, i >= 0 ? 1 : 0);
    else if (i >= 0) next[i] = note;
    else next.push(note);
    this.set(next);
  }

  /** The last time the notes were taken in: when, and the main-thread time it took (placing, every listener). */
  taken = { at: 0, work: 0 };

  /**
   * Takes `notes` in: places them, then tells the listeners (which draw them). `later`: the listeners are told in a
   * task of their own after the page's next frame (opening the page's notes: placing 300 of them and drawing them
   * are each a piece of work a slow machine feels, and drawing measures the articles' boxes: after a frame the
   * browser has laid the page out itself, so the measuring forces no layout of a page still loading).
   */
  private set(notes: NoteRecord[], later = false): void {
    const at = performance.now();
    mark('regdraft:notes-received'); // the benchmark measures from here to 'regdraft:notes'
    this.notes = notes;
    this.error = null;
    this.place();
    const placing = performance.now() - at;
    const tell = () => {
      const s = performance.now();
      this.emit();
      this.taken = { at, work: placing + performance.now() - s };
    };
    // (at most 200 ms later: a tab in the background draws no frames)
    if (later) void nextFrame(200).then(tell);
    else tell();
  }

  private fail(e: unknown): void {
    this.error = (e as { code?: string }).code ?? 'internal';
    this.emit();
  }

  /** Counts placements: an answer from the background for an older one is dropped. */
  private placing = 0;

  /**
   * Places every note: those that stand where they were at once (anchoring/quick.ts); the others (a renumbered or
   * edited draft) are asked of the background's full search and placed when it answers, a moment later.
   */
  private place(): void {
    const notes = this.notes;
    const articles = this.outline.articles;
    const quick = quickAnchors(notes, articles);
    const rest = notes.filter((_, i) => !quick[i]);
    const v = ++this.placing;
    this.arrange(quick);
    if (!rest.length) return;
    const message: AnchorPlace = {
      type: ANCHOR_PLACE,
      articles: articles.map(({ number, sub, label, text }) => ({ number, sub, label, text })),
      inputs: rest.map(({ article, passage }) => ({ article, passage })),
    };
    void ask<AnchorResult[]>(message)
      .catch(() => rest.map(() => UNPLACED)) // no background: listed as unplaced, with their quotes
      .then((found) => {
        if (v !== this.placing) return;
        let k = 0;
        this.arrange(quick.map((a) => a ?? found[k++] ?? UNPLACED));
        this.emit();
      });
  }

  /** Takes each note's place (null: still being looked for, shown nowhere yet) into `placed`, `byArticle`, `unplaced`. */
  private arrange(anchors: Array<AnchorResult | null>): void {
    const before = this.byId;
    this.placed = [];
    this.byId = new Map();
    this.byArticle = new Map();
    this.unplaced = [];
    this.notes.forEach((note, i) => {
      const anchor = anchors[i];
      if (!anchor) {
        this.byId.set(note.id, { note, anchor: before.get(note.id)?.anchor ?? UNPLACED });
        return;
      }
      const p = { note, anchor };
      this.byId.set(note.id, p);
      this.placed.push(p);
      if (anchor.articleIndex < 0) {
        this.unplaced.push(p);
        return;
      }
      const list = this.byArticle.get(anchor.articleIndex);
      if (list) list.push(p);
      else this.byArticle.set(anchor.articleIndex, [p]);
    });
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

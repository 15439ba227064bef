import { anchorAll, anchorNote } from '../../anchoring';
import type { AnchorResult, ArticleRef, PassageRef } from '../../anchoring/types';
import type { Notice, Outline } from '../../regulation/types';
import { controlRequest } from '../../shared/control-messages';
import { request } from '../../shared/messages';
import { mark } from '../../page/timeline';
import type { DocumentRecord, NoteRecord, SameTitleAsk, TagWithCount } from '../../storage';

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
  placed: PlacedNote[] = [];
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
    this.set(notes);
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

  get(id: string): PlacedNote | undefined {
    return this.placed.find((p) => p.note.id === id);
  }

  /** Where an article (and passage) stands in `outline` (the page as it is now): its index, or -1. */
  locate(article: ArticleRef, passage: PassageRef | null, outline: Outline = this.outline): number {
    return anchorNote({ article, passage }, outline.articles).articleIndex;
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

  private set(notes: NoteRecord[]): void {
    const at = performance.now();
    mark('regdraft:notes-received'); // the benchmark measures from here to 'regdraft:notes'
    this.notes = notes;
    this.error = null;
    this.place();
    this.emit();
    this.taken = { at, work: performance.now() - at };
  }

  private fail(e: unknown): void {
    this.error = (e as { code?: string }).code ?? 'internal';
    this.emit();
  }

  private place(): void {
    const anchors = anchorAll(this.notes, this.outline.articles);
    this.placed = this.notes.map((note, i) => ({ note, anchor: anchors[i]! }));
    this.byArticle = new Map();
    this.unplaced = [];
    for (const p of this.placed) {
      if (p.anchor.articleIndex < 0) {
        this.unplaced.push(p);
        continue;
      }
      const list = this.byArticle.get(p.anchor.articleIndex);
      if (list) list.push(p);
      else this.byArticle.set(p.anchor.articleIndex, [p]);
    }
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

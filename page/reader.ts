import { parseOutline } from '../regulation/outline';
import type { Outline, PageHints } from '../regulation/types';
import type { Block } from './blocks';
import { LiveBlocks } from './live-blocks';

/** How long the page must be quiet before a batch of mutations is read (ms). */
export const MUTATION_DEBOUNCE_MS = 150;

/**
 * The page as the extension reads it: its blocks, the outline parsed from them, and where each article
 * stands in the DOM. Follows the page as it changes (MutationObserver, debounced) and calls `onChange`
 * after each re-parse that changed the outline.
 */
export class PageReader {
  readonly live: LiveBlocks;
  outline: Outline;
  private observer: MutationObserver | null = null;
  private pending: MutationRecord[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private elementIndex: Map<Element, number> | null = null;
  private listeners: Array<() => void> = [];
  private readListeners: Array<() => void> = [];

  constructor(
    private readonly root: Element,
    private readonly ownUi: Element | null,
    private readonly hints: PageHints,
    read: ((root: Element, skip: Element | null) => Block[]) | null = null,
  ) {
    this.live = new LiveBlocks(root, ownUi, read);
    performance.mark('regdraft:blocks');
    this.outline = parseOutline(this.live.blocks, hints);
  }

  get blocks(): Block[] {
    return this.live.blocks;
  }

  /** Starts following the page's changes. */
  observe(): void {
    if (this.observer) return;
    this.observer = new MutationObserver((records) => {
      this.pending.push(...records);
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => this.flush(), MUTATION_DEBOUNCE_MS);
    });
    this.observer.observe(this.root, { childList: true, subtree: true, characterData: true });
  }

  /** Reads the pending mutations now (tests call this instead of waiting for the debounce). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.observer) this.pending.push(...this.observer.takeRecords());
    const records = this.pending;
    this.pending = [];
    if (!records.length) return;
    if (this.live.apply(records)) {
      const before = signature(this.outline);
      this.outline = parseOutline(this.live.blocks, this.hints);
      this.elementIndex = null;
      if (signature(this.outline) !== before) for (const l of this.listeners) l();
    }
    for (const l of this.readListeners) l();
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
    if (this.timer) clearTimeout(this.timer);
  }

  /** The index of the article that `node` belongs to, or -1. Builds its element map on first use. */
  articleAt(node: Node | null): number {
    const index = (this.elementIndex ??= this.buildIndex());
    for (let n: Node | null = node; n && n !== this.root; n = n.parentNode) {
      const i = index.get(n as Element);
      if (i !== undefined) return i;
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

  private buildIndex(): Map<Element, number> {
    const map = new Map<Element, number>();
    this.outline.articles.forEach((a, i) => {
      for (let p = a.paragraphs[0]; p < a.paragraphs[1]; p++) {
        const el = this.blocks[p]?.element;
        // a container shared by many articles (a <div> of <br>-separated lines) maps to none of them
        if (el && el !== this.root) map.set(el, map.has(el) && map.get(el) !== i ? -1 : i);
      }
    });
    for (const [el, i] of map) if (i < 0) map.delete(el);
    return map;
  }
}

/** What the user sees of an outline: changes to it are worth telling the UI about. */
function signature(o: Outline): string {
  let s = `${o.title}|${o.deadline}|${o.chapters.length}|${o.warnings.length}|`;
  for (const a of o.articles) s += `${a.label}${a.title ?? ''}${a.text.length};`;
  return s;
}

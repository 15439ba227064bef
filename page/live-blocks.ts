import { BlockScan, blockAncestor, isBlockElement, readBlocks, type Block } from './blocks';

/** Which blocks a re-read replaced: `[from, oldEnd)` of the old list became `[from, newEnd)` of the new one. */
export interface BlockEdit {
  from: number;
  oldEnd: number;
  newEnd: number;
  /** False when the replaced blocks read the same (nodes split by highlights, an identical re-render). */
  textChanged: boolean;
}

/**
 * The page's blocks kept current as the page changes: mutation records are noted as they arrive (only the
 * touched elements are kept, never the records), and `update` re-reads only those subtrees (an added
 * paragraph, an edited one), never the unchanged text. The work of an update grows with what changed, not
 * with the page: blocks are found by their element (a map), the list is spliced, and only plain JS loops
 * (no DOM calls) run over the whole list.
 */
export class LiveBlocks {
  blocks: Block[] = [];
  /** How many text characters the last update read from the DOM (for tests and the benchmark). */
  lastReadChars = 0;
  private byElement = new Map<Element, Block[]>();
  private dirty = new Set<Element>();
  private removed: Element[] = [];
  private scan: BlockScan | null;
  /** A text surface's change is waiting for `update` (see `read`). */
  private surfaceDirty = false;
  /** The re-read under way (beginUpdate … finishUpdate), or null. */
  private job: Rereading | null = null;

  /** Reads `root` now, or, with `sliced`, only as `readSome` is called. */
  constructor(
    private readonly root: Element,
    private readonly skip: Element | null,
    sliced = false,
    /** A text surface's own reading (a PDF text layer): read at once, and again in whole after every change. */
    private readonly read: ((root: Element, skip: Element | null) => Block[]) | null = null,
  ) {
    this.scan = read ? null : new BlockScan(root, skip);
    if (read) this.take(read(root, skip));
    else if (!sliced) this.readSome(Infinity);
  }

  /** Takes `blocks` as the page's, indexed at once. */
  private take(blocks: Block[]): void {
    this.begin(blocks);
    this.indexSome(Infinity);
  }

  /** Starts over with `blocks` as the page's, none of them indexed yet (indexSome does it). */
  private begin(blocks: Block[]): void {
    this.blocks = blocks;
    this.byElement.clear();
    this.lastReadChars = 0;
    this.indexed = 0;
  }

  /** True once the first read of the page is complete (its blocks read and indexed). */
  get ready(): boolean {
    return this.scan === null && this.indexed === null;
  }

  /** How many of the blocks taken are indexed by element so far; null once all are. */
  private indexed: number | null = null;

  /**
   * Goes on with the first read until `performance.now()` passes `deadline`; true once it is complete. The blocks
   * found are then indexed by element in slices too (a page of 100,000 articles has 200,000 of them).
   */
  readSome(deadline: number): boolean {
    const scan = this.scan;
    if (scan) {
      if (!scan.run(deadline)) return false;
      this.scan = null;
      this.begin(scan.blocks);
    }
    return this.indexSome(deadline);
  }

  /** Indexes the blocks taken (and counts their characters) until `deadline`; true once all are. */
  private indexSome(deadline: number): boolean {
    const blocks = this.blocks;
    let i = this.indexed;
    if (i === null) return true;
    while (i < blocks.length) {
      const b = blocks[i++]!;
      this.index(b);
      this.lastReadChars += b.text.length;
      if ((i & 255) === 0 && i < blocks.length && performance.now() > deadline) {
        this.indexed = i;
        return false;
      }
    }
    this.indexed = null;
    return true;
  }

  /** True when changes are waiting for `update`. */
  get pending(): boolean {
    return this.surfaceDirty || this.dirty.size > 0 || this.removed.length > 0;
  }

  /** Notes a batch of mutation records (cheap: the records themselves are not kept). */
  note(records: readonly MutationRecord[]): void {
    if (this.read) {
      this.surfaceDirty ||= records.some((r) => !this.isOwn(r.target));
      return;
    }
    for (const r of records) {
      if (this.isOwn(r.target)) continue;
      if (r.type === 'characterData') {
        const b = blockAncestor(r.target.parentNode);
        if (b) this.dirty.add(b);
        continue;
      }
      if (r.type !== 'childList') continue;
      if (r.removedNodes.length) {
        for (const n of Array.from(r.removedNodes)) if (n.nodeType === 1) this.removed.push(n as Element);
        // text removed from inside a paragraph changes that paragraph
        const b = blockAncestor(r.target);
        if (b && !removedOnlyBlocks(r.removedNodes)) this.dirty.add(b);
      }
      for (const n of Array.from(r.addedNodes)) {
        if (this.isOwn(n)) continue;
        if (n.nodeType === 1 && isBlockElement(n as Element)) this.dirty.add(n as Element);
        else if (n.nodeType === 1 || n.nodeType === 3) {
          const b = blockAncestor(r.target);
          if (b) this.dirty.add(b);
        }
      }
    }
  }

  /** Applies a batch of mutation records; returns true when any block's text changed. */
  apply(records: readonly MutationRecord[]): boolean {
    this.note(records);
    return this.update()?.textChanged ?? false;
  }

  /**
   * Re-reads what the noted changes touched; returns which blocks were replaced, or null when none was (or
   * the first read is still going on: it reads the page as it is by then). Finishes a re-read begun by
   * `beginUpdate` first, at once.
   */
  update(): BlockEdit | null {
    if (this.read) return this.ready && this.pending ? this.rereadSurface(this.read) : null;
    if (!this.rereading && !this.beginUpdate()) return null;
    this.updateSome(Infinity);
    return this.finishUpdate();
  }

  /** A re-read is under way (begun, not finished): `updateSome` goes on with it. */
  get rereading(): boolean {
    return this.job !== null;
  }

  /**
   * Begins a re-read of what the noted changes touched, to be read in slices (`updateSome`) and put in place
   * at once (`finishUpdate`); changes noted meanwhile wait for the next one. False when there is nothing to
   * read (or the first read is still going on), or for a text surface (read in whole by `update`).
   */
  beginUpdate(): boolean {
    if (this.job || this.read || !this.ready || !this.pending) return false;
    const dirty = this.dirty;
    const removed = this.removed;
    this.dirty = new Set();
    this.removed = [];

    // blocks whose elements left the page, or lie in a subtree read again, are dead; the subtree read again that
    // held a dead block is remembered with it (its fresh blocks go where its old ones stood)
    const dead = new Set<Block>();
    const rootOf = new Map<Block, Element>();
    const kill = (el: Element, root?: Element) => {
      const list = this.byElement.get(el);
      if (!list) return;
      for (const b of list) {
        dead.add(b);
        if (root) rootOf.set(b, root);
      }
    };
    const killTree = (el: Element, root?: Element) => {
      kill(el, root);
      const all = el.getElementsByTagName('*');
      for (let i = 0; i < all.length; i++) kill(all[i]!, root);
    };
    for (const el of removed) if (!el.isConnected || !this.root.contains(el)) killTree(el);
    // the outermost dirty roots still in the page (a root inside another is read with it)
    const outer: Element[] = [];
    for (const el of dirty) {
      if (!el.isConnected || !this.root.contains(el) || this.isOwn(el)) continue;
      let inner = false;
      for (let n = el.parentElement; n && n !== this.root.parentElement; n = n.parentElement) {
        if (dirty.has(n) && n.isConnected) {
          inner = true;
          break;
        }
      }
      if (!inner) outer.push(el);
    }
    for (const el of outer) killTree(el, el);
    this.job = { removed, outer, dead, rootOf, freshOf: new Map(), next: 0 };
    return true;
  }

  /**
   * Reads the subtrees of the re-read under way until `performance.now()` passes `deadline` (at least one per
   * call); true once all are read. A subtree that left the page meanwhile reads as nothing (its removal is noted
   * for the next re-read).
   */
  updateSome(deadline: number): boolean {
    const job = this.job;
    if (!job) return true;
    while (job.next < job.outer.length) {
      const r = job.outer[job.next++]!;
      job.freshOf.set(r, r.isConnected && this.root.contains(r) ? readBlocks(r, this.skip) : []);
      if (job.next < job.outer.length && performance.now() > deadline) return false;
    }
    return true;
  }

  /**
   * Puts the subtrees read again in place (reading any still unread first); returns which blocks were replaced,
   * or null when none was.
   */
  finishUpdate(): BlockEdit | null {
    if (!this.job) return null;
    this.updateSome(Infinity);
    const { removed, outer, dead, rootOf, freshOf } = this.job;
    this.job = null;

    const before = this.blocks;
    for (const b of dead) this.unindex(b);
    let read = 0;
    for (const r of outer) {
      for (const b of freshOf.get(r)!) {
        read += b.text.length;
        this.index(b);
      }
    }
    // a subtree read again stands where its old blocks stood, unless it (or an ancestor) was moved in this batch;
    // only the others are placed by comparing document positions (each compare walks the siblings of a long
    // list: a few hundred highlighted paragraphs of the civil code cost 30 ms of compares at 4x throttling)
    const moved = new Set(removed);
    const inPlace = new Set<Element>();
    for (const r of outer) {
      let stays = true;
      for (let n: Element | null = r; n && n !== this.root; n = n.parentElement) {
        if (moved.has(n)) {
          stays = false;
          break;
        }
      }
      if (stays) inPlace.add(r);
    }
    const kept: Block[] = [];
    const placed = new Set<Element>();
    for (const b of before) {
      if (!dead.has(b)) {
        kept.push(b);
        continue;
      }
      const r = rootOf.get(b);
      if (!r || placed.has(r) || !inPlace.has(r)) continue;
      placed.add(r);
      for (const f of freshOf.get(r)!) kept.push(f);
    }
    for (const r of outer) if (!placed.has(r)) insertInOrder(kept, freshOf.get(r)!);
    this.lastReadChars = read;
    this.blocks = kept;

    // the replaced run: everything between the unchanged head and the unchanged tail (plain JS compares)
    let from = 0;
    const max = Math.min(before.length, kept.length);
    while (from < max && before[from] === kept[from]) from++;
    let tail = 0;
    while (tail < max - from && before[before.length - 1 - tail] === kept[kept.length - 1 - tail]) tail++;
    const oldEnd = before.length - tail;
    const newEnd = kept.length - tail;
    if (from === oldEnd && from === newEnd) return null;
    let textChanged = oldEnd - from !== newEnd - from;
    for (let i = 0; !textChanged && i < oldEnd - from; i++) {
      const a = before[from + i]!;
      const b = kept[from + i]!;
      textChanged = a.text !== b.text || a.link !== b.link;
    }
    return { from, oldEnd, newEnd, textChanged };
  }

  /** A text surface is read again in whole (its own reading knows its layout); the edit spans every block. */
  private rereadSurface(read: (root: Element, skip: Element | null) => Block[]): BlockEdit | null {
    this.surfaceDirty = false;
    const before = this.blocks;
    this.take(read(this.root, this.skip));
    if (!before.length && !this.blocks.length) return null;
    return { from: 0, oldEnd: before.length, newEnd: this.blocks.length, textChanged: !sameTexts(before, this.blocks) };
  }

  private index(b: Block): void {
    const list = this.byElement.get(b.element);
    if (list) list.push(b);
    else this.byElement.set(b.element, [b]);
  }

  private unindex(b: Block): void {
    const list = this.byElement.get(b.element);
    if (!list) return;
    const i = list.indexOf(b);
    if (i >= 0) list.splice(i, 1);
    if (!list.length) this.byElement.delete(b.element);
  }

  private isOwn(n: Node): boolean {
    return !!this.skip && (n === this.skip || this.skip.contains(n));
  }
}

/** A re-read under way: what was found dead at its start, the subtrees to read, and those read so far. */
interface Rereading {
  removed: Element[];
  outer: Element[];
  dead: Set<Block>;
  rootOf: Map<Block, Element>;
  freshOf: Map<Element, Block[]>;
  /** The next subtree of `outer` to read. */
  next: number;
}

function removedOnlyBlocks(nodes: NodeList): boolean {
  for (const n of Array.from(nodes)) {
    if (n.nodeType === 1 && isBlockElement(n as Element)) continue;
    if (n.nodeType === 3 && !/\S/.test((n as Text).data)) continue;
    if (n.nodeType === 8) continue;
    return false;
  }
  return true;
}

function sameTexts(a: readonly Block[], b: readonly Block[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.text !== b[i]!.text || a[i]!.link !== b[i]!.link) return false;
  return true;
}

/** Inserts `fresh` (already in document order) into `list` (in document order), by binary search. */
function insertInOrder(list: Block[], fresh: Block[]): void {
  if (!fresh.length) return;
  const first = fresh[0]!.nodes[0]!;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const pos = list[mid]!.nodes[0]!.compareDocumentPosition(first);
    if (pos & 4 /* FOLLOWING: list[mid] precedes first */) lo = mid + 1;
    else hi = mid;
  }
  if (fresh.length < 10_000) {
    list.splice(lo, 0, ...fresh);
    return;
  }
  // (too many to pass as arguments)
  const tail = list.splice(lo);
  for (const b of fresh) list.push(b);
  for (const b of tail) list.push(b);
}

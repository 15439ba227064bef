import { blockAncestor, isBlockElement, readBlocks, type Block } from './blocks';

/**
 * The page's blocks kept current as the page changes: a MutationObserver batch re-reads only the
 * subtrees it touched (an added paragraph, an edited one), never the unchanged text.
 */
export class LiveBlocks {
  blocks: Block[];
  /** How many text characters the last update read from the DOM (for tests and the benchmark). */
  lastReadChars = 0;

  constructor(
    private readonly root: Element,
    private readonly skip: Element | null,
    /** A text surface's own reading (a PDF text layer): then every batch re-reads the whole surface with it. */
    private readonly read: ((root: Element, skip: Element | null) => Block[]) | null = null,
  ) {
    this.blocks = (read ?? readBlocks)(root, skip);
    this.lastReadChars = countChars(this.blocks);
  }

  /** Applies a batch of mutation records; returns true when any block's text changed. */
  apply(records: readonly MutationRecord[]): boolean {
    if (this.read) {
      const before = this.blocks;
      this.blocks = this.read(this.root, this.skip);
      this.lastReadChars = countChars(this.blocks);
      return !sameTexts(before, this.blocks);
    }
    const dirty = new Set<Element>();
    let removed = false;
    for (const r of records) {
      if (this.isOwn(r.target)) continue;
      if (r.type === 'characterData') {
        const b = blockAncestor(r.target.parentNode);
        if (b) dirty.add(b);
        continue;
      }
      if (r.type !== 'childList') continue;
      if (r.removedNodes.length) {
        removed = true;
        // text removed from inside a paragraph changes that paragraph
        const b = blockAncestor(r.target);
        if (b && !this.removedOnlyBlocks(r.removedNodes)) dirty.add(b);
      }
      for (const n of Array.from(r.addedNodes)) {
        if (this.isOwn(n)) continue;
        if (n.nodeType === 1 && isBlockElement(n as Element)) dirty.add(n as Element);
        else if (n.nodeType === 1 || n.nodeType === 3) {
          const b = blockAncestor(r.target);
          if (b) dirty.add(b);
        }
      }
    }
    if (!dirty.size && !removed) return false;

    // keep the outermost dirty roots that are still in the page
    const roots = [...dirty].filter((el) => el.isConnected && this.root.contains(el));
    const outer = roots.filter((el) => !roots.some((o) => o !== el && o.contains(el)));

    const before = this.blocks;
    const outerSet = new Set(outer);
    const inOuter = (el: Element): boolean => {
      for (let n: Node | null = el; n && n !== this.root.parentNode; n = n.parentNode) if (outerSet.has(n as Element)) return true;
      return false;
    };
    const kept = before.filter((b) => b.nodes.every((n) => n.isConnected) && !inOuter(b.element));
    let read = 0;
    for (const r of outer) {
      const fresh = readBlocks(r, this.skip);
      read += countChars(fresh);
      insertInOrder(kept, fresh);
    }
    this.lastReadChars = read;
    this.blocks = kept;
    // nodes split or merged with the same text (highlights added or removed): the blocks are fresh, the text is not
    return !sameTexts(before, kept);
  }

  private isOwn(n: Node): boolean {
    return !!this.skip && (n === this.skip || this.skip.contains(n));
  }

  private removedOnlyBlocks(nodes: NodeList): boolean {
    for (const n of Array.from(nodes)) {
      if (n.nodeType === 1 && isBlockElement(n as Element)) continue;
      if (n.nodeType === 3 && !/\S/.test((n as Text).data)) continue;
      if (n.nodeType === 8) continue;
      return false;
    }
    return true;
  }
}

function sameTexts(a: readonly Block[], b: readonly Block[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.text !== b[i]!.text || a[i]!.link !== b[i]!.link) return false;
  return true;
}

function countChars(blocks: Block[]): number {
  let n = 0;
  for (const b of blocks) n += b.text.length;
  return n;
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
  list.splice(lo, 0, ...fresh);
}

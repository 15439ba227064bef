/**
 * Page text as blocks: one pass over the DOM that turns it into the paragraphs the outline parser reads,
 * keeping for each block the text nodes it came from, so that offsets map back to the page.
 *
 * A block ends where the page would break a line: at block-level elements and at <br>. Text inside
 * script/style/template and inside the extension's own UI host is skipped, and so is text the reader cannot
 * see (display:none, visibility:hidden, the `hidden` attribute, zero-size boxes): see `Sight`.
 */

export interface Block {
  /** The text as it stands in the DOM (the parser trims and folds whitespace itself). */
  text: string;
  /** The text nodes of the block, in order. */
  nodes: Text[];
  /** Offset in `text` where each node starts. */
  starts: number[];
  /** The nearest block-level element that holds the block: what to scroll to and measure. */
  element: Element;
  /** True when every character of the block is inside an <a>: a list of links, not body text. */
  link: boolean;
}

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIALOG', 'DIV',
  'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD',
  'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);
const SKIP_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'SELECT', 'OPTION', 'IFRAME', 'OBJECT', 'SVG',
  'svg', 'CANVAS', 'VIDEO', 'AUDIO', 'HEAD', 'TITLE',
]);

/** True for elements whose start and end break the text into a new block. */
export function isBlockElement(el: Element): boolean {
  return BLOCK_TAGS.has(el.tagName);
}

/** The nearest block-level element at or above `node` (the body at the latest; null if detached). */
export function blockAncestor(node: Node | null): Element | null {
  let n: Node | null = node;
  while (n) {
    if (n.nodeType === 1 && (BLOCK_TAGS.has((n as Element).tagName) || !n.parentNode || n.parentNode.nodeType !== 1)) {
      return n as Element;
    }
    n = n.parentNode;
  }
  return null;
}

interface ParentInfo {
  block: Element;
  link: boolean;
}

/**
 * Reads the blocks under `root` (root included) in document order, in one pass over its text nodes
 * (a TreeWalker, like the cheapest possible read of the page's text). Each distinct parent element is
 * looked at once, to find its block and whether it sits in a link; `skip` is an element whose subtree is
 * ignored (the extension's own UI host). Never throws on odd DOM.
 */
export function readBlocks(root: Node, skip?: Element | null): Block[] {
  const scan = new BlockScan(root, skip ?? null);
  scan.run(Infinity);
  return scan.blocks;
}

/**
 * `readBlocks` in slices: each `run(deadline)` reads on until `performance.now()` passes `deadline` (checked
 * every 32 text nodes) and returns true once the whole subtree is read. The page must not change
 * between slices (callers re-read what their MutationObserver saw change meanwhile).
 */
export class BlockScan {
  readonly blocks: Block[] = [];
  private readonly parents = new Map<Node | null, ParentInfo | null>();
  private readonly sight: Sight;
  private readonly walker: TreeWalker;
  private next: Node | null;
  private cur: Element | null = null;
  private nodes: Text[] = [];
  private starts: number[] = [];
  private parts: string[] = [];
  private length = 0;
  private linkChars = 0;
  private nonSpace = false;

  constructor(
    root: Node,
    private readonly skip: Element | null,
  ) {
    const doc = root.ownerDocument ?? (root as Document);
    this.sight = new Sight(doc);
    this.walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    this.next = root.nodeType === 3 ? root : this.walker.nextNode();
  }

  run(deadline: number): boolean {
    if (this.next && !this.next.isConnected) this.restart(); // the page removed where we stopped
    const { parents, skip, sight, walker } = this;
    let count = 0;
    for (let n = this.next; n; n = walker.nextNode()) {
      if ((++count & 31) === 0 && deadline !== Infinity && performance.now() > deadline) {
        this.next = n;
        return false;
      }
      const t = n as Text;
      const parent = t.parentNode;
      let info = parents.get(parent);
      if (info === undefined) {
        info = describe(parent, skip);
        if (info && sight.hidden(parent as Element)) info = null;
        parents.set(parent, info);
      }
      if (info === null) continue;
      if (info.block !== this.cur || brBefore(t, this.cur)) {
        this.flush();
        this.cur = info.block;
      }
      const value = t.data;
      if (!value.length) continue;
      this.nodes.push(t);
      this.starts.push(this.length);
      this.parts.push(value);
      this.length += value.length;
      if (info.link) this.linkChars += value.length;
      if (!this.nonSpace && NON_SPACE.test(value)) this.nonSpace = true;
    }
    this.next = null;
    this.flush();
    return true;
  }

  private restart(): void {
    this.blocks.length = 0;
    this.nodes = [];
    this.starts = [];
    this.parts = [];
    this.cur = null;
    this.length = this.linkChars = 0;
    this.nonSpace = false;
    this.walker.currentNode = this.walker.root;
    this.next = this.walker.root.nodeType === 3 ? this.walker.root : this.walker.nextNode();
  }

  private flush(): void {
    const { nodes, parts } = this;
    if (nodes.length && this.nonSpace && this.cur) {
      const text = parts.length === 1 ? parts[0]! : parts.join('');
      this.blocks.push({ text, nodes, starts: this.starts, element: this.cur, link: this.linkChars > 0 && this.linkChars === this.length });
    }
    if (nodes.length) {
      this.nodes = [];
      this.starts = [];
      this.parts = [];
    }
    this.length = 0;
    this.linkChars = 0;
    this.nonSpace = false;
  }
}

const NON_SPACE = /\S/;

/** The block a parent element's text belongs to and whether it is inside a link; null for text never read. */
function describe(parent: Node | null, skip: Element | null): ParentInfo | null {
  let link = false;
  for (let n = parent; n; n = n.parentNode) {
    if (n.nodeType !== 1) return null; // detached, or a shadow root's direct text
    const el = n as Element;
    const tag = el.tagName;
    if (SKIP_TAGS.has(tag) || el === skip) return null;
    if (tag === 'A') link = true;
    if (BLOCK_TAGS.has(tag) || !el.parentNode || el.parentNode.nodeType !== 1) {
      if (skip && skip.contains(el)) return null;
      return { block: el, link };
    }
  }
  return null;
}

/** True when a <br> stands between `t` and the text before it in the same block. */
function brBefore(t: Node, block: Element | null): boolean {
  let x: Node = t;
  while (!x.previousSibling) {
    const p = x.parentNode;
    if (!p || p === block) return false;
    x = p;
  }
  const prev = x.previousSibling!;
  return prev.nodeType === 1 && (prev as Element).tagName === 'BR';
}

/** Elements whose box clips its content (overflow other than visible). */
const CLIPS = /hidden|clip|scroll|auto/;

type Checkable = Element & { checkVisibility?: (o: object) => boolean };

/**
 * Whether the reader can see an element's own text. Each element is looked at once per read (cached), and
 * cheaply, for the read asks it of every paragraph: with the browser's layout, `checkVisibility` answers for
 * display:none anywhere above the text (the `hidden` attribute, a closed tab, <noscript>) and for visibility:hidden,
 * in one native call, and the box's size (two reads of a layout the page has already done) for a box collapsed to
 * nothing that clips its content (a CSS accordion) or text of font-size 0; computed style is asked only of a
 * zero-size box. Three DOM calls per paragraph, where the bare pass makes none (there were six until 2026-12-04:
 * the `hidden` attribute, the tag and the width were read again, though `checkVisibility` had answered for them).
 * A document without layout (a test DOM) falls back to the attribute and computed display and visibility.
 */
export class Sight {
  /** Whether an element's box, or an ancestor's, hides what is inside it. */
  private readonly cache = new Map<Element, boolean>();
  private readonly layout: boolean;
  private readonly view: (Window & typeof globalThis) | null;

  constructor(doc: Document) {
    this.view = doc.defaultView as (Window & typeof globalThis) | null;
    const top = doc.documentElement as HTMLElement | null;
    this.layout = !!top && top.offsetWidth > 0 && !!(top as Checkable).checkVisibility;
  }

  /** True when text directly inside `el` cannot be seen (the element or one of its ancestors hides it). */
  hidden(el: Element): boolean {
    if (this.cache.get(el) === true) return true;
    if (this.layout) {
      // display:none above and visibility (inherited, so only the text's parent matters): one call
      if (!(el as Checkable).checkVisibility!({ visibilityProperty: true })) return true;
    } else {
      const v = this.style(el)?.visibility;
      if (v === 'hidden' || v === 'collapse') return true;
    }
    // the element's own box, then each ancestor's, until one already known
    const chain: Element[] = [];
    let hidden = false;
    for (let n: Element | null = el; n; n = n.parentElement) {
      const known = this.cache.get(n);
      if (known !== undefined) {
        hidden = known;
        break;
      }
      chain.push(n);
      if (this.boxHides(n, n === el)) {
        hidden = true;
        break;
      }
    }
    for (const n of chain) this.cache.set(n, hidden);
    return hidden;
  }

  private boxHides(el: Element, own: boolean): boolean {
    if (!this.layout) {
      if (el.hasAttribute('hidden') || SKIP_TAGS.has(el.tagName)) return true; // <noscript> around a <p> too
      return this.style(el)?.display === 'none';
    }
    const h = el as HTMLElement;
    const w = h.offsetWidth;
    if (typeof w !== 'number') return false; // SVG and others: no offset box to read
    const ht = h.offsetHeight;
    if (w > 0 && ht > 0) return false;
    const cs = this.style(el);
    if (!cs) return false;
    if (cs.display === 'none') return true;
    if (cs.display === 'contents') return false; // no box of its own: its children's boxes show
    if (CLIPS.test(cs.overflowX) || CLIPS.test(cs.overflowY)) return true;
    return own && w === 0 && ht === 0 && parseFloat(cs.fontSize) === 0;
  }

  private style(el: Element): CSSStyleDeclaration | null {
    try {
      return this.view?.getComputedStyle(el) ?? null;
    } catch {
      return null;
    }
  }
}

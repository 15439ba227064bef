/**
 * Page text as blocks: one pass over the DOM that turns it into the paragraphs the outline parser reads,
 * keeping for each block the text nodes it came from, so that offsets map back to the page.
 *
 * A block ends where the page would break a line: at block-level elements and at <br>. Text inside
 * script/style/template and inside the extension's own UI host is skipped.
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
  const out: Block[] = [];
  const doc = root.ownerDocument ?? (root as Document);
  const parents = new Map<Node | null, ParentInfo | null>();
  let cur: Element | null = null;
  let nodes: Text[] = [];
  let starts: number[] = [];
  let parts: string[] = [];
  let length = 0;
  let linkChars = 0;
  let nonSpace = false;

  const flush = () => {
    if (nodes.length && nonSpace && cur) {
      out.push({ text: parts.length === 1 ? parts[0]! : parts.join(''), nodes, starts, element: cur, link: linkChars > 0 && linkChars === length });
    }
    if (nodes.length) {
      nodes = [];
      starts = [];
      parts = [];
    }
    length = 0;
    linkChars = 0;
    nonSpace = false;
  };

  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n: Node | null = root.nodeType === 3 ? root : walker.nextNode(); n; n = walker.nextNode()) {
    const t = n as Text;
    const parent = t.parentNode;
    let info = parents.get(parent);
    if (info === undefined) {
      info = describe(parent, skip ?? null);
      parents.set(parent, info);
    }
    if (info === null) continue;
    if (info.block !== cur || brBefore(t, cur)) {
      flush();
      cur = info.block;
    }
    const value = t.data;
    if (!value.length) continue;
    nodes.push(t);
    starts.push(length);
    parts.push(value);
    length += value.length;
    if (info.link) linkChars += value.length;
    if (!nonSpace && NON_SPACE.test(value)) nonSpace = true;
  }
  flush();
  return out;
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

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

/**
 * Reads the blocks under `root` (root included) in document order, in one walk over its nodes.
 * `skip` is an element whose subtree is ignored (the extension's own UI host). Never throws on odd DOM.
 */
export function readBlocks(root: Node, skip?: Element | null): Block[] {
  const out: Block[] = [];
  let nodes: Text[] = [];
  let starts: number[] = [];
  let parts: string[] = [];
  let length = 0;
  let linkChars = 0;
  let nonSpace = false;
  // the block element of the text being gathered: the innermost block on the stack
  const blockStack: Element[] = [];
  let linkDepth = 0;

  const flush = () => {
    if (nodes.length && nonSpace) {
      const text = parts.length === 1 ? parts[0]! : parts.join('');
      out.push({
        text,
        nodes,
        starts,
        element: blockStack[blockStack.length - 1] ?? (blockAncestor(nodes[0]!) as Element),
        link: linkChars > 0 && linkChars === length,
      });
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

  // the enclosing blocks of a root that is not itself a block
  if (root.nodeType !== 1 || !isBlockElement(root as Element)) {
    const b = blockAncestor(root.parentNode);
    if (b) blockStack.push(b);
  }
  for (let a: Node | null = root.parentNode; a; a = a.parentNode) {
    if (a.nodeType === 1 && (a as Element).tagName === 'A') linkDepth++;
  }

  let node: Node | null = root;
  while (node) {
    let descend = false;
    if (node.nodeType === 3) {
      const value = (node as Text).data;
      if (value.length) {
        nodes.push(node as Text);
        starts.push(length);
        parts.push(value);
        length += value.length;
        if (linkDepth > 0) linkChars += value.length;
        if (!nonSpace && /\S/.test(value)) nonSpace = true;
      }
    } else if (node.nodeType === 1) {
      const el = node as Element;
      const tag = el.tagName;
      if (tag === 'BR') {
        flush();
      } else if (!SKIP_TAGS.has(tag) && el !== skip) {
        if (BLOCK_TAGS.has(tag)) {
          flush();
          blockStack.push(el);
        }
        if (tag === 'A') linkDepth++;
        descend = node.firstChild !== null;
        if (!descend) leave(el);
      }
    }
    if (descend) {
      node = node.firstChild;
      continue;
    }
    // climb until a next sibling exists, leaving elements on the way
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      if (node && node.nodeType === 1) leave(node as Element);
    }
    if (!node || node === root) break;
    node = node.nextSibling;
  }
  flush();
  return out;

  function leave(el: Element): void {
    const tag = el.tagName;
    if (tag === 'A') linkDepth--;
    if (BLOCK_TAGS.has(tag)) {
      flush();
      if (blockStack[blockStack.length - 1] === el) blockStack.pop();
    }
  }
}

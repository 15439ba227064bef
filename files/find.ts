/**
 * Find in a file's text (the reader page's find box): the next occurrence of a phrase in the text under `root`
 * (a PDF's text layer, a rendered .docx), after the current selection or before it, wrapping round, selected and
 * scrolled into view. Not the browser's window.find, which searches the whole page and so first finds the phrase
 * in the find box itself. A phrase may run across lines (the text layer's spans are joined as the text reads);
 * Latin letters match in either case.
 */
export function findInText(root: Element, query: string, backwards = false): boolean {
  const needle = query.toLowerCase();
  if (needle === '') return false;
  const doc = root.ownerDocument;
  const nodes: Text[] = [];
  const starts: number[] = [];
  let all = '';
  const walk = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    nodes.push(n as Text);
    starts.push(all.length);
    all += (n as Text).data;
  }
  const hay = all.toLowerCase();
  // where the current selection stands in that text (a search starts after it, or before it going back)
  const sel = doc.getSelection();
  let from = backwards ? hay.length : 0;
  let to = backwards ? hay.length : 0;
  if (sel && sel.rangeCount > 0) {
    const r = sel.getRangeAt(0);
    const at = (node: Node, offset: number): number | null => {
      const i = nodes.indexOf(node as Text);
      return i < 0 ? null : starts[i]! + offset;
    };
    from = at(r.startContainer, r.startOffset) ?? from;
    to = at(r.endContainer, r.endOffset) ?? to;
  }
  let hit = backwards ? (from > 0 ? hay.lastIndexOf(needle, from - 1) : -1) : hay.indexOf(needle, to);
  if (hit < 0) hit = backwards ? hay.lastIndexOf(needle) : hay.indexOf(needle);
  if (hit < 0) return false;
  const place = (offset: number, end: boolean): [Text, number] => {
    // the text node holding `offset` (an end offset belongs to the node it closes)
    let i = 0;
    while (i + 1 < nodes.length && (end ? starts[i + 1]! < offset : starts[i + 1]! <= offset)) i++;
    return [nodes[i]!, offset - starts[i]!];
  };
  const range = doc.createRange();
  range.setStart(...place(hit, false));
  range.setEnd(...place(hit + needle.length, true));
  sel?.removeAllRanges();
  sel?.addRange(range);
  (range.startContainer.parentElement ?? root).scrollIntoView?.({ block: 'center' });
  return true;
}

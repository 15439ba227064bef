import type { PageReader } from '../../page/reader';
import { rangeToPassage } from '../../anchoring';

/** Where the in-page UI puts things: rectangles in document coordinates, the band of markers drawn, the selection. */

/** A rectangle in document coordinates. */
export interface DocRect {
  top: number;
  left: number;
  width: number;
  height: number;
}

/** The band of the page whose note markers are drawn: from one screen above the view to two below, in steps of half a screen. */
export function viewBand(): { top: number; bottom: number } {
  const h = Math.max(window.innerHeight, 200);
  const step = Math.floor(window.scrollY / (h / 2)) * (h / 2);
  return { top: step - h * 1.5, bottom: step + h * 3 };
}

/** The passage a selection covers when it lies inside one article, and where it is drawn. */
export function readSelection(reader: PageReader, host: Element): { passage: { index: number; start: number; end: number }; rect: DocRect } | null {
  const sel = document.getSelection();
  if (!sel || sel.isCollapsed || !sel.rangeCount || document.activeElement === host) return null;
  const range = sel.getRangeAt(0);
  let index = reader.articleAt(range.startContainer);
  if (index < 0) index = reader.articleAt(range.endContainer);
  const article = reader.outline.articles[index];
  if (!article) return null;
  const offsets = rangeToPassage(reader.blocks, article, range);
  if (!offsets) return null;
  return { passage: { index, ...offsets }, rect: docRectOf(range.getBoundingClientRect()) };
}

export function hoveredBlock(els: Element[], target: Node): Element {
  for (const el of els) if (el.contains(target)) return el;
  return els[0]!;
}

export function docRect(el: Element): DocRect {
  return docRectOf(el.getBoundingClientRect());
}

export function docRectOf(r: DOMRect): DocRect {
  return { top: r.top + window.scrollY, left: r.left + window.scrollX, width: r.width, height: r.height };
}

export function unionRect(els: Element[]): DocRect {
  let top = Infinity;
  let left = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const el of els) {
    const r = docRect(el);
    top = Math.min(top, r.top);
    left = Math.min(left, r.left);
    right = Math.max(right, r.left + r.width);
    bottom = Math.max(bottom, r.top + r.height);
  }
  return { top, left, width: right - left, height: bottom - top };
}

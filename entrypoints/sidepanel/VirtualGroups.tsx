import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';

/**
 * A long grouped list that renders only what is near the view (the panel's window scrolls): every group still
 * shows as a <section> with its heading while any of its rows is drawn, the rows out of reach are replaced by
 * padding of their measured (or estimated) height, and each row carries aria-setsize/aria-posinset so that a
 * screen reader still hears "12 of 300". Tab moves through the drawn rows; the browser scrolls the focused one
 * into view and the window follows, so the next rows are drawn before focus gets there. Short lists (up to
 * VIRTUAL_FROM rows) are drawn whole.
 */
export interface VirtualGroup<T> {
  key: string;
  items: readonly T[];
}

interface Props<T, G extends VirtualGroup<T>> {
  groups: readonly G[];
  itemKey(item: T): string;
  /** The group's <section> with its heading; `children` is the list of drawn rows. */
  renderGroup(group: G, children: ComponentChildren, padTop: number, padBottom: number): ComponentChildren;
  renderItem(item: T, index: number, group: G): ComponentChildren;
  /**
   * How many rows the whole list has when `groups` is only its first part (the notes view's first look): a long
   * list's first part is drawn as the long list will be, only what is near the view.
   */
  whole?: number;
}

/** Lists of up to this many rows are drawn whole. */
export const VIRTUAL_FROM = 60;
/** Estimated heights (px) until a row has been drawn and measured. */
const ROW_ESTIMATE = 96;
const HEAD_ESTIMATE = 40;
/** The grid gap between rows (style.css .notes). */
const GAP = 6;
/** How far beyond the view rows are drawn, in window heights. */
const OVERSCAN = 1;

export function VirtualGroups<T, G extends VirtualGroup<T>>({ groups, itemKey, renderGroup, renderItem, whole }: Props<T, G>) {
  const total = useMemo(() => groups.reduce((n, g) => n + g.items.length, 0), [groups]);
  const virtual = Math.max(total, whole ?? 0) > VIRTUAL_FROM;
  const heights = useRef(new Map<string, number>());
  const box = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<{ top: number; bottom: number }>(() => ({ top: 0, bottom: (globalThis.innerHeight || 800) * (1 + OVERSCAN) }));
  const [, setMeasured] = useState(0);

  // the view, relative to the list's top, as the window scrolls or resizes
  useEffect(() => {
    if (!virtual) return;
    let frame = 0;
    const update = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const el = box.current;
        if (!el) return;
        const top = -el.getBoundingClientRect().top;
        const h = window.innerHeight;
        setView((v) => {
          const next = { top: top - h * OVERSCAN, bottom: top + h * (1 + OVERSCAN) };
          return Math.abs(next.top - v.top) < h / 4 && Math.abs(next.bottom - v.bottom) < h / 4 ? v : next;
        });
      });
    };
    update();
    window.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
    };
  }, [virtual]);

  // measure what was drawn; redraw when a measure differs from what the layout assumed
  useLayoutEffect(() => {
    if (!virtual || !box.current) return;
    let changed = false;
    for (const el of box.current.querySelectorAll<HTMLElement>('[data-vkey]')) {
      const h = el.getBoundingClientRect().height;
      if (h <= 0) continue; // no layout (a test DOM): keep the estimate
      const key = el.dataset.vkey!;
      if (Math.abs((heights.current.get(key) ?? -1) - h) > 1) {
        heights.current.set(key, h);
        changed = true;
      }
    }
    if (changed) setMeasured((n) => n + 1);
  });

  if (!virtual) {
    return <div>{groups.map((g) => renderGroup(g, g.items.map((it, i) => renderItem(it, i, g)), 0, 0))}</div>;
  }

  const out: ComponentChildren[] = [];
  let y = 0;
  let skipped = 0;
  const heightOf = (key: string, estimate: number) => (heights.current.get(key) ?? estimate) + GAP;
  for (const g of groups) {
    const head = heightOf(`h:${g.key}`, HEAD_ESTIMATE);
    let groupH = head;
    for (const it of g.items) groupH += heightOf(itemKey(it), ROW_ESTIMATE);
    if (y + groupH < view.top || y > view.bottom) {
      skipped += groupH;
      y += groupH;
      continue;
    }
    if (skipped) out.push(<div key={`gap-${g.key}`} aria-hidden="true" style={{ height: `${skipped}px` }} />);
    skipped = 0;
    y += head;
    let padTop = 0;
    let padBottom = 0;
    const rows: ComponentChildren[] = [];
    g.items.forEach((it, i) => {
      const h = heightOf(itemKey(it), ROW_ESTIMATE);
      if (y + h < view.top) padTop += h;
      else if (y > view.bottom) padBottom += h;
      else rows.push(renderItem(it, i, g));
      y += h;
    });
    out.push(renderGroup(g, rows, padTop, padBottom));
  }
  if (skipped) out.push(<div key="gap-end" aria-hidden="true" style={{ height: `${skipped}px` }} />);
  return <div ref={box}>{out}</div>;
}

/** A passage to highlight: the note it belongs to and the DOM ranges it covers (one per block). */
export interface HighlightSpec {
  id: string;
  /** Identifies the placement: a note whose key is unchanged keeps its marks. */
  key: string;
  /** Computed only for notes not highlighted yet at this key; null when the page no longer has the text. */
  ranges: () => Range[] | null;
}

/** The class every highlight carries (plus one class per highlight, to remove it alone). */
export const HIGHLIGHT_CLASS = 'regdraft-hl';
const STYLE = 'background:rgb(255 213 79 / 0.5);color:inherit;border-bottom:2px solid rgb(214 160 0);cursor:pointer;padding:0';

interface Placed {
  key: string;
  marks: HTMLElement[];
}

/**
 * The passage highlights in the page: <mark> elements around the passage's text (wrapRange). A mark carries two class names and an inline style,
 * never the note's text or id: which note a mark belongs to is known only here (`noteAt`).
 */
export class Highlights {
  private placed = new Map<string, Placed>();
  private owner = new WeakMap<Element, string>();
  private seq = 0;
  /** A `syncSome` under way: its specs, how far it got. */
  private job: {
    specs: readonly HighlightSpec[];
    /** How many of `specs` have had their offsets read. */
    read: number;
    todo: Array<{ spec: HighlightSpec; parts: Array<{ context: Element; start: number; length: number }> }>;
    missing: number;
  } | null = null;

  /**
   * Makes the page show exactly `specs`: removes the highlights of notes no longer listed or placed elsewhere,
   * adds the new ones. Every passage's ranges are converted to offsets before any mark is added (adding a mark
   * splits the text nodes the ranges are read from); the offsets are read in slices too (a passage's ranges walk its
   * article's text: 96 passages on the civil code were one 35-60 ms piece with the CPU throttled 4x). Reads offsets,
   * then marks passages, until `performance.now()` passes `deadline` (at least one step per call), and
   * returns null while work is left (call again with the same `specs` array, e.g. in a later task), else how
   * many passages could not be marked (their text nodes are stale or gone: try again once the page has been
   * re-read). Never throws. Specs are handled in their order (the caller puts those in view first).
   * A call with another `specs` array starts over (passages already marked are kept).
   */
  syncSome(specs: readonly HighlightSpec[], deadline: number): number | null {
    let job = this.job;
    if (!job || job.specs !== specs) {
      const wanted = new Map(specs.map((s) => [s.id, s]));
      for (const [id, p] of this.placed) {
        // kept only while the page still shows its marks (a re-rendered article threw them away)
        if (wanted.get(id)?.key === p.key && p.marks.every((m) => m.isConnected)) continue;
        this.remove(id, p);
      }
      job = this.job = { specs, read: 0, todo: [], missing: 0 };
    }
    // every passage's offsets first (no mark of ours changes the DOM meanwhile), then the marks
    while (job.read < specs.length) {
      const spec = specs[job.read++]!;
      if (!this.placed.has(spec.id)) {
        const parts = [];
        for (const r of spec.ranges() ?? []) {
          const part = toOffsets(r);
          if (part) parts.push(part);
        }
        if (parts.length) job.todo.push({ spec, parts });
        else job.missing++;
      }
      if (performance.now() > deadline && (job.read < specs.length || job.todo.length)) return null;
    }
    for (let next; (next = job.todo.shift()); ) {
      if (!this.placed.has(next.spec.id)) this.mark(next.spec, next.parts);
      if (job.todo.length && performance.now() > deadline) return null;
    }
    this.job = null;
    return job.missing;
  }

  private mark(spec: HighlightSpec, parts: ReadonlyArray<{ context: Element; start: number; length: number }>): void {
    const cls = `${HIGHLIGHT_CLASS} regdraft-h${++this.seq}`;
    const p: Placed = { key: spec.key, marks: [] };
    for (const part of parts) {
      try {
        for (const mark of wrapRange(part.context, part.start, part.length)) {
          mark.className = cls;
          mark.setAttribute('style', STYLE);
          p.marks.push(mark);
          this.owner.set(mark, spec.id);
        }
      } catch {
        // a page that changed under us: this part stays unmarked
      }
    }
    this.placed.set(spec.id, p);
  }

  /** The note whose highlight contains `node`, or null. */
  noteAt(node: Node | null): string | null {
    for (let n: Node | null = node; n; n = n.parentNode) {
      if (n.nodeType === 1 && (n as Element).classList.contains(HIGHLIGHT_CLASS)) {
        const id = this.owner.get(n as Element);
        if (id) return id;
      }
    }
    return null;
  }

  /** The marks of a note (empty when it has none), for scrolling to it. */
  marksOf(id: string): HTMLElement[] {
    return this.placed.get(id)?.marks.filter((m) => m.isConnected) ?? [];
  }

  /** True when the page removed some highlight's marks (they are drawn again by the next `sync`). */
  stale(): boolean {
    for (const p of this.placed.values()) if (p.marks.some((m) => !m.isConnected)) return true;
    return false;
  }

  /** How many notes have highlights in the page. */
  get size(): number {
    return this.placed.size;
  }

  private remove(id: string, p: Placed): void {
    // each mark gives its text back to where it stood
    for (const m of p.marks) {
      const parent = m.parentNode;
      if (!m.isConnected || !parent) continue;
      m.replaceWith(...Array.from(m.childNodes));
      parent.normalize();
    }
    this.placed.delete(id);
  }
}

/** Text that is not drawn as text: never wrapped in a mark. */
const NOT_TEXT = new Set(['SCRIPT', 'STYLE', 'TEXTAREA', 'TITLE', 'NOSCRIPT', 'OPTION', 'TEMPLATE']);

/**
 * Wraps characters `start` .. `start + length` of `context`'s text (all its text nodes in document order, as
 * toOffsets counts them) in <mark> elements, one per text node the passage touches, splitting text nodes at the
 * passage's edges. Returns the marks, in order.
 */
function wrapRange(context: Element, start: number, length: number): HTMLElement[] {
  const end = start + length;
  const parts: Array<[Text, number, number]> = [];
  const walker = document.createTreeWalker(context, NodeFilter.SHOW_TEXT);
  let at = 0;
  for (let n = walker.nextNode() as Text | null; n && at < end; n = walker.nextNode() as Text | null) {
    const from = Math.max(start, at) - at;
    const to = Math.min(end, at + n.data.length) - at;
    if (to > from && !NOT_TEXT.has(n.parentElement?.nodeName ?? '')) parts.push([n, from, to]);
    at += n.data.length;
  }
  const marks: HTMLElement[] = [];
  for (const [node, from, to] of parts) {
    const text = from > 0 ? node.splitText(from) : node;
    if (to - from < text.data.length) text.splitText(to - from);
    const mark = document.createElement('mark');
    text.parentNode!.replaceChild(mark, text);
    mark.appendChild(text);
    marks.push(mark);
  }
  return marks;
}

/** The range as offsets: characters of its block element's text nodes before the start, and its length. */
function toOffsets(range: Range): { context: Element; start: number; length: number } | null {
  const anchor = range.commonAncestorContainer;
  const context = anchor.nodeType === 1 ? (anchor as Element) : anchor.parentElement;
  if (!context || !context.isConnected) return null;
  const walker = document.createTreeWalker(context, NodeFilter.SHOW_TEXT);
  let at = 0;
  let start = -1;
  let end = -1;
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    if (n === range.startContainer) start = at + range.startOffset;
    if (n === range.endContainer) {
      end = at + range.endOffset;
      break;
    }
    at += n.data.length;
  }
  return start >= 0 && end > start ? { context, start, length: end - start } : null;
}

/**
 * A PDF shown in the reader page: one box per page at the zoom asked for, the page drawn on a canvas when it comes
 * near the view (and dropped again far from it, so memory stays flat on a long file), and above it a text layer
 * built from readPdfText's lines: one transparent, selectable span per line, tagged with its paragraph
 * (data-para), which files/surface.ts reads as the reader's blocks. Headers, footers and page numbers are drawn
 * on the canvas but have no span: they are not text to annotate.
 */
import type { PdfText } from './pdf-text';

/** What this view uses of a pdf.js page. */
export interface RenderablePage {
  getViewport(o: { scale: number }): { width: number; height: number };
  render(o: { canvas: HTMLCanvasElement; canvasContext: CanvasRenderingContext2D; viewport: unknown }): { promise: Promise<void>; cancel(): void };
}

/** CSS pixels per PDF point at 100 %. */
const PX_PER_PT = 96 / 72;
/** How far (in screens) around the view pages are drawn. */
const NEAR = '150% 0px';

export class PdfView {
  readonly root: HTMLElement;
  private boxes: HTMLElement[] = [];
  private drawn = new Map<number, { cancel(): void }>();
  private observer: IntersectionObserver | null = null;
  /** Resolves when the first page has been drawn once. */
  readonly firstPage: Promise<void>;
  private firstDone!: () => void;

  constructor(
    private readonly text: PdfText,
    private readonly sizes: Array<{ width: number; height: number }>,
    private readonly page: (i: number) => Promise<RenderablePage>,
    public zoom = 1,
  ) {
    this.root = document.createElement('div');
    this.root.className = 'pdf';
    this.firstPage = new Promise((ok) => (this.firstDone = ok));
    this.build();
  }

  /** Builds the page boxes and their text layers at the current zoom. */
  private build(): void {
    this.observer?.disconnect();
    for (const d of this.drawn.values()) d.cancel();
    this.drawn.clear();
    const scale = PX_PER_PT;
    this.root.style.zoom = String(this.zoom);
    const doc = this.root.ownerDocument;
    this.boxes = this.sizes.map((s, i) => {
      const box = doc.createElement('section');
      box.className = 'page';
      box.dataset.page = String(i + 1);
      box.style.width = `${s.width * scale}px`;
      box.style.height = `${s.height * scale}px`;
      const layer = doc.createElement('div');
      layer.className = 'text-layer';
      box.append(layer);
      return box;
    });
    for (const l of this.text.lines) {
      if (l.dropped || l.paragraph === undefined || l.piece === undefined) continue;
      const span = doc.createElement('span');
      span.dataset.para = String(l.paragraph);
      span.textContent = l.piece;
      // the joiner (a space between Latin words) stands before the line's first glyph
      const lead = l.piece.length - l.text.length;
      span.style.left = `${(l.x - lead * l.size * 0.3) * scale}px`;
      span.style.top = `${l.top * scale}px`;
      span.style.fontSize = `${l.size * scale}px`;
      span.style.width = `${(l.right - l.x) * scale + lead * l.size * 0.3 * scale}px`;
      this.boxes[l.page]!.firstElementChild!.append(span);
    }
    this.root.replaceChildren(...this.boxes);
    this.observer = new IntersectionObserver((entries) => this.onView(entries), { rootMargin: NEAR });
    for (const b of this.boxes) this.observer.observe(b);
  }

  private onView(entries: IntersectionObserverEntry[]): void {
    for (const e of entries) {
      const i = Number((e.target as HTMLElement).dataset.page) - 1;
      if (e.isIntersecting) this.draw(i);
      else {
        this.undraw(i);
        this.boxes[i]?.querySelector('canvas')?.remove();
      }
    }
  }

  private draw(i: number): void {
    if (this.drawn.has(i)) return;
    let cancelled = false;
    let task: { cancel(): void } | null = null;
    this.drawn.set(i, { cancel: () => ((cancelled = true), task?.cancel()) });
    void this.page(i).then(async (p) => {
      if (cancelled) return;
      const viewport = p.getViewport({ scale: this.zoom * PX_PER_PT * devicePixelRatio });
      const old = this.boxes[i]?.querySelector('canvas');
      const canvas = this.root.ownerDocument.createElement('canvas');
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      const run = p.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport });
      task = run;
      try {
        await run.promise;
      } catch {
        return; // cancelled
      }
      if (cancelled) return;
      old?.remove();
      this.boxes[i]?.prepend(canvas);
      if (i === 0 || this.drawn.size) this.firstDone();
    });
  }

  private undraw(i: number): void {
    this.drawn.get(i)?.cancel();
    this.drawn.delete(i);
  }

  /**
   * Sets the zoom (0.5 – 3) with CSS zoom, so the text layer (and the highlights in it) stays as it is; the
   * pages in view are drawn again at the new resolution. Keeps the page in view.
   */
  setZoom(zoom: number): void {
    const z = Math.min(3, Math.max(0.5, Math.round(zoom * 100) / 100));
    if (z === this.zoom) return;
    const top = this.boxes.findIndex((b) => b.getBoundingClientRect().bottom > 0);
    this.zoom = z;
    this.root.style.zoom = String(z);
    for (const i of [...this.drawn.keys()]) {
      this.undraw(i);
      this.draw(i);
    }
    this.boxes[Math.max(0, top)]?.scrollIntoView({ block: 'start' });
  }

  /** How many pages have a canvas now (the benchmark's memory check). */
  get drawnPages(): number {
    return this.root.querySelectorAll('canvas').length;
  }
}

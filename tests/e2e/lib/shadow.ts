import type { CDPSession, Frame, Page } from 'playwright-core';

/** A DOM node as CDP reports it with `pierce: true` (closed shadow roots included). */
export interface CdpNode {
  nodeId: number;
  backendNodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: Array<CdpNode & { shadowRootType?: string }>;
  /** An iframe's document, when the frame runs in the page's own process (an extension frame in an extension page). */
  contentDocument?: CdpNode;
}

/** A node's shadow roots and children (an iframe's document is reached through roots(), never by walking). */
const inside = (n: CdpNode): CdpNode[] => [...(n.shadowRoots ?? []), ...(n.children ?? [])];

/** Which DevTools session a node was read through (the page's, or the note frame's own). */
const sessionOf = new WeakMap<CdpNode, { cdp: CDPSession; frame: Frame | null }>();

/** The note editor's frame in `page` (an extension page inside the closed shadow root), or null. */
export function noteFrame(page: Page): Frame | null {
  return page.frames().find((f) => /^chrome-extension:\/\/[^/]+\/note-frame\.html/.test(f.url())) ?? null;
}

/**
 * The extension's in-page UI as the browser sees it: a closed shadow root is invisible to page scripts and
 * to Playwright selectors, so tests read it through the DevTools protocol, like assistive technology does.
 * The note editor is an extension page framed inside that root (another process): the probe reads it through
 * a DevTools session of its own and counts it as part of the UI.
 */
export class ShadowProbe {
  private frameCdp: { frame: Frame; cdp: CDPSession } | null = null;

  private constructor(
    private readonly page: Page,
    private readonly cdp: CDPSession,
  ) {}

  /** The note frame's document, read through its own session (null while there is no frame). */
  private async frameRoot(): Promise<CdpNode | null> {
    const frame = noteFrame(this.page);
    if (!frame) return null;
    if (this.frameCdp?.frame !== frame) {
      // a frame still loading (or put back in the page's own process) has no session of its own: then the page's
      // pierced document already holds its content, and it is read with the shadow root
      const cdp = await this.page.context().newCDPSession(frame).catch(() => null);
      if (!cdp) return null;
      this.frameCdp = { frame, cdp };
    }
    const { cdp } = this.frameCdp;
    // a frame removed with its host (the page took the extension's element away) closes its session: no frame then
    const doc = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true }).catch(() => null)) as { root: CdpNode } | null;
    if (!doc) {
      this.frameCdp = null;
      return null;
    }
    const { root } = doc;
    const body = find(root, (n) => n.nodeName === 'BODY');
    const mark = (n: CdpNode) => {
      sessionOf.set(n, { cdp, frame });
      for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) mark(c);
    };
    if (body) mark(body);
    return body;
  }

  /**
   * The shadow root and, when there is one, the note frame's body: read through the frame's own session, or, for a
   * frame in the page's own process (an extension frame in an extension page, such as the file reader page), from
   * the page's pierced document, where it is the iframe's contentDocument. The pierced copy is used only on an
   * extension page: on a web page the frame is another process, and a copy in the pierced document can only be a
   * stale one (the frame before it moved out).
   */
  private async roots(): Promise<CdpNode[]> {
    const r = await this.root();
    const f = await this.frameRoot();
    const extensionPage = this.page.url().startsWith('chrome-extension://');
    const inProcess = extensionPage && !f && r ? find(r, (n) => n.nodeName === 'IFRAME' && !!n.contentDocument)?.contentDocument : undefined;
    return [r, f ?? inProcess].filter((n): n is CdpNode => !!n);
  }

  static async open(page: Page): Promise<ShadowProbe> {
    return new ShadowProbe(page, await page.context().newCDPSession(page));
  }

  /** The shadow root of the extension's host element, or null when the UI is not mounted. */
  async root(): Promise<(CdpNode & { shadowRootType?: string }) | null> {
    const { root } = (await this.cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const host = find(root, (n) => n.nodeName === 'REGDRAFT-UI');
    return host?.shadowRoots?.[0] ?? null;
  }

  /** All text inside the UI's shadow root and its note frame, joined. */
  async text(): Promise<string> {
    return (await this.roots()).map(collectText).join(' ');
  }

  /** The first element in the UI (note frame included) whose attribute `name` equals `value`. */
  async findByAttr(name: string, value: string): Promise<CdpNode | null> {
    for (const r of await this.roots()) {
      const hit = find(r, (n) => attr(n, name) === value);
      if (hit) return hit;
    }
    return null;
  }

  /** The markup inside the UI's shadow root (its style and its elements), as the browser holds it now. */
  async html(): Promise<string> {
    const r = await this.root();
    const parts: string[] = [];
    for (const child of r?.children ?? []) {
      const { outerHTML } = (await this.cdp.send('DOM.getOuterHTML', { backendNodeId: child.backendNodeId })) as { outerHTML: string };
      parts.push(outerHTML);
    }
    return parts.join('\n');
  }

  /** Every element in the UI (note frame included) for which `pred` holds. */
  async findAll(pred: (n: CdpNode) => boolean): Promise<CdpNode[]> {
    const out: CdpNode[] = [];
    const walk = (n: CdpNode) => {
      if (pred(n)) out.push(n);
      for (const c of inside(n)) walk(c);
    };
    for (const r of await this.roots()) walk(r);
    return out;
  }

  /**
   * Waits until the note editor shows in its frame with the focus in its suggestion box (the frame is another
   * process: what the reviewer types reaches it once it has the focus). A wait, not a speed check: a frame's first
   * process can take seconds to start while the whole suite loads the machine.
   */
  async editorFocused(timeout = 15_000): Promise<void> {
    const end = Date.now() + timeout;
    for (;;) {
      const frame = noteFrame(this.page);
      const ok = await frame
        ?.evaluate(() => document.hasFocus() && document.activeElement?.getAttribute('data-field') === 'suggestion')
        .catch(() => false);
      if (ok) return;
      if (Date.now() > end) throw new Error('the note editor did not take the focus');
      await new Promise((r) => setTimeout(r, 30));
    }
  }

  /**
   * Types `text` into the note editor as text input through the editor frame's own DevTools session. The page's
   * session sends input to the frame the browser process believes focused; right after the editor takes the focus
   * that can still be the page for a while (a whole burst of typing was seen going nowhere in full runs), while
   * the frame's own session reaches the frame's focused box. A frame in the page's own process has no session of
   * its own: the page's keyboard reaches it then.
   */
  async typeInEditor(text: string): Promise<void> {
    const cdp = await this.editorSession();
    if (cdp) await cdp.send('Input.insertText', { text });
    else await this.page.keyboard.insertText(text);
  }

  /** Presses `key` in the note editor, through its frame's own session as typeInEditor does. */
  async pressInEditor(key: 'Tab' | 'Escape' | 'Control+End'): Promise<void> {
    const cdp = await this.editorSession();
    if (!cdp) return this.page.keyboard.press(key);
    const k = { Tab: { key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 }, Escape: { key: 'Escape', code: 'Escape', windowsVirtualKeyCode: 27 }, 'Control+End': { key: 'End', code: 'End', windowsVirtualKeyCode: 35 } }[key];
    const modifiers = key === 'Control+End' ? 2 : 0;
    if (modifiers) await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Control', code: 'ControlLeft', windowsVirtualKeyCode: 17, modifiers });
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...k, modifiers });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...k, modifiers });
    if (modifiers) await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Control', code: 'ControlLeft', windowsVirtualKeyCode: 17 });
  }

  private async editorSession(): Promise<CDPSession | null> {
    const frame = noteFrame(this.page);
    if (!frame) throw new Error('no note editor frame in the page');
    if (this.frameCdp?.frame !== frame) {
      const cdp = await this.page.context().newCDPSession(frame).catch(() => null);
      if (!cdp) return null;
      this.frameCdp = { frame, cdp };
    }
    return this.frameCdp.cdp;
  }

  /** The first element named `tag` (e.g. 'BUTTON') whose text contains `text`. */
  async findByText(tag: string, text: string): Promise<CdpNode | null> {
    return (await this.findAll((n) => n.nodeName === tag && collectText(n).includes(text)))[0] ?? null;
  }

  /** Waits for an element with attribute `name` = `value` and clicks it. */
  async clickAttr(name: string, value: string, timeout = 5000): Promise<void> {
    return this.click(await this.waitForAttr(name, value, timeout));
  }

  /** Waits for an element with attribute `name` = `value` in the UI. */
  async waitForAttr(name: string, value: string, timeout = 5000): Promise<CdpNode> {
    const end = Date.now() + timeout;
    for (;;) {
      const n = await this.findByAttr(name, value);
      if (n) return n;
      if (Date.now() > end) throw new Error(`no element with ${name}="${value}" in the extension's UI`);
      await new Promise((ok) => setTimeout(ok, 50));
    }
  }

  /** Waits for a `tag` element containing `text` and clicks it. */
  async clickText(tag: string, text: string, timeout = 5000): Promise<void> {
    const end = Date.now() + timeout;
    for (;;) {
      const n = await this.findByText(tag, text);
      if (n) return this.click(n);
      if (Date.now() > end) throw new Error(`no ${tag} with text "${text}" in the extension's UI`);
      await new Promise((ok) => setTimeout(ok, 50));
    }
  }

  /** Clicks the middle of a node with the mouse, as a person would. */
  async click(node: CdpNode): Promise<void> {
    const { x, y } = await this.centre(node);
    await this.page.mouse.click(x, y);
  }

  /** Moves the mouse over `node` (scrolled into view first), as a reviewer pointing at it. */
  async hover(node: CdpNode): Promise<void> {
    const { x, y } = await this.centre(node);
    await this.page.mouse.move(x, y);
  }

  /** The centre of `node`'s box in the page's viewport, scrolled into view. */
  private async centre(node: CdpNode): Promise<{ x: number; y: number }> {
    const inFrame = sessionOf.get(node);
    const cdp = inFrame?.cdp ?? this.cdp;
    if (inFrame?.frame) await (await inFrame.frame.frameElement()).scrollIntoViewIfNeeded();
    await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: node.backendNodeId });
    const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId: node.backendNodeId })) as {
      model: { content: number[] };
    };
    const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
    // a node in the frame: its box is in the frame's own viewport, which sits at the frame element's box
    const at = inFrame?.frame ? await (await inFrame.frame.frameElement()).boundingBox() : null;
    return { x: (at?.x ?? 0) + (x1 + x3) / 2, y: (at?.y ?? 0) + (y1 + y3) / 2 };
  }
}

export function attr(n: CdpNode, name: string): string | undefined {
  const a = n.attributes ?? [];
  for (let i = 0; i < a.length; i += 2) if (a[i] === name) return a[i + 1];
  return undefined;
}

function find(n: CdpNode, pred: (n: CdpNode) => boolean): CdpNode | null {
  if (pred(n)) return n;
  for (const c of inside(n)) {
    const hit = find(c, pred);
    if (hit) return hit;
  }
  return null;
}

export function collectText(n: CdpNode): string {
  if (n.nodeType === 3) return n.nodeValue;
  if (n.nodeName === 'STYLE') return '';
  return inside(n).map(collectText).join(' ');
}

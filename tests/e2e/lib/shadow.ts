import type { CDPSession, Page } from 'playwright-core';

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
}

/**
 * The extension's in-page UI as the browser sees it: a closed shadow root is invisible to page scripts and
 * to Playwright selectors, so tests read it through the DevTools protocol, like assistive technology does.
 */
export class ShadowProbe {
  private constructor(
    private readonly page: Page,
    private readonly cdp: CDPSession,
  ) {}

  static async open(page: Page): Promise<ShadowProbe> {
    return new ShadowProbe(page, await page.context().newCDPSession(page));
  }

  /** The shadow root of the extension's host element, or null when the UI is not mounted. */
  async root(): Promise<(CdpNode & { shadowRootType?: string }) | null> {
    const { root } = (await this.cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const host = find(root, (n) => n.nodeName === 'REGDRAFT-UI');
    return host?.shadowRoots?.[0] ?? null;
  }

  /** All text inside the UI's shadow root, joined. */
  async text(): Promise<string> {
    const r = await this.root();
    return r ? collectText(r) : '';
  }

  /** The first element in the UI whose attribute `name` equals `value`. */
  async findByAttr(name: string, value: string): Promise<CdpNode | null> {
    const r = await this.root();
    return r ? find(r, (n) => attr(n, name) === value) : null;
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

  /** Every element in the UI for which `pred` holds. */
  async findAll(pred: (n: CdpNode) => boolean): Promise<CdpNode[]> {
    const r = await this.root();
    const out: CdpNode[] = [];
    const walk = (n: CdpNode) => {
      if (pred(n)) out.push(n);
      for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) walk(c);
    };
    if (r) walk(r);
    return out;
  }

  /** The first element named `tag` (e.g. 'BUTTON') whose text contains `text`. */
  async findByText(tag: string, text: string): Promise<CdpNode | null> {
    return (await this.findAll((n) => n.nodeName === tag && collectText(n).includes(text)))[0] ?? null;
  }

  /** Waits for an element with attribute `name` = `value` and clicks it. */
  async clickAttr(name: string, value: string, timeout = 5000): Promise<void> {
    const end = Date.now() + timeout;
    for (;;) {
      const n = await this.findByAttr(name, value);
      if (n) return this.click(n);
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
    await this.cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: node.backendNodeId });
    const { model } = (await this.cdp.send('DOM.getBoxModel', { backendNodeId: node.backendNodeId })) as {
      model: { content: number[] };
    };
    const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
    await this.page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
  }
}

export function attr(n: CdpNode, name: string): string | undefined {
  const a = n.attributes ?? [];
  for (let i = 0; i < a.length; i += 2) if (a[i] === name) return a[i + 1];
  return undefined;
}

function find(n: CdpNode, pred: (n: CdpNode) => boolean): CdpNode | null {
  if (pred(n)) return n;
  for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) {
    const hit = find(c, pred);
    if (hit) return hit;
  }
  return null;
}

export function collectText(n: CdpNode): string {
  if (n.nodeType === 3) return n.nodeValue;
  if (n.nodeName === 'STYLE') return '';
  return [...(n.shadowRoots ?? []), ...(n.children ?? [])].map(collectText).join(' ');
}

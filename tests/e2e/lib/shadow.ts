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

  /** Clicks the middle of a node with the mouse, as a person would. */
  async click(node: CdpNode): Promise<void> {
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

function collectText(n: CdpNode): string {
  if (n.nodeType === 3) return n.nodeValue;
  if (n.nodeName === 'STYLE') return '';
  return [...(n.shadowRoots ?? []), ...(n.children ?? [])].map(collectText).join(' ');
}

// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parseOutline } from '../../../regulation/outline';

/**
 * The side panel's first render (SidePanel.tsx) and the early asks (early.ts): when the early script's answer has
 * come before the panel's bundle runs, the first render shows the draft, and the page is not asked again.
 */

const outline = parseOutline(['第一章 总则', '第一条 为了促进数字经济发展,制定本条例。', '第二条 本条例适用于本市。'].map((text) => ({ text })));
let asks: unknown[];
let root: HTMLElement;

beforeEach(() => {
  fakeBrowser.reset();
  vi.resetModules();
  delete (globalThis as Record<string, unknown>).__regdraftPanelEarly;
  asks = [];
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (_tab: number, m: unknown) => {
    asks.push(m);
    return { url: 'https://www.jinan.gov.cn/a.html', documentId: null, outline };
  }) as never);
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
  vi.restoreAllMocks();
});

describe('the side panel\'s first render', () => {
  test('shows the draft at once when the early answer has come, and asks the page no more', async () => {
    const early = await import('../../../entrypoints/sidepanel/early');
    const { SidePanel } = await import('../../../entrypoints/sidepanel/SidePanel');
    early.startEarly(7, false); // as the early script does, while the panel's HTML is parsed
    await vi.waitFor(() => expect(asks).toHaveLength(1));
    await new Promise((ok) => setTimeout(ok, 0)); // its answer has come
    render(<SidePanel forcedTabId={7} initialView="outline" />, root);
    // the first render itself, before any effect or re-render
    expect(root.textContent).toContain('第二条');
    await new Promise((ok) => setTimeout(ok, 50));
    expect(asks).toHaveLength(1);
  });

  test('an answer still awaited is drawn when it comes, from the same ask', async () => {
    let answer: (v: unknown) => void = () => undefined;
    vi.mocked(fakeBrowser.tabs.sendMessage).mockImplementation(((_tab: number, m: unknown) => {
      asks.push(m);
      return new Promise((ok) => (answer = ok));
    }) as never);
    const early = await import('../../../entrypoints/sidepanel/early');
    const { SidePanel } = await import('../../../entrypoints/sidepanel/SidePanel');
    early.startEarly(7, false);
    await vi.waitFor(() => expect(asks).toHaveLength(1));
    render(<SidePanel forcedTabId={7} initialView="outline" />, root);
    expect(root.textContent).not.toContain('第二条');
    answer({ url: 'https://www.jinan.gov.cn/a.html', documentId: null, outline });
    await vi.waitFor(() => expect(root.textContent).toContain('第二条'));
    expect(asks).toHaveLength(1);
  });
});

import { browser } from 'wxt/browser';
import { PageReader } from '../../page/reader';
import { readHints } from '../../page/hints';
import { broadcast, fromThisExtension, isMessage, type PageState } from '../../shared/messages';
import noticeCss from '../../components/notice.css?inline';
import css from './style.css?inline';
import { renderUi, type DocRect, type UiState } from './ui';

const EXPANDED_KEY = 'ui:bannerExpanded';

export default defineContentScript({
  // jinan.gov.cn pages are read on load; any other page only when the user clicks the toolbar button
  // (the background injects this same file with activeTab + scripting).
  matches: ['*://*.jinan.gov.cn/*'],
  runAt: 'document_idle',
  main() {
    const g = globalThis as { __regdraftReader?: boolean };
    if (g.__regdraftReader) return; // injected twice
    g.__regdraftReader = true;
    start();
  },
});

function start(): void {
  performance.mark('regdraft:start');
  const { host, shadow, container } = createHost();
  performance.mark('regdraft:host');
  const reader = new PageReader(document.body ?? document.documentElement, host, readHints(document));
  performance.mark('regdraft:parsed');
  let flashKey = 0;
  let returnFocus: HTMLElement | null = null;

  const state: UiState = { outline: reader.outline, expanded: true, hover: null, note: null, flash: null };
  const actions = {
    toggle() {
      state.expanded = !state.expanded;
      void browser.storage.local.set({ [EXPANDED_KEY]: state.expanded }).catch(() => undefined);
      draw();
    },
    openNote(index: number) {
      const el = reader.articleElements(index)[0];
      if (!el) return;
      returnFocus = (document.activeElement as HTMLElement | null) ?? null;
      const r = docRect(el);
      state.note = { index, top: r.top, left: Math.max(8, Math.min(r.left, window.scrollX + window.innerWidth - 340)) };
      state.hover = null;
      draw();
    },
    closeNote() {
      state.note = null;
      draw();
      returnFocus?.focus?.();
      returnFocus = null;
    },
  };
  const draw = () => renderUi(container, shadow, state, actions);
  draw();
  performance.mark('regdraft:ready');
  performance.measure('regdraft:ready', 'regdraft:start', 'regdraft:ready');

  // after ready: preferences, observers, messages
  void browser.storage.local
    .get(EXPANDED_KEY)
    .then((v) => {
      if (v[EXPANDED_KEY] === false && state.expanded) {
        state.expanded = false;
        draw();
      }
    })
    .catch(() => undefined);

  const tell = () => void broadcast({ type: 'outline:changed', count: reader.outline.articles.length });
  tell();
  reader.onChange(() => {
    state.outline = reader.outline;
    if (state.hover && !reader.outline.articles[state.hover.index]) state.hover = null;
    if (state.note && !reader.outline.articles[state.note.index]) state.note = null;
    draw();
    tell();
  });
  reader.observe();

  const onPointer = (e: Event) => {
    const target = e.target as Node | null;
    if (!target || target === host) return; // our own UI: keep the button where it is
    const hit = reader.articleAt(target);
    if (hit < 0) {
      if (state.hover) {
        state.hover = null;
        draw();
      }
      return;
    }
    const el = hoveredBlock(reader.articleElements(hit), target);
    const r = docRect(el);
    const pos = { index: hit, top: r.top, left: Math.max(4, r.left - 62) };
    if (state.hover?.index === pos.index && state.hover.top === pos.top) return;
    state.hover = pos;
    draw();
  };
  document.addEventListener('mouseover', onPointer, { passive: true });
  document.addEventListener('focusin', onPointer, { passive: true });

  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (!fromThisExtension(sender) || !isMessage(message)) return false;
    switch (message.type) {
      case 'outline:get': {
        reader.flush();
        const reply: PageState = { url: location.href, outline: reader.outline, documentId: null };
        sendResponse(reply);
        return false;
      }
      case 'article:jump':
      case 'article:note': {
        const els = reader.articleElements(message.index);
        if (!els.length) {
          sendResponse(false);
          return false;
        }
        els[0]!.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
        state.flash = { rect: unionRect(els), key: ++flashKey };
        if (message.type === 'article:note') actions.openNote(message.index);
        else draw();
        sendResponse(true);
        return false;
      }
      default:
        return false;
    }
  });
}

/** A host element on <html> (outside the body the reader walks) with a closed shadow root. */
function createHost(): { host: HTMLElement; shadow: ShadowRoot; container: HTMLElement } {
  const host = document.createElement('regdraft-ui');
  host.style.cssText = 'all:initial;position:absolute;top:0;left:0;width:0;height:0;z-index:2147483647';
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = css + noticeCss;
  const container = document.createElement('div');
  shadow.append(style, container);
  document.documentElement.appendChild(host);
  return { host, shadow, container };
}

function hoveredBlock(els: Element[], target: Node): Element {
  for (const el of els) if (el.contains(target)) return el;
  return els[0]!;
}

function docRect(el: Element): DocRect {
  const r = el.getBoundingClientRect();
  return { top: r.top + window.scrollY, left: r.left + window.scrollX, width: r.width, height: r.height };
}

function unionRect(els: Element[]): DocRect {
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

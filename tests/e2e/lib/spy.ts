/**
 * A hostile page's spy, as an analytics or session-replay script on a government site would run it: capture
 * listeners on window and document for every keyboard, input, composition, clipboard and focus event, a
 * MutationObserver over the whole document and a PerformanceObserver. It records everything it sees as text in
 * `window.__spy`. Shared by the Chromium and Firefox privacy tests; `SPY_SCRIPT` goes first in the page's <head>.
 */
export const SPY_SCRIPT = `
(() => {
  const log = [];
  window.__spy = log;
  const text = (n) => {
    if (!n) return '';
    try {
      return [n.nodeName, n.value ?? '', n.textContent ?? '', n.getAttribute ? [...n.attributes].map((a) => a.name + '=' + a.value).join(' ') : ''].join('|');
    } catch (e) { return String(e); }
  };
  const types = ['keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'textInput', 'change', 'select', 'selectionchange',
    'compositionstart', 'compositionupdate', 'compositionend', 'paste', 'copy', 'cut',
    'focus', 'blur', 'focusin', 'focusout', 'click', 'mousedown', 'mouseup'];
  const record = (where) => (e) => {
    let clip = '';
    try { clip = e.clipboardData ? e.clipboardData.getData('text/plain') + '|' + e.clipboardData.getData('text/html') : ''; } catch (x) { clip = String(x); }
    let sel = '';
    try { sel = String(getSelection()); } catch (x) { sel = ''; }
    log.push(['event', where, e.type, e.key ?? '', e.code ?? '', e.data ?? '', e.inputType ?? '', clip, text(e.target), text(e.relatedTarget), sel,
      e.composedPath ? e.composedPath().map(text).join('>') : ''].join(' '));
  };
  for (const t of types) {
    window.addEventListener(t, record('window'), true);
    document.addEventListener(t, record('document'), true);
  }
  new MutationObserver((list) => {
    for (const m of list) {
      log.push(['mutation', m.type, m.attributeName ?? '', text(m.target), m.oldValue ?? '',
        ...[...m.addedNodes].map(text), ...[...m.removedNodes].map(text)].join(' '));
    }
  }).observe(document, { subtree: true, childList: true, characterData: true, characterDataOldValue: true, attributes: true, attributeOldValue: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) log.push(['performance', e.entryType, e.name].join(' '));
    }).observe({ entryTypes: ['mark', 'measure', 'resource', 'navigation', 'paint', 'event'] });
  } catch (e) {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) log.push(['performance', e.entryType, e.name].join(' '));
    }).observe({ entryTypes: ['mark', 'measure'] });
  }
})();
`;

/** The sample draft with the spy running before anything else in it. */
export function spyPage(sampleHtml: string): string {
  // the page's own search box: the spy must be seen to record what is typed into the page itself
  const own = '<input id="page-search" aria-label="站内搜索">';
  return sampleHtml.replace(/<head[^>]*>/i, (h) => `${h}<script>${SPY_SCRIPT}</script>`).replace(/<body[^>]*>/i, (b) => `${b}${own}`);
}

/** (runs in the page) Everything the spy recorded, plus what the page's timeline holds now. */
export function spyRecords(): string[] {
  const w = window as unknown as { __spy: string[] };
  return [...w.__spy, ...performance.getEntries().map((e) => `timeline ${e.entryType} ${e.name}`)];
}

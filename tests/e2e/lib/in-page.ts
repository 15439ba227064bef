/**
 * Functions that run inside the draft page, handed to `page.evaluate` by Playwright (Chromium) and Puppeteer
 * (Firefox) alike: they see only the page's own world, as a page script would. Each is self-contained (nothing
 * from this module's scope), since only its source travels to the page.
 */

/**
 * Selects characters `start`..`end` of the first long (≥ 20 characters) text node of the sample paragraph that
 * starts with `label`, as a reader's drag would; returns the selected text.
 */
export function selectInArticle([label, start, end]: readonly [string, number, number]): string {
  const p = [...document.querySelectorAll('#zoom p')].find((e) => e.textContent!.trim().startsWith(label))!;
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  let node = walker.nextNode() as Text;
  while (node && node.data.length < 20) node = walker.nextNode() as Text;
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, end);
  getSelection()!.removeAllRanges();
  getSelection()!.addRange(range);
  return range.toString();
}

/** The highlights in the page: their text and every attribute they carry. */
export function pageMarks(): Array<{ text: string; attrs: string }> {
  return [...document.querySelectorAll('mark')].map((m) => ({
    text: m.textContent ?? '',
    attrs: [...m.attributes].map((a) => `${a.name}=${a.value}`).join(' '),
  }));
}

/**
 * Looks for any of `secrets` everywhere a page script can reach: the DOM and its attributes, open shadow roots,
 * the extension's host element, web storage, cookies, window strings, IndexedDB, CacheStorage, the selection.
 * Returns where each was found (empty: nothing leaked).
 */
export async function searchForSecrets(secrets: readonly string[]): Promise<string[]> {
  const hits: string[] = [];
  const look = (where: string, text: string | null | undefined) => {
    for (const s of secrets) if (text?.includes(s)) hits.push(`${where}: ${s}`);
  };
  look('DOM', document.documentElement.outerHTML);
  look('text', document.documentElement.textContent);
  look('title', document.title);
  for (const el of document.querySelectorAll('*')) {
    if (el.shadowRoot) look(`open shadow root of ${el.tagName}`, el.shadowRoot.innerHTML);
    for (const a of el.attributes) look(`attribute ${a.name} of ${el.tagName}`, a.value);
  }
  const host = document.querySelector('regdraft-ui');
  if (!host) hits.push('no UI host: the check would prove nothing');
  look('host', host?.outerHTML);
  if (host?.shadowRoot) hits.push('the UI shadow root is open');
  for (const store of [localStorage, sessionStorage]) {
    for (let i = 0; i < store.length; i++) look('web storage', `${store.key(i)}=${store.getItem(store.key(i)!)}`);
  }
  look('cookies', document.cookie);
  look('window.name', window.name);
  look('history.state', JSON.stringify(history.state));
  for (const key of Object.keys(window)) {
    try {
      const v = (window as unknown as Record<string, unknown>)[key];
      if (typeof v === 'string') look(`window.${key}`, v);
    } catch {
      // a getter that throws
    }
  }
  for (const db of await indexedDB.databases()) hits.push(`an IndexedDB in the page: ${db.name}`);
  // (CacheStorage exists only in secure contexts: not on an http:// page)
  if (typeof caches !== 'undefined') for (const name of await caches.keys()) hits.push(`a cache in the page: ${name}`);
  look('selection', getSelection()?.toString());
  return hits;
}

/** True when the sample paragraph that starts with `label` is wholly in the window and the page has scrolled. */
export function scrolledToArticle(label: string): boolean {
  const p = [...document.querySelectorAll('#zoom p')].find((e) => e.textContent!.startsWith(label))!;
  const r = p.getBoundingClientRect();
  return r.top >= 0 && r.bottom <= window.innerHeight && window.scrollY > 0;
}

import { browser } from 'wxt/browser';
import type zh from '../public/_locales/zh_CN/messages.json';
import type { Catalogue } from './i18n-messages';

/** Every user-facing string's key: the zh_CN catalogue is the source of truth, en must match it. */
export type MessageKey = keyof typeof zh;

/**
 * The localised string for `key` (zh_CN by default, en in English browsers), with $1, $2 … filled from
 * `subs`. Falls back to the key itself when the browser has no catalogue (never throws).
 */
export function t(key: MessageKey, ...subs: Array<string | number>): string {
  const id = subs.length ? `${key}\u0000${subs.join('\u0001')}` : key;
  const hit = cache.get(id);
  if (hit !== undefined) return hit;
  let s = '';
  const template = catalogue?.[key];
  if (template !== undefined) s = fillMessage(template, subs);
  else {
    try {
      s = browser.i18n.getMessage(key, subs.map(String));
    } catch {
      // no i18n API (unit tests without a browser): fall through
    }
  }
  if (!s) return subs.length ? `${key}(${subs.join(',')})` : key;
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(id, s);
  return s;
}

/** The messages as templates, when a copy was handed over (useCatalogue); t() asks the browser otherwise. */
let catalogue: Catalogue | null = null;

/**
 * Hands t() a copy of the messages (a content script's, from the background: shared/i18n-messages.ts), so that it never
 * makes the browser load the catalogue into the page. A key the copy lacks is still asked of the browser.
 */
export function useCatalogue(messages: Catalogue): void {
  catalogue = messages;
  cache.clear();
}

/** A template's $1 … $9 filled from `subs`, as the browser fills them (a missing one is empty); one pass, so a
 * substitution's own "$1" stays as it is. */
export function fillMessage(template: string, subs: ReadonlyArray<string | number>): string {
  return template.replace(/\$([1-9])/g, (_, d: string) => String(subs[Number(d) - 1] ?? ''));
}

/** Looked-up strings: getMessage crosses into the browser's bindings, and a page of markers asks hundreds of times. */
const cache = new Map<string, string>();
const CACHE_MAX = 2000;

/**
 * Fills the page's title from the catalogue: an extension page's HTML may name a message as `__MSG_key__`, which
 * browsers substitute in the manifest and CSS but never in a page's <title> (screen readers and the tab strip
 * would say "__MSG_key__").
 */
export function localiseTitle(): void {
  document.title = document.title.replace(/__MSG_(\w+)__/g, (_, key: string) => t(key as MessageKey));
}

/** The UI language the browser chose, for lang attributes: 'zh-CN' or 'en'. */
export function uiLang(): string {
  try {
    return browser.i18n.getUILanguage().toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  } catch {
    return 'zh-CN';
  }
}

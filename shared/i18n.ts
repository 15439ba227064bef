import { browser } from 'wxt/browser';
import type zh from '../public/_locales/zh_CN/messages.json';

/** Every user-facing string's key: the zh_CN catalogue is the source of truth, en must match it. */
export type MessageKey = keyof typeof zh;

/**
 * The localised string for `key` (zh_CN by default, en in English browsers), with $1, $2 … filled from
 * `subs`. Falls back to the key itself when the browser has no catalogue (never throws).
 */
export function t(key: MessageKey, ...subs: Array<string | number>): string {
  try {
    const s = browser.i18n.getMessage(key, subs.map(String));
    if (s) return s;
  } catch {
    // no i18n API (unit tests without a browser): fall through
  }
  return subs.length ? `${key}(${subs.join(',')})` : key;
}

/** The UI language the browser chose, for lang attributes: 'zh-CN' or 'en'. */
export function uiLang(): string {
  try {
    return browser.i18n.getUILanguage().toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  } catch {
    return 'zh-CN';
  }
}

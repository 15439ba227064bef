/// <reference types="chrome" />
import { fillMessage } from '../../../shared/i18n';

/** Substitutions for the comparison: a Han one, one holding "$1" (filled in one pass, never filled again), a third. */
const SUBS = ['甲一', 'B$1', '丙'];

interface Row {
  key: string;
  template: string | undefined;
  browser: string;
}

/**
 * Runs in an extension page (Chromium's `chrome`, Firefox's `browser`): each key of the default locale with the
 * background's copy of its message (shared/i18n-messages.ts) and the browser's own getMessage of it.
 */
async function catalogueRows(subs: string[]): Promise<Row[]> {
  const api = ((globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome) as typeof chrome;
  const answer = (await api.runtime.sendMessage({ type: 'i18n:catalogue' })) as { ok: boolean; value: Record<string, string> };
  const keys = Object.keys((await (await fetch('/_locales/zh_CN/messages.json')).json()) as object);
  return keys.map((k) => ({ key: k, template: answer.value[k], browser: api.i18n.getMessage(k, subs) }));
}

/**
 * Every key of the catalogue as the content script fills it from the background's copy and as the browser's own
 * getMessage gives it, asked of an extension page of the running browser through `evaluate` (Playwright's
 * page.evaluate in Chromium, the Firefox harness's extensionEval); returns the keys that differ.
 */
export async function catalogueDifferences(
  evaluate: (fn: (subs: string[]) => Promise<Row[]>, subs: string[]) => Promise<Row[]>,
): Promise<{ keys: number; differ: string[] }> {
  const rows = await evaluate(catalogueRows, SUBS);
  const differ = rows
    .filter((r) => r.template === undefined || fillMessage(r.template, SUBS) !== r.browser)
    .map((r) => `${r.key}: ${JSON.stringify(r.template)} -> ${JSON.stringify(r.template && fillMessage(r.template, SUBS))} vs ${JSON.stringify(r.browser)}`);
  return { keys: rows.length, differ };
}

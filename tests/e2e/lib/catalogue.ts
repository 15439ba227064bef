/// <reference types="chrome" />
import type { Page } from 'playwright-core';
import { fillMessage } from '../../../shared/i18n';

/** Substitutions for the comparison: a Han one, one holding "$1" (filled in one pass, never filled again), a third. */
const SUBS = ['甲一', 'B$1', '丙'];

/**
 * Every key of the catalogue as the content script fills it from the background's copy (shared/i18n-messages.ts) and as
 * the browser's own getMessage gives it, from an extension page of the running browser; returns the keys that differ.
 */
export async function catalogueDifferences(extensionPage: Page): Promise<{ keys: number; differ: string[] }> {
  const rows = await extensionPage.evaluate(async (subs) => {
    const answer = (await chrome.runtime.sendMessage({ type: 'i18n:catalogue' })) as { ok: boolean; value: Record<string, string> };
    const keys = Object.keys((await (await fetch('/_locales/zh_CN/messages.json')).json()) as object);
    return keys.map((k) => ({ key: k, template: answer.value[k], browser: chrome.i18n.getMessage(k, subs) }));
  }, SUBS);
  const differ = rows.filter((r) => r.template === undefined || fillMessage(r.template, SUBS) !== r.browser).map((r) => `${r.key}: ${JSON.stringify(r.template)} -> ${JSON.stringify(r.template && fillMessage(r.template, SUBS))} vs ${JSON.stringify(r.browser)}`);
  return { keys: rows.length, differ };
}

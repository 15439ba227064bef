/**
 * The content script asks the background for the extension's messages, as templates: the first
 * browser.i18n.getMessage in a page loads the whole catalogue there, synchronously (about 12 ms of the page's main
 * thread, a 50-60 ms task with the CPU throttled 4x), while a copy from the background arrives as one small message.
 * background/i18n-api.ts answers; entrypoints/content asks and hands the answer to shared/i18n.ts (useCatalogue).
 */

export const I18N_CATALOGUE = 'i18n:catalogue';

/** content script -> background: every message of the browser's UI language. */
export interface CatalogueAsk {
  type: typeof I18N_CATALOGUE;
}

/**
 * The answer: each key's message with its substitutions left as $1 … $9 (shared/i18n.ts fills them as the browser
 * would), for the language the browser chose.
 */
export type Catalogue = Record<string, string>;

/** How many substitutions a message may take (the browser's limit). */
export const MAX_SUBSTITUTIONS = 9;

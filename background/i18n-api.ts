import { browser } from 'wxt/browser';
import { fromThisExtension } from '../shared/messages';
import { I18N_CATALOGUE, MAX_SUBSTITUTIONS, type Catalogue } from '../shared/i18n-messages';

/** True when `m` asks for the catalogue (it carries nothing else). */
export function isCatalogueAsk(m: unknown): boolean {
  return (m as { type?: unknown } | null)?.type === I18N_CATALOGUE;
}

/** $1 … $9: asked as substitutions, they come back where the message takes them. */
const MARKERS = Array.from({ length: MAX_SUBSTITUTIONS }, (_, i) => `$${i + 1}`);

/**
 * Every message of the browser's UI language, as templates (shared/i18n-messages.ts). The keys are the default
 * locale's (it has them all); a key the UI language lacks comes back in the default locale, as getMessage gives it.
 */
export async function buildCatalogue(keys: () => Promise<string[]>): Promise<Catalogue> {
  const out: Catalogue = {};
  const message = browser.i18n.getMessage.bind(browser.i18n) as (key: string, subs: string[]) => string;
  for (const key of await keys()) {
    const s = message(key, MARKERS);
    if (s) out[key] = s;
  }
  return out;
}

/** The default locale's keys, read from the extension's own file. */
async function defaultKeys(): Promise<string[]> {
  const url = browser.runtime.getURL(`/_locales/${browser.runtime.getManifest().default_locale ?? 'zh_CN'}/messages.json` as '/popup.html');
  return Object.keys((await (await fetch(url)).json()) as object);
}

let built: Promise<Catalogue> | null = null;

/** Answers the content script's i18n:catalogue with the catalogue, built once per background's life. */
export function listenForCatalogue(keys: () => Promise<string[]> = defaultKeys): void {
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (!fromThisExtension(sender) || !isCatalogueAsk(message)) return false;
    const catalogue = (built ??= buildCatalogue(keys));
    catalogue.then(
      (value) => sendResponse({ ok: true, value }),
      (e: unknown) => {
        built = null;
        sendResponse({ ok: false, error: { code: 'internal', message: String(e) } });
      },
    );
    return true; // answered asynchronously
  });
}

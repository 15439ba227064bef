import { browser } from 'wxt/browser';
import { hostOf } from './site';
import { CONTENT_LOADER } from './content-files';

/**
 * Sites the reviewer chose to have read on every page load ("总是在此网站上阅读"): each is an optional host
 * permission for that one host (`*://host/*`), asked for from a click in the popup, and one registered content
 * script covers them all. The granted permissions are the only record: the registration is brought in line with
 * them whenever the background starts and whenever a permission is added or removed.
 */

/** The id of the registered content script that reads the chosen sites. */
export const SITES_SCRIPT_ID = 'regdraft-sites';

/** The hosts the manifest's content script already reads on load. */
const BUILT_IN = /(^|\.)jinan\.gov\.cn$/;

/** The match pattern for one host: `*://host/*`. */
export const originOf = (host: string): string => `*://${host}/*`;

/** The host of a `*://host/*` pattern (no wildcard host), or null for any other pattern. */
function hostOfPattern(pattern: string): string | null {
  const m = /^\*:\/\/([^/*]+)\/\*$/.exec(pattern);
  return m ? m[1]! : null;
}

/**
 * The host the popup may offer to read always for a page: its http(s) host, unless the manifest already reads it
 * (jinan.gov.cn). Null otherwise. Never throws.
 */
export function offerableHost(url: string): string | null {
  const host = hostOf(url);
  return host && !BUILT_IN.test(host) ? host : null;
}

/** The hosts the reviewer granted, sorted. Never throws (none when the API is missing). */
export async function listSites(): Promise<string[]> {
  try {
    const { origins = [] } = await browser.permissions.getAll();
    const hosts = origins.map(hostOfPattern).filter((h): h is string => h !== null && !BUILT_IN.test(h));
    return [...new Set(hosts)].sort();
  } catch {
    return [];
  }
}

/**
 * Asks for the permission to read `host` on every load. Call it straight from a click handler (the browser
 * shows its prompt only for a user gesture). Resolves true when granted (the registration then follows).
 */
export async function addSite(host: string): Promise<boolean> {
  const granted = await browser.permissions.request({ origins: [originOf(host)] });
  if (granted) await syncSiteScripts();
  return granted;
}

/** Gives up the permission for `host` and stops reading it on load. Resolves true when it was removed. */
export async function removeSite(host: string): Promise<boolean> {
  const removed = await browser.permissions.remove({ origins: [originOf(host)] });
  await syncSiteScripts();
  return removed;
}

/**
 * Makes the registered content script match exactly the granted sites: registers it, changes its matches, or
 * unregisters it when none is left. Never throws (logs why it could not).
 */
export async function syncSiteScripts(): Promise<void> {
  try {
    const matches = (await listSites()).map(originOf);
    const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SITES_SCRIPT_ID] });
    const same = existing.length === 1 && JSON.stringify([...(existing[0]!.matches ?? [])].sort()) === JSON.stringify(matches);
    if (same) return;
    if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [SITES_SCRIPT_ID] });
    if (!matches.length) return;
    await browser.scripting.registerContentScripts([
      { id: SITES_SCRIPT_ID, matches, js: [CONTENT_LOADER.replace(/^\//, '')], runAt: 'document_idle' },
    ]);
  } catch (e) {
    console.warn('regdraft: cannot register the reader for the chosen sites:', (e as Error).message);
  }
}

/**
 * Keeps the registration in line with the granted permissions: now (the background just started; Firefox may not
 * keep registrations across sessions) and whenever a permission is added or removed. Never throws.
 */
export function followSitePermissions(): void {
  void syncSiteScripts();
  try {
    // a listener for the browser's start wakes an event page then, so the chosen sites are read from the first page
    browser.runtime.onStartup.addListener(() => void syncSiteScripts());
    browser.permissions.onAdded.addListener(() => void syncSiteScripts());
    browser.permissions.onRemoved.addListener(() => void syncSiteScripts());
  } catch (e) {
    console.warn('regdraft: cannot follow permission changes:', (e as Error).message);
  }
}

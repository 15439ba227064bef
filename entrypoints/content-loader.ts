import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { CONTENT_MODULE } from '../shared/content-files';

/*
 * The content script that pages get (the manifest's, and the reviewer's own sites'): it imports the reader as a
 * module, which the browser compiles, all of it, off the page's main thread while it loads (shared/content-files.ts).
 * Nothing else happens here, so the task that evaluates this script stays short in a new tab on a slow machine.
 */
export default defineUnlistedScript(() => {
  // (a file the build writes, which WXT's list of the package's paths does not know)
  const url = (browser.runtime.getURL as (path: string) => string)(CONTENT_MODULE);
  import(/* @vite-ignore */ url).catch((e: unknown) => {
    // the reader did not load (the extension was updated or removed meanwhile, or the browser refused the module):
    // the toolbar's button still reads the page, injecting the reader as a classic script
    console.warn('regdraft: the reader did not load on this page; the toolbar button reads it:', (e as Error)?.message ?? e);
  });
});

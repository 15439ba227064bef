/**
 * The content script's files. The reader itself is one classic script (an immediately called function), which
 * also runs as a module; pages are given the small loader, which imports it as a module.
 *
 * Why: Chromium compiles a content script injected as a classic script on the page's main thread, whole, in the
 * task that evaluates it, and in a new tab nothing of it is compiled yet (on a CPU throttled 4x that task took a
 * median 31-32 ms in new tabs and up to 92 ms, about half of it the compile: BENCHMARKS.md,
 * scripts/profile-injection.ts). A module imported from an extension URL is compiled off the main thread while it
 * loads (V8's streaming compile), so the page's thread only runs it. The loader is what the manifest and the
 * reviewer's own sites inject; the toolbar's button and commands inject the reader directly (a click, on a page
 * already loaded, and with no module load that a page could refuse), as does the extension's file reader page (an
 * extension page of its own).
 */

/** The reader: the content script's bundle (entrypoints/content), web-accessible so that the loader can import it. */
export const CONTENT_SCRIPT = '/content-scripts/content.js';

/** The loader (entrypoints/content-loader.ts): the file pages get from the manifest and the registered sites. */
export const CONTENT_LOADER = '/content-loader.js';

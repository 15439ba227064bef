/**
 * The content script's files. The reader itself is one classic script (an immediately called function); pages are
 * given the small loader, which imports a copy of it (CONTENT_MODULE) as a module.
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

/** The reader: the content script's bundle (entrypoints/content), as the toolbar, the commands and the file reader page run it. */
export const CONTENT_SCRIPT = '/content-scripts/content.js';

/**
 * The same reader as the loader imports it, web-accessible: the same bytes after V8's compile hint (COMPILE_HINT),
 * written by the build (wxt.config.ts).
 */
export const CONTENT_MODULE = '/content-scripts/content-module.js';

/** The loader (entrypoints/content-loader.ts): the file pages get from the manifest and the registered sites. */
export const CONTENT_LOADER = '/content-loader.js';

/**
 * The first line of CONTENT_MODULE, V8's explicit compile hint (Chromium 136 and later): compile every function of
 * the file when the file is compiled, not each one when first called. A module's compile runs on a background
 * thread while it loads, so the functions the reader calls at start (its host, the read, the parse, the first
 * render) no longer compile on the page's main thread, each in the first task that calls it. At 4x CPU throttling,
 * in 18 new tabs each (`npx tsx scripts/profile-injection.ts 6 4 3 'as built,no hint' [civil]`, 2026-12-04), the
 * longest task with the reader's work in it went from a median 40.1 ms (3 loads at 50 ms or more) to 29.4 ms (2) on
 * the sample, from 33.8 ms (3) to 26.8 ms (none) on the civil code page; its first render from 25.6 to 19.0 ms and
 * from 25.8 to 15.4 ms.
 * A classic script is compiled on the main thread, whole, in the task that evaluates it: with the hint that task
 * took a median 119 ms (every load over 50 ms) against 39 ms without, so what the toolbar and the commands inject
 * (CONTENT_SCRIPT) has no hint. Firefox reads the line as a comment. (The side panel's modules with the hint were
 * listed no sooner: 208 and 249 ms against 205 and 224 ms, so they have none.)
 */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/**
 * Stands in for WXT's ContentScriptContext in the content script's build (wxt.config.ts aliases
 * `wxt/utils/content-script-context` here). WXT's own announces every start to the page (a `window.postMessage` and
 * a `document` event named after the extension), so that a newer copy can stop an older one, and carries a location
 * watcher and timers: the content script uses none of it (entrypoints/content/index.ts guards against a second
 * copy itself), and a page should not learn from a message that the extension runs. Only what WXT's entry calls.
 */
export class ContentScriptContext {
  constructor(
    readonly contentScriptName: string,
    readonly options?: unknown,
  ) {}
}

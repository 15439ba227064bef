import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import { PDFJS_ASSET_DIRS, PDFJS_ASSETS } from './files/pdf-options';
import { COMPILE_HINT, CONTENT_LOADER, CONTENT_MODULE, CONTENT_SCRIPT } from './shared/content-files';

const WAR_FRAME = 'note-frame.html';

// https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  modules: [],
  // no auto-imports: every file imports what it uses. (Auto-imports scan components/ and matched a method
  // named toggle() in the content script to the export panel's toggle(), pulling the letter and docx into it.)
  imports: false,
  // the content script's context: page/content-context.ts, which, unlike WXT's, announces nothing to the page
  // (and keeps the content script within its size budget, tests/e2e/bundle.e2e.ts)
  vite: () => ({
    resolve: { alias: { 'wxt/utils/content-script-context': fileURLToPath(new URL('./page/content-context.ts', import.meta.url)) } },
    // regulation/ is DOM-free and does nothing when loaded: a bundle that uses none of a module's exports leaves it
    // out whole (the content script uses the outline parser, never the notice parser that parseOutline also calls)
    build: { rollupOptions: { treeshake: { moduleSideEffects: (id: string) => !/[\\/]regulation[\\/][^\\/]+\.ts$/.test(id) } } },
    plugins: [
      {
        // the reader as the loader imports it: the same bytes after V8's compile hint, which has V8 compile all of it
        // while the module loads, off the page's main thread (shared/content-files.ts). After minifying (which would
        // drop a comment) and after WXT's own last touch of the file.
        name: 'regdraft:content-module',
        enforce: 'post',
        generateBundle(_options, bundle) {
          const chunk = bundle[CONTENT_SCRIPT.slice(1)];
          if (chunk?.type !== 'chunk') return;
          this.emitFile({ type: 'asset', fileName: CONTENT_MODULE.slice(1), source: `${COMPILE_HINT}\n${chunk.code}` });
        },
      },
    ],
  }),
  zip: {
    // `npm run zip` also makes the sources zip AMO's reviewers rebuild the Firefox package from: only what the
    // build reads (and the README that says how), never tests, fixtures, screenshots or stray local files.
    // tests/e2e/store.e2e.ts rebuilds from it and compares the result with the package, file by file.
    includeSources: [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'wxt.config.ts',
      'README.md',
      'PRIVACY.md',
      'anchoring/**',
      'assets/**',
      'background/**',
      'components/**',
      'entrypoints/**',
      'files/**',
      'letter/**',
      'page/**',
      'public/**',
      'regulation/**',
      'shared/**',
      'storage/**',
      'versions/**',
    ],
  },
  hooks: {
    // pages get the small loader, which imports the reader as a module (shared/content-files.ts): the manifest's
    // entry for the content script (entrypoints/content, whose matches and timing it keeps) names the loader instead
    'build:manifestGenerated': (_wxt, manifest) => {
      const reader = CONTENT_SCRIPT.slice(1);
      for (const entry of manifest.content_scripts ?? []) {
        entry.js = entry.js?.map((f) => (f === reader ? CONTENT_LOADER.slice(1) : f));
      }
      if (!manifest.content_scripts?.some((e) => e.js?.includes(CONTENT_LOADER.slice(1)))) {
        throw new Error(`the manifest has no content script ${reader} to load through ${CONTENT_LOADER}`);
      }
    },
    // pdfjs-dist's CMaps and standard fonts, copied from node_modules into the package (files/pdf-options.ts)
    'build:publicAssets': (_wxt, files) => {
      const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
      for (const dir of PDFJS_ASSET_DIRS) {
        for (const f of readdirSync(join(root, dir))) files.push({ absoluteSrc: join(root, dir, f), relativeDest: `${PDFJS_ASSETS}/${dir}/${f}` });
      }
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    // sidePanel is Chrome's; Firefox shows the same page as its sidebar_action and needs no permission
    permissions: ['activeTab', 'scripting', 'storage', 'unlimitedStorage', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    // asked for one host at a time, when the reviewer acts: a site chosen for "always read on this site", or a
    // draft file on another host than its notice (the file reader page asks when the file is opened)
    ...(browser === 'firefox' ? { optional_permissions: ['*://*/*'] } : { optional_host_permissions: ['*://*/*'] }),
    action: { default_title: '__MSG_actionTitle__' },
    // the note editor's page, framed by the content script into the draft page (entrypoints/note-frame), and the
    // reader, which the content script's loader imports (shared/content-files.ts). In Chrome only through a
    // per-session URL, so that a page cannot probe for the extension by loading them; Firefox's moz-extension://
    // host is already random per install.
    web_accessible_resources:
      browser === 'firefox'
        ? ([WAR_FRAME, CONTENT_MODULE.slice(1)] as unknown as { resources: string[]; matches: string[] }[])
        : [{ resources: [WAR_FRAME, CONTENT_MODULE.slice(1)], matches: ['<all_urls>'], use_dynamic_url: true }],
    // keyboard commands; the reviewer can change the keys (chrome://extensions/shortcuts, Firefox: about:addons).
    // Chrome allows suggested keys for four commands: exporting has none until the reviewer sets one.
    commands: {
      'open-panel': { suggested_key: { default: 'Alt+Shift+O' }, description: '__MSG_cmdOpenPanel__' },
      'add-note': { suggested_key: { default: 'Alt+Shift+M' }, description: '__MSG_cmdAddNote__' },
      'next-note': { suggested_key: { default: 'Alt+Shift+J' }, description: '__MSG_cmdNextNote__' },
      'prev-note': { suggested_key: { default: 'Alt+Shift+K' }, description: '__MSG_cmdPrevNote__' },
      'export-letter': { description: '__MSG_cmdExport__' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'regdraft-reviewer@regdraft.example',
              strict_min_version: '142.0',
              // notes and letters stay on the device: nothing is collected
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});

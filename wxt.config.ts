import { defineConfig } from 'wxt';

// https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  modules: [],
  // no auto-imports: every file imports what it uses. (Auto-imports scan components/ and matched a method
  // named toggle() in the content script to the export panel's toggle(), pulling the letter and docx into it.)
  imports: false,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    // sidePanel is Chrome's; Firefox shows the same page as its sidebar_action and needs no permission
    permissions: ['activeTab', 'scripting', 'storage', 'unlimitedStorage', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    action: { default_title: '__MSG_actionTitle__' },
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

import { browser, type Browser } from 'wxt/browser';
import { PANEL_VIEW_KEY, sendToTab, type PageCommand } from '../shared/messages';
import { ensureReader, openSidePanel } from '../shared/toolbar';

/** The keyboard commands (manifest "commands"; the reviewer can change their keys in the browser's settings). */
export const COMMANDS = ['open-panel', 'add-note', 'next-note', 'prev-note', 'export-letter'] as const;
export type CommandName = (typeof COMMANDS)[number];

export { PANEL_VIEW_KEY };

/**
 * Carries out a keyboard command in `tab` (the active tab when the keys were pressed). A command counts as a
 * user gesture and grants activeTab, so the side panel may open and a page outside the manifest's matches may be
 * read. Resolves when done; never throws.
 */
export async function runCommand(command: string, tab: Browser.tabs.Tab | undefined): Promise<void> {
  const target = tab ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  switch (command) {
    case 'open-panel':
      await openSidePanel(target?.windowId);
      return;
    case 'export-letter': {
      // open first, while the key press still counts as a gesture; then tell the panel which view to show
      const opened = openSidePanel(target?.windowId);
      await browser.storage.session?.set({ [PANEL_VIEW_KEY]: 'export' }).catch(() => undefined);
      await browser.runtime.sendMessage({ type: 'panel:view', view: 'export' }).catch(() => undefined);
      await opened;
      return;
    }
    case 'add-note':
    case 'next-note':
    case 'prev-note': {
      if (target?.id === undefined) return;
      const { page } = await ensureReader(target.id);
      if (!page) return;
      const message: PageCommand = { type: 'page:command', command };
      await sendToTab(target.id, message);
      return;
    }
    default:
      console.warn('regdraft: unknown command', command);
  }
}

/** Listens for the keyboard commands. */
export function listenForCommands(): void {
  browser.commands?.onCommand?.addListener((command, tab) => void runCommand(command, tab));
}

import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { handleNotesRequest } from '../background/notes-api';
import { fromThisExtension, isMessage, isNotesRequest, type Message } from '../shared/messages';
import { NotesService, openReviewDB, type NoteRecord } from '../storage';

/** The content script's built file, injected on pages outside the manifest's matches when asked. */
const CONTENT_SCRIPT = '/content-scripts/content.js';

export default defineBackground(() => {
  // the toolbar button: open the side panel (sidebar in Firefox) and read the page
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  action.onClicked.addListener((tab) => {
    openPanel(tab); // first, while the click still counts as a user gesture
    if (tab.id !== undefined) void readPage(tab.id);
  });
  void browser.action?.setBadgeBackgroundColor?.({ color: '#9c1c1c' });

  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (!fromThisExtension(sender) || !isMessage(message)) {
      if (!fromThisExtension(sender)) console.warn('regdraft: refused a message from', sender.id);
      return false;
    }
    if (message.type === 'outline:changed' && sender.tab?.id !== undefined) {
      void action.setBadgeText({ tabId: sender.tab.id, text: message.count ? String(message.count) : '' });
    }
    if (isNotesRequest(message)) {
      handleNotesRequest(notes(), message)
        .then(({ reply, changed, note }) => {
          sendResponse(reply);
          if (message.type === 'doc:open' && reply.ok && sender.tab?.id !== undefined) {
            tabDocuments.set(sender.tab.id, (reply.value as { document: { id: string } }).document.id);
          }
          if (changed) void tellEveryone(changed, note);
        })
        .catch((e: unknown) => {
          console.error('regdraft: notes request failed', e);
          sendResponse({ ok: false, error: { code: 'internal', message: String(e) } });
        });
      return true; // answered asynchronously
    }
    return false;
  });
});

let service: NotesService | null = null;
/** The notes service, opened on first use: the background is the database's only writer. */
function notes(): NotesService {
  return (service ??= new NotesService(openReviewDB()));
}

/**
 * Which document each tab's reader opened (from its doc:open). Lost when the worker stops: tabs it does not know
 * are told without the note, and fetch the notes themselves.
 */
const tabDocuments = new Map<number, string>();

/**
 * Tells every tab's reader and every extension page (side panel) that a document's notes changed. A tab showing
 * that document gets the changed note itself (no round trip: it shows within a frame); a tab known to show
 * another document is not told; a tab not known gets the document id and asks.
 */
async function tellEveryone(documentId: string, note: NoteRecord | undefined): Promise<void> {
  const bare: Message = { type: 'notes:changed', documentId };
  for (const tab of await browser.tabs.query({})) {
    if (tab.id === undefined) continue;
    const shows = tabDocuments.get(tab.id);
    if (shows !== undefined && shows !== documentId && documentId !== '*') continue;
    const message: Message = note && shows === documentId ? { ...bare, note } : bare;
    void browser.tabs.sendMessage(tab.id, message).catch(() => tabDocuments.delete(tab.id!));
  }
  await browser.runtime.sendMessage(bare).catch(() => undefined);
}

function openPanel(tab: Browser.tabs.Tab): void {
  const b = browser as unknown as {
    sidePanel?: { open(o: { tabId?: number; windowId?: number }): Promise<void> };
    sidebarAction?: { open(): Promise<void> };
  };
  if (b.sidePanel && tab.windowId !== undefined) void b.sidePanel.open({ windowId: tab.windowId }).catch(() => undefined);
  else void b.sidebarAction?.open().catch(() => undefined);
}

/** Injects the reader into a tab the user asked about (activeTab grants it); a second injection is a no-op. */
async function readPage(tabId: number): Promise<void> {
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT] });
  } catch (e) {
    // chrome:// pages, the web store, PDF viewers: nothing to read there
    console.info('regdraft: cannot read this tab:', (e as Error).message);
  }
}

import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { listenForCommands } from '../background/commands';
import { listenForFiles } from '../background/files';
import { listenForFirstRun } from '../background/first-run';
import { handleNotesRequest } from '../background/notes-api';
import { isFilesMessage } from '../shared/files-messages';
import { listenForVersions } from '../background/versions-api';
import { isAnchorPlace, listenForAnchors } from '../background/anchor-api';
import { isNoticeRead, listenForNotice } from '../background/notice-api';
import { isCatalogueAsk, listenForCatalogue } from '../background/i18n-api';
import { fromThisExtension, isMessage, isNotesRequest, type Message } from '../shared/messages';
import { NotesService, openReviewDB, type DocumentRecord, type NoteRecord } from '../storage';
import { handleControlRequest } from '../background/control-api';
import { isControlRequest, type ControlRequest } from '../shared/control-messages';
import { followSitePermissions } from '../shared/sites';

export default defineBackground({
  // Firefox (Manifest V2) gets an event page, not a persistent page: Firefox stops it when idle and starts it
  // again on the next message, as Chrome does with the MV3 service worker (which ignores this option), so
  // both browsers run the same stop-and-wake path; what it keeps in memory (tabDocuments) is only a shortcut.
  persistent: false,
  main: startBackground,
});

function startBackground(): void {
  // The toolbar button opens the popup (entrypoints/popup), which reads the page and opens the side panel
  // (shared/toolbar.ts): with a default_popup the browser never fires action.onClicked, so nothing listens here.
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  void browser.action?.setBadgeBackgroundColor?.({ color: '#9c1c1c' });
  listenForCommands();
  listenForFirstRun();
  // the sites the reviewer chose are read on load: the registration follows the granted permissions
  followSitePermissions();
  listenForFiles();
  listenForVersions();
  listenForNotice();
  listenForCatalogue();
  listenForAnchors();

  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (!fromThisExtension(sender)) {
      console.warn('regdraft: refused a message from', sender.id);
      return false;
    }
    if (isControlRequest(message)) {
      answerControl(message, sender.tab?.id, sendResponse);
      return true; // answered asynchronously
    }
    if (isFilesMessage(message)) return false; // background/files.ts answers it
    if (isNoticeRead(message)) return false; // background/notice-api.ts answers it
    if (isCatalogueAsk(message)) return false; // background/i18n-api.ts answers it
    if (isAnchorPlace(message)) return false; // background/anchor-api.ts answers it
    if (!isMessage(message)) {
      if (typeof (message as { type?: unknown } | null)?.type === 'string' && (message as { type: string }).type.startsWith('versions:')) return false; // listenForVersions
      console.warn('regdraft: refused a malformed message', (message as { type?: unknown } | null)?.type);
      return false;
    }
    if (message.type === 'outline:changed' && sender.tab?.id !== undefined) {
      void action.setBadgeText({ tabId: sender.tab.id, text: message.count ? String(message.count) : '' });
    }
    if (isNotesRequest(message)) {
      handleNotesRequest(notes(), message)
        .then(({ reply, changed, note }) => {
          sendResponse(reply);
          if (message.type === 'doc:open' && reply.ok && 'document' in (reply.value as object) && sender.tab?.id !== undefined) {
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
}

/** Answers a control request (shared/control-messages.ts); a changed record goes to the tabs showing that document. */
function answerControl(message: ControlRequest, tabId: number | undefined, sendResponse: (r: unknown) => void): void {
  handleControlRequest(notes(), message)
    .then(({ reply, changed }) => {
      sendResponse(reply);
      if (message.type === 'doc:answer' && reply.ok && tabId !== undefined) {
        tabDocuments.set(tabId, (reply.value as { document: { id: string } }).document.id);
      }
      if (changed && reply.ok) {
        const document = reply.value as DocumentRecord;
        for (const [tab, shows] of tabDocuments) {
          if (shows === changed) void browser.tabs.sendMessage(tab, { type: 'doc:updated', document }).catch(() => tabDocuments.delete(tab));
        }
      }
    })
    .catch((e: unknown) => {
      console.error('regdraft: control request failed', e);
      sendResponse({ ok: false, error: { code: 'internal', message: String(e) } });
    });
}

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

import { browser } from 'wxt/browser';
import { detectKind, sha256Hex } from '../files/detect';
import { fromBase64, isFilesMessage, READER_PATH, type FilesPutReply } from '../shared/files-messages';
import { fromThisExtension } from '../shared/messages';
import { openReviewDB, StorageError } from '../storage';
import { FILE_MAX_BYTES, putFile } from '../storage/files';

/**
 * Answers the files messages: keeps a file's bytes in the database (the background is its only writer) and
 * opens the reader page on it, in a tab beside the one that asked.
 */
export function listenForFiles(): void {
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (!fromThisExtension(sender) || !isFilesMessage(message)) return false;
    const beside = sender.tab?.index !== undefined ? { index: sender.tab.index + 1, openerTabId: sender.tab.id } : {};
    if (message.type === 'files:open-url') {
      const q = new URLSearchParams({ src: message.url, name: message.name, ...(message.notice ? { notice: message.notice } : {}) });
      void browser.tabs.create({ url: browser.runtime.getURL(`${READER_PATH}?${q}` as '/reader.html'), ...beside });
      sendResponse({ ok: true });
      return false;
    }
    void (async (): Promise<FilesPutReply> => {
      const bytes = fromBase64(message.base64);
      const kind = detectKind(bytes, message.name);
      if (kind !== 'pdf' && kind !== 'docx') {
        // the reader page says plainly that this format cannot be read here, and how to save it as .docx or PDF
        const q = new URLSearchParams({ unreadable: kind, name: message.name });
        if (message.open) void browser.tabs.create({ url: browser.runtime.getURL(`${READER_PATH}?${q}` as '/reader.html'), ...beside });
        return { ok: false, kind, error: 'unreadable' };
      }
      if (bytes.byteLength > FILE_MAX_BYTES) return { ok: false, kind, error: 'too-large' };
      const sha256 = await sha256Hex(bytes);
      await putFile(db(), { sha256, name: message.name, kind, size: bytes.byteLength, bytes, source: message.source, notice: message.notice, savedAt: Date.now() });
      if (message.open) void browser.tabs.create({ url: browser.runtime.getURL(`${READER_PATH}?file=${sha256}` as '/reader.html'), ...beside });
      return { ok: true, sha256, kind };
    })()
      .catch((e: unknown): FilesPutReply => ({ ok: false, kind: 'unknown', error: e instanceof StorageError && e.code === 'too-large' ? 'too-large' : 'internal' }))
      .then(sendResponse);
    return true;
  });
}

let database: ReturnType<typeof openReviewDB> | null = null;
const db = () => (database ??= openReviewDB());

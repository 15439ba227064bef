/**
 * The exports' side effects in an extension page: save a file, put the letter on the clipboard, open the
 * print view. No permission is needed for any of them (no "downloads", no "clipboardWrite").
 */
import { browser } from 'wxt/browser';
import { copyText } from './copy';

/** How long a download's Blob URL is kept before it is released (ms): the browser has read it by then. */
const REVOKE_AFTER_MS = 60_000;

/**
 * Saves `data` as a file named `filename` through a Blob URL and an <a download> click (the browser's own
 * download, which asks where to save when the user set it up so). Never throws in a browser page.
 */
export function downloadFile(data: string | Uint8Array, type: string, filename: string): void {
  // the bytes are never a SharedArrayBuffer's: renderDocx copies them into a fresh array
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

/**
 * Copies the letter as rich text: HTML and plain text in one clipboard item, so webmail and word processors
 * paste the formatted letter and plain fields the text. Falls back to the plain text alone where ClipboardItem
 * is missing or refused. Resolves 'rich', 'text', or null when nothing could be copied; never rejects.
 */
export async function copyRich(html: string, text: string): Promise<'rich' | 'text' | null> {
  try {
    if (typeof ClipboardItem !== 'undefined' && navigator.clipboard?.write) {
      await navigator.clipboard.write([
        new ClipboardItem({
          'text/html': new Blob([html], { type: 'text/html' }),
          'text/plain': new Blob([text], { type: 'text/plain' }),
        }),
      ]);
      return 'rich';
    }
  } catch {
    // fall back to plain text below
  }
  return (await copyText(text, document)) ? 'text' : null;
}

/** The storage key prefix under which a print view waits for its page. */
export const PRINT_KEY_PREFIX = 'print:';

/** Session storage where the browser has it (cleared when the browser closes), else local storage. */
function handOver() {
  return browser.storage.session ?? browser.storage.local;
}

/**
 * Opens the print view (print.html, an extension page) in a new tab with `html`, a complete document from
 * renderPrint: the document waits in extension storage under a one-time key that the print page reads and
 * removes. Rejects when storage or the tab cannot be opened.
 */
export async function openPrintView(html: string): Promise<void> {
  const id = [...crypto.getRandomValues(new Uint8Array(12))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const key = PRINT_KEY_PREFIX + id;
  await handOver().set({ [key]: html });
  await browser.tabs.create({ url: browser.runtime.getURL(`/print.html?key=${id}`) });
}

/**
 * Takes the print view's document out of storage (read once: a reload finds nothing). Resolves null when the
 * key is unknown or already used; rejects when storage cannot be read.
 */
export async function takePrintView(id: string): Promise<string | null> {
  if (!/^[0-9a-f]{24}$/.test(id)) return null;
  const key = PRINT_KEY_PREFIX + id;
  const got = await handOver().get(key);
  await handOver().remove(key);
  const html = got[key];
  return typeof html === 'string' ? html : null;
}

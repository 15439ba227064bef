import { browser } from 'wxt/browser';
import { fileNameFromDisposition, kindFromContentType, kindFromName, type FileKind } from '../../files/detect';
import { toBase64, type FilesPutReply } from '../../shared/files-messages';
import { errorWords } from '../../components/error-words';
import { t } from '../../shared/i18n';

/** At most this many links get a button (a page of hundreds of downloads is a list, not a notice). */
const MAX_LINKS = 40;
/** At most this many extensionless links are asked about with HEAD (same origin only), on a page's whole life. */
const MAX_HEADS = 8;
/** Words that make an extensionless link worth a HEAD request. */
const ATTACHMENT_HINT = /附件|下载|download|attach|fujian|downfile|getfile/i;

const BUTTON_CSS = `button{font:13px/1.4 system-ui,sans-serif;margin:0 0 0 8px;padding:1px 8px;border:1px solid #9c1c1c;border-radius:10px;
background:#fff;color:#9c1c1c;cursor:pointer;vertical-align:baseline}button:hover,button:focus-visible{background:#9c1c1c;color:#fff}
button[disabled]{opacity:.6;cursor:progress}span:not(:empty){font:13px/1.4 system-ui,sans-serif;margin-left:6px;color:#9c1c1c}`;

/** The extensionless links already asked about (a later look never asks again). */
const asked = new WeakSet<HTMLAnchorElement>();
/** How many HEAD requests this page has made (at most MAX_HEADS). */
let heads = 0;

/**
 * Puts an "open in the reviewer" button beside every link to a draft file on a notice page: .pdf, .docx, .doc,
 * .wps, .ofd by the address (path or a filename= parameter), or an attachment-looking link without extension
 * whose HEAD answer names such a type (same origin only). Each button is a small element with a closed shadow
 * root (the page sees no text, and no note data is ever in it). A click (trusted only) fetches a same-origin file
 * here and hands it to the background, which keeps it and opens the reader page; a file on another host is
 * opened by the reader page, which asks for that host alone. Called again as the page changes: a link that has its
 * button, or was asked about, is left as it is. Returns how many links have a button by their address.
 */
export function addFileButtons(doc: Document, noticeUrl: string): number {
  let added = 0;
  const links = Array.from(doc.querySelectorAll<HTMLAnchorElement>('a[href]'));
  for (const a of links) {
    if (added >= MAX_LINKS) break;
    const href = a.href;
    if (!/^https?:/.test(href)) continue;
    const kind = kindFromName(href) ?? kindFromName(a.textContent ?? '');
    if (kind) {
      button(a, kind, noticeUrl);
      added++;
    } else if (heads < MAX_HEADS && !asked.has(a) && new URL(href).origin === location.origin && ATTACHMENT_HINT.test(href + (a.textContent ?? ''))) {
      asked.add(a);
      heads++;
      void kindOfAnswer(href)
        .then((k) => k && button(a, k, noticeUrl))
        .catch(() => undefined);
    }
  }
  return added;
}

/** The file kind an answer names: its type, else the name it gives the file (attachment; filename="….pdf"). */
function kindOf(r: Response): FileKind | null {
  return kindFromContentType(r.headers.get('content-type')) ?? kindFromName(fileNameFromDisposition(r.headers.get('content-disposition')) ?? '');
}

/**
 * What an extensionless link's answer is: asked with HEAD; a server that refuses HEAD (405, 501, another error or a
 * dropped connection, as some CMSs do) is asked with GET once, and the download is dropped as soon as the headers
 * are in.
 */
async function kindOfAnswer(href: string): Promise<FileKind | null> {
  const head = await fetch(href, { method: 'HEAD', credentials: 'include' }).catch(() => null);
  if (head?.ok) return kindOf(head);
  const stop = new AbortController();
  try {
    const r = await fetch(href, { credentials: 'include', signal: stop.signal });
    return r.ok ? kindOf(r) : null;
  } finally {
    stop.abort();
  }
}

/** Why a file could not be opened, in the reviewer's words (never a code or an exception's text). */
class OpenFailure extends Error {}

function button(a: HTMLAnchorElement, kind: FileKind, noticeUrl: string): void {
  if (a.nextElementSibling?.tagName === 'REGDRAFT-FILE') return;
  const host = a.ownerDocument.createElement('regdraft-file');
  host.style.cssText = 'all:initial;display:inline';
  const shadow = host.attachShadow({ mode: 'closed', delegatesFocus: true });
  const style = a.ownerDocument.createElement('style');
  style.textContent = BUTTON_CSS;
  const b = a.ownerDocument.createElement('button');
  b.type = 'button';
  b.textContent = t('filesOpenButton');
  b.title = `${t('filesOpenButton')}: ${(a.textContent ?? '').trim()}`;
  // why the last try failed, beside the button (read out as it appears); cleared by the next try
  const why = a.ownerDocument.createElement('span');
  why.setAttribute('role', 'alert');
  shadow.append(style, b, why);
  b.addEventListener('click', (e) => {
    e.preventDefault();
    e.stopPropagation();
    if (!e.isTrusted || b.disabled) return;
    b.disabled = true;
    why.textContent = '';
    void open(a, kind, noticeUrl)
      .catch((err: unknown) => {
        why.textContent = err instanceof OpenFailure ? err.message : errorWords('internal');
      })
      .finally(() => (b.disabled = false));
  });
  // keys typed on the button stay ours
  for (const type of ['keydown', 'keyup', 'keypress']) host.addEventListener(type, (e) => e.stopPropagation());
  a.after(host);
}

async function open(a: HTMLAnchorElement, kind: FileKind, noticeUrl: string): Promise<void> {
  const name = fileName(a, kind);
  // (a message the background cannot take: the extension was updated or restarted, and this page must be reloaded)
  const unreachable = () => new OpenFailure(errorWords('unreachable'));
  if (new URL(a.href).origin !== location.origin) {
    await browser.runtime.sendMessage({ type: 'files:open-url', url: a.href, name, notice: noticeUrl }).catch(() => Promise.reject(unreachable()));
    return;
  }
  let bytes: Uint8Array;
  try {
    const r = await fetch(a.href, { credentials: 'include' });
    if (!r.ok) throw new OpenFailure(t('filesFetchFailed', name, String(r.status)));
    bytes = new Uint8Array(await r.arrayBuffer());
  } catch (e) {
    throw e instanceof OpenFailure ? e : new OpenFailure(t('filesFetchFailed', name, '-')); // the connection failed
  }
  let reply: FilesPutReply | undefined;
  try {
    reply = (await browser.runtime.sendMessage({ type: 'files:put', name, base64: toBase64(bytes), source: a.href, notice: noticeUrl, open: true })) as FilesPutReply;
  } catch {
    throw unreachable();
  }
  if (!reply || reply.ok || reply.error === 'unreadable') return; // (an unreadable format is explained in the reader page)
  throw new OpenFailure(reply.error === 'too-large' ? t('filesTooLarge', name) : t('filesSaveFailed', name));
}

/** The link's text as a file name (附件1:《…》.docx), or the name in its address. */
function fileName(a: HTMLAnchorElement, kind: FileKind): string {
  const text = (a.textContent ?? '').replace(/\s+/g, ' ').trim();
  if (text && text.length <= 120) return kindFromName(text) ? text : `${text}.${kind}`;
  const m = /(?:filename=|\/)([^/?&#=]+\.(?:pdf|docx|doc|wps|ofd))/i.exec(decodeURIComponent(a.href));
  return m?.[1] ?? `attachment.${kind}`;
}

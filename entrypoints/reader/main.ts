/**
 * The file reader page: shows a draft published as a file (PDF through pdf.js with its text layer, .docx through
 * mammoth) and runs the extension's one reader over it: it sets a text surface (page/surface.ts) and loads the
 * content script itself, so the outline, notes, highlights, markers, keyboard commands and the side panel work
 * here exactly as on a web page. Bytes come from the database (?file=<sha256>), from an address (?src=…, after
 * asking for that host alone), or from the reviewer's disk (picker, drag and drop).
 */
import { browser } from 'wxt/browser';
import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { detectKind, fileDocumentUrl, pdfId, type FileKind } from '../../files/detect';
import { docxToHtml } from '../../files/docx';
import { findInText } from '../../files/find';
import { PDFJS_ASSETS, pdfSource } from '../../files/pdf-options';
import { readPages } from '../../files/pdf-pages';
import { readPdfText } from '../../files/pdf-text';
import { PdfView, type RenderablePage } from '../../files/pdf-view';
import { markComparisonTables, readDocxBlocks, readLineBlocks, renderFileHtml } from '../../files/surface';
import { setTextSurface } from '../../page/surface';
import { CONTENT_SCRIPT } from '../../shared/content-files';
import { controlRequest } from '../../shared/control-messages';
import { toBase64, type FilesPutReply } from '../../shared/files-messages';
import { t, uiLang } from '../../shared/i18n';
import { normaliseUrl, openReviewDB } from '../../storage';
import type { DocumentRecord } from '../../storage/schema';
import type { FileRecord } from '../../storage/files';
import './style.css';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
document.documentElement.lang = uiLang();
document.title = t('filesReaderTitle');

const bar = document.getElementById('bar')!;
const main = document.getElementById('doc')!;
const params = new URLSearchParams(location.search);

/** Shows a message (and optional controls) in place of the document. */
function say(text: string, ...controls: HTMLElement[]): void {
  const box = el('div', 'message');
  box.setAttribute('role', 'status');
  box.append(el('p', '', text), ...controls);
  main.replaceChildren(box, pickerBox());
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls = '', text = ''): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
}

/** What to say for a format this page cannot read. */
function unreadable(kind: FileKind, name: string): string {
  // Word and LibreOffice cannot open OFD either: it goes through an OFD reader
  if (kind === 'ofd') return t('filesUnreadableOfd', name);
  const what = kind === 'doc' ? t('filesKindDoc') : kind === 'wps' ? t('filesKindWps') : t('filesKindUnknown');
  return t('filesUnreadable', name, what);
}

/** The file picker and the drop zone. */
function pickerBox(): HTMLElement {
  const box = el('div', 'picker');
  const label = el('label', 'pick', t('filesPick'));
  const input = el('input');
  input.type = 'file';
  input.accept = '.pdf,.docx,.doc,.wps,.ofd,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  input.addEventListener('change', () => void (input.files?.[0] && openLocal(input.files[0])));
  label.append(input);
  box.append(label, el('p', 'hint', t('filesDropHint')));
  return box;
}

document.addEventListener('dragover', (e) => {
  if (e.dataTransfer?.types.includes('Files')) {
    e.preventDefault();
    document.body.classList.add('dropping');
  }
});
document.addEventListener('dragleave', () => document.body.classList.remove('dropping'));
document.addEventListener('drop', (e) => {
  const f = e.dataTransfer?.files[0];
  document.body.classList.remove('dropping');
  if (!f || !e.isTrusted) return;
  e.preventDefault();
  void openLocal(f);
});

/** Keeps the bytes (through the background) and reopens this page on them. */
async function keep(bytes: Uint8Array, name: string, source: string | null, notice: string | null): Promise<void> {
  const kind = detectKind(bytes, name);
  if (kind !== 'pdf' && kind !== 'docx') return say(unreadable(kind, name));
  const reply = (await browser.runtime.sendMessage({ type: 'files:put', name, base64: toBase64(bytes), source, notice, open: false })) as FilesPutReply;
  if (!reply?.ok) return say(reply?.error === 'too-large' ? t('filesTooLarge', name) : t('filesSaveFailed', name));
  location.replace(`${location.pathname}?file=${reply.sha256}`);
}

async function openLocal(f: File): Promise<void> {
  say(t('filesLoading', f.name));
  await keep(new Uint8Array(await f.arrayBuffer()), f.name, null, null);
}

/** A file at an address: this page fetches it once the reviewer granted that host (optional host permission). */
async function openRemote(src: string, name: string, notice: string | null): Promise<void> {
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return say(t('filesBadAddress'));
  }
  const origins = [`${url.protocol}//${url.hostname}/*`];
  const fetchIt = async () => {
    say(t('filesLoading', name));
    try {
      const r = await fetch(url, { credentials: 'include' });
      if (!r.ok) return say(t('filesFetchFailed', name, String(r.status)));
      await keep(new Uint8Array(await r.arrayBuffer()), name, src, notice);
    } catch {
      say(t('filesFetchFailed', name, '-'));
    }
  };
  if (await browser.permissions.contains({ origins }).catch(() => false)) return fetchIt();
  const ask = el('button', 'primary', t('filesAllowHost', url.hostname));
  ask.addEventListener('click', (e) => {
    if (!e.isTrusted) return;
    void browser.permissions.request({ origins }).then((granted) => (granted ? fetchIt() : say(t('filesHostRefused', url.hostname))));
  });
  say(t('filesNeedsHost', name, url.hostname), ask);
}

/** The toolbar: the file's name, zoom (PDF), find, another file. */
function toolbar(name: string, zoom: ((z: number) => void) | null, current: () => number): void {
  bar.replaceChildren();
  bar.append(el('h1', 'name', name));
  if (zoom) {
    const out = el('button', '', '−');
    const level = el('output', 'zoom', '100%');
    const into = el('button', '', '+');
    out.setAttribute('aria-label', t('filesZoomOut'));
    into.setAttribute('aria-label', t('filesZoomIn'));
    const step = (d: number) => {
      zoom(current() + d);
      level.textContent = `${Math.round(current() * 100)}%`;
    };
    out.addEventListener('click', () => step(-0.1));
    into.addEventListener('click', () => step(0.1));
    bar.append(out, level, into);
  }
  const find = el('input', 'find');
  find.type = 'search';
  find.placeholder = t('filesFind');
  find.setAttribute('aria-label', t('filesFind'));
  find.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || !find.value) return;
    // in the file's text only (Shift+Enter: the one before); the selection it leaves offers "add a note"
    if (!findInText(main, find.value, e.shiftKey)) find.setCustomValidity(t('filesNotFound'));
    else find.setCustomValidity('');
    find.reportValidity();
  });
  const other = el('label', 'pick small', t('filesOpenOther'));
  const input = el('input');
  input.type = 'file';
  input.accept = '.pdf,.docx,.doc,.wps,.ofd';
  input.addEventListener('change', () => void (input.files?.[0] && openLocal(input.files[0])));
  other.append(input);
  bar.append(find, other);
}

/** Starts the extension's reader (the content script) over the surface just set. */
function startReader(): void {
  const s = document.createElement('script');
  // this page's own origin: in Chrome, runtime.getURL names a web-accessible file (as the reader is, for the pages'
  // loader: shared/content-files.ts) by its per-session address, another origin, which this page's policy refuses
  s.src = CONTENT_SCRIPT;
  document.head.append(s);
}

/** The file's address joins `doc` (its notes show here, the letter takes its channels, title and issuer). */
async function join(url: string, doc: DocumentRecord): Promise<void> {
  await controlRequest({ type: 'doc:answer', url, title: doc.title, notice: doc.notice, documentId: doc.id, answer: 'link' });
}

/**
 * Links the file's document to the notice it was opened from (the reviewer opened it from there): the file's
 * address joins the notice's document, so the letter takes the notice's channels, title and issuer. A link, not
 * a doc:open by title: the file's urn:sha256: address is of no site, so a doc:open would only ask.
 */
async function linkNotice(rec: FileRecord, url: string): Promise<void> {
  if (!rec.notice) return;
  const db = openReviewDB();
  try {
    const docs = await db.documents.where('urls').equals(normaliseUrl(rec.notice)).toArray();
    const doc = docs.sort((a, b) => b.updatedAt - a.updatedAt)[0];
    if (doc) await join(url, doc);
  } catch {
    // not linked: the reader opens the file as a document of its own, and the reviewer can still link it
  } finally {
    db.close();
  }
}

/**
 * A PDF not opened from a notice whose own identifier (its trailer's first /ID, files/detect.ts pdfId) is that of
 * a PDF already kept is a copy of that file with other bytes (from a mirror or the disk, re-saved with a stamp or
 * other metadata): it joins that file's document, as the same file does, and shows its notes. What is only the
 * same title is still asked (the banner), since a title is not an identity.
 */
async function linkSameFile(rec: FileRecord, url: string): Promise<void> {
  if (rec.notice || rec.kind !== 'pdf') return;
  const id = pdfId(rec.bytes);
  if (!id) return;
  const db = openReviewDB();
  try {
    if ((await db.documents.where('urls').equals(url).count()) > 0) return; // already a document of its own
    const twins: string[] = [];
    await db.files.each((f) => {
      if (f.sha256 !== rec.sha256 && f.kind === 'pdf' && pdfId(f.bytes) === id) twins.push(fileDocumentUrl(f.sha256));
    });
    const docs = twins.length ? await db.documents.where('urls').anyOf(twins).toArray() : [];
    const doc = docs.sort((a, b) => b.updatedAt - a.updatedAt)[0];
    if (doc) await join(url, doc);
  } catch {
    // not linked: the file opens as a document of its own (the banner still asks when a draft has its title)
  } finally {
    db.close();
  }
}

async function showPdf(rec: FileRecord): Promise<void> {
  let password: string | undefined;
  for (;;) {
    try {
      performance.mark('files:start');
      // the CMaps and standard fonts shipped with the extension: without them a non-embedded Chinese font has no text
      const task = pdfjs.getDocument(pdfSource(rec.bytes.slice(), new URL(`/${PDFJS_ASSETS}/`, location.href).href, password));
      const doc = await task.promise;
      // the first page is drawn at once, while pdf.js reads the text of every page (the view replaces it)
      void previewFirstPage(doc as never);
      const pages = await readPages(doc);
      // pdf.js's own work, loading and getTextContent over every page: the benchmark's yardstick
      performance.measure('files:text-content', 'files:start');
      const text = readPdfText(pages);
      const view = new PdfView(
        text,
        pages.map((p) => ({ width: p.width, height: p.height })),
        (i) => doc.getPage(i + 1) as never,
      );
      toolbar(rec.name, (z) => view.setZoom(z), () => view.zoom);
      main.replaceChildren(view.root);
      void view.firstPage.then(() => performance.getEntriesByName('files:first-page').length || performance.measure('files:first-page', 'files:start'));
      if (text.noText) main.prepend(el('p', 'notice', t('filesNoText')));
      const url = fileDocumentUrl(rec.sha256);
      await linkNotice(rec, url);
      await linkSameFile(rec, url);
      setTextSurface({ url, root: view.root, hints: { pageTitle: rec.name }, read: (root) => readLineBlocks(root) });
      startReader();
      return;
    } catch (e) {
      if ((e as { name?: string }).name !== 'PasswordException') return say(t('filesBroken', rec.name));
      const again = password !== undefined;
      password = await askPassword(rec.name, again);
      if (password === undefined) return say(t('filesNeedsPassword', rec.name));
    }
  }
}

/** Draws page 1 alone, at 100 %, into the page while the rest is read. */
async function previewFirstPage(doc: { getPage(n: number): Promise<RenderablePage> }): Promise<void> {
  const page = await doc.getPage(1);
  const css = page.getViewport({ scale: 96 / 72 });
  const viewport = page.getViewport({ scale: (96 / 72) * devicePixelRatio });
  const canvas = document.createElement('canvas');
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  const box = el('section', 'page preview');
  box.style.width = `${css.width}px`;
  box.style.height = `${css.height}px`;
  await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise;
  if (main.querySelector('.pdf')) return; // the view came first
  box.append(canvas);
  const wrap = el('div', 'pdf');
  wrap.append(box);
  main.replaceChildren(wrap);
  performance.measure('files:first-page', 'files:start');
}

/** Asks for a PDF's password in the page (never a prompt()): resolves undefined when the reviewer gives up. */
function askPassword(name: string, wrong: boolean): Promise<string | undefined> {
  return new Promise((done) => {
    const form = el('form', 'password');
    const label = el('label', '', wrong ? t('filesPasswordWrong', name) : t('filesPasswordAsk', name));
    const input = el('input');
    input.type = 'password';
    input.autocomplete = 'off';
    const ok = el('button', 'primary', t('filesPasswordOpen'));
    ok.type = 'submit';
    const cancel = el('button', '', t('filesPasswordCancel'));
    cancel.type = 'button';
    label.append(input);
    form.append(label, ok, cancel);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      done(input.value);
    });
    cancel.addEventListener('click', () => done(undefined));
    main.replaceChildren(form);
    input.focus();
  });
}

async function showDocx(rec: FileRecord): Promise<void> {
  let html: string;
  try {
    html = await docxToHtml(rec.bytes);
  } catch {
    return say(t('filesBroken', rec.name));
  }
  const article = el('article', 'docx');
  renderFileHtml(article, html);
  markComparisonTables(article);
  toolbar(rec.name, (z) => void (article.style.zoom = String(Math.min(3, Math.max(0.5, z)))), () => Number(article.style.zoom || 1));
  main.replaceChildren(article);
  const url = fileDocumentUrl(rec.sha256);
  await linkNotice(rec, url);
  setTextSurface({ url, root: article, hints: { pageTitle: rec.name }, read: readDocxBlocks });
  startReader();
}

async function start(): Promise<void> {
  const sha = params.get('file');
  const src = params.get('src');
  if (sha && /^[0-9a-f]{64}$/.test(sha)) {
    const db = openReviewDB();
    const rec = await db.files.get(sha).catch(() => undefined);
    db.close();
    if (!rec) return say(t('filesMissing'));
    document.title = `${rec.name} · ${t('filesReaderTitle')}`;
    return rec.kind === 'pdf' ? showPdf(rec) : showDocx(rec);
  }
  const bad = params.get('unreadable');
  if (bad) {
    toolbar(t('filesReaderTitle'), null, () => 1);
    return say(unreadable(bad as FileKind, params.get('name') ?? ''));
  }
  if (src) return openRemote(src, params.get('name') || src.replace(/^.*\//, ''), params.get('notice'));
  toolbar(t('filesReaderTitle'), null, () => 1);
  say(t('filesIntro'));
}

void start();

import { takePrintView } from '../../components/export-io';
import { localiseTitle, t, uiLang } from '../../shared/i18n';
import { drawOwnPages, marginBoxesKept } from './folios';
import './style.css';

/**
 * The print view: the letter as renderPrint wrote it (A4, the address block and envelope label on a second
 * page), handed over by the export panel through extension storage, then the print dialog. The document is
 * parsed inertly with DOMParser and only its title, styles and body are taken over; its text was escaped by
 * renderPrint, and no script in it could run (DOMParser never runs scripts, and this page's CSP forbids them).
 */
async function show(): Promise<void> {
  document.documentElement.lang = uiLang();
  localiseTitle();
  const id = new URLSearchParams(location.search).get('key') ?? '';
  let html: string | null;
  try {
    html = await takePrintView(id);
  } catch (e) {
    console.error('regdraft: cannot read the print view', e);
    html = null;
  }
  if (html === null) {
    const p = document.createElement('p');
    p.className = 'print-missing';
    p.textContent = t('printMissing');
    document.body.replaceChildren(p);
    return;
  }
  const doc = new DOMParser().parseFromString(html, 'text/html');
  document.documentElement.lang = doc.documentElement.lang || 'zh-CN';
  document.title = doc.title;
  for (const style of doc.head.querySelectorAll('style')) document.head.appendChild(document.importNode(style, true));

  const bar = document.createElement('div');
  bar.className = 'print-bar';
  const hint = document.createElement('span');
  hint.textContent = t('printHint');
  const again = document.createElement('button');
  again.type = 'button';
  again.textContent = t('printAgain');
  again.addEventListener('click', () => window.print());
  bar.append(hint, again);

  const body = [...doc.body.childNodes].map((n) => document.importNode(n, true));
  document.body.replaceChildren(bar, ...body);
  await document.fonts?.ready;
  // Firefox draws no @page margin boxes: the page draws its folios, and leaves no margin for the browser's header
  if (import.meta.env.FIREFOX || !marginBoxesKept(document)) drawOwnPages(document);
  document.body.dataset.ready = 'true';
  window.print();
  document.body.dataset.printed = 'true';
}

void show();

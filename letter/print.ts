/**
 * The letter as a complete A4 HTML document to print and post: the letter, then (when the notice gives a postal
 * address) a page with the address block and an envelope label to cut out. Every text is escaped, and the
 * document's own Content-Security-Policy allows no script at all.
 */
import { BODY_FONT, HEADING_FONT, KAI_FONT, TITLE_FONT, escapeHtml, letterMarkup } from './html';
import type { Letter } from './model';
import type { RenderOptions } from './text';
import { closingLines } from './layout';
import { WORDING } from './wording';

/** 四号半角宋体 for the folio. */
const FOLIO_FONT = "'宋体',SimSun,STSong,'Noto Serif CJK SC',serif";

/**
 * The print view's pages drawn by the print view itself, for a browser that draws no @page margin boxes (Firefox):
 * the page has no margin, so the browser has nowhere to print its own header and footer (the title, the
 * extension page's URL, the date); each `.print-sheet` carries the type area's margins as padding repeated on
 * every page it spans (box-decoration-break: clone); and the folios — n — are placed by entrypoints/print/folios.ts
 * at the foot of page n (`.print-folio`, odd pages right, even pages left, one character in). `.print-sim` is
 * the off-screen copy of the letter laid out in columns of the type area's size, to count its pages.
 */
export const OWN_PAGES_STYLE = `
@page { margin: 0; }
@media print {
  .print-sheet { position: relative; padding: 37mm 26mm 35mm 28mm; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
  .print-sheet + .print-sheet { break-before: page; page-break-before: always; }
  .print-sheet .post { break-before: auto; page-break-before: auto; }
}
.print-folio { position: absolute; margin: 0; font: 14pt/1 ${FOLIO_FONT}; white-space: nowrap; }
.print-folio.odd { right: calc(26mm + 14pt); }
.print-folio.even { left: calc(28mm + 14pt); }
@media screen { .print-folio { display: none; } }
.print-sim { position: absolute; left: 0; top: 0; visibility: hidden; pointer-events: none; width: 156mm; height: 225mm;
  column-width: 156mm; column-gap: 0; column-fill: auto; }
`;

/** Where page n's folio sits: its top, from the top of the page's sheet, in mm (7 mm under the type area). */
export const FOLIO_TOP_MM = 297 - 35 + 7;
/** The A4 page's height in mm. */
export const PAGE_HEIGHT_MM = 297;

const STYLE = `
/* GB/T 9704-2012: A4, type area 156 x 225 mm (top 37, left 28 mm); folio — 1 — in 四号宋体 under the type area,
   odd pages right and even pages left, one character in. Margin boxes of our own also keep the browser's
   header and footer (date, title, the extension's URL) off the page. */
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
  @top-left { content: ''; } @top-center { content: ''; } @top-right { content: ''; }
  @bottom-left { content: ''; } @bottom-center { content: ''; }
  @bottom-right { content: '— ' counter(page) ' —'; font: 14pt ${FOLIO_FONT}; vertical-align: top; padding-top: 7mm; margin-right: 1em; } }
@page :left { @bottom-right { content: ''; }
  @bottom-left { content: '— ' counter(page) ' —'; font: 14pt ${FOLIO_FONT}; vertical-align: top; padding-top: 7mm; margin-left: 1em; } }
/* 小标宋 is bold enough as it is; where it is missing, 宋体 is set bold instead */
@font-face { font-family: 'Letter Title'; src: local('方正小标宋简体'), local('FZXiaoBiaoSong-B05S'), local('FZXBSJW--GB1-0'); font-weight: 700; }
html, body { margin: 0; padding: 0; }
body { font-family: ${BODY_FONT}; font-size: 16pt; line-height: 28pt; color: #000; background: #fff; }
.letter p { margin: 0; text-align: justify; orphans: 2; widows: 2; }
.letter h1 { font-family: 'Letter Title', ${TITLE_FONT}; font-size: 22pt; line-height: 35pt; font-weight: 700; text-align: center;
  margin: 0 0 28pt; break-after: avoid; page-break-after: avoid; }
.letter h2 { font-family: ${HEADING_FONT}; font-size: 16pt; font-weight: normal; text-indent: 2em; margin: 0;
  break-after: avoid; page-break-after: avoid; }
.letter h3 { font-family: ${KAI_FONT}; font-size: 16pt; font-weight: normal; text-indent: 2em; margin: 0;
  break-after: avoid; page-break-after: avoid; }
.letter .addressee { text-indent: 0; }
.letter .lead, .letter .comment, .letter .field, .letter .contact { text-indent: 2em; }
.letter .item { margin: 0; }
.letter .field.original { break-after: avoid; page-break-after: avoid; }
.letter table.items { width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 12pt; line-height: 19pt;
  margin: 0; break-before: avoid; page-break-before: avoid; }
.letter table.items th, .letter table.items td { border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: top; text-align: left;
  overflow-wrap: anywhere; }
.letter table.items th { font-family: ${HEADING_FONT}; font-weight: normal; text-align: center; background: #f2f2f2; }
.letter table.items td.index, .letter table.items td.clause { text-align: center; }
.letter table.items .label { white-space: nowrap; }
.letter table.items tr { break-inside: auto; page-break-inside: auto; }
.letter table.items thead { display: table-header-group; }
.letter .closing { margin-top: 28pt; break-inside: avoid; page-break-inside: avoid; }
.letter .closing.sealed { margin-top: 84pt; }
/* a standard's number, a URL, an e-mail address, an English word: never broken across lines (see keepWhole) */
.letter .kw { white-space: nowrap; }
.letter .signer, .letter .date { text-align: right; text-indent: 0; }
/* the postal page is not part of the letter: no folio */
@page post { @bottom-left { content: ''; } @bottom-right { content: ''; } }
.post { break-before: page; page-break-before: always; page: post; }
.post h2 { font-family: ${HEADING_FONT}; font-size: 15pt; margin: 0 0 0.8em; }
.post dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.3em 1em; margin: 0 0 2em; }
.post dt { font-weight: bold; }
.post dd { margin: 0; }
.envelope { width: 150mm; min-height: 90mm; box-sizing: border-box; border: 1px dashed #000; padding: 8mm 10mm;
  display: flex; flex-direction: column; gap: 5mm; break-inside: avoid; }
.postcode { display: flex; gap: 2mm; }
.postcode span { display: inline-block; width: 8mm; height: 9mm; border: 1px solid #c00; text-align: center;
  line-height: 9mm; font-family: 'Courier New', monospace; font-size: 14pt; }
.to-address { font-size: 14pt; }
.to-name { font-size: 20pt; text-align: center; margin: 4mm 0; }
.mark { font-size: 13pt; font-weight: bold; }
.from { margin-top: auto; text-align: right; font-size: 11pt; line-height: 1.5; }
`;

const esc = escapeHtml;


function postcodeHtml(postcode: string): string {
  if (!/^\d{6}$/.test(postcode)) return `<div class="postcode">${esc(postcode)}</div>`;
  return `<div class="postcode" aria-label="${esc(WORDING.post.postcode)}">${[...postcode].map((d) => `<span>${d}</span>`).join('')}</div>`;
}

function postHtml(letter: Letter): string {
  const post = letter.post;
  if (post === null) return '';
  const p = WORDING.post;
  const rows: Array<[string, string]> = [];
  if (post.recipient !== null) rows.push([p.recipient, post.recipient]);
  rows.push([p.address, post.address]);
  if (post.postcode !== null) rows.push([p.postcode, post.postcode]);
  if (post.envelope !== null) rows.push([p.envelope, post.envelope]);
  const sender = [letter.sender.address, letter.sender.organisation || letter.sender.name].filter((s) => s !== '');
  return [
    '<section class="post">',
    `<h2>${esc(p.heading)}</h2>`,
    `<dl>${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`,
    '<div class="envelope">',
    post.postcode === null ? '' : postcodeHtml(post.postcode),
    `<div class="to-address">${esc(post.address)}</div>`,
    post.recipient === null ? '' : `<div class="to-name">${esc(post.recipient + p.recipientSuffix)}</div>`,
    post.envelope === null ? '' : `<div class="mark">${esc(post.envelope)}</div>`,
    sender.length === 0 ? '' : `<div class="from">${esc(`${p.sender}：${sender.join(' ')}`)}</div>`,
    '</div>',
    '</section>',
  ]
    .filter((s) => s !== '')
    .join('\n');
}

/**
 * Where the signer and the date end, as the .docx sets them (the date four characters from the right, the signer
 * centred over it): the print markup carries no inline styles, so the letter's own measures go into its sheet.
 */
function closingStyle(letter: Letter): string {
  const { at } = closingLines(letter.closing, letter.date, WORDING.seal);
  const em = (n: number) => `${Math.round(n * 100) / 100}em`;
  return `\n.letter .signer { padding-right: ${em(at.signer)}; }\n.letter .date { padding-right: ${em(at.date)}; }\n`;
}

/**
 * Returns a complete HTML document (UTF-8, lang zh-CN, @page A4) holding the letter as renderHtml draws it and,
 * when the notice gives a postal address, a second page with the address block (收件人, 地址, 邮政编码, 信封注明)
 * and a cut-out envelope label (postcode boxes, address, recipient, the envelope mark, the sender). All text is
 * escaped and a Content-Security-Policy meta tag forbids scripts. Never throws for a Letter.
 */
export function renderPrint(letter: Letter, options: RenderOptions = {}): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${esc(letter.title)}</title>`,
    `<style>${STYLE}${closingStyle(letter)}</style>`,
    '</head>',
    '<body>',
    `<main class="letter">\n${letterMarkup(letter, { ...options, inline: false })}\n</main>`,
    postHtml(letter),
    '</body>',
    '</html>',
    '',
  ]
    .filter((s, i, all) => s !== '' || i === all.length - 1)
    .join('\n');
}

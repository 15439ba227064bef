/**
 * The letter as a complete A4 HTML document to print and post: the letter, then (when the notice gives a postal
 * address) a page with the address block and an envelope label to cut out. Every text is escaped, and the
 * document's own Content-Security-Policy allows no script at all.
 */
import { BODY_FONT, HEADING_FONT, TITLE_FONT, escapeHtml, renderHtml } from './html';
import type { Letter } from './model';
import type { RenderOptions } from './text';
import { WORDING } from './wording';

const STYLE = `
@page { size: A4; margin: 30mm 26mm 30mm 28mm; }
html, body { margin: 0; padding: 0; }
body { font-family: ${BODY_FONT}; font-size: 15pt; color: #000; background: #fff; }
.letter h1 { font-family: ${TITLE_FONT}; }
.letter h2 { font-family: ${HEADING_FONT}; }
.letter table { page-break-inside: auto; font-size: 12pt; }
.letter tr { page-break-inside: avoid; }
.letter thead { display: table-header-group; }
.post { break-before: page; page-break-before: always; }
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
.from { margin-top: auto; text-align: right; font-size: 11pt; }
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
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<main class="letter">\n${renderHtml(letter, options)}\n</main>`,
    postHtml(letter),
    '</body>',
    '</html>',
    '',
  ]
    .filter((s, i, all) => s !== '' || i === all.length - 1)
    .join('\n');
}

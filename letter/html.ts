/**
 * The letter as HTML, in two flavours from one markup:
 * - renderHtml: a fragment with inline styles, for the text/html half of a rich copy (webmail, the site's online
 *   form, Word), because pasting keeps nothing else;
 * - letterMarkup(…, { inline: false }): the same markup with classes only, which the print view (print.ts) sets as
 *   a 公文 with its own stylesheet.
 * Every text is escaped: nothing the reviewer or the page wrote can become markup.
 */
import { STANDARD_NUMBER, closingLines, textWidthChars, titleLines } from './layout';
import type { Letter, LetterItem } from './model';
import type { RenderOptions } from './text';
import { WORDING } from './wording';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content or a quoted attribute value (& < > " '). Never throws for a string. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Escaped text with its line breaks as <br>. */
const lines = (text: string) => escapeHtml(text).replace(/\n/g, '<br>');

/**
 * What must never break across lines in print: a standard's number (GB/T 9704-2012, GB 50016—2014, ISO 9001:2015,
 * its space included), else a run of Latin letters, digits and URL or e-mail punctuation holding a letter (a URL,
 * an address, an English word).
 */
const WHOLE = new RegExp(`${STANDARD_NUMBER.source}|[A-Za-z0-9][\\w.\\/:@%?=&#+~-]*[A-Za-z0-9\\/]|[A-Za-z]`, 'g');

/**
 * Escaped text as `lines` writes it, each run that must stay whole (see WHOLE) holding a letter and at most
 * `max` characters long set in <span class="kw"> (white-space: nowrap in print): browsers differ on where Latin
 * text may break (Firefox breaks GB/T after its slash). A longer run, say a URL wider than its column, is left
 * to break as the browser breaks it. Never throws.
 */
export function keepWhole(text: string, max = 40): string {
  let out = '';
  let at = 0;
  for (const m of text.matchAll(WHOLE)) {
    const run = m[0];
    if (run.length < 2 || run.length > max || !/[A-Za-z]/.test(run)) continue;
    out += lines(text.slice(at, m.index)) + `<span class="kw">${escapeHtml(run)}</span>`;
    at = m.index + run.length;
  }
  return out + lines(text.slice(at));
}

/** 仿宋 as agencies name it, then the faces macOS and Linux have (a serif CJK face, never a sans). */
export const BODY_FONT =
  "'仿宋_GB2312','FangSong_GB2312','仿宋',FangSong,STFangsong,'Noto Serif CJK SC','Source Han Serif SC','Noto Serif SC',serif";
/** 小标宋, else 宋体 (bold where 小标宋 is missing: see print.ts). */
export const TITLE_FONT = "'方正小标宋简体','FZXiaoBiaoSong-B05S','宋体',SimSun,STSong,'Noto Serif CJK SC','Source Han Serif SC',serif";
export const HEADING_FONT = "'黑体',SimHei,STHeiti,'Noto Sans CJK SC','Source Han Sans SC',sans-serif";
export const KAI_FONT = "'楷体_GB2312','KaiTi_GB2312','楷体',KaiTi,STKaiti,'Noto Serif CJK SC',serif";

const CELL = 'border:1px solid #000;padding:4px 6px;vertical-align:top;text-align:left';
const PARA = 'margin:0 0 0.6em;text-indent:2em';
const FIELD = 'margin:0 0 0.3em';

interface Flavour {
  inline: boolean;
}

/** Text for the flavour: in print, runs that must stay whole kept so (keepWhole, at most `max` characters). */
const textOf = (f: Flavour, text: string, max?: number) => (f.inline ? lines(text) : keepWhole(text, max));

/** class="…" and, for the pasted flavour, style="…". */
const attrs = (f: Flavour, cls: string, style: string) => ` class="${cls}"${f.inline && style !== '' ? ` style="${escapeHtml(style)}"` : ''}`;

function itemHtml(item: LetterItem, f: Flavour): string {
  const marker = item.marker === '' ? '' : `${escapeHtml(item.marker)} `;
  const field = (name: string, value: string, cls: string) =>
    `<p${attrs(f, `field ${cls}`, FIELD)}><strong>${escapeHtml(name)}：</strong>${textOf(f, value)}</p>`;
  const parts = [
    `<p${attrs(f, 'field original', FIELD)}>${marker}<strong>${escapeHtml(item.original.label)}：</strong>${textOf(f, item.original.text)}</p>`,
    field(WORDING.opinion, item.opinion, 'opinion'),
  ];
  if (item.reason !== '') parts.push(field(WORDING.reason, item.reason, 'reason'));
  return `<div${attrs(f, 'item', 'margin:0 0 0.8em')}>${parts.join('')}</div>`;
}

/** The print view's type area (156 mm) in points, and the table's text size. */
const TEXT_PT = (156 / 25.4) * 72;
const TABLE_PT = 12;

/**
 * The table form's column widths in points for the print view (序号, 条款, 原文, 修改意见, 理由), summing to the
 * type area: 序号 fits its header, 条款 the letter's longest label on one line (titles wrap under it), and 原文 and
 * 修改意见 share most of the rest.
 */
export function printColumnWidths(letter: Pick<Letter, 'items'>): number[] {
  const pad = 8 + 4;
  const index = 2 * TABLE_PT + pad;
  const clause = Math.max(3, ...letter.items.map((it) => textWidthChars(it.clauseLabel))) * TABLE_PT + pad;
  const rest = TEXT_PT - index - clause;
  const original = rest * 0.37;
  const opinion = rest * 0.37;
  return [index, clause, original, opinion, rest - original - opinion].map((w) => Math.floor(w * 10) / 10);
}

function tableHtml(letter: Letter, f: Flavour): string {
  const head = WORDING.columns.map((c) => `<th${attrs(f, '', `${CELL};background:#f2f2f2`)}>${escapeHtml(c)}</th>`).join('');
  const clause = (it: LetterItem) =>
    `<span class="label"${f.inline ? ' style="white-space:nowrap"' : ''}>${escapeHtml(it.clauseLabel)}</span>` +
    (it.clauseTitle === null ? '' : `<br><span class="title">${escapeHtml(`（${it.clauseTitle}）`)}</span>`);
  // 序号 fits its header, 条款 its longest label; 原文 and 修改意见 share most of the rest
  const widths = printColumnWidths(letter);
  // the Latin characters (about 0.55 em each) a text column holds on one line: a longer run may break
  const fits = widths.slice(2).map((w) => Math.floor((w - 8) / (TABLE_PT * 0.55)));
  const rows = letter.items.map(
    (it) =>
      `<tr><td${attrs(f, 'index', CELL)}>${it.index}</td><td${attrs(f, 'clause', CELL)}>${clause(it)}</td>` +
      [it.original.text, it.opinion, it.reason].map((v, i) => `<td${attrs(f, ['original', 'opinion', 'reason'][i]!, CELL)}>${textOf(f, v, fits[i])}</td>`).join('') +
      '</tr>',
  );
  const total = widths.reduce((a, b) => a + b);
  // in percent for a pasted copy (any width), in points for print
  const cols = `<colgroup>${widths.map((w) => `<col style="width:${f.inline ? `${((w / total) * 100).toFixed(1)}%` : `${w}pt`}">`).join('')}</colgroup>`;
  return `<table${attrs(f, 'items', 'border-collapse:collapse;width:100%;margin:0 0 1em')}>${cols}<thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function closingHtml(letter: Letter, f: Flavour): string {
  const { contact, seal } = letter.closing;
  const { signer: signerText, at } = closingLines(letter.closing, letter.date, WORDING.seal);
  const out = [`<div${attrs(f, seal ? 'closing sealed' : 'closing', 'margin-top:2em')}>`];
  if (signerText !== '') out.push(`<p${attrs(f, 'signer', `margin:0;text-align:right;padding-right:${at.signer}em`)}>${escapeHtml(signerText)}</p>`);
  out.push(`<p${attrs(f, 'date', `margin:0;text-align:right;padding-right:${at.date}em`)}>${escapeHtml(letter.date)}</p>`);
  const note = WORDING.contactNote(contact);
  if (note !== '') out.push(`<p${attrs(f, 'contact', PARA)}>${textOf(f, note)}</p>`);
  out.push('</div>');
  return out.join('');
}

/**
 * The letter's markup: title, addressee, lead-in, the sections (in prose, per-article headings with 原文 / 修改意见
 * / 理由; in the table form, a <table> 序号 | 条款 | 原文 | 修改意见 | 理由 with column widths that fit), then the
 * signer over the date and the contact note. `inline` adds the inline styles a pasted copy needs. All text is
 * escaped. Never throws for a Letter.
 */
export function letterMarkup(letter: Letter, options: RenderOptions & { inline: boolean }): string {
  const f: Flavour = { inline: options.inline };
  const form = options.form ?? letter.form;
  const out: string[] = [
    `<div lang="zh-CN"${attrs(f, 'letter-body', `font-family:${BODY_FONT};line-height:1.8`)}>`,
    `<h1${attrs(f, 'title', `font-family:${TITLE_FONT};text-align:center;font-size:1.5em;margin:0 0 1em`)}>${titleLines(letter.title).map(escapeHtml).join('<br>')}</h1>`,
  ];
  if (letter.addressee !== null) out.push(`<p${attrs(f, 'addressee', 'margin:0 0 0.6em')}>${escapeHtml(letter.addressee)}</p>`);
  out.push(`<p${attrs(f, 'lead', PARA)}>${textOf(f, letter.leadIn)}</p>`);
  const h2 = (text: string) => `<h2${attrs(f, '', `font-family:${HEADING_FONT};font-size:1.1em;margin:1em 0 0.5em`)}>${escapeHtml(text)}</h2>`;
  if (letter.general !== null) {
    out.push(h2(letter.general.heading));
    letter.comments.forEach((c, i) => out.push(`<p${attrs(f, 'comment', PARA)}>${textOf(f, letter.commentMarkers[i]! + c)}</p>`));
  }
  if (letter.specific !== null) {
    out.push(h2(letter.specific.heading));
    if (form === 'table') {
      out.push(tableHtml(letter, f));
    } else {
      for (const a of letter.articles) {
        out.push(`<section class="article"><h3${attrs(f, '', 'font-size:1em;margin:0.8em 0 0.4em')}>${escapeHtml(a.marker + a.heading)}</h3>`);
        for (const item of a.items) out.push(itemHtml(item, f));
        out.push('</section>');
      }
    }
  }
  out.push(closingHtml(letter, f), '</div>');
  return out.join('\n');
}

/**
 * Returns the letter as an HTML fragment with inline styles, for pasting (see letterMarkup). Never throws for a
 * Letter.
 */
export function renderHtml(letter: Letter, options: RenderOptions = {}): string {
  return letterMarkup(letter, { ...options, inline: true });
}

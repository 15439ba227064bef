/**
 * The letter as an HTML fragment, for the text/html half of a rich copy (webmail, the site's online form, Word).
 * Styles are inline because pasting keeps nothing else. Every text is escaped: nothing the reviewer or the page
 * wrote can become markup.
 */
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

export const BODY_FONT = "FangSong,'仿宋',STFangsong,'FangSong_GB2312',serif";
export const TITLE_FONT = "SimSun,'宋体',STSong,serif";
export const HEADING_FONT = "SimHei,'黑体',STHeiti,sans-serif";

const CELL = 'border:1px solid #000;padding:4px 6px;vertical-align:top;text-align:left';
const PARA = 'margin:0 0 0.6em;text-indent:2em';
const FIELD = 'margin:0 0 0.3em';

const field = (name: string, value: string) => `<p style="${FIELD}"><strong>${escapeHtml(name)}：</strong>${lines(value)}</p>`;

function itemHtml(item: LetterItem): string {
  const marker = item.marker === '' ? '' : `${escapeHtml(item.marker)} `;
  const parts = [
    `<p style="${FIELD}">${marker}<strong>${escapeHtml(item.original.label)}：</strong>${lines(item.original.text)}</p>`,
    field(WORDING.opinion, item.opinion),
  ];
  if (item.reason !== '') parts.push(field(WORDING.reason, item.reason));
  return `<div style="margin:0 0 0.8em">${parts.join('')}</div>`;
}

function tableHtml(letter: Letter): string {
  const head = WORDING.columns.map((c) => `<th style="${CELL};background:#f2f2f2">${escapeHtml(c)}</th>`).join('');
  const rows = letter.items.map(
    (it) =>
      `<tr>${[String(it.index), it.clause, it.original.text, it.opinion, it.reason]
        .map((v) => `<td style="${CELL}">${lines(v)}</td>`)
        .join('')}</tr>`,
  );
  return `<table style="border-collapse:collapse;width:100%;margin:0 0 1em"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * Returns the letter as an HTML fragment (one <div>, inline styles): title, addressee, lead-in, the sections (in
 * prose, per-article headings with 原文 / 修改意见 / 理由; in the table form, a <table> with the header row
 * 序号 | 条款 | 原文 | 修改意见 | 理由), then the signature and the date, right-aligned. All text is escaped and line
 * breaks become <br>. Never throws for a Letter.
 */
export function renderHtml(letter: Letter, options: RenderOptions = {}): string {
  const form = options.form ?? letter.form;
  const out: string[] = [
    `<div lang="zh-CN" style="font-family:${escapeHtml(BODY_FONT)};line-height:1.8">`,
    `<h1 style="font-family:${escapeHtml(TITLE_FONT)};text-align:center;font-size:1.5em;margin:0 0 1em">${escapeHtml(letter.title)}</h1>`,
  ];
  if (letter.addressee !== null) out.push(`<p style="margin:0 0 0.6em">${escapeHtml(letter.addressee)}</p>`);
  out.push(`<p style="${PARA}">${escapeHtml(letter.leadIn)}</p>`);
  const h2 = (text: string) =>
    `<h2 style="font-family:${escapeHtml(HEADING_FONT)};font-size:1.1em;margin:1em 0 0.5em">${escapeHtml(text)}</h2>`;
  if (letter.general !== null) {
    out.push(h2(letter.general.heading));
    letter.comments.forEach((c, i) => out.push(`<p style="${PARA}">${lines(letter.commentMarkers[i]! + c)}</p>`));
  }
  if (letter.specific !== null) {
    out.push(h2(letter.specific.heading));
    if (form === 'table') {
      out.push(tableHtml(letter));
    } else {
      for (const a of letter.articles) {
        out.push(`<h3 style="font-size:1em;margin:0.8em 0 0.4em">${escapeHtml(a.marker + a.heading)}</h3>`);
        for (const item of a.items) out.push(itemHtml(item));
      }
    }
  }
  out.push('<div style="text-align:right;margin-top:2em">');
  for (const f of letter.signature) out.push(`<p style="margin:0">${escapeHtml(WORDING.labelled(f.label, f.value))}</p>`);
  out.push(`<p style="margin:0.6em 0 0">${escapeHtml(letter.date)}</p>`, '</div>', '</div>');
  return out.join('\n');
}

/**
 * Numbered items of a draft that has no 第N条 (一、 （一） 1.): 实施意见, 办法 and 通知 drafts are often written so.
 * When a page has no articles, these items are the units notes attach to; the CLI lists them under `items`.
 */
import type { Item } from './types';
import { firstNonSpace, matchStructure, sectionBreak } from './headings';
import { parseNumeral } from './numerals';

const CN = '一二三四五六七八九十';
/** 一、 at a paragraph's start (not 一、二、三 lists inside a sentence). */
const L1_RE = new RegExp(`^([${CN}]{1,3})[、，,]`);
/** （一） / (一) */
const L2_RE = new RegExp(`^[（(]([${CN}]{1,3})[）)]`);
/** 1. / 1． / 1、 but not 1.5 or a date 2024.3.1 */
const L3_RE = /^([0-9０-９]{1,2})[.．、](?![0-9０-９])/;
/** A comment notice: the items near its top are its own (how to comment), not a draft's. */
const NOTICE_RE = /征求意见|徵求意見|征求意見|征集|徵集|諮詢|咨询|谘询|徵詢|公示|預告|预告|意见反馈|意見反饋/;
const SIGNATURE_DATE_RE = /^[0-9０-９〇零○Ｏ一二三四五六七八九十\s]{4,10}年[0-9０-９一二三四五六七八九十\s]{1,4}月[0-9０-９一二三四五六七八九十\s]{1,4}[日号號]$/;
/** A heading ends at the first full stop when that comes this early. */
const MAX_TITLE = 24;

interface Marker {
  level: 1 | 2 | 3;
  label: string;
  number: number;
  end: number;
}

function marker(text: string, start: number): Marker | null {
  const s = text.slice(start, start + 8);
  let m = L1_RE.exec(s);
  if (m !== null) {
    const n = parseNumeral(m[1] ?? '');
    return n === null ? null : { level: 1, label: `${m[1]}、`, number: n, end: start + m[0].length };
  }
  m = L2_RE.exec(s);
  if (m !== null) {
    const n = parseNumeral(m[1] ?? '');
    return n === null ? null : { level: 2, label: `（${m[1]}）`, number: n, end: start + m[0].length };
  }
  m = L3_RE.exec(s);
  if (m !== null) {
    const n = parseNumeral(m[1] ?? '');
    return n === null ? null : { level: 3, label: `${n}.`, number: n, end: start + m[0].length };
  }
  return null;
}

function part(level: 1 | 2 | 3, label: string, number: number): string {
  if (level === 1) return `第${label.slice(0, -1)}部分`;
  if (level === 2) return `第${label}项`;
  return `第${number}点`;
}

/** Splits an item's first line into a short heading and the rest: （一）指导思想。以… → [指导思想, 以…]. */
function headingOf(rest: string, level: 1 | 2 | 3): [string | null, string] {
  const t = rest.trim();
  if (t.length === 0) return [null, ''];
  const stop = t.search(/[。；;：:]/);
  if (stop < 0) {
    // 一、总体要求: a short line with no full stop is a heading
    return level === 1 && t.length <= MAX_TITLE ? [t, ''] : [null, t];
  }
  if (stop === 0 || stop > MAX_TITLE) return [null, t];
  const title = t.slice(0, stop);
  // a colon that introduces a list (包括：) is not a heading's end
  if ((t[stop] === '：' || t[stop] === ':') && stop < t.length - 1) return [null, t];
  return [title, t.slice(stop + 1).trim()];
}

/**
 * Reads the numbered items from `texts` (whitespace-cleaned paragraphs; '' for blank and link paragraphs).
 * On a comment notice the items start after the notice's signature date, since the notice numbers its own
 * ways to comment (一、电子邮箱…); elsewhere (a 意见 or 通知 page) they start at the top. Items end at an
 * attachment list, an explanation or the page footer. Fewer than two items is no structure: returns [].
 */
export function readItems(texts: readonly string[]): Item[] {
  const n = texts.length;
  let from = 0;
  let head = '';
  for (let i = 0; i < n && i < 60; i++) head += texts[i] ?? '';
  if (NOTICE_RE.test(head)) {
    from = -1;
    for (let i = 0; i < n; i++) {
      const t = texts[i] ?? '';
      if (SIGNATURE_DATE_RE.test(t)) {
        from = i + 1;
        break;
      }
    }
    if (from < 0) return [];
  }
  const items: Item[] = [];
  const pieces: string[][] = [];
  const stack: number[] = [];
  let open = -1;
  const close = (end: number) => {
    if (open < 0) return;
    const it = items[open]!;
    it.paragraphs[1] = end;
    it.text = (pieces[open] ?? []).join('\n');
    open = -1;
  };
  for (let i = from; i < n; i++) {
    const text = texts[i] ?? '';
    if (text.length === 0) continue;
    const start = firstNonSpace(text);
    if (items.length > 0 && sectionBreak(text, start) !== null) {
      close(i);
      break;
    }
    if (items.length > 0 && SIGNATURE_DATE_RE.test(text)) {
      // the signature after the last item: the issuer line before the date is not the item's text
      const prev = texts[i - 1] ?? '';
      const issuerLine = open >= 0 && prev.length > 0 && prev.length <= 40 && !/[。；;，,：:]/.test(prev);
      if (issuerLine && (pieces[open]?.length ?? 0) > 0 && items[open]!.paragraphs[0] < i - 1) pieces[open]!.pop();
      close(issuerLine ? i - 1 : i);
      continue;
    }
    if (matchStructure(text, start) !== null) {
      // 第二章 组成人员职责 between items: a heading, not the item's text
      close(i);
      continue;
    }
    const m = marker(text, start);
    if (m !== null) {
      close(i);
      while (stack.length > 0 && items[stack[stack.length - 1]!]!.level >= m.level) stack.pop();
      const parent = stack.length > 0 ? stack[stack.length - 1]! : null;
      const names: string[] = [];
      for (const k of stack) names.push(part(items[k]!.level, items[k]!.label, parseNumeral(items[k]!.label.replace(/[^0-9一二三四五六七八九十]/g, '')) ?? 0));
      names.push(part(m.level, m.label, m.number));
      const [title, body] = headingOf(text.slice(m.end), m.level);
      const bodyOffset = body.length === 0 ? text.length : Math.max(m.end, text.indexOf(body.slice(0, 8), m.end));
      items.push({
        label: m.label,
        name: names.join(''),
        level: m.level,
        title,
        parent,
        text: '',
        paragraphs: [i, i + 1],
        bodyOffset,
      });
      pieces.push(body.length > 0 ? [body] : []);
      open = items.length - 1;
      stack.push(open);
      continue;
    }
    if (open >= 0) pieces[open]!.push(text.trim());
  }
  close(n);
  return items.length >= 2 ? items : [];
}

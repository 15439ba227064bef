/**
 * Numbered items of a draft that has no 第N条 (一、 （一） 1.): 实施意见, 办法 and 通知 drafts are often written so.
 * When a page has no articles, these items are the units notes attach to; the CLI lists them under `items`.
 */
import type { Article, Item, Outline } from './types';
import { firstNonSpace, matchStructure, sectionBreak } from './headings';
import { parseNumeral } from './numerals';

const CN = '一二三四五六七八九十';
/** 一、 at a paragraph's start (not 一、二、三 lists inside a sentence). */
const L1_RE = new RegExp(`^([${CN}]{1,3})[、，,]`);
/** （一） / (一) */
const L2_RE = new RegExp(`^[（(]([${CN}]{1,3})[）)]`);
/** 1. / 1． / 1、 but not 1.5 or a date 2024.3.1 */
const L3_RE = /^([0-9０-９]{1,2})[.．、](?![0-9０-９])/;
/** A comment notice: the items near its top are its own (how to comment), not a draft's. Tested on the text before the first item marker. */
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

const INNER_WS_RE = /[ \t\r\n\f\v\u00a0]+/g;
const EDGE_WS_RE = /^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0\ufeff]+$/g;

/** The same cleaning as the outline's article text: whitespace runs folded, edges trimmed. */
function cleanText(s: string): string {
  return s.replace(INNER_WS_RE, ' ').replace(EDGE_WS_RE, '');
}

/**
 * Splits an item's first line after its marker into a short heading and where the item's text starts
 * (（一）指导思想。以… → 指导思想, at 以). `from` is the offset after the marker in the raw paragraph.
 */
function headingOf(raw: string, from: number, level: 1 | 2 | 3): { title: string | null; bodyOffset: number } {
  let a = from;
  while (a < raw.length && /[\s\u3000\u00a0]/.test(raw[a]!)) a++;
  const rest = raw.slice(a);
  const t = cleanText(rest);
  if (t.length === 0) return { title: null, bodyOffset: raw.length };
  const stop = rest.search(/[。；;：:]/);
  if (stop < 0) {
    // 一、总体要求: a short line with no full stop is a heading
    return level === 1 && t.length <= MAX_TITLE ? { title: t, bodyOffset: raw.length } : { title: null, bodyOffset: a };
  }
  const title = cleanText(rest.slice(0, stop));
  if (stop === 0 || title.length > MAX_TITLE) return { title: null, bodyOffset: a };
  // a colon that introduces a list (包括：) is not a heading's end
  if ((rest[stop] === '：' || rest[stop] === ':') && cleanText(rest.slice(stop + 1)).length > 0) return { title: null, bodyOffset: a };
  let b = a + stop + 1;
  while (b < raw.length && /[\s\u3000\u00a0]/.test(raw[b]!)) b++;
  return { title, bodyOffset: b >= raw.length ? raw.length : b };
}

/**
 * Reads the numbered items from `texts` (the paragraphs as given; '' for link paragraphs).
 * On a comment notice (told by the text before the first item marker) the items start after the notice's
 * signature date, since the notice numbers its own ways to comment (一、电子邮箱…); elsewhere (a 意见 or 通知 page) they start at the top. Items end at an
 * attachment list, an explanation or the page footer. Fewer than two items is no structure: returns [].
 */
export function readItems(texts: readonly string[]): Item[] {
  const n = texts.length;
  let from = 0;
  // Only the text before the first item marker tells a notice: a decision's own items may say 咨询 or 公示.
  let head = '';
  for (let i = 0; i < n && i < 60; i++) {
    const t = texts[i] ?? '';
    if (marker(t, firstNonSpace(t)) !== null) break;
    head += cleanText(t);
  }
  if (NOTICE_RE.test(head)) {
    from = -1;
    for (let i = 0; i < n; i++) {
      const t = cleanText(texts[i] ?? '');
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
    const start = firstNonSpace(text);
    if (start >= text.length) continue;
    const cleaned = cleanText(text);
    if (items.length > 0 && sectionBreak(text, start) !== null) {
      close(i);
      break;
    }
    if (items.length > 0 && SIGNATURE_DATE_RE.test(cleaned)) {
      // the signature after the last item: the issuer line before the date is not the item's text
      const prev = cleanText(texts[i - 1] ?? '');
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
      const { title, bodyOffset } = headingOf(text, m.end, m.level);
      const body = bodyOffset < text.length ? cleanText(text.slice(bodyOffset)) : '';
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
    if (open >= 0) pieces[open]!.push(cleaned);
  }
  close(n);
  return items.length >= 2 ? items : [];
}

/**
 * The units notes attach to: the articles, or, for a draft with no 第N条, its items dressed as
 * articles (label = the item's name, 第三部分第（二）项; number = its position from 1), so that anchoring,
 * the side panel, the editor and the letter name them as the document does. Returns `o` itself when it
 * has articles or no items. Never throws.
 */
export function withItemUnits(o: Outline): Outline {
  if (o.articles.length > 0 || o.items.length === 0) return o;
  const articles: Article[] = o.items.map((it, i) => ({
    label: it.name,
    number: i + 1,
    sub: 0,
    title: it.title,
    chapter: null,
    text: it.text,
    paragraphs: [it.paragraphs[0], it.paragraphs[1]],
    bodyOffset: it.bodyOffset,
  }));
  return { ...o, articles };
}

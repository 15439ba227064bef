/**
 * Per-paragraph classifiers: is this paragraph an article heading (第N条), a structure heading
 * (第N编/分编/章/节), 目录, or the start of another document section (附件2, 起草说明)?
 * Each runs one anchored regex at the paragraph's first non-space character.
 */
import type { HeadingKind } from './types';
import { parseNumeral } from './numerals';

const CN = '零〇○一二两兩三四五六七八九十百千万萬';
const NUM = `(?:[0-9０-９]+|[${CN}](?:[${CN}\\s]*[${CN}])?)`;

/** 第N条 / 第 N 條 / 第N条之M / 第 N-M 條, anchored (sticky) at the paragraph start. */
const ARTICLE_RE = new RegExp(
  `第\\s*(${NUM})\\s*(?:[-－‐‑–]\\s*([0-9０-９]+)\\s*)?[条條](?:之([${CN}]+|[0-9０-９]+))?`,
  'y',
);
/** 第N编 / 分编 / 章 / 节 / 款 / 目, also inserted ones (第 八 節之一), anchored (sticky). */
const STRUCTURE_RE = new RegExp(`第\\s*(${NUM})\\s*(分\\s*[编編]|编|編|章|节|節|款|目)(?:之(?:[${CN}]+|[0-9０-９]+))?`, 'y');
/** What a cross-reference puts after 第N章 (第三章的规定, 第四章第二节); structure titles never start so. */
const STRUCTURE_REF_RE =
  /^(?:第|的|之|款|项|項|至|、|，|,|；|。|规定|規定|中(?:的|规定|規定|所|第|，|,)|以下|以上|修改|修正|删|刪|和第|及第|或第|与第|與第)/;

/** What may directly follow an article label (no space) in a cross-reference rather than a heading. */
const REF_AFTER_RE =
  /^(?:第|款|项|項|目|至|、|，|,|．|\.|；|;|和|与|與|及|或|的|中(?:的|规定|規定|所|第|，|,|有关|有關|关于|關於)|所(?!有)|规定|規定|之|修改|修正|改为|改為|删|刪|增加|增设|增設|后|後|前款|前項|前项|前段|情形|但书|但書|以下|以上|以外|外(?![商国國资資])|等|有关规定|有關規定|关于|關於|适用|適用|准用|準用|并|並|亦|也|各(?=款|项|項)|止|列)/;
/** What may follow an article label and a space in a cross-reference (第五条 第二款). */
const REF_AFTER_SPACE_RE = new RegExp(`^(?:第\\s*${NUM}\\s*[款项項条條目]|[款项項至、])`);
/** Sentence punctuation that a structure heading never ends with. */
const HEADING_END_PUNCT_RE = /[。；;，,：:！!？?]$/;
/** Dot leaders and page numbers of a TOC line: 总则……1. */
const TOC_LEADER_RE = /[-.…·．_—]{2,}\s*[0-9０-９]*\s*$|\s+[0-9０-９]{1,4}$/;
const UNNUMBERED_RE = /^(总|總|附)[\s\u3000\u00a0]*(则|則)$/;
const TOC_RE = /^目[\s\u3000\u00a0]*(录|錄)$/;
/** 附件 / 附件2 / 附件1:《…》.docx / 附录 / a lone 附 or 附：: an attachment starts (or the page lists its attachments). */
const ATTACHMENT_RE = /^附(?:件|录|錄)?\s*[0-9０-９一二三四五六七八九十]*\s*(?:$|[:：.．、])/;
/** A short heading of an explanatory document: 关于《…》的起草说明. */
const EXPLANATION_RE =
  /^(?:.{0,40}(?:起草说明|起草說明|修订说明|修訂說明|编制说明|編制說明|制定说明|的说明|的說明)|(?:起草|修订|编制|編制)说明.*)$/;
/** Page footer lines of government sites. */
const FOOTER_RE =
  /^(?:(?:主办|主辦|承办|承辦)(?:单位|單位)?\s*[:：]|版权所有|版權所有|Copyright|©|网站标识码|網站標識碼|网站地图|網站地圖|打印本页|关闭窗口|關閉窗口|扫一扫在手机打开当前页|掃一掃在手機打開當前頁|【打印】|【关闭】|\[打印\]|\[关闭\])/;

/**
 * The bracket that closes the one opening at a char code. Keyed by char code: a one-character string cut from the
 * text of a CJK page is a new string each time, and looking it up by string hashes it (this runs for every article).
 */
const CLOSE_OF: Readonly<Record<number, string>> = {
  0x28: ')', 0xff08: '）', 0x3016: '〗', 0x3010: '】', 0xff3b: '］', 0x5b: ']', 0x3014: '〕',
};
/** 第一條(tiáo): pinyin a mirror site inserted, not an article title. */
const PINYIN_INNER_RE = /^\s*[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,7}\s*$/;
const NUMERAL_ONLY_RE = new RegExp(`^\\s*${NUM}\\s*$`);
const DELETED_RE = /^\s*(?:删除|刪除|删去|刪去)\s*$/;
const CJK_SPACE_RE = /([\u3400-\u9fff\uf900-\ufaff])[\s\u3000\u00a0]+(?=[\u3400-\u9fff\uf900-\ufaff])/g;
const WS_RUN_RE = /[\s\u3000\u00a0]+/g;
const EDGE_SPACE_RE = /^[\s\u3000\u00a0]+/;

/** True for the characters the parser treats as blank: ASCII whitespace, U+3000, U+00A0, U+FEFF and the like. Never throws. */
export function isSpace(code: number): boolean {
  return (
    code === 32 || (code >= 9 && code <= 13) || code === 0x3000 || code === 0xa0 || code === 0xfeff ||
    code === 0x2002 || code === 0x2003 || code === 0x2009 || code === 0x200b || code === 0x202f
  );
}

/** Index of the first non-blank character of `s`, or s.length when it is blank. Never throws. */
export function firstNonSpace(s: string): number {
  let i = 0;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i;
}

function lastNonSpaceEnd(s: string): number {
  let j = s.length;
  while (j > 0 && isSpace(s.charCodeAt(j - 1))) j--;
  return j;
}

/** Returns `s` with spaces between CJK characters removed (附 则 → 附则) and other whitespace collapsed and trimmed. Never throws. */
export function normaliseTitle(s: string): string {
  return s.replace(CJK_SPACE_RE, '$1').replace(WS_RUN_RE, ' ').trim();
}

/** How an article label is separated from its body. `none`: body text follows directly (第一条为了…). */
export type Separator = 'end' | 'space' | 'bracket' | 'none';

export interface ArticleHeading {
  label: string;
  number: number;
  sub: number;
  title: string | null;
  /** Offset in the paragraph where the body starts (the paragraph length when the heading stands alone). */
  bodyOffset: number;
  separator: Separator;
}

/**
 * Tries to read an article heading at `start` (the paragraph's first non-blank character).
 * Returns null for anything else, including cross-references that begin a paragraph
 * (第十六條第七款…, 第五条规定的…). Never throws.
 */
export function matchArticle(text: string, start: number): ArticleHeading | null {
  ARTICLE_RE.lastIndex = start;
  const m = ARTICLE_RE.exec(text);
  if (m === null) return null;
  const number = parseNumeral(m[1] ?? '');
  if (number === null || number <= 0) return null;
  let sub = 0;
  if (m[2] !== undefined) sub = parseNumeral(m[2]) ?? -1;
  else if (m[3] !== undefined) sub = parseNumeral(m[3]) ?? -1;
  if (sub < 0) return null;
  const label = m[0].replace(WS_RUN_RE, '');
  const pos = start + m[0].length;
  const end = lastNonSpaceEnd(text);
  if (pos >= end) {
    return { label, number, sub, title: null, bodyOffset: text.length, separator: 'end' };
  }
  let j = pos;
  while (j < end && isSpace(text.charCodeAt(j))) j++;
  let spaced = j > pos;
  const c = text.charCodeAt(j);
  if (c === 0x3a /* : */ || c === 0xff1a /* ： */) {
    spaced = true;
    j++;
    while (j < end && isSpace(text.charCodeAt(j))) j++;
  }
  const close = CLOSE_OF[text.charCodeAt(j)];
  if (close !== undefined) {
    const k = text.indexOf(close, j + 1);
    const inner = k > j + 1 && k - j <= 40 ? text.slice(j + 1, k) : null;
    if (inner !== null && !DELETED_RE.test(inner) && !/[。；;]/.test(inner) && !PINYIN_INNER_RE.test(inner)) {
      if (NUMERAL_ONLY_RE.test(inner)) {
        if (!spaced) return null; // 第十条（一）项: a reference to an item
      } else {
        let b = k + 1;
        while (b < end && isSpace(text.charCodeAt(b))) b++;
        if (b >= end) b = text.length;
        return { label, number, sub, title: normaliseTitle(inner), bodyOffset: b, separator: 'bracket' };
      }
    }
  }
  if (spaced) {
    if (REF_AFTER_SPACE_RE.test(text.slice(j, j + 16))) return null;
    return { label, number, sub, title: null, bodyOffset: j, separator: 'space' };
  }
  if (c === 0x3001 /* 、 */ && !/^[第0-9０-９一二三四五六七八九十]/.test(text.slice(j + 1, j + 2))) {
    // 第一条、为了…: an enumeration comma after the label, not a list of references (第一条、第二条)
    let b = j + 1;
    while (b < end && isSpace(text.charCodeAt(b))) b++;
    return { label, number, sub, title: null, bodyOffset: b, separator: 'space' };
  }
  if (REF_AFTER_RE.test(text.slice(pos, pos + 4))) return null;
  return { label, number, sub, title: null, bodyOffset: pos, separator: 'none' };
}

/** Internal nesting rank: 编 0, 分编 1, 章 2, 节 3, 款 4, 目 5. */
export type Rank = 0 | 1 | 2 | 3 | 4 | 5;

export interface StructureHeading {
  label: string;
  title: string | null;
  kind: HeadingKind;
  /** Nesting rank, or null for an unnumbered 总则 / 附则 (the caller places it at the top level). */
  rank: Rank | null;
}

const KINDS: Readonly<Record<string, [HeadingKind, Rank]>> = {
  编: ['part', 0], 編: ['part', 0], 分编: ['subpart', 1], 分編: ['subpart', 1],
  章: ['chapter', 2], 节: ['section', 3], 節: ['section', 3], 款: ['section', 4], 目: ['section', 5],
};

/**
 * Tries to read a structure heading (第一编 总则, 第二章  数字基础设施, 第 一 節 通則, 第九章 附 则,
 * or 总则 / 附则 standing alone) from a paragraph whose first non-blank character is at `start`.
 * A heading is short (≤ 40 characters) and does not end with sentence punctuation.
 * 第N款 / 第N目 (Taiwan's levels below 節) count only with a spaced title and are reported as kind
 * 'section'. Returns null otherwise. Never throws.
 */
export function matchStructure(text: string, start: number): StructureHeading | null {
  const end = lastNonSpaceEnd(text);
  if (end - start > 40 || end <= start) return null;
  const t = text.slice(start, end);
  if (HEADING_END_PUNCT_RE.test(t)) return null;
  if (t.charCodeAt(0) !== 0x7b2c /* 第 */) {
    const u = UNNUMBERED_RE.exec(t);
    return u === null ? null : { label: `${u[1] ?? ''}${u[2] ?? ''}`, title: null, kind: 'chapter', rank: null };
  }
  STRUCTURE_RE.lastIndex = 0;
  const m = STRUCTURE_RE.exec(t);
  if (m === null) return null;
  if (parseNumeral(m[1] ?? '') === null) return null;
  const unit = (m[2] ?? '').replace(WS_RUN_RE, '');
  const spec = KINDS[unit];
  if (spec === undefined) return null;
  let rest = t.slice(m[0].length);
  // 第一章、总则: an enumeration comma after the label
  if (rest.startsWith('、') && rest.length > 1 && !/^、\s*第/.test(rest)) rest = ' ' + rest.slice(1);
  let title: string | null = null;
  if (rest.length > 0) {
    const spaced = isSpace(rest.charCodeAt(0));
    if (!spaced && spec[1] >= 4) return null;
    if (STRUCTURE_REF_RE.test(spaced ? rest.replace(EDGE_SPACE_RE, '') : rest)) return null;
    title = normaliseTitle(rest.replace(TOC_LEADER_RE, ''));
    if (title.length === 0) title = null;
  } else if (spec[1] >= 4) {
    return null;
  }
  return { label: m[0].replace(WS_RUN_RE, ''), title, kind: spec[0], rank: spec[1] };
}

/** True when the paragraph (from its first non-blank character) is a 目录 / 目 录 line. Never throws. */
export function isTocHeading(text: string, start: number): boolean {
  const end = lastNonSpaceEnd(text);
  return end - start <= 8 && TOC_RE.test(text.slice(start, end));
}

/** What kind of new section a paragraph starts: see {@link sectionBreak}. */
export type SectionBreak = 'attachment' | 'explanation' | 'footer';

/**
 * Whether a paragraph starts a new document section that ends the draft's last article:
 * 'attachment' (附件2, 附件：, 附件1:《…》.docx), 'explanation' (a short heading ending in
 * 起草说明 / 的说明), 'footer' (主办:, 版权所有, 打印本页); null otherwise. Never throws.
 */
export function sectionBreak(text: string, start: number): SectionBreak | null {
  const c = text.charCodeAt(start);
  if (c === 0x9644 /* 附 */) return ATTACHMENT_RE.test(text.slice(start, start + 16)) ? 'attachment' : null;
  if (FOOTER_RE.test(text.slice(start, start + 12))) return 'footer';
  const end = lastNonSpaceEnd(text);
  return end - start <= 44 && EXPLANATION_RE.test(text.slice(start, end)) ? 'explanation' : null;
}

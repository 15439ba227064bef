/**
 * Every fixed phrase of the comment letter, in one table.
 *
 * The letter goes to a Chinese agency, so its wording is Chinese whatever language the extension's UI speaks
 * (the UI's own strings live in public/_locales). The phrasing follows common practice for 征求意见 replies:
 * 一、/（一）/ 1. numbering, 原文 / 修改意见 / 理由 for each point, 建议修改为：“…” for proposed wording.
 *
 * The draft's title is kept exactly as the notice writes it, 征求意见稿 suffix included
 * (关于《济南市数字经济促进条例(征求意见稿)》的修改意见): it names the very text being commented on, it matches the
 * subject the notice prescribes, and the agency files replies under that name.
 */
import { toChineseNumeral } from '../regulation/numerals';
import type { Stance } from '../storage/schema';

/** Whether a note is about a whole article or a passage of it: the phrases differ (本条 / 上述内容). */
export type Scope = 'article' | 'passage';

/** Labels of the signature block, in the order they are printed. */
export const SIGNATURE_LABELS = {
  organisation: '单位',
  name: '联系人',
  phone: '联系电话',
  email: '电子邮箱',
  address: '通信地址',
} as const;

const what = (scope: Scope) => (scope === 'article' ? '本条' : '上述内容');
/* ---------------------------------------------------------------------------------------------------------------
 * 修改意见 from what the reviewer wrote. Reviewers write a suggestion in many ways: the bare new wording, the new
 * wording in quotation marks, 修改为：…, 将“甲”修改为“乙”, 建议删除本条。, 增加一款：“…”, 同意。, a question …
 * The letter reads it before wrapping it, so that no phrase is said twice and no quotation sits inside another
 * with the same marks:
 * - a suggestion that already says what to do (建议…, 请…, 将…修改为…, 删除…, 增加一款…) is used as written,
 *   with 建议 put before a bare verb (删除本条 → 建议删除本条。);
 * - a bare replacement text, or one in quotation marks, is wrapped once (建议修改为：“…”);
 * - quotation marks inside quotation marks become ‘’ (GB/T 15834-2011 4.1.3.3), straight "…" become “…”;
 * - every opinion ends as a sentence (。 added where the reviewer stopped without one).
 * ------------------------------------------------------------------------------------------------------------- */

const OPEN = '“';
const CLOSE = '”';

/**
 * Returns `text` with its double quotation marks nested as Chinese prints them: marks at `depth` 0 stay “”, one
 * level in they become ‘’, two levels in “” again. Straight double quotes (") in pairs count as quotation marks,
 * 「」 and 『』 as well. `depth` is how deep `text` already sits (1 when it is about to be wrapped in “”).
 */
export function nestQuotes(text: string, depth = 0): string {
  let out = '';
  let level = depth;
  let straightOpen = false;
  const open = () => (level++ % 2 === 0 ? '“' : '‘');
  const close = () => (level > depth ? (--level % 2 === 0 ? '”' : '’') : '”');
  for (const c of text) {
    if (c === '“' || c === '「' || c === '『') out += open();
    else if (c === '”' || c === '」' || c === '』') out += close();
    else if (c === '"') {
      out += straightOpen ? close() : open();
      straightOpen = !straightOpen;
    } else out += c;
  }
  return out;
}

/** The text inside one pair of quotation marks that encloses all of `s`, or null. */
function unquote(s: string): string | null {
  const m = /^[“"「『]([\s\S]*)[”"」』]$/.exec(s);
  if (m === null) return null;
  const inner = m[1]!;
  // “甲”改为“乙” is two quotations, not one: the inner text must not close the first one
  let depth = 0;
  for (const c of inner) {
    if (c === '“' || c === '「' || c === '『') depth++;
    else if (c === '”' || c === '」' || c === '』') {
      if (depth === 0) return null;
      depth--;
    }
  }
  return depth === 0 ? inner.trim() : null;
}

const SENTENCE_END = /[。！？!?…；;]$/;

/** `s` ending as a sentence: 。 after it unless it already ends with one (a closing quotation mark counts when the
 * quoted text ends with one); a trailing comma or colon becomes 。. */
function finish(s: string): string {
  const t = s.replace(/[，,、：:\s]+$/u, '');
  if (t === '') return t;
  if (SENTENCE_END.test(t)) return t;
  if (/[”’）)」』]$/.test(t) && SENTENCE_END.test(t.slice(0, -1))) return t;
  return `${t}。`;
}

/** Wraps a replacement text once: “text” with its own quotation marks one level in. */
const quoted = (s: string) => `${OPEN}${nestQuotes(s, 1)}${CLOSE}`;
/** The reviewer's own sentence, its quotation marks nested and ended as a sentence. */
const asWritten = (s: string) => finish(nestQuotes(s));

// A sentence that already asks for something: 建议…, 请…, 希望…, 恳请…, 拟…
const ASKS = /^(?:建议|请|烦请|恳请|希望|望|应|应当|宜|拟|提请|可否|能否|是否可以)/;
// Starts with what to do: a verb the letter puts 建议 before (将甲改为乙 → 建议将甲改为乙。)
const DOES = /^(?:将|把|对|在|从|于|删除|删去|删掉|去掉|取消|增加|增设|增补|补充|新增|添加|加上|修改|修订|改为|改成|调整|替换|更改|合并|并入|拆分|明确|细化|保留|维持|参照|参考|统一|表述为)/;
// Points at the draft's text and says what is wrong with it (本条…, 第二款…, 此处…): a sentence of its own
const LOCATES = /^(?:本条(?!例)|本款|本项|本章|本节|该条|该款|该项|此条|此款|此项|此处|这里|该处|文中|原文|原条文|条文|上述|以上|第[〇零一二三四五六七八九十百千\d]+[条款项目章节])/;
// 修改为：… / 改为… / 修改成… : the new wording follows
const REPLACE_WITH = /^(?:建议)?(?:修改为|改为|修改成|改成|修订为|调整为|表述为|更改为|替换为)\s*[：:]?\s*([\s\S]+)$/;
// 增加：… / 增加一款：… / 补充规定：… : the added wording follows a colon
const ADD_WITH = /^(?:建议)?(增加|增设|补充|新增|添加|增补|加上)([^：:“"「\n]{0,12})[：:]\s*([\s\S]+)$/;
const ASKS_OR_DOES = (s: string) => ASKS.test(s) || DOES.test(s);

/** 建议 before a sentence that starts with a verb; a sentence that asks already is kept. */
const suggest = (s: string) => asWritten(ASKS.test(s) ? s : `建议${s}`);

/** The new wording after 修改为：, unwrapped from its quotation marks when it has them. */
const replacement = (s: string) => unquote(s) ?? unquote(s.replace(/[。.；;]$/, '')) ?? s;

/** 修改 (modify): the suggestion is the new wording unless it says what to do. */
function modifyOpinion(s: string, scope: Scope): string {
  if (s === '') return `建议修改${what(scope)}。`;
  const inner = unquote(s);
  if (inner !== null) return inner === '' ? `建议修改${what(scope)}。` : finish(`建议修改为：${quoted(inner)}`);
  const re = REPLACE_WITH.exec(s);
  if (re) return finish(`建议修改为：${quoted(replacement(re[1]!.trim()))}`);
  if (ASKS_OR_DOES(s)) return suggest(s);
  if (LOCATES.test(s)) return asWritten(s);
  return finish(`建议修改为：${quoted(s)}`);
}

/** 增加 (add): the suggestion is the added wording unless it says what to do. */
function addOpinion(s: string): string {
  if (s === '') return '建议增加相关规定。';
  const inner = unquote(s);
  if (inner !== null) return inner === '' ? '建议增加相关规定。' : finish(`建议增加：${quoted(inner)}`);
  const add = ADD_WITH.exec(s);
  if (add) return finish(`建议${add[1]}${add[2]!.trim()}：${quoted(replacement(add[3]!.trim()))}`);
  if (ASKS_OR_DOES(s)) return suggest(s);
  if (LOCATES.test(s)) return asWritten(s);
  return finish(`建议增加：${quoted(s)}`);
}

const SAYS_DELETE = /删除|删去|删掉|去掉|取消|不作规定|不再规定|不予规定/;
// what to delete, named: 本条 / 第二款 / 该项 / “口岸物流等” / 上述内容
const NUM = '[〇零一二三四五六七八九十百千\\d]+';
const DELETE_TARGET = new RegExp(
  `^(?:本条(?!例)|本款|本项|该条|该款|该项|此条|此款|此项|此句|该句|上述内容|(?:(?:本条|该条|第${NUM}条)?(?:第${NUM}款)?(?:第${NUM}[项目])?))` +
    '(?:中的?)?(?:[“"「][^”"」]{1,40}[”"」](?:[一二三四五六七八九十两\\d]*个?字|一词|等字|的?表述|的?内容)?)?[。]?$',
);

/** 删除 (delete): a suggestion that already asks to delete is used as written; else it explains the deletion. */
function deleteOpinion(s: string, scope: Scope): string {
  const base = `建议删除${what(scope)}。`;
  if (s === '' || /^(?:建议)?(?:删除|删去|删掉|删|去掉)(?:本条|此条|该条|上述内容)?[。！!]?$/.test(s)) return base;
  const inner = unquote(s);
  if (inner !== null && !/[。！？]$/.test(inner) && inner.length <= 60) return finish(`建议删除${quoted(inner)}`);
  if (s !== '。' && DELETE_TARGET.test(s)) return finish(`建议删除${nestQuotes(s.replace(/。$/, ''))}`);
  if (SAYS_DELETE.test(s) || ASKS.test(s)) return DOES.test(s) ? suggest(s) : asWritten(s);
  return base + asWritten(s);
}

const SAYS_KEEP = /保留|维持|不作修改|不宜删除|不应删除|不要删除|无需修改|不必修改/;

/** 保留 (keep): a suggestion that already asks to keep is used as written; else it explains why. */
function keepOpinion(s: string, scope: Scope): string {
  const base = `建议保留${what(scope)}。`;
  if (s === '' || /^(?:建议)?(?:保留|维持|维持原文|保留原文|保留原条文)(?:本条|此条|该条|上述内容)?[。！!]?$/.test(s)) return base;
  if (SAYS_KEEP.test(s) || ASKS.test(s)) return DOES.test(s) ? suggest(s) : asWritten(s);
  return base + asWritten(s);
}

const SAYS_QUESTION = /疑问|不明确|不清楚|不清晰|含义不明|如何理解|请予?(?:以)?(?:明确|说明|解释|澄清)|建议(?:予以)?(?:明确|说明|解释|澄清|细化)/;

/** 疑问 (question): a question the reviewer already put as one is used as written. */
function questionOpinion(s: string, scope: Scope): string {
  if (s === '' || /^(?:有)?疑问[。？?]?$/.test(s)) return `对${what(scope)}有疑问，建议予以明确。`;
  const q = /^(?:疑问|问题)[：:]\s*([\s\S]+)$/.exec(s);
  if (q) return `对${what(scope)}有疑问：${asWritten(q[1]!)}`;
  if (/^对[\s\S]{0,30}有疑问/.test(s) || ASKS.test(s) || SAYS_QUESTION.test(s)) return asWritten(s);
  return `对${what(scope)}有疑问：${asWritten(s)}`;
}

const SAYS_SUPPORT = /^(?:完全|非常|十分|我们|本单位|我单位)?(?:赞同|同意|支持|赞成|认同|肯定)/;

/** 赞同 (support): a bare 同意 gives the standard phrase; a sentence that already agrees is used as written. */
function supportOpinion(s: string, scope: Scope): string {
  const base = scope === 'article' ? '赞同本条规定。' : '赞同上述内容。';
  if (s === '' || /^(?:完全|非常|十分)?(?:赞同|同意|支持|赞成|认同)(?:本条|此条|该条|本条规定|上述内容|该规定|此规定)?[。！!]?$/.test(s)) return base;
  if (SAYS_SUPPORT.test(s) || ASKS.test(s)) return asWritten(s);
  return base + asWritten(s);
}

/** The 修改意见 of each stance, from the note's suggestion (already cleaned; may be empty). */
const OPINION: Record<Stance, (suggestion: string, scope: Scope) => string> = {
  modify: modifyOpinion,
  add: (s) => addOpinion(s),
  delete: deleteOpinion,
  keep: keepOpinion,
  question: questionOpinion,
  support: supportOpinion,
};

/** The letter's fixed phrases. Functions take already-cleaned text. */
export const WORDING = {
  /** 关于《…》的修改意见; without a known title, 关于征求意见稿的修改意见. */
  title: (draft: string | null): string => (draft === null ? '关于征求意见稿的修改意见' : `关于《${draft}》的修改意见`),
  /** The email subject when the notice prescribes none: 《…》修改意见. */
  subject: (draft: string | null): string => (draft === null ? '征求意见稿修改意见' : `《${draft}》修改意见`),
  addressee: (issuer: string): string => `${issuer}：`,
  leadIn: (draft: string | null): string =>
    `经认真研究，现对${draft === null ? '征求意见稿' : `《${draft}》`}提出如下修改意见：`,
  general: '总体意见',
  specific: '具体修改意见',
  /** 一、 二、 … : the letter's sections. */
  sectionMarker: (n: number): string => `${toChineseNumeral(n)}、`,
  /** （一）（二）… : general comments and articles inside a section. */
  subMarker: (n: number): string => `（${toChineseNumeral(n)}）`,
  /** 1. 2. … : several notes on one article. */
  itemMarker: (n: number): string => `${n}.`,
  /** 第三条 / 第三条之一, for a note whose label is lost. */
  articleLabel: (number: number, sub: number): string =>
    `第${toChineseNumeral(number)}条${sub > 0 ? `之${toChineseNumeral(sub)}` : ''}`,
  /** 第三条 / 第三条（立法目的）. */
  articleHeading: (label: string, title: string | null): string => (title === null ? label : `${label}（${title}）`),
  /** The table form's header row. */
  columns: ['序号', '条款', '原文', '修改意见', '理由'] as const,
  original: '原文',
  /** 原文 when only the note's stored opening of the article is known (the article is not on the page). */
  excerpt: '原文（节选）',
  /** Appended to an excerpt that stops where the note's stored opening stops. */
  ellipsis: '……',
  opinion: '修改意见',
  reason: '理由',
  /** A label and its value on one line: 原文：…. */
  labelled: (label: string, value: string): string => `${label}：${value}`,
  /** 修改意见 of a note from its stance and suggestion. */
  opinionOf: (stance: Stance, suggestion: string, scope: Scope): string =>
    OPINION[stance](suggestion.trim().replace(/[，,、：:]+$/u, '').trim(), scope),
  /** After the signer when the notice asks for a seal. */
  seal: '（盖章）',
  /** The contact note under the date (附注): （联系人：张明；联系电话：…）. */
  contactNote: (fields: ReadonlyArray<{ label: string; value: string }>): string =>
    fields.length === 0 ? '' : `（${fields.map((f) => `${f.label}：${f.value}`).join('；')}）`,
  /** 2024年3月1日 from 2024, 3, 1. */
  date: (year: number, month: number, day: number): string => `${year}年${month}月${day}日`,
  /** The print view's postal page. */
  post: {
    heading: '邮寄信息',
    recipient: '收件人',
    address: '地址',
    postcode: '邮政编码',
    envelope: '信封注明',
    /** After the recipient's name on the envelope. */
    recipientSuffix: '（收）',
    sender: '寄件人',
  },
} as const;

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

/** A proposal that already starts like one (建议…) is used as written, not wrapped in 建议修改为：“…”. */
const SELF_WORDED = /^建议/;

const what = (scope: Scope) => (scope === 'article' ? '本条' : '上述内容');
const then = (sentence: string, more: string) => (more === '' ? sentence : `${sentence}${more}`);

/** The 修改意见 of each stance, from the note's suggestion (already cleaned; may be empty). */
const OPINION: Record<Stance, (suggestion: string, scope: Scope) => string> = {
  modify: (s, scope) => (s === '' ? `建议修改${what(scope)}。` : SELF_WORDED.test(s) ? s : `建议修改为：“${s}”`),
  add: (s) => (s === '' ? '建议增加相关规定。' : SELF_WORDED.test(s) ? s : `建议增加：“${s}”`),
  delete: (s, scope) => then(`建议删除${what(scope)}。`, s),
  keep: (s, scope) => then(`建议保留${what(scope)}。`, s),
  question: (s, scope) => (s === '' ? `对${what(scope)}有疑问，建议予以明确。` : `对${what(scope)}有疑问：${s}`),
  support: (s, scope) => then(scope === 'article' ? '赞同本条规定。' : '赞同上述内容。', s),
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
  opinionOf: (stance: Stance, suggestion: string, scope: Scope): string => OPINION[stance](suggestion, scope),
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

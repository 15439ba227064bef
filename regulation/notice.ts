/**
 * The notice around a draft (公开征求意见的公告/通知): title, issuer, dates and the channels for comments.
 * Works on the notice's paragraphs only (the text before the draft's first article or 目录), so it stays cheap.
 */
import { asksForSeal } from './seal';
import type { Channels, Notice, PageHints } from './types';
import { isoDate, parseDate, scanDates, type DateMatch } from './dates';
import { toAsciiDigits } from './numerals';

/** Notice text longer than this is cut before the regexes below run. */
const MAX_NOTICE_CHARS = 60_000;

const TITLE_RE_G = /《([^《》\n]{1,120})》/g;
const STRONG_TITLE_RE = /征求意见稿|征求意見稿|草案|送审稿|送審稿|修订稿|修訂稿|修改稿|讨论稿|討論稿|代拟稿|代擬稿/;
const WEAK_TITLE_RE = /条例|條例|办法|辦法|规定|規定|细则|細則|规则|規則|实施意见|實施意見|规范|規範|标准|標準/;
/** A statute's own heading line: 中华人民共和国民法典, 济南市数字经济促进条例. */
const STATUTE_LINE_RE = /^[^\s，,。；;：:、“”"《》]{1,40}(?:法典|法|条例|條例|办法|辦法|规定|規定|细则|細則|规则|規則|决定|決定|标准|標準)$/;
const DRAFT_MARK_RE = /^[（(](?:征求意见稿|征求意見稿|草案|送审稿|送審稿|修订草案|修訂草案|草案征求意见稿|修订稿|讨论稿)[）)]$/;

const ISSUER_BEFORE_RE = /^(?:[【[][^】\]]{0,12}[】\]])?\s*([^\s，,。；;：:《》“”]{2,40}?)\s*(?:关于|關於)\s*(?:公开征求|征求|印发|《)/;
const NOTICE_HEADING_RE = /(?:公告|通知|通告|函|启事|啟事|意见|意見)$/;
const SIGNATURE_RE = /^[^\s，,。；;：:、“”"《》()（）]{2,40}(?:局|委员会|委員會|办公室|辦公室|人民政府|政府|厅|廳|委|办|辦|部|署|院|中心|会|會)$/;
const DATE_ONLY_RE = /^[0-9０-９〇零○Ｏ一二三四五六七八九十\s年月日号號\-/.．／－]{6,24}$/;
const PUBLISHED_LABEL_RE = /(?:发布日期|发布时间|發布日期|發布時間|发布于|發布於|发文日期|發文日期|成文日期|公布日期|公布時間|印发日期)\s*[:：]?\s*$/;

const DEADLINE_BEFORE_RE = /截止|截至|截止日期|截止时间|期限为|期限至/;
const DEADLINE_AFTER_RE = /^[ \t\u3000\u00a0]*(?:(?:[0-9０-９]{1,2}\s*[:：]\s*[0-9０-９]{2}|[0-9０-９一二三四五六七八九十]{1,3}\s*[时時点點](?:\s*[0-9０-９]{1,2}\s*分)?)\s*)?(?:前|之前|以前|止|为止|為止|截止|结束|結束)/;
/** A date that opens a range (2024年2月18日至…) is its start, never the deadline. */
const RANGE_FROM_RE = /^[ \t\u3000\u00a0]*(?:起|开始|開始)?[ \t\u3000\u00a0]*(?:至|到|—|－|-|~|～)/;
const RANGE_TO_RE = /(?:至|到|—|－|-|~|～)\s*$/;
const RANGE_CONTEXT_RE = /意见|意見|征求|反馈|反饋|期限|时间|時間|日期|自|从|從|起/;

const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
const QUOTED = '[“"「『‘\'](.{1,120}?)[”"」』’\']';
const SUBJECT_RE = new RegExp(`(?:邮件主题|郵件主題|邮件标题|郵件標題|主题|主題|标题|標題)(?:中|上|处|處|栏|欄)?(?:请|請)?(?:标明|標明|注明|註明|写明|寫明|注上|标注|標註|填写|填寫|为|為)[:：]?\\s*${QUOTED}`);
const SUBJECT_LOOSE_RE = new RegExp(`(?<!信封[上面]?)(?:请|請)?(?:注明|註明|标明|標明|写明|寫明)[:：]?\\s*${QUOTED}`);
const ENVELOPE_RE = new RegExp(`信封(?:上|正面|左上角|右上角|封面)?(?:请|請)?(?:注明|註明|标明|標明|写明|寫明|标注|標註|注上)[:：]?\\s*${QUOTED}`);
const ADDRESS_RE_G = /(?<!电子邮件|電子郵件|电子邮箱|電子郵箱|邮件|郵件|邮箱|郵箱|网站|網站|网页|網頁|网络|網絡)(?:邮寄至|郵寄至|邮寄到|郵寄到|寄送至|寄送到|寄至|寄到|送达至|送達至|送至|通信地址|通讯地址|通訊地址|邮寄地址|郵寄地址|联系地址|聯繫地址|地址)(?:为|為|是)?\s*[:：]?\s*([^，,;；。\n]+)/g;
const ADDRESS_CUT_RE = /\s*[（(]?\s*(?:邮政编码|郵政編碼|邮编|郵編).*$/;
const POSTCODE_RE = /(?:邮政编码|郵政編碼|邮编|郵編)\s*(?:为|為|是)?\s*[:：]?\s*([0-9０-９]{6})(?![0-9０-９])/;
const PHONE_NUM = '([（(]?[0-9０-９][0-9０-９\\-－—–()（） ]{5,}[0-9０-９])';
const PHONE_RE = new RegExp(`(?:联系电话|聯繫電話|咨询电话|諮詢電話|电话号码|電話號碼|电话|電話)(?:[/／、及和](?:传真|傳真))?\\s*(?:为|為|是)?\\s*[:：]?\\s*${PHONE_NUM}`);
const FAX_RE = new RegExp(`(?:传真|傳真)(?:号码|號碼|电话|電話)?\\s*(?:为|為|是)?\\s*[:：]?\\s*${PHONE_NUM}`);
const WEB_RE = /(?:网址|網址|网站|網站|网页|網頁|平台|平臺|链接|鏈接|連結|登录|登錄|登陆|登陸|访问|訪問|网上|網上|在线|線上)[^。；;\n]{0,40}?((?:https?:\/\/|www\.)[^\s，,。；;、“”"'<>（）()【】《》\u3000]+)/;
const URL_TRAIL_RE = /[.,:;!?)\]}>'"。，；：！？）】》」』]+$/;

const CJK_SPACE_RE = /([\u3400-\u9fff\uf900-\ufaff])[\s\u3000]+(?=[\u3400-\u9fff\uf900-\ufaff])/g;

/** Inputs of {@link extractNotice}: trimmed notice paragraphs and, for fallback, other text outside the articles. */
export interface NoticeSource {
  /** Paragraphs before the draft (before its 目录 or first heading), whitespace-trimmed, blanks removed. */
  notice: readonly string[];
  /** Further paragraphs outside articles (after the draft, between documents), searched when the notice lacks a value. */
  fallback: readonly string[];
  hints?: PageHints | undefined;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim().length > 0 ? v.trim() : null;
}

function joinLimited(paragraphs: readonly string[]): string {
  let len = 0;
  const parts: string[] = [];
  for (const p of paragraphs) {
    if (len + p.length > MAX_NOTICE_CHARS) {
      parts.push(p.slice(0, Math.max(0, MAX_NOTICE_CHARS - len)));
      break;
    }
    parts.push(p);
    len += p.length + 1;
  }
  return parts.join('\n');
}

function pickTitle(texts: ReadonlyArray<string | null>): string | null {
  let weak: string | null = null;
  for (const t of texts) {
    if (t === null) continue;
    TITLE_RE_G.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = TITLE_RE_G.exec(t)) !== null) {
      const v = (m[1] ?? '').trim();
      if (v.length === 0) continue;
      if (STRONG_TITLE_RE.test(v)) return v;
      if (weak === null && WEAK_TITLE_RE.test(v)) weak = v;
    }
  }
  return weak;
}

function statuteLine(paragraphs: readonly string[]): string | null {
  for (let i = 0; i < paragraphs.length && i < 40; i++) {
    const p = (paragraphs[i] ?? '').replace(CJK_SPACE_RE, '$1');
    if (!STATUTE_LINE_RE.test(p)) continue;
    const next = (paragraphs[i + 1] ?? '').replace(/\s+/g, '');
    return DRAFT_MARK_RE.test(next) ? p + next : p;
  }
  return null;
}

function issuerFromHeading(t: string | null): string | null {
  if (t === null) return null;
  const m = ISSUER_BEFORE_RE.exec(t.length > 300 ? t.slice(0, 300) : t);
  return m?.[1] ?? null;
}

function isDateOnly(p: string): DateMatch | null {
  if (!DATE_ONLY_RE.test(p)) return null;
  const ds = scanDates(p);
  return ds.length === 1 && ds[0]?.iso ? ds[0] : null;
}

/** The signature block: a short issuer line followed by a date-only line. */
function signature(paragraphs: readonly string[]): { issuer: string | null; date: string | null } {
  let date: string | null = null;
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i] ?? '';
    const d = isDateOnly(p);
    if (d === null) continue;
    const prev = paragraphs[i - 1] ?? '';
    if (SIGNATURE_RE.test(prev)) return { issuer: prev, date: d.iso };
    date ??= d.iso;
  }
  return { issuer: null, date };
}

function publishedFromText(text: string): string | null {
  for (const d of scanDates(text)) {
    if (d.iso === null) continue;
    const before = text.slice(Math.max(0, d.index - 12), d.index);
    if (PUBLISHED_LABEL_RE.test(before)) return d.iso;
  }
  return null;
}

function sentenceBefore(text: string, index: number): string {
  const from = Math.max(0, index - 60);
  const chunk = text.slice(from, index);
  let cut = -1;
  for (let i = chunk.length - 1; i >= 0; i--) {
    const c = chunk[i];
    if (c === '。' || c === '；' || c === ';' || c === '\n' || c === '！' || c === '!') {
      cut = i;
      break;
    }
  }
  return chunk.slice(cut + 1);
}

function deadlineFromText(text: string, published: string | null): string | null {
  const publishedYear = published === null ? null : Number(published.slice(0, 4));
  let lastYear: number | null = null;
  for (const d of scanDates(text)) {
    let iso = d.iso;
    if (d.year !== null) lastYear = d.year;
    else {
      // 3月20日: the year of publication, else of the date before it (2024年3月1日至3月20日)
      const y = publishedYear ?? lastYear;
      iso = y === null ? null : isoDate(y, d.month, d.day);
    }
    if (iso === null) continue;
    const before = sentenceBefore(text, d.index);
    const after = text.slice(d.end, d.end + 16);
    const near = before.length > 20 ? before.slice(before.length - 20) : before;
    if (RANGE_FROM_RE.test(after)) continue;
    const hit =
      DEADLINE_AFTER_RE.test(after) ||
      DEADLINE_BEFORE_RE.test(near) ||
      (RANGE_TO_RE.test(before) && RANGE_CONTEXT_RE.test(before));
    if (!hit) continue;
    if (d.year === null && published !== null && iso < published) {
      iso = isoDate(Number(iso.slice(0, 4)) + 1, d.month, d.day) ?? iso; // 1月10日 in a notice of December
    }
    return iso;
  }
  return null;
}

function clean(v: string | undefined | null): string | null {
  if (v === undefined || v === null) return null;
  const t = v.replace(/\s+/g, ' ').trim();
  return t.length > 0 ? t : null;
}

function addressFrom(text: string): string | null {
  ADDRESS_RE_G.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ADDRESS_RE_G.exec(text)) !== null) {
    const v = clean((m[1] ?? '').replace(ADDRESS_CUT_RE, '').replace(/[（(【[]+$/, ''));
    if (v === null || v.length < 4 || v.includes('@') || /https?:|www\./i.test(v)) continue;
    return v;
  }
  return null;
}

function phoneClean(v: string | undefined): string | null {
  if (v === undefined) return null;
  return clean(toAsciiDigits(v).replace(/[－—–]/g, '-'));
}

function channelsFrom(text: string): Channels {
  const email = EMAIL_RE.exec(text)?.[0]?.replace(/\.+$/, '') ?? null;
  let subject = clean(SUBJECT_RE.exec(text)?.[1]);
  if (subject === null && email !== null) {
    const at = text.indexOf(email);
    const start = Math.max(
      text.lastIndexOf('。', at),
      text.lastIndexOf('；', at),
      text.lastIndexOf(';', at),
      text.lastIndexOf('\n', at),
    );
    let end = text.length;
    for (const c of ['。', '；', ';', '\n']) {
      const e = text.indexOf(c, at);
      if (e >= 0 && e < end) end = e;
    }
    subject = clean(SUBJECT_LOOSE_RE.exec(text.slice(start + 1, end))?.[1]);
  }
  const web = WEB_RE.exec(text)?.[1]?.replace(URL_TRAIL_RE, '') ?? null;
  return {
    email,
    subject,
    envelope: clean(ENVELOPE_RE.exec(text)?.[1]),
    address: addressFrom(text),
    postcode: (() => {
      const p = POSTCODE_RE.exec(text)?.[1];
      return p === undefined ? null : toAsciiDigits(p);
    })(),
    phone: phoneClean(PHONE_RE.exec(text)?.[1]),
    fax: phoneClean(FAX_RE.exec(text)?.[1]),
    web: web !== null && web.length > 4 ? web : null,
  };
}

/**
 * Reads the notice details (title, issuer, published date, deadline, channels) from the notice
 * paragraphs, then from page hints, then from the fallback paragraphs. Every value is null when
 * not found. Never throws on well-typed input.
 */
export function extractNotice(src: NoticeSource): Notice {
  const hints = src.hints ?? {};
  const articleTitle = str(hints.articleTitle);
  const pageTitle = str(hints.pageTitle);
  const noticeText = joinLimited(src.notice);
  const fallbackText = src.fallback.length > 0 ? joinLimited(src.fallback) : '';

  const title =
    pickTitle([articleTitle, pageTitle, noticeText, fallbackText]) ?? statuteLine(src.notice);

  const sig = signature(src.notice);
  const firstParas = src.notice.slice(0, 5);
  let issuer = issuerFromHeading(articleTitle) ?? issuerFromHeading(pageTitle);
  for (const p of firstParas) if (NOTICE_HEADING_RE.test(p)) issuer ??= issuerFromHeading(p);
  issuer ??= str(hints.source) ?? sig.issuer;
  if (issuer === null && fallbackText.length > 0) issuer = signature(src.fallback).issuer;

  const published =
    parseDate(str(hints.pubDate)) ??
    publishedFromText(noticeText) ??
    sig.date ??
    (fallbackText.length > 0 ? publishedFromText(fallbackText) ?? signature(src.fallback).date : null);
  const deadline =
    deadlineFromText(noticeText, published) ??
    (fallbackText.length > 0 ? deadlineFromText(fallbackText, published) : null);

  const channels = channelsFrom(noticeText);
  if (fallbackText.length > 0) {
    const fb = channelsFrom(fallbackText);
    for (const k of Object.keys(channels) as Array<keyof Channels>) channels[k] ??= fb[k];
  }
  return { title, issuer, published, deadline, channels, seal: asksForSeal(noticeText) || asksForSeal(fallbackText) };
}

/**
 * Days left until a deadline (YYYY-MM-DD), counted in whole calendar days from `today`'s local
 * date: 0 means today is the last day (still open), negative means closed. Returns null when
 * `deadline` is null or not a valid date. Never throws.
 */
export function deadlineStatus(
  deadline: string | null,
  today: Date,
): { daysLeft: number; closed: boolean } | null {
  if (typeof deadline !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(deadline);
  if (m === null || !(today instanceof Date) || Number.isNaN(today.getTime())) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const due = Date.UTC(y, mo - 1, d);
  const check = new Date(due);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  const now = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  const daysLeft = Math.round((due - now) / 86_400_000);
  return { daysLeft, closed: daysLeft < 0 };
}

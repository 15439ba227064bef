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

const TITLE_RE_G = /《([^《》\n]{1,120})》([（(](?:征求意见稿|征求意見稿|徵求意見稿|草案|送审稿|送審稿|修订草案|修訂草案|草案征求意见稿|草案征求意見稿|修订稿|修訂稿|讨论稿|討論稿|试行|試行)[）)])?/g;
const STRONG_TITLE_RE = /征求意见稿|征求意見稿|徵求意見稿|草案|送审稿|送審稿|修订稿|修訂稿|修改稿|讨论稿|討論稿|代拟稿|代擬稿/;
const WEAK_TITLE_RE = /条例|條例|办法|辦法|规定|規定|细则|細則|规则|規則|实施意见|實施意見|规范|規範|标准|標準|方案|指引|规划|規劃/;
/** A 《》 in a clause that cites its grounds (根据《…》) names a law relied on, not the draft. */
const CITED_RE = /(?:根据|根據|依据|依據|按照|依照|贯彻|貫徹|落实|落實|遵循|参照|參照|为贯彻|為貫徹)[^，,。；;：:]*$/;
/** A statute's own heading line: 中华人民共和国民法典, 济南市数字经济促进条例. */
const STATUTE_LINE_RE = /^[^\s，,。；;：:、“”"《》]{1,40}(?:法典|法|条例|條例|办法|辦法|规定|規定|细则|細則|规则|規則|决定|決定|标准|標準)$/;
const DRAFT_MARK_RE = /^[（(](?:征求意见稿|征求意見稿|草案|送审稿|送審稿|草案送审稿|草案送審稿|草案修改稿|修订草案|修訂草案|草案征求意见稿|修订稿|讨论稿)[）)]$/;
/** The same marks at the end of a title's own line. */
const TRAILING_MARK_RE = /[（(](?:征求意见稿|征求意見稿|草案|送审稿|送審稿|草案送审稿|草案送審稿|草案修改稿|修订草案|修訂草案|草案征求意见稿|修订稿|讨论稿)[）)]$/;
/** A heading that asks for comments: its 《》 name the drafts. */
const COMMENT_HEADING_RE = /征求|徵求|諮詢|咨询|谘询|徵詢|征询|征集|徵集|预告|預告|公示|收集.{0,4}意见|收集.{0,4}意見/;
/** A document's own heading: it keeps its title (a 决定 citing 《…条例》 is titled by itself). */
const DOC_HEADING_RE = /(?:决定|決定|通知|意见|意見|函|批复|批覆|答复|答覆|通报|通報|条例|條例|办法|辦法|规定|規定|细则|細則|规则|規則|方案)$/;
/** Site names after a page <title>: 关于…的通知 - 中华人民共和国教育部政府门户网站, …_中国政府网. */
const TITLE_SUFFIX_RE = /\s*(?:[-_|－—]+\s*[^-_|－—]{2,40}){1,3}$/;
/** Taiwan: 公告主旨：預告訂定「…草案」. */
const TW_SUBJECT_RE = /(?:公告)?主旨\s*[:：][^「」\n]{0,30}「([^「」\n]{2,100})」|^(?:預告|预告)(?:訂定|订定|修正|廢止|废止|制定)?「([^「」\n]{2,100})」/m;
/** Taiwan dates in ROC years with dashes, after a date label: 建檔日期:112-03-20. */
const ROC_NUMERIC_RE = /(?:建檔日期|發布日期|發文日期|公告日期|更新時間)\s*[:：]\s*([0-9]{2,3})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?![0-9])/;

const ISSUER_BEFORE_RE = /^(?:[【[][^】\]]{0,12}[】\]])?\s*([^\s，,。；;：:《》“”]{2,40}?(?:\s[^\s，,。；;：:《》“”]{2,40}?)?)\s*(?:关于|關於|关於)\s*(?:对|對)?\s*(?:公开征求|征求|公開征求|公開徵求|徵求|印发|印發|《)/;
const ISSUER_DOC_RE = /^(?:[【[][^】\]]{0,12}[】\]])?\s*([^\s，,。；;：:《》“”]{2,40}?)\s*(?:关于|關於)[^。；;]{2,80}(?:决定|決定|通知|意见|意見|函|批复|答复|通报|办法|辦法|规定|規定|方案)$/;
const NOTICE_HEADING_RE = /(?:公告|通知|通告|函|启事|啟事|意见|意見)$/;
const SIGNATURE_RE = /^[^\s，,。；;：:、“”"《》()（）]{2,40}(?:局|委员会|委員會|办公室|辦公室|人民政府|政府|厅|廳|委|办|辦|部|署|院|中心|会|會)$/;
const DATE_ONLY_RE = /^[0-9０-９〇零○Ｏ一二三四五六七八九十\s年月日号號\-/.．／－]{6,24}(?:\s*[0-9０-９]{1,2}[:：][0-9０-９]{2}(?:[:：][0-9０-９]{2})?)?\s*(?:[（(]\s*星\s*期\s*[一二三四五六日天]\s*[）)])?$/;
/** Labels of the date a page was published (发布日期 wins over 成文日期). */
const PUBLISHED_STRONG_RE = /(?:发布日期|发布时间|發布日期|發布時間|发布于|發布於|公布日期|公布時間|公开日期|公開日期)\s*[:：]?\s*$/;
const PUBLISHED_WEAK_RE = /(?:(?:^|[\s\]】|])(?:日期|时间|時間))\s*[:：]\s*$|(?:发文日期|發文日期|成文日期|生成日期|印发日期)\s*[:：]?\s*$/;
/** A byline: 2020-07-27 来源：教育部. */
const BYLINE_AFTER_RE = /^\s*(?:[0-9]{1,2}[:：][0-9]{2}(?:[:：][0-9]{2})?)?\s*(?:来源|來源|信息来源|信息來源)/;

/** 截止日期：… is a deadline whatever the sentence says. */
const DEADLINE_LABEL_RE = /(?:截止日期|截止时间|截止時間|截止日期为|截止时间为|截止時間為)\s*[:：为為]?\s*$/;
const DEADLINE_BEFORE_RE = /截止|截至|截止日期|截止时间|期限为|期限至|期至/;
const DEADLINE_AFTER_RE = /^[ \t\u3000\u00a0]*(?:[（(]\s*星\s*期\s*[一二三四五六日天]\s*[）)]\s*)?(?:或)?(?:(?:[0-9０-９]{1,2}\s*[:：]\s*[0-9０-９]{2}|[0-9０-９一二三四五六七八九十]{1,3}\s*[时時点點](?:\s*[0-9０-９]{1,2}\s*分)?)\s*)?(?:前|之前|以前|止|为止|為止|截止|结束|結束)/;
/** A date that opens a range (2024年2月18日至…) is its start, never the deadline. */
const RANGE_FROM_RE = /^[ \t\u3000\u00a0]*(?:起|开始|開始)?[ \t\u3000\u00a0]*(?:至|到|—|－|-|~|～)/;
/** A line that holds nothing but dates and range marks before this date. */
const ONLY_DATES_RE = /^[\s0-9０-９年月日号號至到\-—－~～〇零○一二三四五六七八九十]*$/;
const RANGE_TO_RE = /(?:至|到|—|－|-|~|～)\s*(?:今年|本年|同年)?\s*$/;
/** Only a date said of comments is a deadline (not 2018年12月31日之前已完成转制的企业, not 执行期限为…至…). */
const COMMENT_CONTEXT_RE = /意见|意見|建议|建議|反馈|反饋|征求|徵求|征集|徵集|諮詢|咨询|谘询|公告|公示|預告|预告|陳述|提交|报送|報送|寄|送交|书面|書面/;

const EMAIL_RE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
const QUOTED_RE_G = /(?:注明|註明|标明|標明|写明|寫明|注上|标注|標註|填写|填寫)[:：]?\s*[“"「『‘'](.{1,120}?)[”"」』’']/g;
const SUBJECT_RE = /(?:邮件主题|郵件主題|邮件标题|郵件標題)(?:中|上|处|處|栏|欄)?(?:请|請)?(?:标明|標明|注明|註明|写明|寫明|注上|标注|標註|填写|填寫|为|為)[:：]?\s*[“"「『‘'](.{1,120}?)[”"」』’']/;
const ADDRESS_LABEL_RE_G = /(?<!电子邮件|電子郵件|电子邮箱|電子郵箱|邮件|郵件|邮箱|郵箱|网站|網站|网页|網頁|网络|網絡|、)(?:邮寄至|郵寄至|邮寄到|郵寄到|寄送至|寄送到|寄往|寄至|请寄(?![往至到送])|請寄(?![往至到送])|寄到|送达至|送達至|送交|送至|通信地址|通讯地址|通訊地址|邮寄地址|郵寄地址|联系地址|聯繫地址|聯系地址|地址|郵寄|邮寄)(?:为|為|是)?\s*[:：]?\s*/g;
/** The unit after a street address and a comma: 北京市海淀区马甸东路9号，市场监管总局食品生产经营司. */
const UNIT_SEGMENT_RE = /^[^，,;；。\n（(“”"]{2,30}(?:司|局|处|處|室|科|办|辦|委员会|委員會|办公室|辦公室|中心|厅|廳|院|组|組|秘书处|秘書處)$/;
const STREET_RE = /[0-9０-９]\s*(?:号|號|室|信箱|樓|楼|层|層)|信箱|[路街道巷里](?:[0-9０-９]|$)/;
const POSTCODE_RE = /(?:邮政编码|郵政編碼|邮编|郵編)\s*(?:为|為|是)?\s*[:：]?\s*([0-9０-９]{6})(?![0-9０-９])/;
/** A postcode standing alone in brackets after an address: …交通运输部海事局（100736）. */
const POSTCODE_PAREN_RE = /[^\s（(]\s*[（(]\s*([0-9０-９]{6})\s*[)）]/;
const PHONE_NUM = '([（(]?[0-9０-９][0-9０-９\\-－—–()（） ]{5,}[0-9０-９])';
const PHONE_RE = new RegExp(`(?:联系电话|聯繫電話|聯系電話|咨询电话|咨詢電話|諮詢電話|电话号码|電話號碼|拨打电话|撥打電話|电话|電話|致电|致電)(?:[/／、及和](?:传真|傳真))?\\s*(?:分别|分別)?(?:为|為|是)?\\s*[:：]?\\s*${PHONE_NUM}`);
const FAX_RE = new RegExp(`(?:传真|傳真)(?:号码|號碼|电话|電話)?\\s*(?:为|為|是|至|到)?\\s*[:：]?\\s*(?:发送至|發送至)?\\s*${PHONE_NUM}`);
/** 2128803、2128681（兼传真）: the number marked as also the fax. */
const FAX_MARKED_RE = /([0-9０-９][0-9０-９\-－—– ]{5,}[0-9０-９])\s*[（(]\s*(?:兼|亦为|亦為)?\s*(?:传真|傳真)\s*[)）]/;
const WEB_RE = /(?:网址|網址|网站|網站|网页|網頁|平台|平臺|链接|鏈接|連結|登录|登錄|登陆|登陸|访问|訪問|网上|網上|在线|線上|瀏覽|浏览)[^。；;\n]{0,40}?((?:https?:\/\/|www\.)[A-Za-z0-9\-._~:/?#@!$&*+=%]+)/;
const URL_TRAIL_RE = /[.,:;!?)\]}>'"]+$/;

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff';
const CJK_SPACE_RE = new RegExp(`([${CJK}〇○])[ \\t\\u3000\\u00a0]+(?=[${CJK}〇○（()）])`, 'g');
const CJK_GAP_COUNT_RE = new RegExp(`[${CJK}][ \\u3000\\u00a0][${CJK}]`, 'g');
const CJK_COUNT_RE = new RegExp(`[${CJK}]`, 'g');
/** Pinyin that mirror sites insert after a character: 規(guī)章, 社會(huì )公開. */
const PINYIN_RE = /(?<=[\u3400-\u9fff])[（(]\s*(?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ]{1,7}\s*){1,2}[)）]/g;
/** Labels written with spaces inside: 邮    编, 传 真, 联 系 人, 电 话. */
const SPACED_LABEL_RE = /(邮|郵)[ \u3000\u00a0]+(编|編|箱)|(传|傳)[ \u3000\u00a0]+(真)|(电|電)[ \u3000\u00a0]+(话|話|邮|郵)|(联|聯)[ \u3000\u00a0]*(系|繫)[ \u3000\u00a0]*(人)|(地)[ \u3000\u00a0]+(址)|(网|網)[ \u3000\u00a0]+(址)/g;

/** Inputs of {@link extractNotice}: trimmed notice paragraphs and, for fallback, other text outside the articles. */
export interface NoticeSource {
  /** Paragraphs before the draft (before its 目录 or first heading), whitespace-trimmed, blanks removed. */
  notice: readonly string[];
  /** Further paragraphs outside articles (after the draft, between documents), searched when the notice lacks a value. */
  fallback: readonly string[];
  hints?: PageHints | undefined;
  /** True when the draft's text follows the notice on the page (a statute's heading line may then be its title). */
  draftFollows?: boolean;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim().length > 0 ? v.trim() : null;
}

/**
 * A paragraph as a careful reader sees it: pinyin inserted by mirror sites removed (規(guī)章 → 規章),
 * labels written with spaces joined (邮    编 → 邮编), and, in text with a space between every character
 * (some Hong Kong releases), those spaces removed.
 */
export function readableText(p: string): string {
  let t = p.indexOf('(') >= 0 || p.indexOf('（') >= 0 ? p.replace(PINYIN_RE, '') : p;
  t = t.replace(SPACED_LABEL_RE, (m) => m.replace(/[ \u3000\u00a0]+/g, ''));
  const gaps = t.match(CJK_GAP_COUNT_RE)?.length ?? 0;
  if (gaps >= 4) {
    const cjk = t.match(CJK_COUNT_RE)?.length ?? 0;
    if (gaps * 3 >= cjk) t = t.replace(CJK_SPACE_RE, '$1').replace(CJK_SPACE_RE, '$1');
  }
  return t;
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

/** The 《》 names in `t` with a draft mark right after them kept (《X》(征求意见稿) → X(征求意见稿)), cited laws left out. */
function namedDrafts(t: string): Array<{ name: string; strong: boolean; weak: boolean }> {
  const out: Array<{ name: string; strong: boolean; weak: boolean }> = [];
  TITLE_RE_G.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TITLE_RE_G.exec(t)) !== null) {
    const inner = (m[1] ?? '').trim();
    if (inner.length === 0) continue;
    const before = t.slice(Math.max(0, m.index - 160), m.index);
    if (CITED_RE.test(before.replace(/[（(][^（()）]{0,30}[)）]/g, ''))) continue;
    const name = m[2] !== undefined ? inner + m[2] : inner;
    if (out.some((o) => o.name === name)) continue;
    out.push({ name, strong: STRONG_TITLE_RE.test(name), weak: WEAK_TITLE_RE.test(name) });
  }
  return out;
}

function pickTitle(texts: ReadonlyArray<string | null>): string | null {
  let weak: string | null = null;
  for (const t of texts) {
    if (t === null) continue;
    for (const d of namedDrafts(t)) {
      if (d.strong) return d.name;
      if (weak === null && d.weak) weak = d.name;
    }
  }
  return weak;
}

/**
 * The title from the page's headings: a heading that asks for comments names its drafts in 《》 (two or
 * more: no title, the names are offered); any other document heading (a 决定, 通知, 意见) is itself the title.
 */
function titleFromHeadings(headings: readonly string[]): { title: string | null; titles: string[] } | null {
  for (const h of headings) {
    if (COMMENT_HEADING_RE.test(h)) {
      const drafts = namedDrafts(h);
      if (drafts.length === 1) return { title: drafts[0]!.name, titles: [] };
      if (drafts.length >= 2) return { title: null, titles: drafts.map((d) => d.name) };
      continue;
    }
    if (DOC_HEADING_RE.test(h) && h.length >= 4 && h.length <= 100 && !/[。；;，,：:]/.test(h)) return { title: h, titles: [] };
  }
  return null;
}

function statuteLine(paragraphs: readonly string[]): string | null {
  for (let i = 0; i < paragraphs.length && i < 40; i++) {
    const p = (paragraphs[i] ?? '').replace(CJK_SPACE_RE, '$1');
    // the mark may stand on the title's own line: 北京市居住证管理办法（草案送审稿）
    const mark = TRAILING_MARK_RE.exec(p);
    if (mark !== null && STATUTE_LINE_RE.test(p.slice(0, mark.index))) return p;
    if (!STATUTE_LINE_RE.test(p)) continue;
    const next = (paragraphs[i + 1] ?? '').replace(/\s+/g, '');
    return DRAFT_MARK_RE.test(next) ? p + next : p;
  }
  return null;
}

function issuerFromHeading(t: string | null): string | null {
  if (t === null) return null;
  const h = t.length > 300 ? t.slice(0, 300) : t;
  const m = ISSUER_BEFORE_RE.exec(h) ?? ISSUER_DOC_RE.exec(h);
  return m?.[1] === undefined ? null : m[1].replace(/\s+/g, ' ');
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

/** A signature inside a line: …发送至x@y.cn。 某某市司法局 2024年3月20日 第一章 总则… */
const INLINE_SIGNATURE_RE = /(?:^|[\s。；;])([^\s，,。；;：:“”"《》()（）]{2,30}(?:局|委员会|委員會|办公室|辦公室|人民政府|厅|廳|部|署|院|中心|会|會))[ \u3000]+((?:[0-9]{4}|[〇零○一二三四五六七八九]{4})\s*年\s*[0-9一二三四五六七八九十]{1,3}\s*月\s*[0-9一二三四五六七八九十]{1,3}\s*[日号號])(?=[\s\u3000]|$)/;

function inlineSignature(paragraphs: readonly string[]): { issuer: string; date: string } | null {
  for (const p of paragraphs) {
    const m = INLINE_SIGNATURE_RE.exec(p);
    const date = m === null ? null : parseDate(m[2]);
    if (m !== null && date !== null) return { issuer: m[1]!, date };
  }
  return null;
}

/** Metadata given as label then value (gov.cn's table: 标 题： | 国务院关于…; 发文机关： | 国务院), or label：value. */
/** The labels of gov.cn's metadata table, as they follow a value when the table is read as one line. */
const NEXT_META_LABEL_RE = /(?:索引号|索引號|主题分类|主題分類|发文机关|發文機關|成文日期|标题|標題|发文字号|發文字號|发布日期|發布日期|主题词|主題詞)[:：]/;

function labelled(paragraphs: readonly string[], labels: RegExp): string | null {
  for (let i = 0; i < paragraphs.length && i < 80; i++) {
    const p = (paragraphs[i] ?? '').replace(/[\s\u3000]+/g, '');
    const m = labels.exec(p);
    if (m === null) continue;
    let rest = p.slice(m[0].length);
    // a metadata table flattened into one line (a printed gov.cn page): the value ends at the next label
    const next = NEXT_META_LABEL_RE.exec(rest);
    if (next !== null && next.index > 0) rest = rest.slice(0, next.index);
    if (rest.length > 0) return rest;
    const following = (paragraphs[i + 1] ?? '').trim();
    if (following.length > 0) return following;
  }
  return null;
}
const META_TITLE_RE = /^(?:标题|標題|名称|名稱)[:：]?/;
/** Taiwan: 擬訂機關：考選部。 */
const DRAFTER_RE = /(?:擬訂機關|拟订机关|訂定機關|修正機關|修正机关|廢止機關)\s*[:：]\s*([^。，,；;\s]{2,30})/;
const META_ISSUER_RE = /^(?:发文机关|發文機關|发布机关|發布機關|发文单位|發文單位|擬訂機關|拟订机关)[:：]?/;

function publishedFromText(text: string): string | null {
  let weak: string | null = null;
  for (const d of scanDates(text)) {
    if (d.iso === null) continue;
    const before = text.slice(Math.max(0, d.index - 12), d.index);
    if (PUBLISHED_STRONG_RE.test(before)) return d.iso;
    const lineStart = text.lastIndexOf('\n', d.index - 1) + 1;
    const atLineStart = text.slice(lineStart, d.index).trim().length === 0;
    if (weak === null && (PUBLISHED_WEAK_RE.test(before) || (atLineStart && BYLINE_AFTER_RE.test(text.slice(d.end, d.end + 16))))) {
      weak = d.iso;
    }
  }
  return weak;
}

/** A date after 至/到/— that ends a range, not a list bullet (- 2005年1月5日). */
function rangeEnd(before: string): boolean {
  return RANGE_TO_RE.test(before) && before.replace(RANGE_TO_RE, '').trim().length > 0;
}

function rocPublished(text: string): string | null {
  const m = ROC_NUMERIC_RE.exec(text);
  return m === null ? null : isoDate(Number(m[1]) + 1911, Number(m[2]), Number(m[3]));
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
  const s = chunk.slice(cut + 1);
  if (s.trim().length === 0 && chunk[cut] === '\n') {
    // the date opens its line: the line before (一、征求意见的时间) says what it is
    return sentenceBefore(text, from + cut) + '\n';
  }
  return s;
}

function sentenceAfter(text: string, end: number): string {
  const chunk = text.slice(end, end + 120);
  const stop = chunk.search(/[。；;\n！!]/);
  return stop < 0 ? chunk : chunk.slice(0, stop);
}

/** 本月30日 in a notice dated 2008-11-28 is 11月30日. */
function resolveThisMonth(text: string, published: string | null): string {
  if (published === null || !/本月|今年|本年/.test(text)) return text;
  const month = Number(published.slice(5, 7));
  return text
    .replace(/本月(?=\s*[0-9０-９一二三四五六七八九十]{1,3}\s*[日号號])/g, `${month}月`)
    .replace(/(?:今年|本年)(?=\s*[0-9０-９一二三四五六七八九十]{1,3}\s*月)/g, ' ');
}

function deadlineFromText(raw: string, published: string | null): string | null {
  const text = resolveThisMonth(raw, published);
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
    let context = before + sentenceAfter(text, d.end);
    const lineStart = text.lastIndexOf('\n', d.index - 1);
    if (lineStart > 0 && ONLY_DATES_RE.test(text.slice(lineStart + 1, d.index))) {
      // 一、征求意见的时间 / 2023年3月6日至2023年4月5日: the line above says what the dates are
      context += text.slice(text.lastIndexOf('\n', lineStart - 1) + 1, lineStart);
    }
    const hit =
      DEADLINE_LABEL_RE.test(near) ||
      ((DEADLINE_AFTER_RE.test(after) || DEADLINE_BEFORE_RE.test(near) || rangeEnd(before)) &&
        COMMENT_CONTEXT_RE.test(context));
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

/**
 * The address value that starts at `from`: up to the first comma or full stop outside brackets, or a
 * closing bracket with no opening one (地址：…1之1號)表示意見). A unit named after a comma is kept
 * (…马甸东路9号，市场监管总局食品生产经营司); postcodes and an inner 地址： label are taken out of brackets.
 */
function addressValue(text: string, from: number): string {
  let depth = 0;
  let i = from;
  const end = Math.min(text.length, from + 160);
  for (; i < end; i++) {
    const c = text[i]!;
    if (c === '（' || c === '(') depth++;
    else if (c === '）' || c === ')') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && '，,;；。\n'.includes(c)) {
      if ((c === '，' || c === ',') && /(?:号|號|室|层|層|楼|樓)$/.test(text.slice(from, i))) {
        const next = text.slice(i + 1).split(/[，,;；。\n（(]/, 1)[0] ?? '';
        if (UNIT_SEGMENT_RE.test(next.trim())) {
          i += next.length;
          continue;
        }
      }
      break;
    }
  }
  let v = text.slice(from, i);
  // inside brackets: drop the postcode and a 地址： label, keep the rest
  v = v.replace(/[，,、;；\s]*(?:邮政编码|郵政編碼|邮编|郵編)\s*[:：]?\s*[0-9０-９]{6}/g, '');
  v = v.replace(/([（(])\s*(?:地址|通信地址|通讯地址)\s*[:：]\s*/g, '$1');
  v = v.replace(/\s*[（(]\s*[0-9０-９]{6}\s*[)）]\s*$/, ''); // …海事局（100736）
  v = v.replace(/\s*(?:邮政编码|郵政編碼|邮编|郵編).*$/, '');
  v = v.replace(/[（(]\s*[)）]/g, '');
  // an unclosed bracket at the end (…委员会(沈阳市…26号) is closed
  const opens = (v.match(/[（(]/g) ?? []).length;
  const closes = (v.match(/[）)]/g) ?? []).length;
  if (opens > closes) v = v.replace(/[（(]\s*$/, '') + (opens - closes > 0 && /[（(]/.test(v) ? (v.lastIndexOf('（') > v.lastIndexOf('(') ? '）' : ')') : '');
  return v;
}

function addressFrom(text: string): string | null {
  ADDRESS_LABEL_RE_G.lastIndex = 0;
  let m: RegExpExecArray | null;
  let first: string | null = null;
  while ((m = ADDRESS_LABEL_RE_G.exec(text)) !== null) {
    const v = clean(addressValue(text, m.index + m[0].length));
    if (v === null || v.length < 4 || v.includes('@') || /https?:|www\./i.test(v)) continue;
    if (STREET_RE.test(v)) return v;
    first ??= v;
  }
  return first;
}

function phoneClean(v: string | undefined): string | null {
  if (v === undefined) return null;
  let t = toAsciiDigits(v).replace(/[－—–]/g, '-').trim();
  // 电话(2432 1899): the opening bracket belongs to the sentence, not the number
  if ((t.startsWith('(') || t.startsWith('（')) && !/[)）]/.test(t)) t = t.slice(1);
  if (/[)）]$/.test(t) && !/[（(]/.test(t)) t = t.slice(0, -1);
  // two numbers (22736598 22736151): the first
  const parts = t.split(/\s+/);
  if (parts.length >= 2 && parts.every((x) => (x.match(/[0-9]/g)?.length ?? 0) >= 7)) t = parts[0]!;
  return clean(t);
}

function emailFrom(text: string): string | null {
  const t = text.replace(/＠/g, '@').replace(/([A-Za-z0-9._%+-])[ \u3000]+@[ \u3000]*(?=[A-Za-z0-9])/g, '$1@').replace(/@[ \u3000]+(?=[A-Za-z0-9])/g, '@');
  return EMAIL_RE.exec(t)?.[0]?.replace(/\.+$/, '') ?? null;
}

/** What a quoted 注明“…” is for: the email subject, the envelope, or both (信封或电子邮件请注明“…”). */
function quotedMarks(text: string): { subject: string | null; envelope: string | null } {
  let subject: string | null = clean(SUBJECT_RE.exec(text)?.[1]);
  let envelope: string | null = null;
  QUOTED_RE_G.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = QUOTED_RE_G.exec(text)) !== null) {
    const value = clean(m[1]);
    if (value === null) continue;
    const before = sentenceBefore(text, m.index).slice(-40);
    const forEnvelope = /信封|来信|來信|信函|信件|函件/.test(before);
    const forMail = /邮件|郵件|邮箱|郵箱|电邮|電郵/.test(before) && !/发送至|發送至/.test(before.slice(-6));
    if (forEnvelope) envelope ??= value;
    if (forMail || (!forEnvelope && /@/.test(text.slice(Math.max(0, m.index - 80), m.index)))) subject ??= value;
  }
  return { subject, envelope };
}

function channelsFrom(text: string): Channels {
  const email = emailFrom(text);
  const { subject, envelope } = quotedMarks(text);
  const web = WEB_RE.exec(text)?.[1]?.replace(URL_TRAIL_RE, '') ?? null;
  const marked = FAX_MARKED_RE.exec(text);
  const phoneMatch = PHONE_RE.exec(text);
  let phone = phoneClean(phoneMatch?.[1]);
  let fax = phoneClean(FAX_RE.exec(text)?.[1]);
  if (marked !== null) {
    fax ??= phoneClean(marked[1]);
    // 联系电话：2128803、2128681（兼传真）: the phone is the first number
    if (phone !== null && phoneMatch !== null && phoneMatch.index + phoneMatch[0].length >= marked.index) {
      phone = phoneClean(phone.split(/[、,，]/)[0]);
    }
  }
  const postcode = POSTCODE_RE.exec(text)?.[1] ?? POSTCODE_PAREN_RE.exec(text)?.[1];
  return {
    email,
    subject,
    envelope,
    address: addressFrom(text),
    postcode: postcode === undefined ? null : toAsciiDigits(postcode),
    phone,
    fax,
    web: web !== null && web.length > 4 ? web : null,
  };
}

/**
 * Reads the notice details (title, issuer, published date, deadline, channels) from the notice
 * paragraphs, then from page hints, then from the fallback paragraphs. Every value is null when
 * not found; `titles` lists the drafts when the notice names two or more (then `title` is null).
 * Never throws on well-typed input.
 */
export function extractNotice(src: NoticeSource): Notice & { titles: string[] } {
  const hints = src.hints ?? {};
  const notice = src.notice.map(readableText);
  const fallback = src.fallback.map(readableText);
  const articleTitle = str(hints.articleTitle) === null ? null : readableText(str(hints.articleTitle)!);
  const pageTitleRaw = str(hints.pageTitle) === null ? null : readableText(str(hints.pageTitle)!);
  const pageTitle = pageTitleRaw === null ? null : pageTitleRaw.replace(TITLE_SUFFIX_RE, '').replace(/^\[[^\]]{1,8}\]/, '');
  const noticeText = joinLimited(notice);
  const fallbackText = fallback.length > 0 ? joinLimited(fallback) : '';

  const metaTitle = labelled(notice, META_TITLE_RE);
  const headings: string[] = [];
  for (const h of [articleTitle, metaTitle, pageTitle]) if (h !== null) headings.push(h.trim());
  for (let i = 0; i < notice.length && i < 8; i++) {
    const next = (notice[i + 1] ?? '').replace(/\s+/g, '');
    const p = DRAFT_MARK_RE.test(next) ? (notice[i] ?? '') + next : notice[i] ?? '';
    if (p.length > 120 || /[，,。；;：:]/.test(p.replace(/[。]$/, ''))) continue;
    if (NOTICE_HEADING_RE.test(p) || DOC_HEADING_RE.test(p) || COMMENT_HEADING_RE.test(p)) headings.push(p);
  }
  const twm = TW_SUBJECT_RE.exec(noticeText);
  const tw = twm === null ? null : twm[1] ?? twm[2] ?? null;
  const fromHeadings = tw !== null ? { title: tw, titles: [] } : titleFromHeadings(headings);
  const titles = fromHeadings?.titles ?? [];
  const title =
    fromHeadings !== null
      ? fromHeadings.title
      : pickTitle([noticeText, fallbackText]) ?? (src.draftFollows === true ? statuteLine(notice) : null);

  const sig = signature(notice);
  let issuer = labelled(notice, META_ISSUER_RE)?.replace(/[。，,；;].*$/, '') ?? DRAFTER_RE.exec(noticeText)?.[1] ?? null;
  issuer ??= issuerFromHeading(articleTitle) ?? issuerFromHeading(metaTitle) ?? issuerFromHeading(pageTitle);
  for (const p of notice.slice(0, 8)) if (NOTICE_HEADING_RE.test(p) || DOC_HEADING_RE.test(p)) issuer ??= issuerFromHeading(p);
  const inline = sig.date === null ? inlineSignature(notice) : null;
  issuer ??= str(hints.source) ?? sig.issuer ?? inline?.issuer ?? null;
  if (issuer === null && fallbackText.length > 0) issuer = signature(fallback).issuer;

  const published =
    parseDate(str(hints.pubDate)) ??
    publishedFromText(noticeText) ??
    rocPublished(noticeText) ??
    sig.date ??
    inline?.date ??
    (fallbackText.length > 0 ? publishedFromText(fallbackText) ?? signature(fallback).date : null);
  const deadline =
    deadlineFromText(noticeText, published) ??
    (fallbackText.length > 0 ? deadlineFromText(fallbackText, published) : null);

  const channels = channelsFrom(noticeText);
  if (fallbackText.length > 0) {
    const fb = channelsFrom(fallbackText);
    for (const k of Object.keys(channels) as Array<keyof Channels>) channels[k] ??= fb[k];
  }
  return { title, issuer, published, deadline, channels, titles, seal: asksForSeal(noticeText) || asksForSeal(fallbackText) };
}

export { deadlineStatus } from './deadline';

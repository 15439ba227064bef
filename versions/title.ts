/**
 * A draft's title without its status, so that the 征求意见稿, the 二次审议稿 and the enacted text of one regulation
 * compare equal: 《济南市数字经济促进条例(征求意见稿)》, 济南市数字经济促进条例（草案修改稿） and 济南市数字经济促进条例
 * all give 济南市数字经济促进条例. DOM-free.
 */

/**
 * The status words a draft's title carries, longest first so that 草案二次审议稿 is removed whole. A bracket holding
 * only these (with 修订/修正 and ordinal 审议稿 variants) is dropped; the same words at the end of an unbracketed title
 * are dropped too.
 */
const STATUS = [
  '修订草案征求意见稿',
  '修正草案征求意见稿',
  '草案征求意见稿',
  '修订征求意见稿',
  '修改征求意见稿',
  '草案公开征求意见稿',
  '公开征求意见稿',
  '征求意见稿',
  '修订草案送审稿',
  '草案送审稿',
  '送审稿',
  '修订草案修改稿',
  '草案修改稿',
  '修改稿',
  '修订草案',
  '修正草案',
  '草案',
  '草稿',
  '讨论稿',
  '审议稿',
  '表决稿',
] as const;

/** 二次审议稿 / 第三次审议稿 / 三审稿, with or without 草案 or 修订草案 before it. */
const READING = /^(?:修订|修正)?(?:草案)?(?:第?[一二三四五六七八九十\d]+次审议稿|[一二三四五六七八九十\d]审稿)$/;

const BRACKET = /[（(〔[【]([^（）()〔〕[\]【】]*)[）)〕\]】]/g;

/** Sentences around a title: 关于公开征求《…》意见的通知, 《…》公开征求意见, 公开征求意见: …. */
const QUOTED = /《([^《》]+)》/;
const TRAILING_NOTICE = /(?:公开)?征求(?:社会)?(?:公众)?意见(?:的)?(?:通知|公告|函)?$/;

function isStatus(inside: string): boolean {
  const t = inside.replace(/[\s、，,·]/g, '');
  if (t === '') return false;
  if (READING.test(t)) return true;
  return (STATUS as readonly string[]).includes(t);
}

/**
 * Returns the title with its status removed and whitespace dropped: the text inside 《》 when there is one; brackets
 * that hold only a status (（征求意见稿）, (草案二次审议稿), 【送审稿】) removed; a status, 公开征求意见 or 的通知 at the end
 * removed; full-width and half-width brackets alike. Other brackets stay (（试行）, 修正案（十一）, （2024年修订） are part of
 * a name). Returns '' for a title that is only a status, and for a non-string. Never throws.
 */
export function baseTitle(title: unknown): string {
  if (typeof title !== 'string') return '';
  let t = title.replace(/\s+/g, '');
  const quoted = QUOTED.exec(t);
  if (quoted) t = quoted[1]!;
  for (let guard = 0; guard < 4; guard++) {
    const before = t;
    t = t.replace(BRACKET, (whole, inside: string) => (isStatus(inside) ? '' : whole));
    t = t.replace(TRAILING_NOTICE, '');
    for (const s of STATUS) {
      if (t.endsWith(s) && t.length > s.length) {
        t = t.slice(0, -s.length);
        break;
      }
    }
    const reading = /(?:修订|修正)?(?:草案)?(?:第?[一二三四五六七八九十\d]+次审议稿)$/.exec(t);
    if (reading && reading.index > 0) t = t.slice(0, reading.index);
    if (t === before) break;
  }
  return t;
}

/** 中华人民共和国 is written on the enacted law and often left off a draft's name in a notice. */
const COUNTRY = '中华人民共和国';

/** baseTitle without a leading 中华人民共和国, for comparing. */
function comparable(title: unknown): string {
  const t = baseTitle(title);
  return t.startsWith(COUNTRY) && t.length > COUNTRY.length ? t.slice(COUNTRY.length) : t;
}

/**
 * True when two titles name the same regulation once their status is removed (see baseTitle) and a leading
 * 中华人民共和国 is ignored: 《数据安全法（草案）》 and 中华人民共和国数据安全法 match; 济南市数字经济促进条例 and
 * 北京市数字经济促进条例 do not. False when either is empty. Never throws.
 */
export function sameRegulation(a: unknown, b: unknown): boolean {
  const x = comparable(a);
  return x !== '' && x === comparable(b);
}

/**
 * The status a title carries, as written (征求意见稿, 草案二次审议稿, …), or null when there is none (an enacted text's
 * title). Used to name a version in the chain. Never throws.
 */
export function titleStatus(title: unknown): string | null {
  if (typeof title !== 'string') return null;
  const t = title.replace(/\s+/g, '');
  const quoted = QUOTED.exec(t);
  const inner = quoted ? quoted[1]! : t;
  for (const m of inner.matchAll(BRACKET)) if (isStatus(m[1]!)) return m[1]!.replace(/[\s]/g, '');
  for (const s of STATUS) if (inner.endsWith(s) && inner.length > s.length) return s;
  return null;
}

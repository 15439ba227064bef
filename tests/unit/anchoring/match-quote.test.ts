import { describe, expect, test } from 'vitest';
import { describePassage } from '../../../anchoring/describe';
import { matchQuote } from '../../../anchoring/match-quote';
import { corpusLines, outlineOf } from './helpers';

const TEXT =
  '市大数据部门应当会同有关部门建立公共数据授权运营机制。公共数据授权运营应当遵循合法正当、安全可控的原则。' +
  '\n授权运营单位应当在授权范围内开发利用公共数据，不得向第三方提供公共数据。';

function at(text: string, quote: string, nth = 0): number {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(quote, i + 1);
  if (i < 0) throw new Error(`no ${quote}`);
  return i;
}

describe('describePassage', () => {
  test('keeps the quote, 32 characters of context each side and the offsets', () => {
    const s = at(TEXT, '安全可控');
    const p = describePassage(TEXT, s, s + 4);
    expect(p.exact).toBe('安全可控');
    expect(p.prefix).toBe(TEXT.slice(s - 32, s));
    expect(p.suffix).toBe(TEXT.slice(s + 4, s + 36));
    expect(describePassage(TEXT, 0, 3).prefix).toBe('');
  });

  test('throws a RangeError for empty or out-of-range passages', () => {
    expect(() => describePassage(TEXT, 5, 5)).toThrow(RangeError);
    expect(() => describePassage(TEXT, -1, 5)).toThrow(RangeError);
    expect(() => describePassage(TEXT, 0, TEXT.length + 1)).toThrow(RangeError);
  });
});

describe('matchQuote', () => {
  test('unchanged text: the quote where it was, score 1', () => {
    const s = at(TEXT, '合法正当');
    const m = matchQuote(TEXT, describePassage(TEXT, s, s + 4));
    expect(m).toEqual({ start: s, end: s + 4, score: 1, exact: true, unique: true, context: 1 });
  });

  test('two identical quotes: the one whose prefix/suffix match, even when the hint points at the other', () => {
    const second = at(TEXT, '公共数据', 3); // 不得向第三方提供公共数据
    const p = describePassage(TEXT, second, second + 4);
    const first = at(TEXT, '公共数据', 2); // 开发利用公共数据
    const m = matchQuote(TEXT, p, first);
    expect(m?.start).toBe(second);
    expect(m?.unique).toBe(false);
    expect(m?.context).toBe(1);
    // after an insertion the stored offset is wrong, the context still tells them apart
    const edited = '市、区县人民政府和' + TEXT;
    const m2 = matchQuote(edited, p);
    expect(m2?.start).toBe(second + 9);
    expect(edited.slice(m2!.start, m2!.end)).toBe('公共数据');
  });

  test('same context for both: the one nearest the stored position', () => {
    const t = '甲乙丙数据丁戊己庚数据辛';
    const p = { exact: '数据', prefix: '', suffix: '', start: 9, end: 11 };
    expect(matchQuote(t, p)?.start).toBe(9);
    expect(matchQuote(t, { ...p, start: 3, end: 5 })?.start).toBe(3);
  });

  test('a quote of 2–4 characters is only ever matched exactly', () => {
    const s = at(TEXT, '数据部门');
    const p = describePassage(TEXT, s, s + 4);
    expect(matchQuote(TEXT.replace('数据部门', '数字部门'), p)).toBeNull();
    expect(matchQuote(TEXT.replace('大数据部门', '大数字部'), describePassage(TEXT, s - 1, s + 2))).toBeNull();
  });

  test('5–10 characters: one edit where the context agrees, not two, not elsewhere', () => {
    const s = at(TEXT, '授权运营机制');
    const p = describePassage(TEXT, s, s + 6);
    const one = TEXT.replace('授权运营机制', '授权经营机制');
    const m = matchQuote(one, p);
    expect(m).not.toBeNull();
    expect(one.slice(m!.start, m!.end)).toBe('授权经营机制');
    expect(m!.exact).toBe(false);
    expect(matchQuote(TEXT.replace('授权运营机制', '授权经营制度'), p)).toBeNull();
    // the same one-edit phrase in a different context is not it
    const elsewhere = '本条例所称授权经营机制，是指另一回事。' + TEXT.replace('授权运营机制。', '制度。');
    expect(matchQuote(elsewhere, p)).toBeNull();
  });

  test('a longer quote with a few edits is found, with score and bounds of the edited text', () => {
    const q = '授权运营单位应当在授权范围内开发利用公共数据';
    const s = at(TEXT, q);
    const p = describePassage(TEXT, s, s + q.length);
    const edited = TEXT.replace(q, '授权运营单位应当在授权的范围内依法开发利用公共数据');
    const m = matchQuote(edited, p);
    expect(m).not.toBeNull();
    expect(edited.slice(m!.start, m!.end)).toBe('授权运营单位应当在授权的范围内依法开发利用公共数据');
    expect(m!.score).toBeGreaterThan(0.85);
    expect(m!.score).toBeLessThan(1);
  });

  test('a rewritten quote (similarity < 0.75) gives null rather than a doubtful match', () => {
    const q = '授权运营单位应当在授权范围内开发利用公共数据';
    const s = at(TEXT, q);
    const p = describePassage(TEXT, s, s + q.length);
    expect(matchQuote(TEXT.replace(q, '被授权的主体可以依照协议对数据进行加工利用'), p)).toBeNull();
  });

  test('a quote longer than 64 characters is found coarse-to-fine in a long text', () => {
    const filler = '本条例所称数字经济，是指以数据资源为关键要素，以现代信息网络为主要载体的经济形态。'.repeat(30);
    const q = '市经济和信息化部门负责具体组织协调指导全市数字经济促进工作，拟订相关促进规划，推动落实相关促进措施，推进实施重大工程项目';
    const text = filler + q + '。' + filler;
    const p = describePassage(text, filler.length, filler.length + q.length);
    const edited = filler + q.replace('拟订相关促进规划，', '拟订促进规划；').replace('重大工程', '重点工程') + '。' + filler;
    const m = matchQuote(edited, p);
    expect(m).not.toBeNull();
    expect(m!.start).toBe(filler.length);
    expect(edited.slice(m!.start, m!.end)).toBe(q.replace('拟订相关促进规划，', '拟订促进规划；').replace('重大工程', '重点工程'));
  });

  test('a quote of several hundred characters is aligned by its ends (seed and extend)', () => {
    const body = outlineOf(corpusLines('beijing-digital-economy-regulation-2022')).articles.slice(0, 12).map((a) => a.text).join('\n');
    const start = 300;
    const p = describePassage(body, start, start + 600);
    const chars = body.split('');
    for (let i = start + 10; i < start + 590; i += 25) chars[i] = '某';
    const edited = '新增的一句话。' + chars.join('');
    const m = matchQuote(edited, p);
    expect(m).not.toBeNull();
    expect([m!.start, m!.end]).toEqual([start + 7, start + 607]);
    expect(m!.exact).toBe(false);
    // rewritten beyond recognition: no match
    const other = edited.slice(0, start + 7) + '另起炉灶'.repeat(150) + edited.slice(start + 607);
    expect(matchQuote(other, p)).toBeNull();
  });

  test('exactOnly skips the approximate search; empty quote or text gives null', () => {
    const s = at(TEXT, '授权运营机制');
    const p = describePassage(TEXT, s, s + 6);
    expect(matchQuote(TEXT.replace('授权运营机制', '授权经营机制'), p, undefined, { exactOnly: true })).toBeNull();
    expect(matchQuote('', p)).toBeNull();
    expect(matchQuote(TEXT, { ...p, exact: '' })).toBeNull();
  });
});

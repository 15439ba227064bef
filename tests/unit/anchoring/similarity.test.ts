import { describe, expect, test } from 'vitest';
import { bigramDice, editDistance, foldText, similarity, textProfile } from '../../../anchoring/similarity';

describe('foldText', () => {
  test('maps full-width punctuation, U+3000, curly quotes and case, keeping the length', () => {
    const s = '第一条（目的）为了“促进”ＡＢ，　Data；';
    const f = foldText(s);
    expect(f).toBe('第一条(目的)为了"促进"ab, data;');
    expect(f.length).toBe(s.length);
    expect(foldText('数据')).toBe('数据');
  });
});

describe('editDistance', () => {
  test('counts insertions, deletions and substitutions, and stops past the bound', () => {
    expect(editDistance('数据资源', '数据资源', 2)).toBe(0);
    expect(editDistance('数据资源', '数字资源', 2)).toBe(1);
    expect(editDistance('数据资源', '数据资源库', 2)).toBe(1);
    expect(editDistance('公共数据开放', '数据开放', 3)).toBe(2);
    expect(editDistance('公共数据开放', '政府信息公开', 1)).toBe(2); // max + 1
    expect(editDistance('', '数据', 5)).toBe(2);
  });
});

describe('similarity', () => {
  test('is 1 for equal texts (also across punctuation width) and 0 against an empty one', () => {
    expect(similarity('市人民政府', '市人民政府')).toBe(1);
    expect(similarity('第一条,为了', '第一条，为了')).toBe(1);
    expect(similarity('', '数据')).toBe(0);
    expect(similarity('', '')).toBe(0);
  });

  test('short strings by edit distance: one character in five costs 0.2', () => {
    expect(similarity('数据资源库', '数字资源库')).toBeCloseTo(0.8, 5);
  });

  test('long strings by bigram Dice: a few edited characters stay high, another article is low', () => {
    const a = '市、区人民政府应当加强对数字经济促进工作的领导，建立健全推进协调机制，将数字经济发展纳入国民经济和社会发展规划和计划。';
    const edited = a.replace('加强对', '加强').replace('协调机制', '工作机制');
    const other = '市统计部门会同经济和信息化部门完善数字经济统计测度和评价体系，开展数字经济评价，定期向社会公布主要统计结果。';
    expect(similarity(a, edited)).toBeGreaterThan(0.9);
    expect(similarity(a, other)).toBeLessThan(0.5);
    expect(similarity(a, edited)).toBeCloseTo(bigramDice(textProfile(a).bigrams, textProfile(edited).bigrams), 10);
  });

  test('bigrams across the "\\n" between paragraphs do not count', () => {
    expect(textProfile('数据\n资源').bigrams.length).toBe(2);
  });
});

import { describe, expect, test } from 'vitest';
import { parseNumeral, toChineseNumeral } from '../../../regulation/numerals';

describe('parseNumeral', () => {
  test.each([
    ['一', 1],
    ['九', 9],
    ['十', 10],
    ['十一', 11],
    ['十九', 19],
    ['二十', 20],
    ['二十一', 21],
    ['一百', 100],
    ['一百零一', 101],
    ['一百一十', 110],
    ['一百十', 110],
    ['一百二十', 120],
    ['二百零三', 203],
    ['五百十四', 514],
    ['九百九十九', 999],
    ['一千', 1000],
    ['一千零一', 1001],
    ['一千零十', 1010],
    ['一千二百六十', 1260],
    ['一千二百五十九', 1259],
    ['两', 2],
    ['两百', 200],
    ['兩千', 2000],
    ['一万', 10000],
    ['一万零一', 10001],
    ['十二万三千四百五十六', 123456],
    ['〇', 0],
    ['零', 0],
    ['二〇二四', 2024],
    ['二○二四', 2024],
    ['二零二四', 2024],
    ['0', 0],
    ['7', 7],
    ['1260', 1260],
    ['１', 1],
    ['１２６０', 1260],
    ['1２', 12],
    [' 一 百 ', 100],
    ['一　千', 1000],
  ])('%s → %d', (s, n) => {
    expect(parseNumeral(s)).toBe(n);
  });

  test.each(['', '   ', 'abc', '第一', '一条', '百百', '十百', '1.5', '-3', '二a'])('%j is not a numeral', (s) => {
    expect(parseNumeral(s)).toBeNull();
  });
});

describe('toChineseNumeral', () => {
  test.each([
    [0, '零'],
    [1, '一'],
    [10, '十'],
    [11, '十一'],
    [20, '二十'],
    [100, '一百'],
    [101, '一百零一'],
    [110, '一百一十'],
    [120, '一百二十'],
    [203, '二百零三'],
    [1000, '一千'],
    [1001, '一千零一'],
    [1010, '一千零一十'],
    [1260, '一千二百六十'],
    [10000, '一万'],
    [10001, '一万零一'],
    [100010, '十万零一十'],
  ])('%d → %s', (n, s) => {
    expect(toChineseNumeral(n)).toBe(s);
  });

  test('round trips 0..1500 and a few large numbers', () => {
    for (let n = 0; n <= 1500; n++) expect(parseNumeral(toChineseNumeral(n))).toBe(n);
    for (const n of [9999, 10000, 10010, 20305, 99999, 100000, 1234567, 100000001]) {
      expect(parseNumeral(toChineseNumeral(n))).toBe(n);
    }
  });

  test('rejects negative and fractional numbers', () => {
    expect(() => toChineseNumeral(-1)).toThrow(RangeError);
    expect(() => toChineseNumeral(1.5)).toThrow(RangeError);
  });
});

import { describe, expect, test } from 'vitest';
import { baseTitle, sameRegulation, titleStatus } from '../../../versions/title';

describe('baseTitle', () => {
  test.each([
    ['济南市数字经济促进条例(征求意见稿)', '济南市数字经济促进条例'],
    ['《济南市数字经济促进条例（征求意见稿）》', '济南市数字经济促进条例'],
    ['济南市数字经济促进条例（草案修改稿）', '济南市数字经济促进条例'],
    ['济南市数字经济促进条例（草案）', '济南市数字经济促进条例'],
    ['济南市数字经济促进条例', '济南市数字经济促进条例'],
    ['中华人民共和国国家公园法（草案二次审议稿）征求意见', '中华人民共和国国家公园法'],
    ['中华人民共和国渔业法（修订草案）征求意见', '中华人民共和国渔业法'],
    ['企业破产法（修订草案二次审议稿）征求意见', '企业破产法'],
    ['中华人民共和国医疗保障法（草案征求意见稿）', '中华人民共和国医疗保障法'],
    ['司法部关于《中华人民共和国仲裁法（修订草案）》公开征求意见的通知', '中华人民共和国仲裁法'],
    ['关于公开征求《行政法规制定程序条例（修订征求意见稿）》意见的通知', '行政法规制定程序条例'],
    ['某市物业管理条例【送审稿】', '某市物业管理条例'],
    ['某市物业管理条例(修正草案)', '某市物业管理条例'],
    ['某市物业管理条例（二次审议稿）', '某市物业管理条例'],
    ['某市物业管理条例（草案 第三次审议稿）', '某市物业管理条例'],
    ['某市物业管理条例征求意见稿', '某市物业管理条例'],
    ['  济南市 数字经济 促进条例 （ 征求意见稿 ） ', '济南市数字经济促进条例'],
  ])('%s -> %s', (title, expected) => {
    expect(baseTitle(title)).toBe(expected);
  });

  test('keeps brackets that are part of the name', () => {
    expect(baseTitle('某市网络数据安全管理办法（试行）（征求意见稿）')).toBe('某市网络数据安全管理办法（试行）');
    expect(baseTitle('中华人民共和国刑法修正案（十一）（草案）')).toBe('中华人民共和国刑法修正案（十一）');
    expect(baseTitle('某省人口与计划生育条例（2024年修订）')).toBe('某省人口与计划生育条例（2024年修订）');
  });

  test('a title that is only a status, or no title, gives ""', () => {
    expect(baseTitle('（征求意见稿）')).toBe('');
    expect(baseTitle(null)).toBe('');
    expect(baseTitle(42)).toBe('');
  });
});

describe('sameRegulation', () => {
  test('draft and enacted text of one regulation match', () => {
    expect(sameRegulation('济南市数字经济促进条例(征求意见稿)', '济南市数字经济促进条例')).toBe(true);
    expect(sameRegulation('数据安全法（草案）', '中华人民共和国数据安全法')).toBe(true);
    expect(sameRegulation('个人信息保护法（草案二次审议稿）', '《中华人民共和国个人信息保护法（草案）》')).toBe(true);
  });
  test('different regulations do not', () => {
    expect(sameRegulation('济南市数字经济促进条例(征求意见稿)', '北京市数字经济促进条例')).toBe(false);
    expect(sameRegulation('数据安全法（草案）', '网络安全法')).toBe(false);
    expect(sameRegulation('', '')).toBe(false);
    expect(sameRegulation(null, '数据安全法')).toBe(false);
  });
});

describe('titleStatus', () => {
  test('names the status as written', () => {
    expect(titleStatus('济南市数字经济促进条例(征求意见稿)')).toBe('征求意见稿');
    expect(titleStatus('国家公园法（草案二次审议稿）')).toBe('草案二次审议稿');
    expect(titleStatus('某市条例修改稿')).toBe('修改稿');
    expect(titleStatus('济南市数字经济促进条例')).toBeNull();
    expect(titleStatus('某市办法（试行）')).toBeNull();
  });
});

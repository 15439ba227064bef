import { describe, expect, test } from 'vitest';
import { asksForSeal } from '../../../regulation/seal';
import { extractNotice } from '../../../regulation/notice';
import { parseOutline } from '../../../regulation/outline';

describe('asksForSeal: does the notice ask organisations to seal their letter?', () => {
  test.each([
    '单位提出意见的，请加盖单位公章。',
    '以单位名义反馈的，须加盖公章后扫描发送至邮箱。',
    '请于2024年3月20日前将书面意见（加盖印章）寄送至市司法局。',
    '单位意见请盖章。',
    '书面意见须由法定代表人签字并盖单位章。',
    '反馈意见请附单位公章扫描件。',
    '个人意见无需盖章；单位意见请加盖公章。',
    '各单位意见请签字（盖章）后报送。',
  ])('asks: %s', (text) => expect(asksForSeal(text)).toBe(true));

  test.each([
    '有关单位和个人可以通过以下方式提出意见：电子邮箱：a@b.cn。',
    '意见无需盖章，可直接发送电子邮件。',
    '书面意见不需加盖公章。',
    '公开征求意见的时间为2024年2月18日至3月20日。',
    '',
  ])('does not ask: %s', (text) => expect(asksForSeal(text)).toBe(false));

  test('extractNotice carries it', () => {
    const src = (p: string) => ({ notice: ['关于公开征求《济南市数字经济促进条例(征求意见稿)》意见的公告', p], fallback: [] });
    expect(extractNotice(src('单位提出意见的，请加盖单位公章。')).seal).toBe(true);
    expect(extractNotice(src('欢迎社会各界提出意见。')).seal).toBe(false);
  });

  test('the page\'s outline carries it, so the letter made from the page seals the signature', () => {
    const page = (p: string) => ['关于公开征求《济南市数字经济促进条例(征求意见稿)》意见的公告', p, '第一条 为了促进数字经济发展，制定本条例。', '第二条 本条例适用于本市。'];
    expect(parseOutline(page('单位提出意见的，请加盖单位公章。')).seal).toBe(true);
    expect(parseOutline(page('欢迎社会各界提出意见。')).seal).toBeUndefined();
  });
});

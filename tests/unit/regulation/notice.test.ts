import { describe, expect, test } from 'vitest';
import { parseDate, scanDates } from '../../../regulation/dates';
import { deadlineStatus } from '../../../regulation/notice';
import { parseOutline } from '../../../regulation/outline';
import type { Outline, PageHints } from '../../../regulation/types';

/** A notice followed by a one-article draft: the notice region is everything before 第一条. */
function notice(lines: string[], hints?: PageHints): Outline {
  return parseOutline([...lines, '第一条 本办法自公布之日起施行。'], hints);
}

describe('dates', () => {
  test.each([
    ['2024年3月20日', '2024-03-20'],
    ['2024 年 3 月 5 日', '2024-03-05'],
    ['２０２４年３月２０日', '2024-03-20'],
    ['2024-03-20', '2024-03-20'],
    ['2024/3/20', '2024-03-20'],
    ['2024.3.20', '2024-03-20'],
    ['2024-02-18 09:30', '2024-02-18'],
    ['二〇二四年三月二十日', '2024-03-20'],
    ['二○二三年十二月三十一日', '2023-12-31'],
    ['二零二四年一月一日', '2024-01-01'],
    ['2024年2月29日', '2024-02-29'],
  ])('%s → %s', (s, iso) => {
    expect(parseDate(s)).toBe(iso);
  });

  test('invalid dates and non-dates', () => {
    expect(parseDate('2023年2月29日')).toBeNull();
    expect(parseDate('2024年13月1日')).toBeNull();
    expect(parseDate('电话0531-51705786')).toBeNull();
    expect(parseDate('')).toBeNull();
    expect(parseDate(null)).toBeNull();
  });

  test('a date without a year takes the default year', () => {
    expect(parseDate('3月20日')).toBeNull();
    expect(parseDate('3月20日', 2024)).toBe('2024-03-20');
    expect(parseDate('三月二十日', 2024)).toBe('2024-03-20');
    const ds = scanDates('自2024年2月18日起至3月20日止');
    expect(ds.map((d) => [d.year, d.month, d.day])).toEqual([
      [2024, 2, 18],
      [null, 3, 20],
    ]);
  });
});

describe('deadline', () => {
  test.each([
    ['征求意见截止时间为2024年3月20日。', '2024-03-20'],
    ['截止日期：2024-03-20', '2024-03-20'],
    ['截止时间：2024/3/20 17:00', '2024-03-20'],
    ['请于2024年3月20日前将意见反馈至我局。', '2024-03-20'],
    ['有关单位和个人可于2024年3月20日前提出意见。', '2024-03-20'],
    ['请在2024.3.20 24时前提交。', '2024-03-20'],
    ['征求意见时间自2024年2月18日起至2024年3月20日止。', '2024-03-20'],
    ['征求意见时间：2024年2月18日—2024年3月20日。', '2024-03-20'],
    ['公开征求意见期限为2024年2月18日至2024年3月20日。', '2024-03-20'],
    ['意见反馈到2024年3月20日结束。', '2024-03-20'],
    ['反馈截止日期为二〇二四年三月二十日。', '2024-03-20'],
    ['征求意见时间为2024年2月18日至3月20日。', '2024-03-20'],
  ])('%s', (line, iso) => {
    const o = notice(['发布日期：2024-02-18', line]);
    expect(o.deadline).toBe(iso);
    expect(o.published).toBe('2024-02-18');
  });

  test('a date without a year takes the published year (from hints)', () => {
    const o = notice(['请于3月20日前将意见发送至电子邮箱。'], { pubDate: '2024-02-18 09:30' });
    expect(o.published).toBe('2024-02-18');
    expect(o.deadline).toBe('2024-03-20');
  });

  test('a year-less deadline before the publication date is in the next year', () => {
    const o = notice(['请于1月10日前反馈意见。'], { pubDate: '2023-12-20' });
    expect(o.deadline).toBe('2024-01-10');
  });

  test('dates without a deadline cue are not deadlines', () => {
    const o = notice(['本办法于2023年5月1日经市政府常务会议审议。']);
    expect(o.deadline).toBeNull();
  });
});

describe('notice fields', () => {
  test('full-width notice with every channel', () => {
    const o = notice([
      '某某市司法局关于《某某市数据条例（草案征求意见稿）》公开征求意见的通知',
      '为提高立法质量，现将《中华人民共和国立法法》规定的程序……《某某市数据条例（草案征求意见稿）》全文公布，征求社会各界意见。',
      '一、通过电子邮件将意见发送至：fzb@example.gov.cn，邮件主题请注明“数据条例意见”。',
      '二、通过信函方式寄至：某某市人民路1号某某市司法局立法处（邮编：100032），并在信封上注明“数据条例征求意见”字样。',
      '三、传真：０１０－１２３４５６７８。',
      '联系电话：（010）87654321，87654322。',
      '四、登录某某市人民政府网站（http://www.example.gov.cn/zqyj/）在线提交意见。',
      '征求意见截止日期为2024年4月30日。',
      '某某市司法局',
      '2024年3月31日',
    ]);
    expect(o.title).toBe('某某市数据条例（草案征求意见稿）');
    expect(o.issuer).toBe('某某市司法局');
    expect(o.published).toBe('2024-03-31');
    expect(o.deadline).toBe('2024-04-30');
    expect(o.channels).toEqual({
      email: 'fzb@example.gov.cn',
      subject: '数据条例意见',
      envelope: '数据条例征求意见',
      address: '某某市人民路1号某某市司法局立法处',
      postcode: '100032',
      phone: '（010）87654321',
      fax: '010-12345678',
      web: 'http://www.example.gov.cn/zqyj/',
    });
  });

  test('subject in 「」 and a plain 地址 line', () => {
    const o = notice([
      '电子邮箱：a.b-c@mail.example.cn（邮件主题为「某某办法修改意见」）',
      '通讯地址：北京市西城区某某街2号，邮政编码：100034。',
      '电话：010-6666 8888',
    ]);
    expect(o.channels.email).toBe('a.b-c@mail.example.cn');
    expect(o.channels.subject).toBe('某某办法修改意见');
    expect(o.channels.address).toBe('北京市西城区某某街2号');
    expect(o.channels.postcode).toBe('100034');
    expect(o.channels.phone).toBe('010-6666 8888');
    expect(o.channels.envelope).toBeNull();
    expect(o.channels.fax).toBeNull();
    expect(o.channels.web).toBeNull();
  });

  test('the email address line is not taken as the postal address', () => {
    const o = notice(['电子邮件地址：yj@example.gov.cn。']);
    expect(o.channels.email).toBe('yj@example.gov.cn');
    expect(o.channels.address).toBeNull();
  });

  test('title prefers the draft over other 《》 names; issuer falls back to hints.source', () => {
    const o = notice(['根据《中华人民共和国立法法》，我们起草了《某某省电梯安全管理办法（送审稿）》。'], {
      source: '某某省市场监督管理局',
    });
    expect(o.title).toBe('某某省电梯安全管理办法（送审稿）');
    expect(o.issuer).toBe('某某省市场监督管理局');
  });

  test('a statute without a notice has null notice fields', () => {
    const o = parseOutline(['https://example.org/law', '中华人民共和国某某法', '第一章 总则', '第一条 为了……，制定本法。']);
    expect(o.title).toBe('中华人民共和国某某法');
    expect(o.issuer).toBeNull();
    expect(o.published).toBeNull();
    expect(o.deadline).toBeNull();
    expect(Object.values(o.channels).every((v) => v === null)).toBe(true);
  });

  test('notice details after the draft are found as a fallback', () => {
    const o = parseOutline([
      '第一条 为了规范管理，制定本办法。',
      '第二条 本办法自公布之日起施行。',
      '附件：意见反馈方式',
      '请于2024年6月30日前将意见发送至opinion@example.gov.cn。',
    ]);
    expect(o.articles[1]!.text).toBe('本办法自公布之日起施行。');
    expect(o.deadline).toBe('2024-06-30');
    expect(o.channels.email).toBe('opinion@example.gov.cn');
  });
});

describe('deadlineStatus', () => {
  test('days left counted in local calendar days', () => {
    expect(deadlineStatus('2024-03-20', new Date(2024, 2, 10, 15, 30))).toEqual({ daysLeft: 10, closed: false });
    expect(deadlineStatus('2024-03-20', new Date(2024, 2, 19, 23, 59))).toEqual({ daysLeft: 1, closed: false });
    expect(deadlineStatus('2024-03-20', new Date(2024, 2, 20, 0, 0))).toEqual({ daysLeft: 0, closed: false });
    expect(deadlineStatus('2024-03-20', new Date(2024, 2, 20, 23, 59))).toEqual({ daysLeft: 0, closed: false });
    expect(deadlineStatus('2024-03-20', new Date(2024, 2, 21, 0, 1))).toEqual({ daysLeft: -1, closed: true });
    expect(deadlineStatus('2024-03-20', new Date(2024, 1, 18))).toEqual({ daysLeft: 31, closed: false });
    expect(deadlineStatus('2025-01-01', new Date(2024, 11, 31))).toEqual({ daysLeft: 1, closed: false });
  });

  test('null for missing or invalid deadlines', () => {
    expect(deadlineStatus(null, new Date(2024, 0, 1))).toBeNull();
    expect(deadlineStatus('soon', new Date(2024, 0, 1))).toBeNull();
    expect(deadlineStatus('2024-02-30', new Date(2024, 0, 1))).toBeNull();
    expect(deadlineStatus('2024-03-20', new Date(Number.NaN))).toBeNull();
  });
});

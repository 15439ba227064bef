// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { readHints } from '../../../page/hints';
import { PageReader } from '../../../page/reader';
import { localNotice } from '../../../regulation/notice-fields';

const read = (html: string) => {
  document.head.innerHTML = '';
  document.body.innerHTML = html;
  // the notice read here at once (the content script asks the background: tests/unit/page/notice.test.ts)
  return new PageReader(document.body, null, readHints(document), false, null, localNotice).outline;
};

describe('page layouts real notices use', () => {
  test('the Taiwan law database: the article number in its own column beside the text', () => {
    const row = (no: string, lines: string[]) =>
      `<div class="row"><div class="col-no"><a name="${no}"></a>第 ${no} 條</div><div class="col-data"><div class="law-article">${lines
        .map((l, i) => `<div class="line-000${i}">${l}</div>`)
        .join('')}</div></div></div>`;
    const o = read(
      `<div class="law-reg-content"><div class="h3 char-2">第 一 章 總則</div>` +
        row('1', ['為規範個人資料之蒐集、處理及利用，以避免人格權受侵害，並促進個人資料之合理利用，特制定本法。']) +
        row('2', ['本法用詞，定義如下：', '一、個人資料：指自然人之姓名。', '二、個人資料檔案：指依系統建立之個人資料之集合。']) +
        row('2-1', ['為推動個人資料保護，設獨立機關。']) +
        `</div>`,
    );
    expect(o.chapters.map((c) => [c.label, c.title])).toEqual([['第一章', '總則']]);
    expect(o.articles.map((a) => [a.label, a.sub])).toEqual([['第1條', 0], ['第2條', 0], ['第2-1條', 1]]);
    expect(o.articles[1]!.text).toBe('本法用詞，定義如下：\n一、個人資料：指自然人之姓名。\n二、個人資料檔案：指依系統建立之個人資料之集合。');
  });

  test('the whole notice in one <p> with line breaks', () => {
    const o = read(
      '<p>关于《某某市养犬管理条例（征求意见稿）》公开征求意见的公告<br>请于2024年5月31日前将意见发送至：ycgl@example.gov.cn，邮件主题请注明“养犬管理条例意见”。<br>通信地址：某某市某某路1号某某市司法局（邮编：100000）<br>某某市司法局<br>2024年5月1日</p>' +
        '<p>第一条 为了规范养犬行为，制定本条例。<br>第二条 本条例适用于本市。</p>',
    );
    expect(o.title).toBe('某某市养犬管理条例（征求意见稿）');
    expect(o.issuer).toBe('某某市司法局');
    expect(o.published).toBe('2024-05-01');
    expect(o.deadline).toBe('2024-05-31');
    expect(o.channels).toMatchObject({ email: 'ycgl@example.gov.cn', subject: '养犬管理条例意见', address: '某某市某某路1号某某市司法局', postcode: '100000' });
    expect(o.articles.map((a) => a.label)).toEqual(['第一条', '第二条']);
  });

  test('gov.cn article pages: the metadata table of 索引号/发文机关/标题 and bold spans as labels', () => {
    const cell = (label: string, value: string) => `<td><b>${label}</b></td><td>${value}</td>`;
    const o = read(
      `<table><tbody><tr>${cell('索 引 号：', '000014349/2018-00222')}${cell('主题分类：', '卫生、体育')}</tr>` +
        `<tr>${cell('发文机关：', '国务院')}${cell('成文日期：', '2018年12月21日')}</tr>` +
        `<tr><td><b>标\u3000\u3000题：</b></td><td colspan="3">国务院关于在海南博鳌乐城国际医疗旅游先行区暂时调整实施《中华人民共和国药品管理法实施条例》有关规定的决定</td></tr>` +
        `<tr>${cell('发文字号：', '国发〔2018〕43号')}${cell('发布日期：', '2018年12月29日')}</tr></tbody></table>` +
        `<p><span style="font-weight: bold;">电子邮箱：</span>example@gov.cn</p>`,
    );
    expect(o.title).toBe('国务院关于在海南博鳌乐城国际医疗旅游先行区暂时调整实施《中华人民共和国药品管理法实施条例》有关规定的决定');
    expect(o.issuer).toBe('国务院');
    expect(o.published).toBe('2018-12-29');
    expect(o.channels.email).toBe('example@gov.cn');
  });
});

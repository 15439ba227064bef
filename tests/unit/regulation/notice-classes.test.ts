/**
 * The variation real notices show (issue 11 §2), one test per class. Inputs are phrased as the real
 * notices in tests/baselines phrase them (and a few classes those cases do not cover).
 */
import { describe, expect, test } from 'vitest';
import { extractNotice } from '../../../regulation/notice';
import { parseOutline } from '../../../regulation/outline';

const notice = (...paragraphs: string[]) => extractNotice({ notice: paragraphs, fallback: [] });
const ch = (...paragraphs: string[]) => notice(...paragraphs).channels;

describe('labels', () => {
  test('spaces inside a label (邮    编, 传 真, 联 系 人) and several spaces after it', () => {
    const c = ch('邮寄地址:厦门市湖滨北路61号厦门市人大法制委员会', '邮    编:361018', '传 真:0851-28217520', '联 系 人:张三  电 话:0851-28217521');
    expect(c.postcode).toBe('361018');
    expect(c.fax).toBe('0851-28217520');
    expect(c.phone).toBe('0851-28217521');
  });
  test('full-width and ASCII colons, and no colon at all (邮政编码416000)', () => {
    expect(ch('通信地址：湘西州吉首市人民北路1号，邮政编码416000。').postcode).toBe('416000');
    expect(ch('邮编:250011').postcode).toBe('250011');
    expect(ch('邮编：250011').postcode).toBe('250011');
  });
});

describe('fax and phone', () => {
  test('a number marked （兼传真） or (传真) after a phone label', () => {
    const c = ch('联系人：冯先生，联系电话：2128803、2128681（兼传真）。');
    expect(c.phone).toBe('2128803');
    expect(c.fax).toBe('2128681');
    expect(ch('电话：0743-8223456(传真)').fax).toBe('0743-8223456');
  });
  test('fax by a verb (传真至…, 传真:发送至…), with an em dash in the number', () => {
    expect(ch('或傳真至2523 3207，或透過電郵').fax).toBe('2523 3207');
    expect(ch('传真：发送至0991—2956537').fax).toBe('0991-2956537');
    expect(ch('電 話:0991—2956537(兼傳真)').fax).toBe('0991-2956537');
  });
  test('phone only as 致电…/致電…查詢', () => {
    expect(ch('詳情可瀏覽網頁或致電2855 9922查詢。').phone).toBe('2855 9922');
    expect(ch('如有疑问，请致电0531-51705786。').phone).toBe('0531-51705786');
  });
});

describe('postcode, email, address', () => {
  test('postcode only in brackets after the address: …(100736), （邮编200030）', () => {
    const a = ch('3.通信地址：北京市东城区建国门内大街11号交通运输部海事局（100736）。');
    expect(a.address).toBe('北京市东城区建国门内大街11号交通运输部海事局');
    expect(a.postcode).toBe('100736');
    const b = ch('信函请寄：上海市徐汇区某某路100号（邮编200030）。');
    expect(b.address).toBe('上海市徐汇区某某路100号');
    expect(b.postcode).toBe('200030');
  });
  test('an email with a space or a full-width ＠ inside; several emails: the first', () => {
    expect(ch('4.電子郵箱:guibin @spb.gov.cn。').email).toBe('guibin@spb.gov.cn');
    expect(ch('2.邮件发送至：yjzqyj＠moj.gov.cn，邮件主题请注明“意见”字样。').email).toBe('yjzqyj@moj.gov.cn');
    expect(ch('发送电子邮件至zjszhichengchu@163.com或baozhangchu@moe.edu.cn。').email).toBe('zjszhichengchu@163.com');
  });
  test('a stray bracket after an address ends it', () => {
    expect(ch('向本部專技考試司(傳真:02-22361342,地址:臺北市文山區試院路1之1號)表示意見。').address).toBe('臺北市文山區試院路1之1號');
  });
  test('a unit after a street address and a comma is part of the address', () => {
    expect(ch('通过信函邮寄至北京市海淀区马甸东路9号，市场监管总局食品生产经营司（邮编100088），并请在信封上注明“意见”字样。').address).toBe(
      '北京市海淀区马甸东路9号，市场监管总局食品生产经营司',
    );
  });
});

describe('dates', () => {
  test('Chinese numerals: 二〇二四年三月二十日, 二零一八年, 二 ○ ○ 四 年', () => {
    expect(notice('某某市司法局', '二〇二四年三月二十日').published).toBe('2024-03-20');
    expect(notice('某某市司法局', '二零一八年五月四日').published).toBe('2018-05-04');
    expect(notice('二 ○ ○ 四 年 八 月 十 一 日 (星 期 三 )').published).toBe('2004-08-11');
  });
  test('ROC years: 民國99年8月17日', () => {
    expect(notice('四、任何人得於民國99年8月17日前以書面或電子郵件向本部表示意見。').deadline).toBe('2010-08-17');
  });
  test('relative dates against the notice’s own date: 本月30日, 今年10月12日', () => {
    expect(notice('2008-11-28 13:51', '《維護國家安全法》(草案)諮詢期將於本月30日結束,歡迎市民提出意見。').deadline).toBe('2008-11-30');
    expect(notice('发布时间：2023-09-01', '请于今年10月12日前将意见反馈至我局。').deadline).toBe('2023-10-12');
  });
  test('periods: 自即日起至…, 2022年11月23日至12月9日, 諮詢期至…, 公告時間:…至…', () => {
    expect(notice('即日起至2023年7月31日，中山市司法局向社会公开征集立法建议项目。').deadline).toBe('2023-07-31');
    expect(notice('征求意见时间为2022年11月23日至12月9日。').deadline).toBe('2022-12-09');
    expect(notice('諮詢期至2024年2月16日,市民可透過電郵提交意見表。').deadline).toBe('2024-02-16');
    expect(notice('公告時間:2020年6月10日至2020年6月23日。').deadline).toBe('2020-06-23');
  });
  test('a year-less deadline takes the year of publication', () => {
    expect(notice('发布时间:2018-11-12 17:25:15', '意见建议请于11月23日前,以信件或者电子邮件等方式书面寄至市人大法制委。').deadline).toBe('2018-11-23');
  });
  test('澳門十月一號前地 is an address, never a deadline', () => {
    const n = notice('2024年5月6日', '市民可於6月30日前將意見郵寄或親臨澳門十月一號前地某部門提交。');
    expect(n.deadline).toBe('2024-06-30');
    expect(notice('2024年5月6日', '意見可親臨澳門十月一號前地遞交。').deadline).toBeNull();
  });
  test('published: 发布日期 over 成文日期, and over a later feedback note’s date', () => {
    expect(notice('成文日期：', '2018年12月21日', '发布日期：', '2018年12月29日').published).toBe('2018-12-29');
    expect(
      notice('特此公告。', '清遠市司法局', '2020年6月10日', '征求社會公眾意見反饋情況說明', '特此說明。', '清遠市司法局', '2020年6月25日').published,
    ).toBe('2020-06-10');
  });
  test('only a date said of comments is a deadline', () => {
    expect(notice('2018年12月31日之前已完成转制的企业，自2019年1月1日起可继续免征五年企业所得税。').deadline).toBeNull();
    expect(notice('上述政策的执行期限为2019年1月1日至2023年12月31日。').deadline).toBeNull();
  });
});

describe('headings', () => {
  test('第一条、 and 第一章、 with an enumeration comma', () => {
    const o = parseOutline(['第一章、总则', '第一条、为了规范管理，制定本办法。', '第二条、本办法适用于本市。']);
    expect(o.chapters.map((c) => [c.label, c.title])).toEqual([['第一章', '总则']]);
    expect(o.articles.map((a) => [a.label, a.text])).toEqual([
      ['第一条', '为了规范管理，制定本办法。'],
      ['第二条', '本办法适用于本市。'],
    ]);
    // a reference list is still no heading
    expect(parseOutline(['第一条、第二条所称单位，是指……']).articles).toHaveLength(0);
  });
  test('several headings run into one paragraph with the signature and date', () => {
    const o = parseOutline([
      '关于《某某市物业管理条例（征求意见稿）》公开征求意见的公告',
      '请于2024年4月30日前将意见发送至wy@example.gov.cn。 某某市司法局 2024年3月20日 某某市物业管理条例（征求意见稿） 第一章 总则 第一条 为了规范物业管理活动，制定本条例。',
      '第二条 本条例适用于本市行政区域内的物业管理。',
    ]);
    expect(o.title).toBe('某某市物业管理条例（征求意见稿）');
    expect(o.deadline).toBe('2024-04-30');
    expect(o.published).toBe('2024-03-20');
    expect(o.channels.email).toBe('wy@example.gov.cn');
    expect(o.chapters.map((c) => c.label)).toEqual(['第一章']);
    expect(o.articles.map((a) => [a.label, a.text])).toEqual([
      ['第一条', '为了规范物业管理活动，制定本条例。'],
      ['第二条', '本条例适用于本市行政区域内的物业管理。'],
    ]);
  });
  test('bracketed article titles in 【】 〖〗 ( ) （ ）', () => {
    const o = parseOutline(['第一条【立法目的】为了……', '第二条〖适用范围〗本条例……', '第三条(定义)本条例所称……', '第四条（原则）应当……']);
    expect(o.articles.map((a) => a.title)).toEqual(['立法目的', '适用范围', '定义', '原则']);
  });
  test('Traditional script with pinyin inserted by a mirror site: 規(guī)章 is read as 規章', () => {
    const n = notice('為進(jìn)一步完善政府規(guī)章制定程序,省司法廳組織起草了《山東省政府規(guī)章制定程序規(guī)定(修訂草案征求意見稿)》。');
    expect(n.title).toBe('山東省政府規章制定程序規定(修訂草案征求意見稿)');
    const o = parseOutline(['第一條(tiáo) 為了規(guī)範管理,制定本辦法。']);
    expect(o.articles[0]?.title).toBeNull();
  });
});

describe('titles', () => {
  test('a 决定 or 通知 keeps its own title, not the first 《》 law it cites', () => {
    expect(notice('国务院关于在海南博鳌乐城国际医疗旅游先行区暂时调整实施《中华人民共和国药品管理法实施条例》有关规定的决定').title).toBe(
      '国务院关于在海南博鳌乐城国际医疗旅游先行区暂时调整实施《中华人民共和国药品管理法实施条例》有关规定的决定',
    );
  });
  test('a Taiwan title in 「」 after 公告主旨, and 擬訂機關 as issuer', () => {
    const n = notice('考選部 公告主旨:公告「專門職業及技術人員考試規則第二條修正草案」,請社會各界於預告期間惠示卓見。公告事項:一、擬訂機關:考選部。');
    expect(n.title).toBe('專門職業及技術人員考試規則第二條修正草案');
    expect(n.issuer).toBe('考選部');
  });
  test('a notice for two or more drafts: no title, each draft’s name offered', () => {
    const n = notice('《海洋功能區劃》、《海域規劃》及《海域使用法》公開諮詢收集意見');
    expect(n.title).toBeNull();
    expect(n.titles).toEqual(['海洋功能區劃', '海域規劃', '海域使用法']);
  });
  test('a law cited as grounds (根据《…》) is not the title', () => {
    expect(notice('根据《重大行政决策程序暂行条例》等规定，现将《阳光大街中修道路工程设计方案》向社会公开征求意见。').title).toBe('阳光大街中修道路工程设计方案');
  });
});

describe('text', () => {
  test('a space between every character (some Hong Kong releases)', () => {
    const n = notice('公 眾 可 在 九 月 三 十 日 前 把 書 面 意 見 送 交 政 制 事 務 局 , 或 傳 真 至 2523 3207 。', '二 ○ ○ 四 年 八 月 十 一 日 (星 期 三 )');
    expect(n.deadline).toBe('2004-09-30');
    expect(n.channels.fax).toBe('2523 3207');
  });
  test('a URL never swallows the Chinese character after it', () => {
    expect(ch('或從海事及水務局網頁www.marine.gov.mo或微信公眾號下載。').web).toBe('www.marine.gov.mo');
  });
});

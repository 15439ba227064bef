import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { paragraphsFromText } from '../../../regulation/json';
import { parseOutline } from '../../../regulation/outline';
import type { Article, Outline } from '../../../regulation/types';

const cache = new Map<string, { outline: Outline; lines: string[] }>();
function load(name: string): { outline: Outline; lines: string[] } {
  let v = cache.get(name);
  if (v === undefined) {
    const text = readFileSync(new URL(`../../corpus/${name}.txt`, import.meta.url), 'utf8');
    v = { outline: parseOutline(paragraphsFromText(text)), lines: text.split('\n') };
    cache.set(name, v);
  }
  return v;
}
function article(o: Outline, label: string): Article {
  const a = o.articles.find((x) => x.label === label);
  if (a === undefined) throw new Error(`no ${label}`);
  return a;
}

// [file, articles, of which sub-articles (之M / N-M), structure headings]
const COUNTS: Array<[string, number, number, number]> = [
  ['civil-code-2020', 1260, 0, 137],
  ['criminal-law-amended-2023', 505, 53, 55],
  ['administrative-penalty-law-2021', 86, 0, 12],
  ['data-security-law-2021', 55, 0, 7],
  ['personal-information-protection-law-2021', 74, 0, 11],
  ['beijing-digital-economy-regulation-2022', 58, 0, 9],
  ['zhejiang-digital-economy-regulation-2020', 62, 0, 9],
  ['tw-personal-data-protection-act', 57, 1, 6],
  ['tw-civil-code', 1439, 214, 139],
];

describe('corpus counts', () => {
  test.each(COUNTS)('%s: %d articles (%d sub), %d headings, no warnings', (name, total, subs, headings) => {
    const { outline } = load(name);
    expect(outline.articles.length).toBe(total);
    expect(outline.articles.filter((a) => a.sub > 0).length).toBe(subs);
    expect(outline.articles.filter((a) => a.sub === 0).length).toBe(total - subs);
    expect(outline.chapters.length).toBe(headings);
    // real statutes: numbering is complete, unique and in order
    expect(outline.warnings).toEqual([]);
    // every article's text is non-empty and has no label left in it
    for (const a of outline.articles) {
      expect(a.text.length).toBeGreaterThan(0);
      expect(a.paragraphs[1]).toBeGreaterThan(a.paragraphs[0]);
    }
    // articles are numbered consecutively: each is the previous +1, or the same number with the next sub
    for (let i = 1; i < outline.articles.length; i++) {
      const p = outline.articles[i - 1]!;
      const a = outline.articles[i]!;
      const next = a.sub === 0 ? a.number === p.number + 1 : a.number === p.number && a.sub === p.sub + 1;
      expect(next, `${p.label} → ${a.label}`).toBe(true);
    }
  });
});

describe('civil code', () => {
  test('first and last articles', () => {
    const { outline } = load('civil-code-2020');
    const first = outline.articles[0]!;
    expect(first.label).toBe('第一条');
    expect(first.number).toBe(1);
    expect(first.text.startsWith('为了保护民事主体的合法权益')).toBe(true);
    expect(first.text.endsWith('根据宪法，制定本法。')).toBe(true);
    const last = outline.articles[outline.articles.length - 1]!;
    expect(last.label).toBe('第一千二百六十条');
    expect(last.number).toBe(1260);
    expect(last.text.startsWith('本法自2021年1月1日起施行。')).toBe(true);
    expect(last.text.endsWith('同时废止。')).toBe(true);
  });

  test('编 / 分编 / 章 / 节 and 附则 nest', () => {
    const { outline } = load('civil-code-2020');
    const kinds = (k: string) => outline.chapters.filter((c) => c.kind === k).length;
    expect(kinds('part')).toBe(7);
    expect(kinds('subpart')).toBe(8);
    expect(kinds('chapter')).toBe(85); // 84 第N章 + the unnumbered 附则
    expect(kinds('section')).toBe(37);
    const [part, chapter] = outline.chapters;
    expect(part).toMatchObject({ label: '第一编', title: '总则', kind: 'part', parent: null, paragraph: 3 });
    expect(chapter).toMatchObject({ label: '第一章', title: '基本规定', kind: 'chapter', parent: 0, paragraph: 4 });
    expect(outline.articles[0]!.chapter).toBe(1);
    // 第三分编 准 合 同: spaces inside a short title are dropped
    const quasi = outline.chapters.find((c) => c.title === '准合同');
    expect(quasi).toMatchObject({ label: '第三分编', kind: 'subpart' });
    expect(outline.chapters[quasi!.parent!]).toMatchObject({ label: '第三编', title: '合同' });
    // 附 则 stands alone at the top level and holds the last two articles
    const annex = outline.chapters[outline.chapters.length - 1]!;
    expect(annex).toMatchObject({ label: '附则', title: null, kind: 'chapter', parent: null });
    const idx = outline.chapters.length - 1;
    expect(article(outline, '第一千二百五十九条').chapter).toBe(idx);
    expect(article(outline, '第一千二百六十条').chapter).toBe(idx);
    // a 节 sits in a 章 which sits in a 分编 in a 编
    const sec = outline.chapters.find((c) => c.kind === 'section')!;
    const ch = outline.chapters[sec.parent!]!;
    expect(ch.kind).toBe('chapter');
    expect(outline.chapters[ch.parent!]!.kind).toBe('part');
  });

  test('title from the statute line, no notice data', () => {
    const { outline } = load('civil-code-2020');
    expect(outline.title).toBe('中华人民共和国民法典');
    expect(outline.deadline).toBeNull();
    expect(outline.channels.email).toBeNull();
    expect(outline.toc).toBeNull();
  });
});

describe('criminal law', () => {
  test('inserted 之M articles', () => {
    const { outline } = load('criminal-law-amended-2023');
    const a = article(outline, '第一百二十条之一');
    expect(a.number).toBe(120);
    expect(a.sub).toBe(1);
    expect(a.text.startsWith('资助恐怖活动组织、实施恐怖活动的个人的')).toBe(true);
    expect(a.text.split('\n')).toHaveLength(3);
    expect(a.text.endsWith('依照第一款的规定处罚。')).toBe(true);
    const six = article(outline, '第一百二十条之六');
    expect(six.sub).toBe(6);
    const next = outline.articles[outline.articles.indexOf(six) + 1]!;
    expect(next.label).toBe('第一百二十一条');
    expect(six.paragraphs[1]).toBe(next.paragraphs[0]);
    const parts = outline.chapters.filter((c) => c.kind === 'part').map((c) => `${c.label} ${c.title}`);
    expect(parts).toEqual(['第一编 总则', '第二编 分则']);
  });

  test('the last article stops at 附件一', () => {
    const { outline, lines } = load('criminal-law-amended-2023');
    const last = outline.articles[outline.articles.length - 1]!;
    expect(last.label).toBe('第四百五十二条');
    expect(lines[last.paragraphs[1]]).toBe('附件一');
    expect(last.text.split('\n')).not.toContain('附件一');
    expect(last.text).not.toContain('关于禁毒的决定');
    expect(last.text.endsWith('分别依据各法律所规定的施行日期确定。')).toBe(true);
  });

  test('a paragraph beginning with 第一款中… stays in its article', () => {
    const { outline, lines } = load('criminal-law-amended-2023');
    const i = lines.findIndex((l) => l.startsWith('第一款中关于避免本人危险的规定'));
    expect(i).toBeGreaterThan(0);
    const owner = outline.articles.find((a) => a.paragraphs[0] < i && i < a.paragraphs[1])!;
    expect(owner.label).toBe('第二十一条');
    expect(owner.text).toContain('第一款中关于避免本人危险的规定');
  });
});

describe('other statutes', () => {
  test('data security law 第三条 spans three paragraphs, ending before 第四条', () => {
    const { outline } = load('data-security-law-2021');
    expect(article(outline, '第三条').text).toBe(
      '本法所称数据，是指任何以电子或者其他方式对信息的记录。\n' +
        '数据处理，包括数据的收集、存储、使用、加工、传输、提供、公开等。\n' +
        '数据安全，是指通过采取必要措施，确保数据处于有效保护和合法利用的状态，以及具备保障持续安全状态的能力。',
    );
    expect(outline.chapters[0]).toMatchObject({ label: '第一章', title: '总则' });
    expect(outline.chapters[6]).toMatchObject({ label: '第七章', title: '附则' });
  });

  test('PIPL items (一)(二)… belong to their article', () => {
    const { outline } = load('personal-information-protection-law-2021');
    const a = article(outline, '第十三条');
    const lines = a.text.split('\n');
    expect(lines[0]!.startsWith('符合下列情形之一的，个人信息处理者方可处理个人信息')).toBe(true);
    expect(lines[1]).toBe('（一）取得个人的同意；');
    expect(lines.filter((l) => l.startsWith('（')).length).toBe(7);
    const sections = outline.chapters.filter((c) => c.kind === 'section');
    expect(sections.map((c) => c.label)).toEqual(['第一节', '第二节', '第三节']);
    expect(outline.chapters[sections[0]!.parent!]).toMatchObject({ label: '第二章', title: '个人信息处理规则' });
  });

  test('administrative penalty law: title and last article', () => {
    const { outline } = load('administrative-penalty-law-2021');
    expect(outline.title).toBe('中华人民共和国行政处罚法');
    expect(article(outline, '第八十六条').text).toBe('本法自2021年7月15日起施行。');
  });

  test('beijing: the chapter list after the title is a table of contents', () => {
    const { outline, lines } = load('beijing-digital-economy-regulation-2022');
    expect(outline.toc).toEqual([3, 12]);
    expect(lines[3]).toBe('第一章 总 则');
    expect(lines[12]).toBe('第一章 总 则');
    expect(outline.chapters).toHaveLength(9);
    expect(outline.chapters[0]).toMatchObject({ label: '第一章', title: '总则', paragraph: 12, parent: null });
    expect(outline.chapters[8]).toMatchObject({ label: '第九章', title: '附则' });
    expect(outline.articles[0]!.paragraphs[0]).toBe(13);
    expect(outline.articles[0]!.chapter).toBe(0);
    expect(outline.title).toBe('北京市数字经济促进条例');
  });

  test('zhejiang: U+3000 between label and title, no toc', () => {
    const { outline } = load('zhejiang-digital-economy-regulation-2020');
    expect(outline.toc).toBeNull();
    expect(outline.chapters.map((c) => c.title)).toEqual([
      '总则', '数字基础设施', '数据资源', '数字产业化', '产业数字化', '治理数字化', '激励和保障措施', '法律责任', '附则',
    ]);
  });
});

describe('Taiwan', () => {
  test('個資法: 第 1 條 on its own line, 第 1-1 條', () => {
    const { outline } = load('tw-personal-data-protection-act');
    const [a1, a11, a2] = outline.articles;
    expect(a1).toMatchObject({ label: '第1條', number: 1, sub: 0, title: null });
    expect(a1!.text).toBe('為規範個人資料之蒐集、處理及利用，以避免人格權受侵害，並促進個人資料之合理利用，特制定本法。');
    expect(a11).toMatchObject({ label: '第1-1條', number: 1, sub: 1 });
    expect(a11!.text.startsWith('本法之主管機關為個人資料保護委員會。\n自個人資料保護委員會成立之日起')).toBe(true);
    expect(a2).toMatchObject({ label: '第2條', number: 2, sub: 0 });
    expect(outline.chapters[0]).toMatchObject({ label: '第一章', title: '總則' });
    expect(outline.title).toBe('個人資料保護法');
    // the heading stands alone: the body starts in the next paragraph
    expect(a1!.paragraphs).toEqual([4, 6]);
    expect(a1!.bodyOffset).toBe('第 1 條'.length);
  });

  test('民法: 第 N-M 條, spaced 第 一 編 headings, 第 八 節之一', () => {
    const { outline } = load('tw-civil-code');
    expect(outline.title).toBe('民法');
    expect(outline.chapters[0]).toMatchObject({ label: '第一編', title: '總則', kind: 'part' });
    expect(outline.chapters[1]).toMatchObject({ label: '第一章', title: '法例', kind: 'chapter', parent: 0 });
    expect(outline.chapters.find((c) => c.label === '第八節之一')).toMatchObject({ title: '旅遊', kind: 'section' });
    expect(outline.chapters.find((c) => c.label === '第四章之一')).toMatchObject({ title: '農育權', kind: 'chapter' });
    // 第 一 款 / 第 一 目 (levels below 節) are reported as sections nested in their 節 / 款
    const kuan = outline.chapters.find((c) => c.label === '第一款')!;
    expect(kuan).toMatchObject({ title: '通則', kind: 'section' });
    expect(outline.chapters[kuan.parent!]).toMatchObject({ label: '第二節', title: '法人' });
    const mu = outline.chapters.find((c) => c.label === '第一目')!;
    expect(mu.title).toBe('共同財產制');
    expect(outline.chapters[mu.parent!]).toMatchObject({ label: '第三款', title: '約定財產制' });
    expect(article(outline, '第15-1條')).toMatchObject({ number: 15, sub: 1 });
    expect(outline.articles[outline.articles.length - 1]!.label).toBe('第1225條');
  });

  test('65 articles are just （刪除）', () => {
    const { outline } = load('tw-civil-code');
    expect(outline.articles.filter((a) => a.text === '（刪除）').length).toBe(65);
  });

  test('paragraphs beginning with a cross-reference stay in their article', () => {
    const { outline } = load('tw-civil-code');
    const a = article(outline, '第15-2條');
    const lines = a.text.split('\n');
    expect(lines[lines.length - 3]).toBe('第七十八條至第八十三條規定，於未依前項規定得輔助人同意之情形，準用之。');
    expect(lines[lines.length - 2]!.startsWith('第八十五條規定，於輔助人同意')).toBe(true);
    expect(lines[lines.length - 1]!.startsWith('第一項所列應經同意之行為')).toBe(true);
    const b = article(outline, '第800條');
    expect(b.text.startsWith('第七百九十九條情形，其專有部分之所有人')).toBe(true);
  });
});

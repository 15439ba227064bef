import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { paragraphsFromText, toOutlineJson } from '../../../regulation/json';
import { parseOutline } from '../../../regulation/outline';
import type { Outline, Paragraph } from '../../../regulation/types';

const txt = readFileSync(new URL('../../../sample/jinan-digital-economy-draft.txt', import.meta.url), 'utf8');
const html = readFileSync(new URL('../../../sample/jinan-digital-economy-draft.html', import.meta.url), 'utf8');
const paragraphs = paragraphsFromText(txt);
const outline = parseOutline(paragraphs);

const CHAPTERS = [
  '总则', '数字基础设施', '数字产业化', '产业数字化', '数据资源', '数字化治理', '数字经济安全', '保障措施', '附则',
];

function expectNotice(o: Outline): void {
  expect(o.title).toBe('济南市数字经济促进条例(征求意见稿)');
  expect(o.issuer).toBe('济南市工业和信息化局');
  expect(o.published).toBe('2024-02-18');
  expect(o.deadline).toBe('2024-03-20');
  expect(o.channels).toEqual({
    email: 'sgxjxxhyszjjc@jn.shandong.cn',
    subject: '《济南市数字经济促进条例(征求意见稿)》修改意见',
    envelope: null,
    address: '山东省济南市历下区龙鼎大道1号3层B323室',
    postcode: '250099',
    phone: '0531-51705786',
    fax: null,
    web: 'http://www.jinan.gov.cn',
  });
}

describe('Jinan sample (.txt)', () => {
  test('65 articles, 9 chapters, no warnings', () => {
    expect(outline.articles).toHaveLength(65);
    expect(outline.articles.map((a) => a.number)).toEqual(Array.from({ length: 65 }, (_, i) => i + 1));
    expect(outline.chapters.map((c) => c.label)).toEqual([
      '第一章', '第二章', '第三章', '第四章', '第五章', '第六章', '第七章', '第八章', '第九章',
    ]);
    expect(outline.chapters.map((c) => c.title)).toEqual(CHAPTERS);
    expect(outline.chapters.every((c) => c.kind === 'chapter' && c.parent === null)).toBe(true);
    expect(outline.warnings).toEqual([]);
  });

  test('the 目录 is a table of contents, not structure', () => {
    expect(outline.toc).not.toBeNull();
    const [from, to] = outline.toc!;
    // the file writes 目&nbsp; 录 and 第一章&nbsp; 总则 (U+00A0 and a space)
    expect(paragraphs[from]!.text.trim()).toBe('目\u00a0 录');
    expect(paragraphs[to]!.text.trim()).toBe('第一章\u00a0 总则');
    expect(paragraphs[from + 2]!.text.trim()).toBe('第一章 总则'); // first TOC entry
    expect(outline.chapters[0]!.paragraph).toBe(to);
    // every TOC line lies inside the range and none became a chapter
    for (const c of outline.chapters) expect(c.paragraph >= to).toBe(true);
  });

  test('notice details', () => {
    expectNotice(outline);
  });

  test('articles: text, chapter, paragraphs, bodyOffset', () => {
    const a33 = outline.articles[32]!;
    expect(a33.label).toBe('第三十三条');
    expect(a33.title).toBeNull();
    expect(a33.chapter).toBe(3);
    expect(outline.chapters[3]!.title).toBe('产业数字化');
    expect(a33.text.startsWith('地方金融监管部门应当推动金融业数字化转型升级')).toBe(true);
    expect(a33.text.endsWith('支持数字经济领域有条件的企业上市。')).toBe(true);
    expect(a33.text).not.toContain('\n');
    // the original paragraph is indented: bodyOffset points into it
    const p = paragraphs[a33.paragraphs[0]]!.text;
    expect(p.startsWith('  第三十三条 ')).toBe(true);
    expect(a33.bodyOffset).toBe('  第三十三条 '.length);
    expect(p.slice(a33.bodyOffset).startsWith('地方金融监管部门')).toBe(true);

    const a11 = outline.articles[10]!;
    expect(a11.label).toBe('第十一条');
    expect(a11.text.split('\n')).toEqual([
      '市、区县人民政府应当统筹推进下列数字基础设施建设:',
      '(一)基于新一代信息技术演化生成的通信网络基础设施、算力基础设施和数字技术基础设施等信息基础设施;',
      '(二)制造、交通、能源、市政等传统基础设施数字化、网络化、智能化升级形成的融合基础设施;',
      '(三)支撑科学研究、技术开发、产品研制等具有公益属性的创新基础设施。',
    ]);
    // 第十八条 ends right before 第三章
    const a18 = outline.articles[17]!;
    expect(a18.text.endsWith('不得危害数字基础设施安全。')).toBe(true);
    expect(outline.chapters[2]!.paragraph).toBe(a18.paragraphs[1]);

    const a64 = outline.articles[63]!;
    expect(a64.chapter).toBe(8);
    expect(a64.text.split('\n')).toHaveLength(2);
    const a65 = outline.articles[64]!;
    expect(a65.text).toBe('本条例自 年 月 日起施行。');
    expect(a65.paragraphs[1]).toBe(paragraphs.length);
  });

  test('toOutlineJson has exactly the contract keys', () => {
    const j = toOutlineJson(outline);
    expect(Object.keys(j)).toEqual(['title', 'issuer', 'published', 'deadline', 'channels', 'chapters', 'articles', 'items', 'warnings']);
    expect(Object.keys(j.channels)).toEqual(['email', 'subject', 'envelope', 'address', 'postcode', 'phone', 'fax', 'web']);
    expect(j.chapters[8]).toEqual({ label: '第九章', title: '附则', kind: 'chapter' });
    expect(j.articles[0]).toEqual({
      label: '第一条',
      number: 1,
      sub: 0,
      title: null,
      chapter: 0,
      text: outline.articles[0]!.text,
    });
    expect(Object.keys(j.articles[0]!)).toEqual(['label', 'number', 'sub', 'title', 'chapter', 'text']);
    expect(j.warnings).toEqual([]);
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
  });
});

/** A crude stand-in for the DOM reader: one paragraph per block element, tags stripped, &nbsp; kept as U+00A0. */
function blocksOf(page: string): Paragraph[] {
  const body = page.slice(page.indexOf('<body>'), page.indexOf('</body>'));
  const out: Paragraph[] = [];
  for (const chunk of body.split(/<\/(?:p|div|h1)>|<div[^>]*>|<p[^>]*>|<h1[^>]*>/)) {
    const isLink = /^\s*(?:<a [^>]*>[^<]*<\/a>\s*)+$/.test(chunk);
    const text = chunk
      .replace(/<[^>]+>/g, '')
      .replace(/&nbsp;/g, '\u00a0')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    if (text.trim().length > 0) out.push({ text, link: isLink });
  }
  return out;
}

describe('Jinan sample (.html blocks)', () => {
  const blocks = blocksOf(html);
  const hints = {
    pageTitle: '济南市工业和信息化局关于《济南市数字经济促进条例(征求意见稿)》公开征求意见的公告_济南市人民政府',
    articleTitle: '济南市工业和信息化局关于《济南市数字经济促进条例(征求意见稿)》公开征求意见的公告',
    pubDate: '2024-02-18 09:30',
    source: '济南市工业和信息化局',
  };

  test('same outline with hints', () => {
    const o = parseOutline(blocks, hints);
    expect(o.articles).toHaveLength(65);
    expect(o.chapters.map((c) => c.title)).toEqual(CHAPTERS);
    expect(o.warnings).toEqual([]);
    expectNotice(o);
    // 第六十条 is wrapped in <strong> and followed by &nbsp;
    const a60 = o.articles[59]!;
    expect(blocks[a60.paragraphs[0]]!.text.startsWith('第六十条\u00a0')).toBe(true);
    expect(a60.bodyOffset).toBe('第六十条\u00a0'.length);
    expect(a60.text.startsWith('地方金融监管部门应当鼓励')).toBe(true);
    // the page's attachment links and footer are not part of the last article
    expect(o.articles[64]!.text).toBe('本条例自 年 月 日起施行。');
  });

  test('same notice without hints (heading, 发布日期 line, signature)', () => {
    const o = parseOutline(blocks);
    expectNotice(o);
  });

  test('hints alone give title, issuer and date', () => {
    const o = parseOutline(['第一条 为了规范管理，制定本办法。'], {
      articleTitle: '某某市司法局关于《某某市物业管理办法（草案）》公开征求意见的通知',
      pubDate: '2023/11/5',
    });
    expect(o.title).toBe('某某市物业管理办法（草案）');
    expect(o.issuer).toBe('某某市司法局');
    expect(o.published).toBe('2023-11-05');
  });
});

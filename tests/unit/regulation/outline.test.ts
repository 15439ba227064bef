import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { paragraphsFromText } from '../../../regulation/json';
import { parseOutline } from '../../../regulation/outline';
import type { Paragraph } from '../../../regulation/types';

const labels = (ps: ReadonlyArray<string | Paragraph>) => parseOutline(ps).articles.map((a) => a.label);

describe('article headings', () => {
  test('bracketed titles in all bracket styles, with and without separators', () => {
    const o = parseOutline([
      '第一条(立法目的)为了规范数据管理，制定本办法。',
      '第二条 〖适用范围〗 本办法适用于本市行政区域。',
      '第三条　（定义）',
      '本办法所称数据，是指任何以电子方式对信息的记录。',
      '第四条【职责】 市人民政府负责组织实施。',
      '第五条［原则］ 应当遵循公开原则。',
      '第六条 （一 般 规 定） 其他事项。',
    ]);
    expect(o.articles.map((a) => [a.label, a.title, a.text])).toEqual([
      ['第一条', '立法目的', '为了规范数据管理，制定本办法。'],
      ['第二条', '适用范围', '本办法适用于本市行政区域。'],
      ['第三条', '定义', '本办法所称数据，是指任何以电子方式对信息的记录。'],
      ['第四条', '职责', '市人民政府负责组织实施。'],
      ['第五条', '原则', '应当遵循公开原则。'],
      ['第六条', '一般规定', '其他事项。'],
    ]);
    expect(o.articles[0]!.bodyOffset).toBe('第一条(立法目的)'.length);
    expect(o.articles[1]!.bodyOffset).toBe('第二条 〖适用范围〗 '.length);
    expect(o.articles[2]!.bodyOffset).toBe('第三条　（定义）'.length);
    expect(o.articles[2]!.paragraphs).toEqual([2, 4]);
    expect(o.warnings).toEqual([]);
  });

  test('heading alone on its line; body in the following paragraphs, blank lines skipped', () => {
    const o = parseOutline(['第一条', '为了规范管理，制定本办法。', '', '  ', '第二条', '下列事项适用本办法：', '（一）甲；', '（二）乙。']);
    expect(o.articles).toHaveLength(2);
    expect(o.articles[0]).toMatchObject({ label: '第一条', text: '为了规范管理，制定本办法。', paragraphs: [0, 4], bodyOffset: 3 });
    expect(o.articles[1]!.text).toBe('下列事项适用本办法：\n（一）甲；\n（二）乙。');
    expect(o.articles[1]!.paragraphs).toEqual([4, 8]);
  });

  test('body directly after the label (no separator)', () => {
    const o = parseOutline(['第一条为了规范管理，制定本办法。', '第二条中华人民共和国境内的活动，适用本办法。', '第三条本办法自公布之日起施行。']);
    expect(o.articles.map((a) => [a.number, a.text.slice(0, 4), a.bodyOffset])).toEqual([
      [1, '为了规范', 3],
      [2, '中华人民', 3],
      [3, '本办法自', 3],
    ]);
  });

  test('Arabic, full-width and spaced numbers; inserted articles', () => {
    const o = parseOutline([
      '第 1 條',
      '甲。',
      '第 1-1 條',
      '乙。',
      '第２条　丙。',
      '第 三 条 丁。',
      '第三条之一 戊。',
      '第三条之二　己。',
      '第四条 庚。',
    ]);
    expect(o.articles.map((a) => [a.label, a.number, a.sub, a.text])).toEqual([
      ['第1條', 1, 0, '甲。'],
      ['第1-1條', 1, 1, '乙。'],
      ['第２条', 2, 0, '丙。'],
      ['第三条', 3, 0, '丁。'],
      ['第三条之一', 3, 1, '戊。'],
      ['第三条之二', 3, 2, '己。'],
      ['第四条', 4, 0, '庚。'],
    ]);
    expect(o.warnings).toEqual([]);
    expect(labels(['第一百二十条之一 资助恐怖活动组织的，处五年以下有期徒刑。'])).toEqual(['第一百二十条之一']);
    expect(parseOutline(['第一千二百六十条 本法自2021年1月1日起施行。']).articles[0]).toMatchObject({ number: 1260, sub: 0 });
  });

  test('leading whitespace (U+3000, U+00A0) and whitespace runs inside a paragraph', () => {
    const o = parseOutline(['\u3000\u3000第一条\u3000为了  规范\n管理，\u3000制定本办法。\u3000', '\u00a0 第二条\u00a0本办法自公布之日起施行。']);
    expect(o.articles[0]!.text).toBe('为了 规范 管理，\u3000制定本办法。');
    expect(o.articles[0]!.bodyOffset).toBe(6);
    expect(o.articles[1]!.bodyOffset).toBe(6);
    expect(o.articles[1]!.text).toBe('本办法自公布之日起施行。');
  });
});

describe('references are not headings', () => {
  test('references inside sentences and at the start of paragraphs', () => {
    const o = parseOutline([
      '第一条 为了规范管理，制定本条例。',
      '依照本条例第十条规定的程序办理。',
      '第十条规定的情形，适用前款规定。',
      '第十条第二款所列事项，由市人民政府决定。',
      '第十条至第十二条的规定，适用于区县。',
      '第十条、第十一条不适用于本市。',
      '第十条和第十一条另有规定的除外。',
      '第五条 第二款规定的事项除外。',
      '第十条（一）项规定的情形除外。',
      '第十条的规定不适用。',
      '第十条中的期限，按工作日计算。',
      '第二条 本条例自公布之日起施行。',
    ]);
    expect(o.articles.map((a) => a.label)).toEqual(['第一条', '第二条']);
    expect(o.articles[0]!.text.split('\n')).toHaveLength(11);
    expect(o.warnings).toEqual([]);
  });

  test('amendment instructions are not headings', () => {
    const o = parseOutline([
      '一、将第一条修改为：“为了规范管理，制定本条例。”',
      '二、第五条第二款修改为：“前款规定不适用于本市。”',
      '第七条修改为：“本条例自公布之日起施行。”',
      '第八条删去。',
      '第九条改为第十条。',
      '三、删去第七条。',
    ]);
    expect(o.articles).toEqual([]);
    expect(o.warnings.map((w) => w.code)).toEqual(['empty']);
  });

  test('Taiwan cross-references at the start of a paragraph', () => {
    const o = parseOutline([
      '第 16 條',
      '權利能力及行為能力，不得拋棄。',
      '第十六條第七款規定，於前項情形準用之。',
      '第十五條之一規定，於本條準用之。',
      '第一百條之規定，於前二項情形準用之。',
      '第十七條情形，準用之。',
      '第 17 條',
      '自由不得拋棄。',
    ]);
    expect(o.articles.map((a) => a.label)).toEqual(['第16條', '第17條']);
    expect(o.articles[0]!.text.split('\n')).toHaveLength(5);
    expect(o.warnings).toEqual([]);
  });

  test('link paragraphs never produce headings or text', () => {
    const o = parseOutline([
      { text: '第一章 总则', link: true },
      { text: '第一条 立法目的', link: true },
      { text: '第二条 适用范围', link: true },
      { text: '第一章 总则' },
      { text: '第一条 为了规范管理，制定本办法。' },
      { text: '相关链接：第三条 解读', link: true },
      { text: '第二条 本办法自公布之日起施行。' },
    ]);
    expect(o.chapters.map((c) => c.paragraph)).toEqual([3]);
    expect(o.articles.map((a) => [a.label, a.paragraphs[0], a.text])).toEqual([
      ['第一条', 4, '为了规范管理，制定本办法。'],
      ['第二条', 6, '本办法自公布之日起施行。'],
    ]);
  });

  test('an unseparated label that does not fit the numbering is not a heading', () => {
    expect(labels(['第一条 甲。', '第二条 乙。', '第九十条另有规定的除外。', '第三条 丙。'])).toEqual(['第一条', '第二条', '第三条']);
  });
});

describe('structure headings', () => {
  test('编 / 分编 / 章 / 节 nesting, spaced forms, titles', () => {
    const o = parseOutline([
      '第一编 总则',
      '第一章 一般规定',
      '第一条 甲。',
      '第一节　通  则',
      '第二条 乙。',
      '第二编 分则',
      '第 一 分 编 通则',
      '第二章',
      '第三条 丙。',
      '第九章&nbsp;&nbsp;附 则'.replace(/&nbsp;/g, '\u00a0'),
      '第四条 丁。',
    ]);
    expect(o.chapters.map((c) => [c.label, c.title, c.kind, c.parent])).toEqual([
      ['第一编', '总则', 'part', null],
      ['第一章', '一般规定', 'chapter', 0],
      ['第一节', '通则', 'section', 1],
      ['第二编', '分则', 'part', null],
      ['第一分编', '通则', 'subpart', 3],
      ['第二章', null, 'chapter', 4],
      ['第九章', '附则', 'chapter', 4],
    ]);
    expect(o.articles.map((a) => a.chapter)).toEqual([1, 2, 5, 6]);
    // a 2-paragraph run (第二编, 第一分编…) that does not repeat is structure, not a TOC
    expect(o.toc).toBeNull();
  });

  test('unnumbered 总则 / 附则 / 總則 stand alone', () => {
    const o = parseOutline(['总 则', '第一条 甲。', '附　则', '第二条 乙。', '總則']);
    expect(o.chapters.map((c) => [c.label, c.title, c.kind, c.parent])).toEqual([
      ['总则', null, 'chapter', null],
      ['附则', null, 'chapter', null],
      ['總則', null, 'chapter', null],
    ]);
    expect(o.articles.map((a) => a.chapter)).toEqual([0, 1]);
  });

  test('long or punctuated lines starting with 第N章 are text', () => {
    const o = parseOutline([
      '第一条 甲。',
      '第二章规定的措施，适用于本条。',
      '第三章 的规定',
      '第四章第二节另有规定的，从其规定',
      '第五章 数字基础设施建设的总体要求和各级人民政府及其有关部门在数字基础设施建设中的职责分工与协调机制',
    ]);
    expect(o.chapters).toEqual([]);
    expect(o.articles[0]!.text.split('\n')).toHaveLength(5);
  });

  test('explicit 目录 with page numbers; body starts at the repeated first entry', () => {
    const o = parseOutline([
      '某某市数据条例',
      '（征求意见稿）',
      '目　　录',
      '第一章 总则……………………1',
      '第二章 数据资源……………3',
      '第三章 附则………………9',
      '第一章 总则',
      '第一条 甲。',
      '第二章 数据资源',
      '第二条 乙。',
      '第三章 附则',
      '第三条 丙。',
    ]);
    expect(o.toc).toEqual([2, 6]);
    expect(o.chapters.map((c) => [c.label, c.title, c.paragraph])).toEqual([
      ['第一章', '总则', 6],
      ['第二章', '数据资源', 8],
      ['第三章', '附则', 10],
    ]);
    expect(o.title).toBe('某某市数据条例（征求意见稿）');
  });

  test('目录 followed directly by the body (no repeat) keeps the headings', () => {
    const o = parseOutline(['目录', '第一章 总则', '第一条 甲。', '第二章 附则', '第二条 乙。']);
    expect(o.toc).toBeNull();
    expect(o.chapters.map((c) => c.label)).toEqual(['第一章', '第二章']);
  });

  test('an attachment or explanation heading ends the last article', () => {
    const o = parseOutline(['第一条 甲。', '第二条 乙。', '丙。', '附件2', '关于《某某条例》的起草说明', '一、起草背景']);
    expect(o.articles[1]!.text).toBe('乙。\n丙。');
    expect(o.articles[1]!.paragraphs).toEqual([1, 3]);
    const p = parseOutline(['第一条 甲。', '关于《某某条例（草案）》的起草说明', '一、必要性']);
    expect(p.articles[0]!.text).toBe('甲。');
  });

  test('article headings quoted in an explanation after the draft are not articles', () => {
    const o = parseOutline([
      '第一条 甲。',
      '第二条 乙。',
      '附件2',
      '关于《某某条例（草案）》的起草说明',
      '一、主要内容',
      '第一条 规定了立法目的。',
      '第三条 规定了适用范围。',
    ]);
    expect(o.articles.map((a) => a.label)).toEqual(['第一条', '第二条']);
    expect(o.articles[1]!.paragraphs).toEqual([1, 2]);
    expect(o.warnings).toEqual([]);
  });

  test('a page footer ends the last article; 主办单位 in a sentence does not', () => {
    const o = parseOutline(['第一条 甲。', '主办单位应当履行安全职责。', '主办：某某市人民政府办公厅', '第二条 页脚之后。']);
    expect(o.articles.map((a) => [a.label, a.text])).toEqual([['第一条', '甲。\n主办单位应当履行安全职责。']]);
  });
});

describe('numbering warnings', () => {
  test('gap, duplicate and order, each once', () => {
    const o = parseOutline(['第一条 甲。', '第二条 乙。', '第三条 丙。', '第五条 丁。', '第五条 戊。', '第四条 己。', '第六条 庚。']);
    expect(o.articles).toHaveLength(7);
    expect(o.warnings.map((w) => [w.code, w.article])).toEqual([
      ['gap', '第五条'],
      ['duplicate', '第五条'],
      ['order', '第四条'],
    ]);
    for (const w of o.warnings) expect(w.message.length).toBeGreaterThan(0);
  });

  test('sub-articles: 之一 follows its article; a missing base or sub is a gap', () => {
    expect(parseOutline(['第一条 甲。', '第一条之一 乙。', '第一条之二 丙。', '第二条 丁。']).warnings).toEqual([]);
    expect(parseOutline(['第一条 甲。', '第二条之一 乙。']).warnings.map((w) => w.code)).toEqual(['gap']);
    expect(parseOutline(['第一条 甲。', '第一条之一 乙。', '第一条之三 丙。']).warnings.map((w) => w.code)).toEqual(['gap']);
  });
});

describe('robustness', () => {
  test('empty input', () => {
    for (const input of [[], [''], ['   ', '\u3000']]) {
      const o = parseOutline(input);
      expect(o.articles).toEqual([]);
      expect(o.chapters).toEqual([]);
      expect(o.warnings.map((w) => w.code)).toEqual(['empty']);
      expect(o.title).toBeNull();
      expect(o.deadline).toBeNull();
    }
  });

  test('malformed input does not throw', () => {
    const bad = [null, undefined, 42, { text: 7 }, { nope: true }, '第一条 甲。'] as unknown as string[];
    const o = parseOutline(bad);
    expect(o.articles.map((a) => a.label)).toEqual(['第一条']);
    expect(parseOutline(undefined as unknown as string[]).warnings.map((w) => w.code)).toEqual(['empty']);
    expect(parseOutline(['第一条 甲。'], { pageTitle: 5, pubDate: {} } as never).articles).toHaveLength(1);
  });

  function pseudoRandomBytes(n: number, seed: number): Uint8Array {
    const out = new Uint8Array(n);
    let x = seed;
    for (let i = 0; i < n; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      out[i] = x >>> 24;
    }
    return out;
  }

  test('binary junk decoded as latin1', () => {
    const junk = Buffer.from(pseudoRandomBytes(50_000, 1)).toString('latin1');
    const o = parseOutline(junk.split('\n'));
    expect(o.warnings.map((w) => w.code)).toEqual(['binary', 'empty']);
  });

  test('binary junk decoded as UTF-8 (U+FFFD)', () => {
    const junk = new TextDecoder().decode(pseudoRandomBytes(50_000, 2));
    expect(junk).toContain('\ufffd');
    const o = parseOutline(paragraphsFromText(junk));
    expect(o.warnings.map((w) => w.code)).toContain('binary');
  });

  // (its speed is a benchmark's business: npm run bench times the reader on the civil code page)
  test('a 5 MB page (civil code repeated plus junk) parses in full, with a bounded list of warnings', () => {
    const civil = paragraphsFromText(
      readFileSync(new URL('../../corpus/civil-code-2020.txt', import.meta.url), 'utf8'),
    );
    const page: Paragraph[] = [];
    let chars = 0;
    let copies = 0;
    const junk = Buffer.from(pseudoRandomBytes(2000, 3)).toString('latin1');
    while (chars < 5_000_000) {
      for (const p of civil) {
        page.push(p);
        chars += p.text.length;
      }
      page.push({ text: junk });
      chars += junk.length;
      copies++;
    }
    const o = parseOutline(page);
    expect(o.articles).toHaveLength(1260 * copies);
    const codes = new Set(o.warnings.map((w) => w.code));
    expect(codes.has('duplicate')).toBe(true);
    expect(o.warnings.length).toBeLessThanOrEqual(205);
  });

  test('input over 10 million characters is cut with a warning', () => {
    const o = parseOutline(['第一条 甲。', 'x'.repeat(10_000_001), '第二条 乙。']);
    expect(o.warnings.map((w) => w.code)).toEqual(['too-large']);
    expect(o.articles.map((a) => a.label)).toEqual(['第一条']);
  });
});

describe('a draft file read alone (real files: tests/baselines/files)', () => {
  test('the title keeps a draft mark on its own line; a lone 附 ends the last article', () => {
    for (const mark of ['（草案送审稿）', '(草案修改稿)', '（征求意见稿）']) {
      const o = parseOutline([`北京市居住证管理办法${mark}`, '第一条 为了规范管理，制定本办法。', '第二条 本办法自公布之日起施行。', '附', '说明编制格式要求', '1 概述']);
      expect(o.title, mark).toBe(`北京市居住证管理办法${mark}`);
      expect(o.articles.map((a) => a.text)).toEqual(['为了规范管理，制定本办法。', '本办法自公布之日起施行。']);
    }
  });

  test('a printed gov.cn page: each value of the metadata table ends at the next label on its line', () => {
    const o = parseOutline([
      '索 引 号： 000014349/2016-00148 主题分类： 科技、教育\\教育',
      '发文机关： 国务院 成文日期： 2016年07月02日',
      '标 题： 国务院关于统筹推进县域内城乡义务教育一体化改革发展的若干意见',
      '发文字号： 国发〔2016〕40号 发布日期： 2016年07月11日',
      '一、指导思想',
      '二、基本原则',
    ]);
    expect(o.issuer).toBe('国务院');
    expect(o.title).toBe('国务院关于统筹推进县域内城乡义务教育一体化改革发展的若干意见');
    expect(o.published).toBe('2016-07-11');
  });

  test('附则 is still a chapter, not an attachment', () => {
    const o = parseOutline(['第一章 总则', '第一条 为了规范管理，制定本办法。', '第二章 附则', '第二条 本办法自公布之日起施行。']);
    expect(o.chapters.map((c) => c.label)).toEqual(['第一章', '第二章']);
    expect(o.articles).toHaveLength(2);
  });
});

import { describe, expect, test } from 'vitest';
import { isCrossReference, isPageNumber, isPrintedMargin, joinLines, normaliseCompat, startsHeading } from '../../../files/clean';
import { readPdfText, type PageText, type TextItemLike } from '../../../files/pdf-text';
import { parseOutline } from '../../../regulation/outline';

describe('text cleaning (issue 13 §3)', () => {
  test('page numbers in the forms drafts use, and not article text', () => {
    for (const s of ['- 3 -', '— 3 —', '－3－', '第3页', '第 3 页', '第1/8页', '3/8', '12', 'Page 3 of 8', '第3页 共8页']) expect(isPageNumber(s), s).toBe(true);
    for (const s of ['第三条 本条例自公布之日起施行。', '3.通过信函方式', '(三)数据', '2024年3月20日']) expect(isPageNumber(s), s).toBe(false);
  });

  test("a browser's printed margins: date and time with the title, the address with 1/8", () => {
    expect(isPrintedMargin('2024/2/18 上午10:30 济南市人民政府')).toBe(true);
    expect(isPrintedMargin('24-2-18 10:30')).toBe(true);
    expect(isPrintedMargin('http://www.jinan.gov.cn/art/2024/2/18/art_1861_4939587.html 1/8')).toBe(true);
    expect(isPrintedMargin('第二十条 2024年起,市人民政府')).toBe(false);
  });

  test('lines join without a space between Chinese characters and with one between Latin words', () => {
    expect(joinLines('推动数字技术与实体经济深度', '融合,培育经济增长新动能')).toBe('推动数字技术与实体经济深度融合,培育经济增长新动能');
    expect(joinLines('the personal data', 'protection act')).toBe('the personal data protection act');
    expect(joinLines('通用服务器、AI', '服务器')).toBe('通用服务器、AI服务器');
  });

  test('a cross-reference at the start of a line is not a heading; an article or chapter is', () => {
    expect(isCrossReference('第十六条第一款规定的情形')).toBe(true);
    expect(isCrossReference('第三条规定的数据')).toBe(true);
    expect(startsHeading('第十六条第一款规定的情形')).toBe(false);
    expect(startsHeading('第十六条 数据处理者')).toBe(true);
    expect(startsHeading('第三章 数字产业化')).toBe(true);
  });

  test('NFKC for Kangxi radicals only: 第⼀条 becomes 第一条, full-width punctuation stays', () => {
    expect(normaliseCompat('第⼀条（⽬的）为了，⼆⼗')).toBe('第一条（目的）为了，二十');
    // the supplement's simplified forms, as macOS and cairo write them: 意⻅, ⾸⻚, ⼈⺠
    expect(normaliseCompat('若⼲意⻅ ⾸⻚ ⼈⺠政府')).toBe('若干意见 首页 人民政府');
    const outline = parseOutline(['第⼀条 为了规范。', '第⼆条 本办法适用。'].map(normaliseCompat));
    expect(outline.articles.map((a) => a.label)).toEqual(['第一条', '第二条']);
  });
});

/** A synthetic page: one item per line, at (x, y) in PDF space (y from the page's top here, for reading ease). */
function page(lines: Array<[string, number, number, number?]>, height = 842): PageText {
  const items: TextItemLike[] = lines.map(([str, x, top, size = 14]) => ({ str, transform: [size, 0, 0, size, x, height - top - size], width: str.length * size, height: size }));
  return { width: 595, height, items };
}

describe('readPdfText on synthetic pages', () => {
  const full = '一'.repeat(30); // 30 characters of 14 pt from x=74: the full width of the text
  test('an article running across pages keeps its text whole, without the header, footer and page number', () => {
    const p1 = page([
      ['某某条例(征求意见稿)', 200, 40, 10],
      ['第一条 为了' + '一'.repeat(26), 102, 100],
      [full, 74, 130],
      ['第十六条第一款规定的情形除外,' + '一'.repeat(15), 74, 160],
      [full, 74, 190],
      ['- 1 -', 280, 800, 11],
    ]);
    const p2 = page([
      ['某某条例(征求意见稿)', 200, 40, 10],
      ['二'.repeat(20) + '。', 74, 100],
      ['第二条 本条例自公布之日起施行。', 102, 130],
      ['第2页', 280, 800, 11],
    ]);
    const t = readPdfText([p1, p2]);
    expect(t.lines.filter((l) => l.dropped).map((l) => l.dropped)).toEqual(['running', 'page-number', 'running', 'page-number']);
    expect(t.paragraphs).toHaveLength(2);
    expect(t.paragraphs[0]).toBe('第一条 为了' + '一'.repeat(26) + full + '第十六条第一款规定的情形除外,' + '一'.repeat(15) + full + '二'.repeat(20) + '。');
    const outline = parseOutline(t.paragraphs);
    expect(outline.articles.map((a) => a.label)).toEqual(['第一条', '第二条']);
  });

  test('a chapter heading wrapped onto a second centred line is one heading', () => {
    const t = readPdfText([
      page([
        ['第五章 数据资源开发利用与', 200, 100],
        ['安全保护', 270, 130],
        ['第一条 ' + '一'.repeat(20) + '。', 102, 160],
        [full, 74, 190],
      ]),
    ]);
    expect(t.paragraphs[0]).toBe('第五章 数据资源开发利用与安全保护');
    expect(parseOutline(t.paragraphs).chapters[0]?.title).toBe('数据资源开发利用与安全保护');
  });

  test('a chapter heading broken across a page break (its first line the last on one page, the rest the first on the next) is one heading', () => {
    const p1 = page([
      ['第一条 ' + '一'.repeat(24), 102, 100],
      [full, 74, 130],
      ['第五章 数据资源开发利用与', 200, 790],
    ]);
    const p2 = page([
      ['安全保护', 270, 60],
      ['第二条 ' + '二'.repeat(20) + '。', 102, 90],
    ]);
    const t = readPdfText([p1, p2]);
    expect(t.paragraphs).toContain('第五章 数据资源开发利用与安全保护');
    const outline = parseOutline(t.paragraphs);
    expect(outline.chapters.map((c) => c.title)).toEqual(['数据资源开发利用与安全保护']);
    expect(outline.articles.map((a) => a.label)).toEqual(['第一条', '第二条']);
    expect(outline.articles[1]!.text).toBe('二'.repeat(20) + '。');
  });

  test('a page that starts with the last lines of the page before (an overlapping print): the copy goes, the article stays', () => {
    const p1 = page([
      ['第一条 ' + '一'.repeat(24), 102, 100],
      [full, 74, 130],
      ['第二条 ' + '二'.repeat(24), 102, 770],
      ['三'.repeat(29) + '，', 74, 800],
    ]);
    const p2 = page([
      ['第二条 ' + '二'.repeat(24), 102, -9],
      ['三'.repeat(29) + '，', 74, 4],
      ['四'.repeat(20) + '。', 74, 34],
      ['第三条 本条例自公布之日起施行。', 102, 64],
    ]);
    const t = readPdfText([p1, p2]);
    expect(t.lines.filter((l) => l.dropped).map((l) => `${l.page}:${l.dropped}`)).toEqual(['1:repeated', '1:repeated']);
    const outline = parseOutline(t.paragraphs);
    expect(outline.articles.map((a) => a.label)).toEqual(['第一条', '第二条', '第三条']);
    expect(outline.articles[1]!.text).toBe('二'.repeat(24) + '三'.repeat(29) + '，' + '四'.repeat(20) + '。');
  });

  test('a short line that merely recurs at a page break is kept', () => {
    const t = readPdfText([
      page([[full, 74, 100], ['（一）', 102, 800]]),
      page([['（一）', 102, 40], [full, 74, 70]]),
    ]);
    expect(t.lines.some((l) => l.dropped === 'repeated')).toBe(false);
  });

  test('a PDF without text: no lines, noText', () => {
    const t = readPdfText([{ width: 595, height: 842, items: [] }]);
    expect(t.noText).toBe(true);
    expect(t.paragraphs).toEqual([]);
  });
});

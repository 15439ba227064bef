// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { passageToRanges, rangeToPassage } from '../../../anchoring/dom-range';
import { readBlocks, type Block } from '../../../page/blocks';
import { parseOutline } from '../../../regulation/outline';
import type { Article, Outline } from '../../../regulation/types';
import { seeded } from './helpers';

function load(html: string): { blocks: Block[]; outline: Outline } {
  document.body.innerHTML = html;
  const blocks = readBlocks(document.body);
  return { blocks, outline: parseOutline(blocks) };
}

function article(o: Outline, label: string): Article {
  const a = o.articles.find((x) => x.label === label);
  if (!a) throw new Error(`no ${label}`);
  return a;
}

/** The round-trip rule: each range's text with whitespace runs as one space, joined by "\n". */
const rangesText = (ranges: Range[]) => ranges.map((r) => r.toString().replace(/[ \t\r\n\f\v\u00a0]+/g, ' ')).join('\n');
const expectedText = (a: Article, start: number, end: number) => a.text.slice(start, end).replace(/^\n+|\n+$/g, '');

/** One range from the start of the first to the end of the last. */
function span(ranges: Range[]): Range {
  const r = document.createRange();
  r.setStart(ranges[0]!.startContainer, ranges[0]!.startOffset);
  const last = ranges[ranges.length - 1]!;
  r.setEnd(last.endContainer, last.endOffset);
  return r;
}

function checkRoundTrip(blocks: Block[], a: Article, start: number, end: number): void {
  const ranges = passageToRanges(blocks, a, start, end);
  expect(ranges).not.toBeNull();
  expect(rangesText(ranges!)).toBe(expectedText(a, start, end));
  if (ranges!.length === 0) return;
  // the inverse, with "\n" at the slice's edges dropped
  let s = start;
  let e = end;
  while (a.text[s] === '\n') s++;
  while (a.text[e - 1] === '\n') e--;
  expect(rangeToPassage(blocks, a, span(ranges!))).toEqual({ start: s, end: e });
}

describe('passageToRanges / rangeToPassage on small markup', () => {
  test('a label in <strong> followed by &nbsp;: the body maps past the label and the space', () => {
    const { blocks, outline } = load('<p><strong>第十条</strong>&nbsp;支持济南新旧动能转换起步区依托区位优势。</p>');
    const a = article(outline, '第十条');
    expect(a.text).toBe('支持济南新旧动能转换起步区依托区位优势。');
    const ranges = passageToRanges(blocks, a, 0, 4)!;
    expect(ranges.map((r) => r.toString())).toEqual(['支持济南']);
    expect(ranges[0]!.startContainer).toBe(blocks[0]!.nodes[1]);
    expect(ranges[0]!.startOffset).toBe(1); // after the &nbsp;
    for (let s = 0; s < a.text.length; s++) for (let e = s + 1; e <= a.text.length; e++) checkRoundTrip(blocks, a, s, e);
  });

  test('a label split across spans, full-width space separator', () => {
    const { blocks, outline } = load('<p><span>第三十</span><span>三条</span>　地方金融监管部门应当推动金融业数字化转型。</p>');
    const a = article(outline, '第三十三条');
    expect(a.text).toBe('地方金融监管部门应当推动金融业数字化转型。');
    expect(passageToRanges(blocks, a, 0, 6)!.map(String)).toEqual(['地方金融监管']);
    for (let s = 0; s < a.text.length; s++) checkRoundTrip(blocks, a, s, a.text.length);
  });

  test('<br>-separated items, &nbsp; indentation, full-width indentation, collapsed spaces, skipped link line', () => {
    const html =
      '<p>第十一条 市、区县人民政府应当统筹推进下列建设:</p>' +
      '<p>　　(一)通信网络基础设施;<br>\n&nbsp;&nbsp;&nbsp;&nbsp;(二)融合基础设施  和   创新设施;</p>' +
      '<p><a href="/x">相关链接</a></p>' +
      '<p>\n   </p>' +
      '<p>　　(三)支撑 <em>科学</em>研究的创新基础设施。　</p>' +
      '<p>第十二条 下一条。</p>';
    const { blocks, outline } = load(html);
    const a = article(outline, '第十一条');
    expect(a.text).toBe(
      '市、区县人民政府应当统筹推进下列建设:\n(一)通信网络基础设施;\n(二)融合基础设施 和 创新设施;\n(三)支撑 科学研究的创新基础设施。',
    );
    // one range per block, none over indentation or the link line
    const all = passageToRanges(blocks, a, 0, a.text.length)!;
    expect(all.map(String)).toEqual([
      '市、区县人民政府应当统筹推进下列建设:',
      '(一)通信网络基础设施;',
      '(二)融合基础设施  和   创新设施;',
      '(三)支撑 科学研究的创新基础设施。',
    ]);
    for (let s = 0; s < a.text.length; s++) {
      for (let e = s + 1; e <= a.text.length; e++) checkRoundTrip(blocks, a, s, e);
    }
    // a slice that is only the "\n" between two paragraphs has no range
    const nl = a.text.indexOf('\n');
    expect(passageToRanges(blocks, a, nl, nl + 1)).toEqual([]);
  });

  test('selections: clipped to the text in the label, null across articles, collapsed or outside', () => {
    const { blocks, outline } = load('<p>第一条 甲乙丙丁。</p><p>第二条 戊己庚辛。</p>');
    const [a1, a2] = outline.articles as [Article, Article];
    const r = document.createRange();
    r.setStart(blocks[0]!.nodes[0]!, 1); // inside 第一条
    r.setEnd(blocks[0]!.nodes[0]!, 6);
    expect(r.toString()).toBe('一条 甲乙');
    expect(rangeToPassage(blocks, a1, r)).toEqual({ start: 0, end: 2 });
    // from article 1 into article 2: inside neither
    r.setEnd(blocks[1]!.nodes[0]!, 6);
    expect(rangeToPassage(blocks, a1, r)).toBeNull();
    expect(rangeToPassage(blocks, a2, r)).toBeNull();
    // a whole paragraph selected by element boundaries (triple click)
    const p2 = document.body.children[1]!;
    r.setStart(p2, 0);
    r.setEnd(p2, 1);
    expect(rangeToPassage(blocks, a2, r)).toEqual({ start: 0, end: a2.text.length });
    expect(rangeToPassage(blocks, a1, r)).toBeNull();
    r.collapse(true);
    expect(rangeToPassage(blocks, a2, r)).toBeNull();
    // only the label: no text of the article
    r.setStart(blocks[0]!.nodes[0]!, 0);
    r.setEnd(blocks[0]!.nodes[0]!, 3);
    expect(rangeToPassage(blocks, a1, r)).toBeNull();
  });

  test('bad offsets and blocks that no longer hold the article give null', () => {
    const { blocks, outline } = load('<p>第一条 甲乙丙丁。</p>');
    const a = outline.articles[0]!;
    expect(passageToRanges(blocks, a, 2, 2)).toBeNull();
    expect(passageToRanges(blocks, a, -1, 2)).toBeNull();
    expect(passageToRanges(blocks, a, 0, a.text.length + 1)).toBeNull();
    expect(passageToRanges(blocks, { ...a, text: '甲乙丙戊。' }, 0, 2)).toBeNull();
    expect(passageToRanges(blocks, { ...a, paragraphs: [0, 5] }, 0, 2)).toBeNull();
    // the page changed since the blocks were read
    blocks[0]!.nodes[0]!.data = '第一条 甲乙戊丁。';
    expect(passageToRanges(blocks, a, 0, 2)).toBeNull();
    blocks[0]!.nodes[0]!.data = '第一条 甲乙丙丁。';
    expect(passageToRanges(blocks, a, 0, 2)!.map(String)).toEqual(['甲乙']);
    document.body.firstChild!.remove();
    expect(passageToRanges(blocks, a, 0, 2)).toBeNull();
  });
});

describe('the sample page (jinan-digital-economy-draft.html)', () => {
  const html = readFileSync(resolve('sample/jinan-digital-economy-draft.html'), 'utf8');
  const body = /<body>([\s\S]*)<\/body>/.exec(html)![1]!;

  test('random offsets in every article: ranges read back the text, and the selection maps back', () => {
    const { blocks, outline } = load(body);
    expect(outline.articles).toHaveLength(65);
    const rnd = seeded(2024);
    let multi = 0;
    for (const a of outline.articles) {
      for (let k = 0; k < 12; k++) {
        const s = Math.floor(rnd() * a.text.length);
        const e = s + 1 + Math.floor(rnd() * (a.text.length - s));
        checkRoundTrip(blocks, a, s, e);
        if (a.text.slice(s, e).includes('\n')) multi++;
      }
      checkRoundTrip(blocks, a, 0, a.text.length);
    }
    expect(multi).toBeGreaterThan(10); // slices across paragraphs were exercised
  });

  test('the quirky articles: <strong> label, split label, <br> items, full-width indentation', () => {
    const { blocks, outline } = load(body);
    for (const label of ['第十条', '第三十三条', '第十一条', '第四十七条']) {
      const a = article(outline, label);
      const ranges = passageToRanges(blocks, a, 0, a.text.length)!;
      expect(rangesText(ranges)).toBe(a.text);
      expect(ranges[0]!.toString().startsWith(a.text.slice(0, 5))).toBe(true);
    }
    const a11 = article(outline, '第十一条');
    expect(a11.text.split('\n')).toHaveLength(4); // heading + (一) + (二) after the <br> + (三)
  });
});

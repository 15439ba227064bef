import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { DOCX_FONTS, buildLetter, renderDocx } from '../../../letter';
import { article, goldenInput, note } from './fixtures';

/** word/document.xml of a .docx, unzipped. */
async function documentXml(bytes: Uint8Array): Promise<string> {
  const files = unzipSync(bytes);
  expect(Object.keys(files)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']));
  return strFromU8(files['word/document.xml']!);
}

const unescapeXml = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The text of a piece of WordprocessingML: its <w:t> runs, paragraphs joined by \n. */
const textOf = (xml: string) =>
  xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescapeXml(m[1]!)).join(''))
    .filter((p, i, all) => p !== '' || i < all.length - 1)
    .join('\n')
    .replace(/\n+$/, '');

/** Each table row's cell texts. */
const tableRows = (xml: string) =>
  [...xml.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((tr) =>
    [...tr[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((tc) => textOf(tc[1]!)),
  );

/** eastAsia fonts declared on runs whose text matches. */
function fontOfRun(xml: string, text: string): string | undefined {
  for (const r of xml.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)) {
    if (r[1]!.includes(`>${text}</w:t>`)) return /w:eastAsia="([^"]+)"/.exec(r[1]!)?.[1];
  }
  return undefined;
}

describe('.docx read back (unzip + XML)', () => {
  test('table form: header row and one row per item with the cells’ text', async () => {
    const letter = buildLetter(goldenInput({ options: { form: 'table' } }));
    const xml = await documentXml(await renderDocx(letter));
    const rows = tableRows(xml);
    expect(rows[0]).toEqual(['序号', '条款', '原文', '修改意见', '理由']);
    expect(rows).toHaveLength(6);
    expect(rows[1]).toEqual(['1', '第二条', '本条例适用于本市行政区域内促进数字经济发展的相关活动。', '赞同本条规定。', '']);
    expect(rows[2]![0]).toBe('2');
    expect(rows[2]![1]).toBe('第三条');
    expect(rows[2]![2]).toBe(article(3).text);
    expect(rows[2]![4]).toBe('增加“开放合作”原则，与《山东省数字经济促进条例》表述保持一致。\n同时体现对外开放的要求。');
    // 第六条's two lines are two paragraphs of one cell
    expect(rows[3]![2]).toBe(article(6).text);
    expect(rows[4]).toEqual(['4', '第六条', '口岸物流等部门', '对上述内容有疑问：“口岸物流”部门具体指哪一部门？', '']);
    expect(rows[5]![1]).toBe('第十条');
    // the header row repeats on each page
    expect(xml).toMatch(/<w:tr><w:trPr><w:tblHeader\/><\/w:trPr>/);
  });

  test('fonts: 仿宋 for the body (runs and document default), 宋体 title, 黑体 headings; A4 page', async () => {
    const bytes = await renderDocx(buildLetter(goldenInput({ options: { form: 'table' } })));
    const xml = await documentXml(bytes);
    expect(fontOfRun(xml, '关于《济南市数字经济促进条例(征求意见稿)》的修改意见')).toBe('宋体');
    expect(fontOfRun(xml, '一、总体意见')).toBe('黑体');
    expect(fontOfRun(xml, '二、具体修改意见')).toBe('黑体');
    expect(fontOfRun(xml, '序号')).toBe('黑体');
    expect(fontOfRun(xml, '济南市工业和信息化局：')).toBe('仿宋');
    expect(fontOfRun(xml, '2024年3月1日')).toBe('仿宋');
    expect(DOCX_FONTS.body).toBe('仿宋');
    const styles = strFromU8(unzipSync(bytes)['word/styles.xml']!);
    expect(styles).toMatch(/<w:rPrDefault><w:rPr><w:rFonts [^>]*w:eastAsia="仿宋"/);
    expect(styles).toContain('w:eastAsia="zh-CN"');
    // A4: 210 × 297 mm = 11906 × 16838 twentieths of a point
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  });

  test('prose form: headings, 原文 / 修改意见 / 理由 paragraphs, signature and date', async () => {
    const xml = await documentXml(await renderDocx(buildLetter(goldenInput())));
    expect(tableRows(xml)).toEqual([]);
    const text = textOf(xml);
    expect(text).toContain('（一）第二条\n原文：本条例适用于本市行政区域内促进数字经济发展的相关活动。\n修改意见：赞同本条规定。');
    expect(text).toContain('2. 原文：口岸物流等部门');
    expect(text).toContain('联系人：张明');
    expect(text.endsWith('2024年3月1日')).toBe(true);
    expect(fontOfRun(xml, '（一）第二条')).toBe(DOCX_FONTS.articleHeading);
    expect(text).not.toContain('私人备注');
  });

  test('markup and ampersands in a note are text in the document', async () => {
    const n = note(3, { suggestion: '<w:t>注入</w:t> & <script>', reason: 'a < b' });
    const xml = await documentXml(await renderDocx(buildLetter(goldenInput({ notes: [n], options: { form: 'table' } }))));
    expect(xml).not.toContain('<w:t>注入</w:t> &');
    expect(tableRows(xml)[1]![3]).toBe('建议修改为：“<w:t>注入</w:t> & <script>”。');
    expect(tableRows(xml)[1]![4]).toBe('a < b');
  });

  test('an empty letter still makes a document', async () => {
    const xml = await documentXml(await renderDocx(buildLetter(goldenInput({ notes: [], comments: [] }))));
    expect(textOf(xml)).toContain('关于《济南市数字经济促进条例(征求意见稿)》的修改意见');
    expect(tableRows(xml)).toEqual([]);
  });
});

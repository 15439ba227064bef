import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { buildLetter, renderDocx } from '../../../letter';
import { closingIndents, DOCX_FONTS, docxColumnWidths, textWidthChars, WIDEST_LABEL } from '../../../letter/docx';
import { titleLines } from '../../../letter/layout';
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
    expect(xml).toMatch(/<w:tr><w:trPr>(?:<w:cantSplit\/>)?<w:tblHeader\/><\/w:trPr>/);
    // body rows may break across pages
    expect(xml.match(/<w:cantSplit\/>/g)).toHaveLength(1);
  });

  test('fonts: 仿宋_GB2312 for the body (runs and document default), 方正小标宋简体 title, 黑体 headings; A4 page', async () => {
    const bytes = await renderDocx(buildLetter(goldenInput({ options: { form: 'table' } })));
    const xml = await documentXml(bytes);
    // the title in two lines broken before the draft's 征求意见稿 suffix, not inside a word
    expect(fontOfRun(xml, '关于《济南市数字经济促进条例')).toBe('方正小标宋简体');
    expect(xml).toContain('<w:br/><w:t xml:space="preserve">(征求意见稿)》的修改意见</w:t>');
    expect(fontOfRun(xml, '一、总体意见')).toBe('黑体');
    expect(fontOfRun(xml, '二、具体修改意见')).toBe('黑体');
    expect(fontOfRun(xml, '序号')).toBe('黑体');
    expect(fontOfRun(xml, '济南市工业和信息化局：')).toBe('仿宋_GB2312');
    expect(fontOfRun(xml, '2024年3月1日')).toBe('仿宋_GB2312');
    expect(DOCX_FONTS.body).toBe('仿宋_GB2312');
    const styles = strFromU8(unzipSync(bytes)['word/styles.xml']!);
    expect(styles).toMatch(/<w:rPrDefault><w:rPr><w:rFonts [^>]*w:eastAsia="仿宋_GB2312"/);
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
    // the signer over the date, the other contact details as a note under it (GB/T 9704-2012 7.3.5)
    expect(text).toContain('济南市软件行业协会\n2024年3月1日\n（联系人：张明；联系电话：0531-88886666；电子邮箱：zhangming@example.com；通信地址：山东省济南市历下区经十路100号）');
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

  test('the font table declares each Chinese font with its fallbacks; Latin text is en-US, East Asian zh-CN', async () => {
    const files = unzipSync(await renderDocx(buildLetter(goldenInput())));
    const fonts = strFromU8(files['word/fontTable.xml']!);
    const entry = (name: string) => new RegExp(`<w:font w:name="${name}">([\\s\\S]*?)</w:font>`).exec(fonts)?.[1] ?? '';
    const alt = (name: string) => /<w:altName w:val="([^"]+)"/.exec(entry(name))?.[1];
    // 仿宋_GB2312 → 仿宋 → FangSong → STFangsong; 方正小标宋简体 → 宋体 → SimSun → STSong
    expect([alt('仿宋_GB2312'), alt('仿宋'), alt('FangSong')]).toEqual(['仿宋', 'FangSong', 'STFangsong']);
    expect([alt('方正小标宋简体'), alt('宋体'), alt('SimSun')]).toEqual(['宋体', 'SimSun', 'STSong']);
    for (const name of ['仿宋_GB2312', '仿宋', 'FangSong', 'STFangsong', '方正小标宋简体', '宋体', 'SimSun', 'STSong', '楷体_GB2312', '黑体']) {
      expect(entry(name), name).toMatch(/<w:panose1 w:val="[0-9A-F]{20}"\/><w:charset w:val="86"\/><w:family w:val="(roman|modern)"\/>/);
    }
    const xml = strFromU8(files['word/document.xml']!);
    const runs = xml.match(/<w:r>[\s\S]*?<\/w:r>/g)!;
    for (const r of runs) expect(r).toContain('<w:lang w:val="en-US" w:eastAsia="zh-CN"/>');
  });

  test('document properties name the reviewer, never "Un-named"', async () => {
    const core = (bytes: Uint8Array) => strFromU8(unzipSync(bytes)['docProps/core.xml']!);
    const signed = core(await renderDocx(buildLetter(goldenInput())));
    expect(signed).toContain('<dc:creator>张明</dc:creator>');
    expect(signed).toContain('<cp:lastModifiedBy>张明</cp:lastModifiedBy>');
    const anonymous = core(await renderDocx(buildLetter(goldenInput({ profile: { name: '', organisation: '', phone: '', email: '', address: '' } }))));
    expect(anonymous).not.toContain('Un-named');
  });

  test('page numbers — 1 — at the foot, odd pages right and even pages left; headings kept with their text', async () => {
    const files = unzipSync(await renderDocx(buildLetter(goldenInput())));
    const footers = Object.keys(files).filter((k) => /^word\/footer\d+\.xml$/.test(k)).map((k) => strFromU8(files[k]!));
    expect(footers).toHaveLength(2);
    for (const f of footers) expect(textOf(f.replace(/<w:instrText[^>]*>[^<]*<\/w:instrText>/g, ''))).toBe('—  —');
    expect(footers.map((f) => /<w:jc w:val="(\w+)"/.exec(f)?.[1]).sort()).toEqual(['left', 'right']);
    expect(footers.every((f) => /PAGE/.test(f))).toBe(true);
    expect(strFromU8(files['word/settings.xml']!)).toContain('<w:evenAndOddHeaders/>');
    const xml = strFromU8(files['word/document.xml']!);
    for (const h of ['一、总体意见', '二、具体修改意见', '（一）第二条']) {
      const p = xml.split('</w:p>').find((x) => x.includes(`>${h}</w:t>`))!;
      expect(p, h).toContain('<w:keepNext/>');
    }
  });

  test('table columns: 序号 and 条款 fit on one line up to 第一千二百六十条之一; 原文 and 修改意见 widest', () => {
    const item = (label: string) => ({ clauseLabel: label }) as never;
    for (const labels of [['第三条'], ['第三条', WIDEST_LABEL]]) {
      const w = docxColumnWidths({ items: labels.map(item) });
      expect(w.reduce((a, b) => a + b)).toBe(11906 - 1587 - 1474);
      const longest = Math.max(...labels.map(textWidthChars));
      // 12 pt characters are 240 twentieths of a point, plus the cell's padding
      expect(w[1]!).toBeGreaterThanOrEqual(longest * 240 + 216);
      expect(w[0]!).toBeGreaterThanOrEqual(2 * 240 + 216);
      expect(Math.min(w[2]!, w[3]!)).toBeGreaterThan(Math.max(w[0]!, w[4]!));
      // with ordinary labels 原文 and 修改意见 are the widest of all; a ten-character label takes what it needs
      if (longest <= 6) expect(Math.min(w[2]!, w[3]!)).toBeGreaterThan(w[1]!);
    }
  });

  test('the signer is centred over the date, which stands four characters from the right', () => {
    expect(closingIndents('济南市软件行业协会', '2024年3月1日')).toEqual({ signer: 2.5, date: 4 });
    expect(closingIndents('张明', '2024年3月1日')).toEqual({ signer: 6, date: 4 });
    // a long signer keeps two characters from the right and the date moves under its centre
    const long = closingIndents('济南市数字经济产业发展促进会秘书处', '2024年3月1日');
    expect(long.signer).toBe(2);
    expect(long.date).toBeGreaterThan(4);
  });

  test('a long title is broken where the sense allows', () => {
    expect(titleLines('关于《济南市数字经济促进条例(征求意见稿)》的修改意见')).toEqual(['关于《济南市数字经济促进条例', '(征求意见稿)》的修改意见']);
    expect(titleLines('关于《中华人民共和国数据安全法实施条例》的修改意见')).toEqual(['关于《中华人民共和国数据安全法实施条例》', '的修改意见']);
    expect(titleLines('关于《某条例》的修改意见')).toEqual(['关于《某条例》的修改意见']);
  });

  test('a notice that asks for a seal: （盖章） beside the signer and two more empty lines above it', async () => {
    const xmlOf = async (seal: boolean) => documentXml(await renderDocx(buildLetter(goldenInput({ options: { form: 'prose', seal } }))));
    const sealed = textOf(await xmlOf(true));
    const plain = textOf(await xmlOf(false));
    expect(sealed).toContain('\n\n\n\n济南市软件行业协会（盖章）\n2024年3月1日');
    expect(plain).toContain('。\n\n济南市软件行业协会\n2024年3月1日');
    expect(plain).not.toContain('盖章');
  });
});

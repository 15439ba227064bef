import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { DOCX_FONTS } from '../../../letter/docx';
import { describe, expect, test } from 'vitest';
import { paragraphsFromText } from '../../../regulation/json';
import { parseOutline } from '../../../regulation/outline';
import { alignVersions } from '../../../versions/align';
import { buildCompareTable, renderCompareDocx, renderCompareHtml } from '../../../versions/compare-table';

const DIR = new URL('../../versions/', import.meta.url);
const load = (f: string) => parseOutline(paragraphsFromText(readFileSync(new URL(f, DIR), 'utf8'))).articles;
const OLD = load('anti-monopoly-law-2007.txt');
const NEW = load('anti-monopoly-law-2022.txt');
const TABLE = buildCompareTable(OLD, NEW, alignVersions(OLD, NEW), '中华人民共和国反垄断法');

describe('修改前后对照表', () => {
  test('one row per change, in the new order; unchanged articles that kept their number left out', () => {
    expect(TABLE.title).toBe('《中华人民共和国反垄断法》修改前后对照表');
    expect(TABLE.columns).toEqual(['原条文', '修改后条文', '变化']);
    expect(TABLE.rows[0]).toMatchObject({ oldLabel: '第一条', newLabel: '第一条', change: '修改' });
    expect(TABLE.rows.some((r) => r.oldLabel === '第二条')).toBe(false); // unchanged, same number
    expect(TABLE.rows.find((r) => r.oldLabel === '第五条')).toMatchObject({ newLabel: '第六条', change: '未修改（条号调整）' });
    expect(TABLE.rows.find((r) => r.oldLabel === '第十三条')).toMatchObject({ newLabel: '第十六条、第十七条', change: '拆分' });
    expect(TABLE.rows.find((r) => r.newLabel === '第五条')).toMatchObject({ oldLabel: '', change: '新增' });
    const first = TABLE.rows[0]!;
    expect(first.after.filter((p) => p.op === 'insert').map((p) => p.text)).toEqual(['鼓励创新，']);
    expect(first.before.map((p) => p.text).join('')).toBe(OLD[0]!.text);
    expect(first.after.map((p) => p.text).join('')).toBe(NEW[0]!.text);
  });

  test('.docx: a real table with the header repeated, fonts declared, insertions underlined', async () => {
    const files = unzipSync(await renderCompareDocx(TABLE));
    const xml = strFromU8(files['word/document.xml']!);
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toContain('修改前后对照表');
    expect(xml).toContain(`w:eastAsia="${DOCX_FONTS.body}"`);
    // the letter's font table: a machine without 仿宋_GB2312 is told which face to use instead
    expect(strFromU8(files['word/fontTable.xml']!)).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(xml.match(/<w:tr[ >]/g)!.length).toBe(TABLE.rows.length + 1);
    // 鼓励创新， is an underlined run
    expect(xml).toMatch(/<w:u w:val="single"\/>(?:(?!<\/w:r>).)*鼓励创新，/s);
  });

  test('print HTML escapes text and marks deletions and insertions', () => {
    const html = renderCompareHtml({ ...TABLE, rows: [{ ...TABLE.rows[0]!, oldLabel: '<b>x</b>' }] });
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(html).toContain('<ins>鼓励创新，</ins>');
    expect(html).toContain('@page { size: A4;');
  });
});

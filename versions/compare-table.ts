/**
 * The 修改前后对照表 (原条文 | 修改后条文 | 变化) of two versions, as data and as .docx and printable HTML, set like the
 * comment letter (letter/docx.ts, letter/html.ts): A4, 仿宋 body and 宋体 title declared as East Asian fonts, a real
 * Word table whose header row repeats on every page; deleted text struck through in the old column, inserted text
 * underlined in the new one.
 */
import {
  AlignmentType,
  Document,
  LineRuleType,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { DOCX_FONTS, packDocx } from '../letter/docx';
import { BODY_FONT, TITLE_FONT, escapeHtml } from '../letter/html';
import type { Alignment, ChangeKind, VersionArticle } from './align';
import { diffArticle, type DiffPart } from './diff';

/** The 变化 column's words for each kind of row. */
export const CHANGE_WORDS: Record<ChangeKind, string> = {
  unchanged: '未修改',
  changed: '修改',
  moved: '移动',
  split: '拆分',
  merged: '合并',
  added: '新增',
  deleted: '删除',
};

export interface CompareRow {
  /** 第三条 / 第三条、第四条; '' for an added article. */
  oldLabel: string;
  newLabel: string;
  /** The old text with its changes: equal and delete parts. */
  before: DiffPart[];
  /** The new text with its changes: equal and insert parts. */
  after: DiffPart[];
  /** 修改 / 新增 / 删除 / 拆分 / 合并 / 移动 / 未修改, with （条号调整） when renumbered. */
  change: string;
}

export interface CompareTable {
  /** 《…》修改前后对照表 */
  title: string;
  columns: readonly [string, string, string];
  rows: CompareRow[];
}

/**
 * Builds the table from two versions and their alignment, in the newer version's order. With `onlyChanges` (the
 * default) unchanged articles that kept their number are left out. `title` is the regulation's name (status
 * removed). Pure; never throws for an alignment of these articles.
 */
export function buildCompareTable(
  older: readonly VersionArticle[],
  newer: readonly VersionArticle[],
  alignment: Alignment,
  title: string,
  { onlyChanges = true }: { onlyChanges?: boolean } = {},
): CompareTable {
  const rows: CompareRow[] = [];
  for (const r of alignment.rows) {
    if (onlyChanges && r.kind === 'unchanged' && !r.renumbered) continue;
    const before = r.old.map((i) => older[i]!.text).join('\n');
    const after = r.new.map((j) => newer[j]!.text).join('\n');
    const parts = diffArticle(before, after);
    rows.push({
      oldLabel: r.old.map((i) => older[i]!.label).join('、'),
      newLabel: r.new.map((j) => newer[j]!.label).join('、'),
      before: parts.filter((p) => p.op !== 'insert'),
      after: parts.filter((p) => p.op !== 'delete'),
      change: CHANGE_WORDS[r.kind] + (r.renumbered ? '（条号调整）' : ''),
    });
  }
  return { title: `《${title}》修改前后对照表`, columns: ['原条文', '修改后条文', '变化'], rows };
}

const SHARES = [42, 42, 16];
const PAGE = { width: 11906, height: 16838 };
const MM = 1440 / 25.4;
const MARGIN = { top: Math.round(25 * MM), right: Math.round(20 * MM), bottom: Math.round(25 * MM), left: Math.round(20 * MM) };
const CELL = 21; // 五号 10.5 pt
const font = (eastAsia: string) => ({ eastAsia, ascii: DOCX_FONTS.latin, hAnsi: DOCX_FONTS.latin, cs: DOCX_FONTS.latin });

function partsParagraphs(label: string, parts: readonly DiffPart[]): Paragraph[] {
  // one paragraph per line; a part may span lines
  const lines: TextRun[][] = [[]];
  if (label !== '') lines[0]!.push(new TextRun({ text: `${label}\u3000`, bold: true, font: font(DOCX_FONTS.heading), size: CELL }));
  for (const p of parts) {
    p.text.split('\n').forEach((piece, k) => {
      if (k > 0) lines.push([]);
      if (piece === '') return;
      lines[lines.length - 1]!.push(
        new TextRun({
          text: piece,
          font: font(DOCX_FONTS.body),
          size: CELL,
          strike: p.op === 'delete',
          underline: p.op === 'insert' ? {} : undefined,
          bold: p.op === 'insert',
        }),
      );
    });
  }
  return lines.map((children) => new Paragraph({ spacing: { line: 300, lineRule: LineRuleType.AUTO }, children }));
}

function cell(children: Paragraph[], i: number, header = false): TableCell {
  return new TableCell({
    width: { size: SHARES[i]!, type: WidthType.PERCENTAGE },
    shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } : undefined,
    children,
  });
}

/** The table as .docx bytes (A4 portrait, header row repeated). Rejects only if the docx package fails to pack. */
export async function renderCompareDocx(table: CompareTable): Promise<Uint8Array> {
  const header = new TableRow({
    tableHeader: true,
    children: table.columns.map((c, i) =>
      cell([new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: c, font: font(DOCX_FONTS.heading), size: CELL })] })], i, true),
    ),
  });
  const rows = table.rows.map(
    (r) =>
      new TableRow({
        children: [
          cell(partsParagraphs(r.oldLabel, r.before), 0),
          cell(partsParagraphs(r.newLabel, r.after), 1),
          cell([new Paragraph({ children: [new TextRun({ text: r.change, font: font(DOCX_FONTS.body), size: CELL })] })], 2),
        ],
      }),
  );
  const doc = new Document({
    title: table.title,
    styles: { default: { document: { run: { font: font(DOCX_FONTS.body), size: CELL, language: { value: 'zh-CN', eastAsia: 'zh-CN' } } } } },
    sections: [
      {
        properties: { page: { size: PAGE, margin: MARGIN } },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [new TextRun({ text: table.title, bold: true, font: font(DOCX_FONTS.title), size: 36 })],
          }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            layout: TableLayoutType.FIXED,
            columnWidths: SHARES.map((s) => Math.round(((PAGE.width - MARGIN.left - MARGIN.right) * s) / 100)),
            rows: [header, ...rows],
          }),
        ],
      },
    ],
  });
  return packDocx(doc);
}

const partsHtml = (label: string, parts: readonly DiffPart[]) =>
  (label ? `<b>${escapeHtml(label)}</b>\u3000` : '') +
  parts
    .map((p) => (p.op === 'delete' ? `<del>${escapeHtml(p.text)}</del>` : p.op === 'insert' ? `<ins>${escapeHtml(p.text)}</ins>` : escapeHtml(p.text)))
    .join('')
    .replaceAll('\n', '<br>');

/** The table as a whole HTML document for printing (A4, header row repeated by the browser's table printing). */
export function renderCompareHtml(table: CompareTable): string {
  const rows = table.rows
    .map((r) => `<tr><td>${partsHtml(r.oldLabel, r.before)}</td><td>${partsHtml(r.newLabel, r.after)}</td><td>${escapeHtml(r.change)}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(table.title)}</title>
<style>
@page { size: A4; margin: 25mm 20mm; }
body { font-family: ${BODY_FONT}; font-size: 10.5pt; line-height: 1.6; color: #000; }
h1 { font-family: ${TITLE_FONT}; font-size: 18pt; text-align: center; margin: 0 0 12pt; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
thead { display: table-header-group; }
th, td { border: 0.5pt solid #000; padding: 3pt 5pt; vertical-align: top; word-break: break-all; }
th { background: #f2f2f2; font-weight: normal; }
col.text { width: 42%; } col.change { width: 16%; }
tr { page-break-inside: avoid; }
del { text-decoration: line-through; } ins { text-decoration: underline; font-weight: bold; }
</style></head><body>
<h1>${escapeHtml(table.title)}</h1>
<table><colgroup><col class="text"><col class="text"><col class="change"></colgroup>
<thead><tr>${table.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>`;
}

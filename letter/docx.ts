/**
 * The letter as a Word document (.docx) for the agency: A4, Chinese fonts declared for East Asian text (仿宋 for
 * the body, 宋体 for the title, 黑体 for section headings, 楷体 for article headings, as official letters are set),
 * the table form as a real Word table whose header row repeats on every page. Works in Node and in the browser.
 */
import {
  AlignmentType,
  Document,
  LineRuleType,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IFontAttributesProperties,
} from 'docx';
import type { Letter } from './model';
import type { RenderOptions } from './text';
import { WORDING } from './wording';

/** The MIME type of a .docx file. */
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** East Asian fonts by role, with a Latin font for digits and ASCII text. */
export const DOCX_FONTS = {
  body: '仿宋',
  title: '宋体',
  heading: '黑体',
  articleHeading: '楷体',
  latin: 'Times New Roman',
} as const;

const font = (eastAsia: string): IFontAttributesProperties => ({
  eastAsia,
  ascii: DOCX_FONTS.latin,
  hAnsi: DOCX_FONTS.latin,
  cs: DOCX_FONTS.latin,
});

// sizes in half-points: 三号 16 pt for the letter, 二号 22 pt for the title, 小四 12 pt in the table
const BODY = 32;
const TITLE = 44;
const CELL = 24;
// A4 in twentieths of a point, and margins of 30 / 26 / 30 / 28 mm
const MM = 1440 / 25.4;
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: Math.round(30 * MM), right: Math.round(26 * MM), bottom: Math.round(30 * MM), left: Math.round(28 * MM) };
// a fixed 28 pt line, two characters of first-line indent
const LINE = { line: 560, lineRule: LineRuleType.EXACT };
const INDENT = { firstLine: 2 * 320 };

const run = (text: string, opts: { font?: string; bold?: boolean; size?: number } = {}) =>
  new TextRun({ text, font: font(opts.font ?? DOCX_FONTS.body), bold: opts.bold, size: opts.size });

/** One paragraph per line of `text`, the first one after a bold `label：` when given. */
function paragraphs(text: string, opts: { label?: string; indent?: boolean; size?: number; align?: 'right' } = {}): Paragraph[] {
  const size = opts.size ?? BODY;
  const common = {
    spacing: size === BODY ? LINE : { line: 300, lineRule: LineRuleType.AUTO },
    indent: opts.indent ? INDENT : undefined,
    alignment: opts.align === 'right' ? AlignmentType.RIGHT : undefined,
  };
  return text.split('\n').map(
    (line, i) =>
      new Paragraph({
        ...common,
        children:
          i === 0 && opts.label !== undefined
            ? [run(`${opts.label}：`, { bold: true, size }), run(line, { size })]
            : [run(line, { size })],
      }),
  );
}

const heading = (text: string, fontName: string, opts: { size?: number; bold?: boolean; center?: boolean } = {}) =>
  new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : undefined,
    spacing: opts.center ? { before: 0, after: 320 } : LINE,
    children: [run(text, { font: fontName, size: opts.size ?? BODY, bold: opts.bold })],
  });

// 序号 | 条款 | 原文 | 修改意见 | 理由, in percent of the table's width
const COLUMN_SHARES = [7, 13, 30, 28, 22];

function cell(text: string, i: number, header = false): TableCell {
  return new TableCell({
    width: { size: COLUMN_SHARES[i]!, type: WidthType.PERCENTAGE },
    shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } : undefined,
    children: header
      ? [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, { font: DOCX_FONTS.heading, size: CELL })] })]
      : paragraphs(text, { size: CELL }),
  });
}

function table(letter: Letter): Table {
  const headerRow = new TableRow({ tableHeader: true, children: WORDING.columns.map((c, i) => cell(c, i, true)) });
  const rows = letter.items.map(
    (it) =>
      new TableRow({
        children: [String(it.index), it.clause, it.original.text, it.opinion, it.reason].map((v, i) => cell(v, i)),
      }),
  );
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    layout: TableLayoutType.FIXED,
    columnWidths: COLUMN_SHARES.map((s) => Math.round(((PAGE.width - MARGIN.left - MARGIN.right) * s) / 100)),
    rows: [headerRow, ...rows],
  });
}

/**
 * Returns the docx package's Document for a letter, before packing (renderDocx packs it): for callers that pack it
 * themselves, e.g. with Packer.toBlob. Never throws for a Letter.
 */
export function letterDocument(letter: Letter, options: RenderOptions = {}): Document {
  const form = options.form ?? letter.form;
  const children: Array<Paragraph | Table> = [heading(letter.title, DOCX_FONTS.title, { size: TITLE, bold: true, center: true })];
  if (letter.addressee !== null) children.push(...paragraphs(letter.addressee));
  children.push(...paragraphs(letter.leadIn, { indent: true }));
  if (letter.general !== null) {
    children.push(heading(letter.general.heading, DOCX_FONTS.heading));
    letter.comments.forEach((c, i) => children.push(...paragraphs(letter.commentMarkers[i] + c, { indent: true })));
  }
  if (letter.specific !== null) {
    children.push(heading(letter.specific.heading, DOCX_FONTS.heading));
    if (form === 'table') {
      children.push(table(letter));
    } else {
      for (const a of letter.articles) {
        children.push(heading(a.marker + a.heading, DOCX_FONTS.articleHeading));
        for (const it of a.items) {
          const marker = it.marker === '' ? '' : `${it.marker} `;
          children.push(...paragraphs(it.original.text, { label: marker + it.original.label, indent: true }));
          children.push(...paragraphs(it.opinion, { label: WORDING.opinion, indent: true }));
          if (it.reason !== '') children.push(...paragraphs(it.reason, { label: WORDING.reason, indent: true }));
        }
      }
    }
  }
  children.push(new Paragraph({ spacing: LINE, children: [] }));
  for (const f of letter.signature) children.push(...paragraphs(WORDING.labelled(f.label, f.value), { align: 'right' }));
  children.push(...paragraphs(letter.date, { align: 'right' }));

  return new Document({
    title: letter.title,
    creator: letter.sender.name || letter.sender.organisation || undefined,
    styles: {
      default: {
        document: {
          run: { font: font(DOCX_FONTS.body), size: BODY, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
        },
      },
    },
    sections: [{ properties: { page: { size: PAGE, margin: MARGIN } }, children }],
  });
}

/**
 * Returns the letter as .docx bytes: A4 portrait, the title (宋体, bold, centred), addressee, lead-in, 一、/二、
 * headings (黑体), the items (prose with 原文 / 修改意见 / 理由 paragraphs, or the table form with the header row
 * 序号 | 条款 | 原文 | 修改意见 | 理由 repeated on each page), the signature and date right-aligned; body text 仿宋,
 * each font declared as the runs' eastAsia font. Works in Node and in browsers (Packer → ArrayBuffer); wrap it in
 * `new Blob([bytes], { type: DOCX_MIME })` to download. Rejects only if the docx package fails to pack.
 */
export async function renderDocx(letter: Letter, options: RenderOptions = {}): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(letterDocument(letter, options)));
}

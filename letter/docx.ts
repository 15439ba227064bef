/**
 * The letter as a Word document (.docx) for the agency, set as a 公文 (GB/T 9704-2012): A4 with the standard type
 * area (156 × 225 mm), the title in 小标宋 二号 centred, the body in 仿宋 三号 on 28 pt lines, 一、 headings in 黑体
 * and （一） in 楷体 indented two characters, page numbers — 1 — at the foot (odd pages right, even pages left), the
 * signer centred over the date four characters from the right and the contact details as a note under it. Each
 * Chinese font is declared in the font table with its usual fallbacks, so Word, WPS, LibreOffice and macOS pick a
 * serif face where the named one is missing. The table form is a real Word table whose header row repeats on each
 * page and whose rows may break across pages. Works in Node and in the browser.
 */
import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
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
import { closingLines, joinStandardNumbers, textWidthChars, titleLines } from './layout';
import type { Letter } from './model';
import type { RenderOptions } from './text';
import { WORDING } from './wording';

/** The MIME type of a .docx file. */
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** East Asian fonts by role (the names agencies' templates use), with a Latin font for digits and ASCII text. */
export const DOCX_FONTS = {
  body: '仿宋_GB2312',
  title: '方正小标宋简体',
  heading: '黑体',
  articleHeading: '楷体_GB2312',
  /** Page numbers: 四号半角宋体 */
  pageNumber: '宋体',
  latin: 'Times New Roman',
} as const;

/**
 * Every font the document names, in the font table (word/fontTable.xml) with the face to use where it is missing
 * (altName), its PANOSE class and generic family: 仿宋_GB2312 → 仿宋 → FangSong → STFangsong, 方正小标宋简体 → 宋体 →
 * SimSun → STSong, and so on. `family` roman/modern tells LibreOffice and WPS to substitute a serif (roman) or a
 * fixed-pitch CJK face, never a sans.
 */
export const DOCX_FONT_TABLE: ReadonlyArray<{ name: string; altName?: string; panose: string; family: 'roman' | 'modern' | 'swiss'; charset: string; pitch: 'variable' | 'fixed' }> = [
  { name: '仿宋_GB2312', altName: '仿宋', panose: '02010609030101010101', family: 'modern', charset: '86', pitch: 'fixed' },
  { name: '仿宋', altName: 'FangSong', panose: '02010609060101010101', family: 'modern', charset: '86', pitch: 'fixed' },
  { name: 'FangSong', altName: 'STFangsong', panose: '02010609060101010101', family: 'modern', charset: '86', pitch: 'fixed' },
  { name: 'STFangsong', altName: 'Noto Serif CJK SC', panose: '02010600040101010101', family: 'roman', charset: '86', pitch: 'variable' },
  { name: '方正小标宋简体', altName: '宋体', panose: '02000000000000000000', family: 'roman', charset: '86', pitch: 'variable' },
  { name: '宋体', altName: 'SimSun', panose: '02010600030101010101', family: 'roman', charset: '86', pitch: 'variable' },
  { name: 'SimSun', altName: 'STSong', panose: '02010600030101010101', family: 'roman', charset: '86', pitch: 'variable' },
  { name: 'STSong', altName: 'Noto Serif CJK SC', panose: '02010600040101010101', family: 'roman', charset: '86', pitch: 'variable' },
  { name: '楷体_GB2312', altName: '楷体', panose: '02010609030101010101', family: 'modern', charset: '86', pitch: 'fixed' },
  { name: '楷体', altName: 'KaiTi', panose: '02010609060101010101', family: 'modern', charset: '86', pitch: 'fixed' },
  { name: 'KaiTi', altName: 'STKaiti', panose: '02010609060101010101', family: 'modern', charset: '86', pitch: 'fixed' },
  { name: '黑体', altName: 'SimHei', panose: '02010609060101010101', family: 'modern', charset: '86', pitch: 'fixed' },
  { name: 'SimHei', altName: 'STHeiti', panose: '02010609060101010101', family: 'modern', charset: '86', pitch: 'fixed' },
  { name: 'Times New Roman', panose: '02020603050405020304', family: 'roman', charset: '00', pitch: 'variable' },
];

const escXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** word/fontTable.xml declaring DOCX_FONT_TABLE. */
function fontTableXml(): string {
  const fonts = DOCX_FONT_TABLE.map(
    (f) =>
      `<w:font w:name="${escXml(f.name)}">` +
      (f.altName ? `<w:altName w:val="${escXml(f.altName)}"/>` : '') +
      `<w:panose1 w:val="${f.panose}"/><w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/>` +
      `</w:font>`,
  ).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}</w:fonts>`
  );
}

const font = (eastAsia: string): IFontAttributesProperties => ({
  eastAsia,
  ascii: DOCX_FONTS.latin,
  hAnsi: DOCX_FONTS.latin,
  cs: DOCX_FONTS.latin,
});
/** Latin text is English (so words and URLs break only where English breaks), East Asian text is Chinese. */
const LANGUAGE = { value: 'en-US', eastAsia: 'zh-CN' } as const;

// sizes in half-points: 三号 16 pt for the letter, 二号 22 pt for the title, 小四 12 pt in the table, 四号 14 pt page numbers
const BODY = 32;
const TITLE = 44;
const CELL = 24;
const FOLIO = 28;
/** One character of the body (16 pt) in twentieths of a point. */
const CHAR = 320;
// A4 in twentieths of a point; GB/T 9704 margins: top 37 mm, left 28 mm, type area 156 × 225 mm (bottom 35, right 26)
const MM = 1440 / 25.4;
const PAGE = { width: 11906, height: 16838 };
const MARGIN = {
  top: Math.round(37 * MM),
  right: Math.round(26 * MM),
  bottom: Math.round(35 * MM),
  left: Math.round(28 * MM),
  header: Math.round(15 * MM),
  // the page number sits about 7 mm under the type area
  footer: Math.round(22 * MM),
};
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
// a fixed 28 pt line, two characters of first-line indent
const LINE = { line: 560, lineRule: LineRuleType.EXACT };
const INDENT = { firstLine: 2 * CHAR };
const CELL_LINE = { line: 380, lineRule: LineRuleType.EXACT };

interface RunOptions {
  font?: string;
  bold?: boolean;
  size?: number;
}

const run = (text: string, opts: RunOptions = {}) =>
  new TextRun({ text: joinStandardNumbers(text), font: font(opts.font ?? DOCX_FONTS.body), bold: opts.bold, size: opts.size, language: LANGUAGE });

interface ParaOptions {
  label?: string;
  indent?: boolean;
  size?: number;
  center?: boolean;
  keepNext?: boolean;
  line?: typeof LINE;
}

/** One paragraph per line of `text`, the first one after a bold `label：` when given. */
function paragraphs(text: string, opts: ParaOptions = {}): Paragraph[] {
  const size = opts.size ?? BODY;
  const lines = text.split('\n');
  return lines.map(
    (line, i) =>
      new Paragraph({
        spacing: opts.line ?? LINE,
        indent: opts.indent ? INDENT : undefined,
        alignment: opts.center ? AlignmentType.CENTER : opts.size === CELL ? AlignmentType.LEFT : AlignmentType.BOTH,
        keepNext: opts.keepNext || (i < lines.length - 1 && lines.length <= 3) || undefined,
        keepLines: opts.keepNext || undefined,
        children:
          i === 0 && opts.label !== undefined
            ? [run(`${opts.label}：`, { bold: true, size }), run(line, { size })]
            : [run(line, { size })],
      }),
  );
}

/** A heading kept with the paragraph after it: 一、 in 黑体, （一） in 楷体, indented two characters. */
const heading = (text: string, fontName: string) =>
  new Paragraph({
    spacing: LINE,
    indent: INDENT,
    keepNext: true,
    keepLines: true,
    children: [run(text, { font: fontName })],
  });

// cell padding left + right, twentieths of a point (Word's default 0.19 cm each side)
const CELL_PAD = 2 * 108;

/**
 * The table form's column widths in twentieths of a point (序号, 条款, 原文, 修改意见, 理由), summing to the type
 * area's width: 序号 fits its header, 条款 fits the longest label of the letter on one line (at least 第一千二百六十条
 * 之一 when any label is that long; titles wrap under it), and the rest goes to 原文 and 修改意见 (widest) and 理由.
 */
export function docxColumnWidths(letter: Pick<Letter, 'items'>): number[] {
  const cellChar = CELL * 10; // 12 pt in twentieths
  const index = Math.ceil(2 * cellChar + CELL_PAD + 40);
  const labelChars = Math.max(3, ...letter.items.map((it) => textWidthChars(it.clauseLabel)));
  const clause = Math.ceil(labelChars * cellChar + CELL_PAD + 40);
  const rest = TEXT_WIDTH - index - clause;
  const original = Math.round(rest * 0.37);
  const opinion = Math.round(rest * 0.37);
  return [index, clause, original, opinion, rest - original - opinion];
}

function cell(children: Paragraph[], width: number, header = false): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } : undefined,
    children,
  });
}

const cellText = (text: string, center = false) => paragraphs(text, { size: CELL, line: CELL_LINE, center });

function table(letter: Letter): Table {
  const widths = docxColumnWidths(letter);
  const headerRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: WORDING.columns.map((c, i) =>
      cell([new Paragraph({ alignment: AlignmentType.CENTER, spacing: CELL_LINE, children: [run(c, { font: DOCX_FONTS.heading, size: CELL })] })], widths[i]!, true),
    ),
  });
  const rows = letter.items.map(
    (it) =>
      new TableRow({
        children: [
          cell(cellText(String(it.index), true), widths[0]!),
          cell(cellText(it.clauseTitle === null ? it.clauseLabel : `${it.clauseLabel}\n（${it.clauseTitle}）`, true), widths[1]!),
          cell(cellText(it.original.text), widths[2]!),
          cell(cellText(it.opinion), widths[3]!),
          cell(cellText(it.reason), widths[4]!),
        ],
      }),
  );
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    columnWidths: widths,
    rows: [headerRow, ...rows],
  });
}

/** The folio — 1 — in 四号宋体, one character in from the outer edge. */
function folio(side: 'right' | 'left'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'right' ? { right: 280 } : { left: 280 },
        children: [
          new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(DOCX_FONTS.pageNumber), size: FOLIO, language: LANGUAGE }),
        ],
      }),
    ],
  });
}

function closing(letter: Letter): Paragraph[] {
  const { contact, seal } = letter.closing;
  const { signer: signerText, at } = closingLines(letter.closing, letter.date, WORDING.seal);
  const blank = () => new Paragraph({ spacing: LINE, keepNext: true, children: [] });
  const out: Paragraph[] = [blank()];
  // a seal presses on the signer and the date: room above them
  if (seal) out.push(blank(), blank());
  if (signerText !== '') {
    out.push(
      new Paragraph({
        spacing: LINE,
        alignment: AlignmentType.RIGHT,
        indent: { right: Math.round(at.signer * CHAR) },
        keepNext: true,
        keepLines: true,
        children: [run(signerText)],
      }),
    );
  }
  out.push(
    new Paragraph({
      spacing: LINE,
      alignment: AlignmentType.RIGHT,
      indent: { right: Math.round(at.date * CHAR) },
      keepNext: contact.length > 0 || undefined,
      children: [run(letter.date)],
    }),
  );
  const note = WORDING.contactNote(contact);
  if (note !== '') out.push(...paragraphs(note, { indent: true }));
  return out;
}

/**
 * Returns the docx package's Document for a letter, before packing (renderDocx packs it with its font table): for
 * callers that pack it themselves. Never throws for a Letter.
 */
export function letterDocument(letter: Letter, options: RenderOptions = {}): Document {
  const form = options.form ?? letter.form;
  const children: Array<Paragraph | Table> = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 560 },
      keepNext: true,
      // broken where the sense allows, not wherever the line ends
      children: titleLines(letter.title).map(
        (line, i) =>
          new TextRun({ text: line, break: i > 0 ? 1 : undefined, font: font(DOCX_FONTS.title), size: TITLE, language: LANGUAGE }),
      ),
    }),
  ];
  if (letter.addressee !== null) children.push(new Paragraph({ spacing: LINE, keepNext: true, children: [run(letter.addressee)] }));
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
          // the 原文 label stays with its text's first lines, 修改意见 with 原文's last
          children.push(...paragraphs(it.original.text, { label: marker + it.original.label, indent: true }));
          children.push(...paragraphs(it.opinion, { label: WORDING.opinion, indent: true }));
          if (it.reason !== '') children.push(...paragraphs(it.reason, { label: WORDING.reason, indent: true }));
        }
      }
    }
  }
  children.push(...closing(letter));

  const author = letter.sender.name || letter.sender.organisation;
  return new Document({
    title: letter.title,
    subject: letter.email.subject,
    creator: author,
    lastModifiedBy: author,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: font(DOCX_FONTS.body), size: BODY, language: LANGUAGE },
          paragraph: { spacing: LINE },
        },
      },
    },
    sections: [
      {
        properties: { page: { size: PAGE, margin: MARGIN } },
        footers: { default: folio('right'), even: folio('left') },
        children,
      },
    ],
  });
}

export { closingIndents, textWidthChars, WIDEST_LABEL } from './layout';

/**
 * Returns the letter as .docx bytes (see the module comment for the layout), with a font table that declares every
 * Chinese font and its fallbacks. Works in Node and in browsers (Packer → ArrayBuffer); wrap it in
 * `new Blob([bytes], { type: DOCX_MIME })` to download. Rejects only if the docx package fails to pack.
 */
export async function renderDocx(letter: Letter, options: RenderOptions = {}): Promise<Uint8Array> {
  return packDocx(letterDocument(letter, options));
}

/** Packs a document as .docx bytes with the font table of DOCX_FONT_TABLE (every Chinese font and its fallbacks). */
export async function packDocx(doc: Document): Promise<Uint8Array> {
  const overrides = [{ path: 'word/fontTable.xml', data: fontTableXml() }];
  return new Uint8Array(await Packer.toArrayBuffer(doc, undefined, overrides));
}

/**
 * Writes the file fixtures (tests/fixtures/files): the sample draft as a LibreOffice-made PDF and .docx
 * (running header, "- N -" page numbers in the footer, a table of contents, articles running across pages,
 * a 條文 | 說明 table page), a Taiwan-style two-column draft, a PDF in a non-embedded Chinese font that needs
 * the Adobe CMaps, and an image-only PDF (the first page of the
 * sample draft rasterised and wrapped again as a PDF: no text layer), and a PDF that opens only with a password.
 *
 *   npx tsx scripts/make-file-fixtures.ts           # the committed fixtures
 *   npx tsx scripts/make-file-fixtures.ts --cmap    # only cmap-draft.pdf (needs no LibreOffice)
 *   npx tsx scripts/make-file-fixtures.ts --renumbered   # cmap-draft.pdf and the two renumbered versions
 *   npx tsx scripts/make-file-fixtures.ts --encrypted    # cmap-draft.pdf and encrypted-draft.pdf (password ENCRYPTED_PASSWORD)
 *   npx tsx scripts/make-file-fixtures.ts --pages 100 OUT_DIR   # a long draft for the benchmark
 *
 * Needs soffice (LibreOffice), pdftoppm (poppler) and the Noto CJK fonts.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(ROOT, 'tests/fixtures/files');

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The sample draft's text: from 附件1 to the last article, one paragraph per line. */
export function sampleDraftLines(): string[] {
  const lines = readFileSync(resolve(ROOT, 'sample/jinan-digital-economy-draft.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.slice(lines.indexOf('附件1') + 1);
}

const HEADING = /^(第[一二三四五六七八九十百]+章|目\s*录)/;

/** One .fodt paragraph per line: the title centred, 目录 and chapters as headings, the rest indented body text. */
function bodyXml(lines: string[]): string {
  let inToc = false;
  return lines
    .map((l, i) => {
      if (i < 2) return `<text:p text:style-name="Title">${esc(l)}</text:p>`;
      if (/^目\s*录$/.test(l)) {
        inToc = true;
        return `<text:p text:style-name="Heading">${esc(l)}</text:p>`;
      }
      if (inToc && /^第一章/.test(l) && i > lines.findIndex((x) => /^目\s*录$/.test(x)) + 2) inToc = false;
      if (inToc) return `<text:p text:style-name="Toc">${esc(l)}</text:p>`;
      if (HEADING.test(l)) return `<text:p text:style-name="Heading">${esc(l)}</text:p>`;
      return `<text:p text:style-name="Body">${esc(l)}</text:p>`;
    })
    .join('\n');
}

/** A 條文 | 說明 table (the layout of Taiwan drafts' 條文對照表), starting on a page of its own. */
function tableXml(rows: Array<[string, string]>, head: [string, string] = ['條文', '說明']): string {
  const cell = (s: string) =>
    `<table:table-cell table:style-name="Cell" office:value-type="string">${s
      .split('\n')
      .map((p) => `<text:p text:style-name="CellText">${esc(p)}</text:p>`)
      .join('')}</table:table-cell>`;
  return `<table:table table:name="Articles" table:style-name="Table">
<table:table-column table:style-name="Col" table:number-columns-repeated="2"/>
<table:table-header-rows><table:table-row>${cell(head[0])}${cell(head[1])}</table:table-row></table:table-header-rows>
${rows.map(([a, b]) => `<table:table-row>${cell(a)}${cell(b)}</table:table-row>`).join('\n')}
</table:table>`;
}

function fodt(title: string, body: string, header: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>${esc(title)}</dc:title><meta:creation-date>2024-02-18T10:30:00</meta:creation-date><dc:date>2024-02-18T10:30:00</dc:date></office:meta>
<office:font-face-decls>
 <style:font-face style:name="Noto Serif CJK SC" svg:font-family="'Noto Serif CJK SC'"/>
 <style:font-face style:name="Noto Sans CJK SC" svg:font-family="'Noto Sans CJK SC'"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:text-properties style:font-name="Noto Serif CJK SC" style:font-name-asian="Noto Serif CJK SC" fo:font-size="14pt" style:font-size-asian="14pt" fo:language="zh" fo:country="CN" style:language-asian="zh" style:country-asian="CN"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph"/>
 <style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-indent="28pt" fo:line-height="150%" fo:text-align="justify"/></style:style>
 <style:style style:name="Toc" style:family="paragraph"><style:paragraph-properties fo:margin-left="56pt" fo:line-height="130%"/></style:style>
 <style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="8pt"/><style:text-properties fo:font-size="20pt" style:font-size-asian="20pt" style:font-name-asian="Noto Sans CJK SC" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
 <style:style style:name="Heading" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-top="12pt" fo:margin-bottom="12pt"/><style:text-properties style:font-name-asian="Noto Sans CJK SC" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
 <style:style style:name="Header" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="10pt" style:font-size-asian="10pt"/></style:style>
 <style:style style:name="Footer" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="11pt" style:font-size-asian="11pt"/></style:style>
 <style:style style:name="CellText" style:family="paragraph"><style:paragraph-properties fo:line-height="130%"/><style:text-properties fo:font-size="12pt" style:font-size-asian="12pt"/></style:style>
 <style:style style:name="PageBreak" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="Table" style:family="table"><style:table-properties style:width="16cm" table:align="center"/></style:style>
 <style:style style:name="Col" style:family="table-column"><style:table-column-properties style:column-width="8cm"/></style:style>
 <style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.15cm" fo:border="0.5pt solid #000000"/></style:style>
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="1.5cm" fo:margin-left="2.6cm" fo:margin-right="2.6cm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-bottom="0.4cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-top="0.4cm"/></style:footer-style>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1">
  <style:header><text:p text:style-name="Header">${esc(header)}</text:p></style:header>
  <style:footer><text:p text:style-name="Footer">- <text:page-number text:select-page="current">1</text:page-number> -</text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
${body}
</office:text></office:body></office:document>
`;
}

/** The 條文 | 說明 rows of a short Taiwan-style draft (written for the fixture; wording in the genre of 個人資料保護法). */
const TW_ROWS: Array<[string, string]> = [
  ['第一章 總則', ''],
  ['第一條 為規範個人資料之蒐集、處理及利用，以避免人格權受侵害，並促進個人資料之合理利用，特制定本法。', '一、本條係立法目的。\n二、參照現行條文第一條。'],
  ['第二條 本法用詞，定義如下：\n一、個人資料：指自然人之姓名、出生年月日、國民身分證統一編號及其他得以直接或間接方式識別該個人之資料。\n二、個人資料檔案：指依系統建立而得以自動化機器或其他非自動化方式檢索、整理之個人資料之集合。', '一、本條新增。\n二、第一款定義參照（草案第三條）之說明。\n第三條所定當事人權利，於本條不適用。'],
  ['第三條 當事人就其個人資料依本法規定行使之下列權利，不得預先拋棄或以特約限制之：\n一、查詢或請求閱覽。\n二、請求製給複製本。', '（草案第三條）\n本條未修正。'],
  ['第二章 公務機關對個人資料之蒐集、處理及利用', ''],
  ['第四條 公務機關對個人資料之蒐集或處理，除第六條第一項所規定資料外，應有特定目的，並符合下列情形之一者：\n一、執行法定職務必要範圍內。\n二、經當事人同意。', '一、本條修正。\n二、（草案第五條）移列。'],
  ['第五條 公務機關應指定專人辦理安全維護事項，防止個人資料被竊取、竄改、毀損、滅失或洩漏。', '本條新增。'],
];

function sh(cmd: string, args: string[], cwd?: string): void {
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Converts `src` (a .fodt) to `format` with LibreOffice, into `dir`. */
function soffice(src: string, format: string, dir: string): void {
  // a profile of its own: a running LibreOffice (or another engineer's) never takes the job
  const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
  try {
    sh('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', format, '--outdir', dir, src]);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const tmp = mkdtempSync(join(tmpdir(), 'file-fixtures-'));
  try {
    if (args[0] === '--pages') {
      // a long draft: the sample's articles repeated (renumbered) until about N pages
      const pages = Number(args[1] ?? 100);
      const out = resolve(args[2] ?? join(ROOT, '.output/bench-files'));
      mkdirSync(out, { recursive: true });
      const lines = sampleDraftLines();
      const body = lines.filter((l) => /^第[一二三四五六七八九十百]+条/.test(l) || !/^第/.test(l)).slice(2 + 11);
      const big: string[] = [lines[0]!, lines[1]!];
      let n = 0;
      const cn = (k: number) => toChinese(k);
      for (let round = 0; round * 11.4 < pages; round++) {
        big.push(`第${cn(round + 1)}章 第${cn(round + 1)}部分`);
        for (const l of body) {
          const m = /^第[一二三四五六七八九十百]+条(.*)$/.exec(l);
          if (m) big.push(`第${cn(++n)}条${m[1]}`);
          else if (!HEADING.test(l)) big.push(l);
        }
      }
      writeFileSync(join(tmp, 'long-draft.fodt'), fodt('长篇意见稿', bodyXml(big), '长篇意见稿(征求意见稿)'));
      soffice(join(tmp, 'long-draft.fodt'), 'pdf', out);
      console.log(join(out, 'long-draft.pdf'));
      return;
    }
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'cmap-draft.pdf'), cmapPdf(CMAP_DRAFT_LINES));
    if (args[0] === '--cmap') return;
    // a PDF that opens only with its password (the reader page asks for it): LibreOffice's export, RC4-encrypted
    writeFileSync(join(tmp, 'encrypted-draft.fodt'), fodt(RENUMBERED_V1[0]!, bodyXml(RENUMBERED_V1), RENUMBERED_V1[0]!));
    soffice(join(tmp, 'encrypted-draft.fodt'), `pdf:writer_pdf_Export:${JSON.stringify({ EncryptFile: { type: 'boolean', value: 'true' }, DocumentOpenPassword: { type: 'string', value: ENCRYPTED_PASSWORD } })}`, tmp);
    copyFileSync(join(tmp, 'encrypted-draft.pdf'), join(OUT, 'encrypted-draft.pdf'));
    if (args[0] === '--encrypted') return;
    writeFileSync(join(OUT, 'renumbered-v2.pdf'), cmapPdf(RENUMBERED_V2));
    void simpleDocx(RENUMBERED_V1).then((b) => writeFileSync(join(OUT, 'renumbered-v1.docx'), b));
    if (args[0] === '--renumbered') return;
    const lines = sampleDraftLines();
    // the last two articles stand in a 条文 | 说明 table on a page of their own, as drafts with a comparison page do
    const tableFrom = lines.findIndex((l) => l.startsWith('第六十四条'));
    const jinan = fodt(
      '济南市数字经济促进条例(征求意见稿)',
      bodyXml(lines.slice(0, tableFrom)) +
        `\n<text:p text:style-name="PageBreak">附则条文及说明</text:p>\n` +
        tableXml(
          [
            [lines.slice(tableFrom, -1).join('\n'), '(草案第六十四条)\n本条界定数字基础设施的含义。'],
            [lines[lines.length - 1]!, '第六十五条明确施行日期,待审议通过后确定。'],
          ],
          ['条文', '说明'],
        ),
      '济南市数字经济促进条例(征求意见稿)',
    );
    writeFileSync(join(tmp, 'jinan-draft.fodt'), jinan);
    writeFileSync(join(tmp, 'tw-table-draft.fodt'), fodt('個人資料保護法修正草案條文對照表', `<text:p text:style-name="Title">個人資料保護法修正草案條文對照表</text:p>\n${tableXml(TW_ROWS)}`, '個人資料保護法修正草案'));
    for (const name of ['jinan-draft', 'tw-table-draft']) {
      soffice(join(tmp, `${name}.fodt`), 'pdf', tmp);
      soffice(join(tmp, `${name}.fodt`), 'docx:MS Word 2007 XML', tmp);
      copyFileSync(join(tmp, `${name}.pdf`), join(OUT, `${name}.pdf`));
      copyFileSync(join(tmp, `${name}.docx`), join(OUT, `${name}.docx`));
    }
    // a .doc of the same draft: the reader refuses it with advice, and the test checks that
    soffice(join(tmp, 'jinan-draft.fodt'), 'doc:MS Word 97', tmp);
    copyFileSync(join(tmp, 'jinan-draft.doc'), join(OUT, 'jinan-draft.doc'));
    // a scan: page 1 as a grey image, wrapped as a PDF again (no text layer)
    for (const p of [1, 2]) {
      sh('pdftoppm', ['-r', '60', '-gray', '-f', `${p}`, '-l', `${p}`, '-singlefile', '-jpeg', '-jpegopt', 'quality=50', join(tmp, 'jinan-draft.pdf'), join(tmp, `scan-${p}`)], tmp);
    }
    writeFileSync(join(OUT, 'scanned-draft.pdf'), imagePdf([1, 2].map((p) => readFileSync(join(tmp, `scan-${p}.jpg`)))));
    console.log(`fixtures written to ${OUT}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The pixel size of a baseline or progressive JPEG (its SOF marker). */
function jpegSize(b: Buffer): { w: number; h: number } {
  for (let i = 2; i < b.length; ) {
    const marker = b[i + 1]!;
    const len = b.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc3) return { h: b.readUInt16BE(i + 5), w: b.readUInt16BE(i + 7) };
    i += 2 + len;
  }
  throw new Error('not a JPEG');
}

/** A PDF of JPEG pages (A4, one image filling each page) and no text at all: what a scanner makes. */
function imagePdf(jpegs: Buffer[]): Buffer {
  const objs: Buffer[] = [];
  const kids = jpegs.map((_, i) => `${3 + i * 3} 0 R`).join(' ');
  objs.push(Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'));
  objs.push(Buffer.from(`<< /Type /Pages /Kids [${kids}] /Count ${jpegs.length} >>`));
  jpegs.forEach((jpg, i) => {
    const { w, h } = jpegSize(jpg);
    const page = 3 + i * 3;
    const draw = Buffer.from('q 595 0 0 842 0 0 cm /Im0 Do Q');
    objs.push(Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 ${page + 2} 0 R >> >> /Contents ${page + 1} 0 R >>`));
    objs.push(Buffer.concat([Buffer.from(`<< /Length ${draw.length} >>\nstream\n`), draw, Buffer.from('\nendstream')]));
    objs.push(Buffer.concat([Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpg.length} >>\nstream\n`), jpg, Buffer.from('\nendstream')]));
  });
  return pdfOf(objs);
}

/** A PDF file of these objects (numbered from 1, the first the catalog), with its xref table. */
function pdfOf(objs: Buffer[]): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  objs.forEach((o, i) => {
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), o, Buffer.from('\nendobj\n')]);
    offsets.push(at);
    parts.push(chunk);
    at += chunk.length;
  });
  const xref = `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** The draft of the CMap fixture: a title and three articles, one line each. */
/**
 * The smallest file the reader takes for an OFD document (a zip holding OFD.xml), for the tests of the message that
 * says it cannot be read here: no OFD from a government site is among the fixtures.
 */
export function minimalOfd(): Uint8Array {
  return zipSync({ 'OFD.xml': strToU8('<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0"/>') });
}

/** The password of tests/fixtures/files/encrypted-draft.pdf. */
export const ENCRYPTED_PASSWORD = 'draft2026';

export const CMAP_DRAFT_LINES = [
  '济南市公共数据管理办法(征求意见稿)',
  '第一条 为了规范公共数据管理,制定本办法。',
  '第二条 本办法适用于本市行政区域内公共数据的收集和共享。',
  '第三条 本办法自2026年1月1日起施行。',
];

/**
 * A PDF whose text is set in STSong-Light, not embedded, through the predefined CMap UniGB-UCS2-H (Adobe-GB1),
 * with no ToUnicode map: how many government PDFs made by older tools are. Its text can be read only with
 * the Adobe CMaps (UniGB-UCS2-H to CIDs, Adobe-GB1-UCS2 back to Unicode); LibreOffice never writes such a file.
 */
export function cmapPdf(lines: readonly string[]): Buffer {
  const hex = (s: string) => Buffer.from(s, 'utf16le').swap16().toString('hex').toUpperCase();
  const draw = Buffer.from(`BT /F1 10 Tf 40 780 Td 18 TL ${lines.map((l) => `<${hex(l)}> Tj T*`).join(' ')} ET`);
  return pdfOf([
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>'),
    Buffer.concat([Buffer.from(`<< /Length ${draw.length} >>\nstream\n`), draw, Buffer.from('\nendstream')]),
    Buffer.from('<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>'),
    Buffer.from('<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>'),
    Buffer.from('<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>'),
  ]);
}

/**
 * Two versions of one draft, for the renumbered-file test (tests/e2e/file-versions.e2e.ts): the second inserts an
 * article after 第四条 (so 第五条 becomes 第六条 and all after it move on one), rewords the old 第七条 and moves the
 * rest unchanged. The first is a Word file, the second a PDF in a non-embedded font (so the reader page must also
 * load the CMaps shipped with the extension to read it).
 */
export const RENUMBERED_V1 = [
  '济南市公共数据管理条例(征求意见稿)',
  '第一条 为了规范公共数据管理,促进公共数据共享开放,根据有关法律、行政法规,结合本市实际,制定本条例。',
  '第二条 本市行政区域内公共数据的收集、归集、共享、开放及其相关管理活动,适用本条例。',
  '第三条 市人民政府应当加强对公共数据管理工作的领导,建立健全协调机制。',
  '第四条 市大数据主管部门负责本市公共数据的统筹管理和监督指导工作。',
  '第五条 公共管理和服务机构应当按照一数一源的要求收集公共数据,不得重复收集。',
  '第六条 公共数据以共享为原则,不共享为例外。',
  '第七条 公共管理和服务机构应当建立公共数据安全管理制度,落实安全保护责任。',
  '第八条 本条例自2027年1月1日起施行。',
];
export const RENUMBERED_V2 = [
  '济南市公共数据管理条例(草案修改稿)',
  ...RENUMBERED_V1.slice(1, 5),
  '第五条 区人民政府应当做好本行政区域内公共数据管理的相关工作。',
  ...RENUMBERED_V1.slice(5).map((l, i) => {
    const moved = l.replace(/^第[一二三四五六七八九十]+条/, `第${'六七八九'[i]}条`);
    return i === 2 ? moved.replace('落实安全保护责任。', '落实安全保护责任,定期开展风险评估。') : moved;
  }),
];

/** A .docx of `lines`, one paragraph each (the first as a centred title), made with the docx package. */
export async function simpleDocx(lines: readonly string[]): Promise<Buffer> {
  const { AlignmentType, Document, Packer, Paragraph, TextRun } = await import('docx');
  const doc = new Document({
    sections: [
      {
        children: lines.map((l, i) => new Paragraph({ alignment: i === 0 ? AlignmentType.CENTER : undefined, children: [new TextRun(l)] })),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** 1 → 一, 65 → 六十五, 130 → 一百三十 (enough for the long draft). */
function toChinese(n: number): string {
  const d = '零一二三四五六七八九';
  if (n < 10) return d[n]!;
  if (n < 20) return '十' + (n % 10 ? d[n % 10] : '');
  if (n < 100) return d[Math.floor(n / 10)] + '十' + (n % 10 ? d[n % 10] : '');
  const h = Math.floor(n / 100);
  const r = n % 100;
  return d[h] + '百' + (r === 0 ? '' : r < 10 ? '零' + d[r] : d[Math.floor(r / 10)] + '十' + (r % 10 ? d[r % 10] : ''));
}

if (process.argv[1]?.endsWith('make-file-fixtures.ts')) main();

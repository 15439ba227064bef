import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reading a rendered letter back the way a reader sees it: LibreOffice converts the .docx to PDF, poppler reads
 * PDFs (pdfinfo, pdftotext, pdffonts, pdftoppm). Throws with install advice when a tool is missing; nothing here
 * downloads anything.
 */

const INSTALL =
  'Install them (Debian/Ubuntu: `sudo apt-get install -y libreoffice-writer-nogui poppler-utils fonts-noto-cjk`; ' +
  'macOS: `brew install --cask libreoffice && brew install poppler`).';

function which(tool: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** soffice's path: $SOFFICE, else soffice/libreoffice on PATH. Throws saying how to install it. */
export function sofficePath(): string {
  const found = process.env.SOFFICE ?? which('soffice') ?? which('libreoffice');
  if (!found) throw new Error(`LibreOffice (soffice) is needed to render the .docx. ${INSTALL}`);
  return found;
}

/** Throws saying how to install poppler when pdftotext, pdfinfo, pdffonts or pdftoppm is missing. */
export function requirePoppler(): void {
  for (const tool of ['pdftotext', 'pdfinfo', 'pdffonts', 'pdftoppm']) {
    if (!which(tool)) throw new Error(`${tool} (poppler-utils) is needed to read the rendered letter. ${INSTALL}`);
  }
}

/**
 * A fontconfig file that tells fontconfig what every Chinese desktop knows and this bare machine does not: that
 * 仿宋, 小标宋, 楷体 and 宋体 are serif faces and 黑体 a sans (Windows, macOS and WPS ship those faces; Debian
 * with fonts-noto-cjk has none of them, and LibreOffice 7.4 does not read the font table's altName). Without it,
 * fontconfig gives every unknown name the default sans.
 */
export function chineseFontAliases(dir: string): string {
  const serif = ['仿宋_GB2312', '仿宋', 'FangSong', 'STFangsong', '方正小标宋简体', '宋体', 'STSong', '楷体_GB2312', '楷体', 'KaiTi', 'STKaiti'];
  const sans = ['黑体', 'SimHei', 'STHeiti'];
  const alias = (name: string, generic: string) =>
    `  <alias binding="same"><family>${name}</family><default><family>${generic}</family></default></alias>`;
  const file = join(dir, 'fonts.conf');
  writeFileSync(
    file,
    [
      '<?xml version="1.0"?>',
      '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
      '<fontconfig>',
      ...serif.map((n) => alias(n, 'serif')),
      ...sans.map((n) => alias(n, 'sans-serif')),
      '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
      '</fontconfig>',
      '',
    ].join('\n'),
  );
  return file;
}

/**
 * Converts .docx files to PDF in one LibreOffice run (headless, a private profile under `dir` so parallel runs
 * never share one), writing NAME.pdf next to each. Returns the PDF paths. Throws when soffice fails.
 */
export function docxToPdf(files: string[], dir: string): string[] {
  const profile = join(dir, 'lo-profile');
  mkdirSync(profile, { recursive: true });
  execFileSync(
    sofficePath(),
    [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, ...files],
    { env: { ...process.env, FONTCONFIG_FILE: chineseFontAliases(dir) }, stdio: 'pipe', timeout: 120_000 },
  );
  const pdfs = files.map((f) => join(dir, f.replace(/^.*\//, '').replace(/\.docx$/, '.pdf')));
  for (const p of pdfs) if (!existsSync(p)) throw new Error(`LibreOffice wrote no ${p}`);
  return pdfs;
}

export interface PdfReading {
  pages: number;
  /** pdftotext -layout, page by page. */
  text: string[];
  /** pdftotext -raw (content-stream order: a table cell's text stays together), page by page. */
  raw: string[];
  /** pdffonts' font names (subset prefix removed). */
  fonts: string[];
  /** Page size in points. */
  size: { width: number; height: number };
}

/** Reads a PDF back with poppler. */
export function readPdf(path: string): PdfReading {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const [, w, h] = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info) ?? [];
  const all = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  const text = all.split('\f').slice(0, pages);
  const raw = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).split('\f').slice(0, pages);
  const fonts = execFileSync('pdffonts', [path], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''))
    .filter((n) => n !== '');
  return { pages, text, raw, fonts, size: { width: Number(w), height: Number(h) } };
}

/** Writes page `page` of a PDF as a small PNG (pdftoppm at `dpi`) to `out` (without the .png). */
export function pageImage(pdf: string, page: number, out: string, dpi = 70): void {
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', pdf, out]);
}

/** A line of text where poppler placed it (points, from the page's top left). */
export interface PdfLine {
  page: number;
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
}

/** The lines of every page with their boxes (`pdftotext -bbox-layout`); a line's text is its words joined. */
export function pdfLines(path: string): PdfLine[] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  const out: PdfLine[] = [];
  xml.split(/<page\b/).slice(1).forEach((page, i) => {
    for (const m of page.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([\s\S]*?)<\/line>/g)) {
      const text = [...m[4]!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => w[1]).join('');
      out.push({ page: i + 1, text, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]) });
    }
  });
  return out;
}

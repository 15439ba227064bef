/**
 * `npm run --silent outline -- FILE`: prints the outline of a regulation page as JSON.
 * FILE is an .html page (read the way the content script reads the live DOM) or a .txt file with one
 * paragraph per line, or a draft published as a file (.pdf, .docx: see scripts/lib/file-outline.ts). The JSON
 * shape is the stable contract of regulation/json.ts.
 */
import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { readBlocks } from '../page/blocks';
import { readHints } from '../page/hints';
import { paragraphsFromText, toOutlineJson } from '../regulation/json';
import { parseOutline } from '../regulation/outline';
import type { Outline } from '../regulation/types';
import { FileFormatError, isFileDraft, outlineOfFile } from './lib/file-outline';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run --silent outline -- FILE.html|FILE.txt|FILE.pdf|FILE.docx');
  process.exit(2);
}
let bytes: Buffer;
try {
  bytes = readFileSync(file);
} catch (e) {
  console.error(`cannot read ${file}: ${(e as Error).message}`);
  process.exit(2);
}
if (isFileDraft(file, bytes)) {
  try {
    process.stdout.write(JSON.stringify(toOutlineJson(await outlineOfFile(file, bytes)), null, 2) + '\n');
    process.exit(0);
  } catch (e) {
    console.error(e instanceof FileFormatError ? e.message : `cannot read ${file}: ${(e as Error).message}`);
    process.exit(3);
  }
}
const text = decode(bytes);
const outline: Outline = /\.html?$/i.test(file) ? outlineOfHtml(text) : parseOutline(paragraphsFromText(text));
process.stdout.write(JSON.stringify(toOutlineJson(outline), null, 2) + '\n');

function outlineOfHtml(html: string): Outline {
  const window = new Window({ settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  const doc = window.document as unknown as Document;
  doc.write(html);
  const outline = parseOutline(readBlocks(doc.body ?? doc.documentElement), readHints(doc));
  void window.happyDOM.close();
  return outline;
}

/** Decodes by the page's declared charset (GBK pages are common on government sites), UTF-8 otherwise. */
function decode(buf: Buffer): string {
  const head = buf.subarray(0, 4096).toString('latin1');
  const m = /charset\s*=\s*["']?([\w-]+)/i.exec(head);
  const label = m?.[1]?.toLowerCase() ?? 'utf-8';
  try {
    return new TextDecoder(label).decode(buf);
  } catch {
    return new TextDecoder('utf-8').decode(buf);
  }
}

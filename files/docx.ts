/**
 * A .docx draft as HTML, through mammoth: one <p> per Word paragraph, tables as tables, headers, footers and
 * page numbers left out (they are not in the document body). DOM-free; the reader page and the CLI put the
 * HTML into a document and read it like a page (see surface.ts).
 *
 * Why mammoth and not docx-preview: a draft is read for its articles, and mammoth gives exactly the semantic
 * paragraphs the outline needs, the same in Node (the CLI) as in the browser; docx-preview keeps the page layout
 * but needs a DOM to run at all and repeats the running header and footer into the text on every page.
 */
import mammoth from 'mammoth';
import { normaliseCompat } from './clean';

/** Converts a .docx to HTML (compatibility ideographs mapped, see normaliseCompat). Rejects for a file that is not a .docx. */
export async function docxToHtml(bytes: Uint8Array): Promise<string> {
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  // the browser build reads `arrayBuffer`, the Node build `buffer` (any ArrayBuffer-like): give both
  const input = { arrayBuffer: ab, buffer: bytes } as unknown as { arrayBuffer: ArrayBuffer };
  const result = await mammoth.convertToHtml(input, { ignoreEmptyParagraphs: true });
  return normaliseCompat(safeLinks(result.value));
}

/** Drops link targets other than http(s) and in-document anchors from mammoth's HTML. */
function safeLinks(html: string): string {
  return html.replace(/\shref="(?!https?:|#)[^"]*"/gi, '');
}

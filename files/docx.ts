/**
 * A .docx draft as HTML, through mammoth: one <p> per Word paragraph, tables as tables, headers, footers and
 * page numbers left out (they are not in the document body). DOM-free; the reader page and the CLI put the
 * HTML into a document and read it like a page (see surface.ts).
 *
 * Why mammoth and not docx-preview: on real drafts both read the same articles (docx-preview with its headers and
 * footers off; tests/unit/files/docx-renderers.test.ts), and mammoth's plain semantic HTML passes the reader page's
 * sanitiser as it is, where docx-preview writes its layout as <style> elements and inline styles.
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

/**
 * Which kind of file some bytes are, by their content (a download's name or Content-Type often lies: a
 * `downfile.jsp?…` link, a .doc that is really a .docx, a PDF served as application/octet-stream). DOM-free.
 */

export type FileKind = 'pdf' | 'docx' | 'doc' | 'wps' | 'ofd' | 'unknown';

/** The kinds the reader can read. */
export const READABLE_KINDS: ReadonlySet<FileKind> = new Set(['pdf', 'docx']);

const ascii = (b: Uint8Array, from: number, to: number): string => String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));

/**
 * The kind of `bytes`: '%PDF' anywhere in the first KiB (some servers prepend junk) → pdf; a zip holding
 * word/document.xml → docx; a zip holding OFD.xml → ofd; an OLE compound file → doc, or wps when `name` says
 * so (WPS's own format is OLE as well); otherwise 'unknown'. `name` (a file name or URL) only breaks ties.
 * Never throws.
 */
export function detectKind(bytes: Uint8Array, name = ''): FileKind {
  if (ascii(bytes, 0, 1024).includes('%PDF-')) return 'pdf';
  const ext = /\.([a-z0-9]{2,5})(?:$|[?#&])/i.exec(name)?.[1]?.toLowerCase() ?? '';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    // the zip's central directory names its entries: look for them in the whole file (a draft is small)
    const text = new TextDecoder('latin1').decode(bytes);
    if (text.includes('word/document') || text.includes('word/_rels')) return 'docx';
    if (/OFD\.xml/i.test(text) || ext === 'ofd') return 'ofd';
    return ext === 'docx' ? 'docx' : 'unknown';
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return ext === 'wps' ? 'wps' : 'doc';
  return 'unknown';
}

/** The kind a link's address suggests (.pdf, .docx, .doc, .wps, .ofd, in the path or a `filename=` parameter), or null. */
export function kindFromName(url: string): FileKind | null {
  const m = /\.(pdf|docx|doc|wps|ofd)(?=$|[?#&;/])/i.exec(url);
  return m ? (m[1]!.toLowerCase() as FileKind) : null;
}

/** The kind a Content-Type names, or null (application/octet-stream and the like say nothing). */
export function kindFromContentType(type: string | null): FileKind | null {
  const t = (type ?? '').toLowerCase();
  if (t.includes('application/pdf')) return 'pdf';
  if (t.includes('wordprocessingml')) return 'docx';
  if (t.includes('application/msword')) return 'doc';
  if (t.includes('application/kswps') || t.includes('application/vnd.ms-works')) return 'wps';
  if (t.includes('application/ofd')) return 'ofd';
  return null;
}

/** SHA-256 of `bytes` as lowercase hex: a file's identity, whatever address it came from. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The address under which a file's notes are kept: the same bytes are the same document wherever they came from. */
export function fileDocumentUrl(sha256: string): string {
  return `urn:sha256:${sha256}`;
}

/** How far from each end of a PDF its trailers are looked for (a linearized file's first one is near the start). */
const ID_WINDOW = 64 * 1024;

/**
 * A PDF's own permanent identifier, as lowercase hex: the first string of its trailer's /ID, which the PDF
 * standard keeps across later saves of the same file (an incremental update, a copy re-saved with a stamp or
 * other metadata), while the second changes. Null when the file has no /ID in hex (a literal-string /ID is not
 * read), or a trivial one (under 8 bytes, or one digit repeated): such a value would match unrelated files. Only a
 * hint that two files are one: the last /ID found wins, as an update's trailer follows the original's.
 */
export function pdfId(bytes: Uint8Array): string | null {
  const latin1 = new TextDecoder('latin1');
  const ends = bytes.length > 2 * ID_WINDOW ? [bytes.subarray(0, ID_WINDOW), bytes.subarray(bytes.length - ID_WINDOW)] : [bytes];
  let found: string | null = null;
  for (const part of ends) {
    for (const m of latin1.decode(part).matchAll(/\/ID\s*\[\s*<([0-9A-Fa-f\s]*)>\s*<[0-9A-Fa-f\s]*>\s*\]/g)) found = m[1]!.replace(/\s+/g, '').toLowerCase();
  }
  if (!found || found.length < 16 || /^(.)\1*$/.test(found)) return null;
  return found;
}

/**
 * The file name a Content-Disposition header gives (`filename*=UTF-8''…` preferred, else `filename="…"` or a bare
 * token), decoded, or null. Never throws.
 */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*([\w-]+)'[^']*'([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[2]!.trim().replace(/^"|"$/g, ''));
    } catch {
      // a malformed escape: fall back to the plain filename
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header);
  return plain ? (plain[1] ?? plain[2]!).replace(/\\(.)/g, '$1') : null;
}

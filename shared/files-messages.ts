/**
 * Typed messages about drafts published as files (entrypoints/reader, the content script's file links, the
 * background's background/files.ts).
 */

/** content script or reader page -> background: keep these bytes (base64) and, when `open`, show them in the reader page. */
export interface FilesPut {
  type: 'files:put';
  name: string;
  base64: string;
  /** Where the bytes came from (null: the reviewer's disk). */
  source: string | null;
  /** The notice page the file was opened from, or null. */
  notice: string | null;
  open: boolean;
}

/** content script -> background: open the reader page on a file this script may not fetch (another host). */
export interface FilesOpenUrl {
  type: 'files:open-url';
  url: string;
  name: string;
  notice: string | null;
}

export type FilesMessage = FilesPut | FilesOpenUrl;

/** The background's answer to files:put: the file's identity, or why it is not kept. */
export type FilesPutReply =
  | { ok: true; sha256: string; kind: 'pdf' | 'docx' }
  | { ok: false; kind: string; error: 'unreadable' | 'too-large' | 'invalid' | 'internal' };

/** True for a well-formed FilesMessage (listeners ignore anything else). */
export function isFilesMessage(m: unknown): m is FilesMessage {
  if (typeof m !== 'object' || m === null) return false;
  const o = m as Record<string, unknown>;
  const nullableString = (v: unknown) => v === null || typeof v === 'string';
  if (o.type === 'files:put') {
    return typeof o.name === 'string' && typeof o.base64 === 'string' && nullableString(o.source) && nullableString(o.notice) && typeof o.open === 'boolean';
  }
  if (o.type === 'files:open-url') return typeof o.url === 'string' && /^https?:\/\//.test(o.url) && typeof o.name === 'string' && nullableString(o.notice);
  return false;
}

/** Bytes as base64 (runtime messages carry JSON in Chrome: a Uint8Array would arrive as an object of numbers). */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** The reader page's address for a stored file, or for a file at `src` not fetched yet. */
export const READER_PATH = '/reader.html';

/**
 * The letter as an .eml file: an RFC 5322 message with MIME (UTF-8), ready to send from Thunderbird or Outlook,
 * optionally with the .docx attached. All of it is 7-bit ASCII with CRLF line ends.
 */
import { HEADER_LINE_MAX, base64Lines, encodedWords, extendedParameter, header, rfc5322Date, utf8 } from './mime';
import type { Letter } from './model';
import { renderText, type RenderOptions } from './text';

/** A file to attach (the .docx in practice). */
export interface EmlAttachment {
  filename: string;
  content: Uint8Array;
  /** Defaults to application/octet-stream. */
  contentType?: string;
}

export interface EmlOptions extends RenderOptions {
  /** The Date header; defaults to now. */
  date?: Date;
  /** The left part of the Message-ID (before @); defaults to 32 random hex digits. Only [A-Za-z0-9._-] is kept. */
  messageId?: string;
  attachment?: EmlAttachment;
}

/** 32 random hex digits (getRandomValues: unlike randomUUID, it exists outside secure contexts too). */
function randomId(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** An address safe to put in a header as it is: ASCII, no spaces, no specials, one @. */
const ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*$/;

/** Returns the address when it is a plain ASCII address usable in a header as it is, else null. Never throws. */
export function headerAddress(address: string | null): string | null {
  return address !== null && address.length <= 254 && ADDRESS.test(address) ? address : null;
}

/** `Name <address>`, the name as encoded words (or a plain atom run when it is simple ASCII). */
function mailbox(name: string, address: string): string {
  if (name === '') return address;
  if (/^[A-Za-z0-9 ]+$/.test(name)) return `${name} <${address}>`;
  const words = encodedWords(name, HEADER_LINE_MAX - 'From: '.length);
  const last = words.length === 1 ? 'From: '.length + words[0]!.length : 1 + words.at(-1)!.length;
  // the address goes on its own folded line when it would push the last encoded word's line past 76
  const gap = last + 3 + address.length > HEADER_LINE_MAX ? '\r\n ' : ' ';
  return `${words.join('\r\n ')}${gap}<${address}>`;
}

/**
 * Returns the letter as an RFC 5322 message (a string of ASCII with CRLF line ends): Date, Message-ID, From (only
 * when the profile's email is a plain ASCII address, with the name or organisation as display name), To (the
 * notice's address, omitted when missing or not a plain address), Subject (letter.email.subject as RFC 2047 encoded
 * words, split on character boundaries, each at most 75 characters), MIME-Version and X-Unsent: 1 (Outlook opens it
 * as a draft to send). The body is renderText's output as text/plain; charset=utf-8 in base64 lines of 76; with an
 * attachment the message is multipart/mixed and the file's name is given both as RFC 2231 filename* and as an
 * encoded-word name for older clients. Text is never shortened. Throws a RangeError only when `options.date` is an
 * invalid Date.
 */
export function renderEml(letter: Letter, options: EmlOptions = {}): string {
  const date = options.date ?? new Date();
  const from = headerAddress(letter.sender.email);
  const to = headerAddress(letter.email.to);
  const id = (options.messageId ?? randomId()).replace(/[^A-Za-z0-9._-]/g, '') || 'letter';
  const domain = from?.split('@')[1] ?? 'regdraft-reviewer.invalid';

  const headers: string[] = [`Date: ${rfc5322Date(date)}`, `Message-ID: <${id}@${domain}>`];
  if (from !== null) headers.push(`From: ${mailbox(letter.sender.name || letter.sender.organisation, from)}`);
  if (to !== null) headers.push(`To: ${to}`);
  headers.push(header('Subject', letter.email.subject), 'MIME-Version: 1.0', 'X-Unsent: 1');

  const text = renderText(letter, options).replace(/\n/g, '\r\n');
  const textPart = [
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(utf8(text)),
  ].join('\r\n');

  const a = options.attachment;
  if (a === undefined) return [...headers, textPart, ''].join('\r\n');

  const boundary = `=_regdraft_${id.replace(/[^A-Za-z0-9]/g, '').slice(0, 40)}`;
  const type = (a.contentType ?? 'application/octet-stream').replace(/[^A-Za-z0-9!#$&^_.+/-]/g, '');
  const filePart = [
    `Content-Type: ${type};\r\n name="${encodedWords(a.filename, 60).join('\r\n ')}"`,
    `Content-Disposition: attachment;\r\n ${extendedParameter('filename', a.filename)}`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(a.content),
  ].join('\r\n');
  return [
    ...headers,
    `Content-Type: multipart/mixed;\r\n boundary="${boundary}"`,
    '',
    'This is a multi-part message in MIME format.',
    `--${boundary}`,
    textPart,
    `--${boundary}`,
    filePart,
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

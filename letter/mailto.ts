/**
 * "Open in mail app": a mailto: URL with the notice's address, the prescribed subject and the letter as its body,
 * only when it is short enough to arrive whole.
 */
import type { Letter } from './model';
import { renderText, type RenderOptions } from './text';

/**
 * The longest mailto: URL handed to the mail app, in characters.
 *
 * Nothing in RFC 6068 limits a mailto: URL, but the path it travels does, and it cuts silently: Windows passes
 * protocol URLs to the registered mail app through ShellExecute, where Outlook and other handlers have been seen
 * to drop everything past about 2,048 characters; Internet Explorer and the old Edge capped any URL at 2,083; some
 * webmail handlers lose long bodies too. 1,800 leaves room under 2,048 for a handler that re-encodes or prefixes
 * the URL. A Chinese character costs 9 URL characters (%E4%B8%AD), so this is a letter of roughly 150–180
 * characters: anything longer goes out as an .eml instead.
 */
export const MAILTO_MAX = 1_800;

/** encodeURIComponent with the @ of an address left readable (RFC 6068 allows it unencoded). */
const encodeAddress = (address: string) => encodeURIComponent(address).replace(/%40/g, '@');

/**
 * Returns `mailto:TO?subject=…&body=…` for the letter (To = letter.email.to, omitted when unknown; the subject and
 * the text body percent-encoded with encodeURIComponent, line breaks as %0D%0A per RFC 6068), or null when the URL
 * would be longer than MAILTO_MAX, so that nothing is cut off in the mail app. Never throws for a Letter.
 */
export function mailtoUrl(letter: Letter, options: RenderOptions = {}): string | null {
  const to = letter.email.to === null ? '' : encodeAddress(letter.email.to);
  const head = `mailto:${to}?subject=${encodeURIComponent(letter.email.subject)}&body=`;
  if (head.length > MAILTO_MAX) return null;
  const text = renderText(letter, options);
  // each character takes at least one URL character: a cheap refusal before encoding a long letter
  if (head.length + text.length > MAILTO_MAX) return null;
  const url = head + encodeURIComponent(text.replace(/\n/g, '\r\n'));
  return url.length > MAILTO_MAX ? null : url;
}

/**
 * Returns `mailto:TO?subject=…` without a body, for a letter too long for mailtoUrl: the mail app opens a new
 * message with the recipient and the prescribed subject, and the reviewer pastes the letter (copied as rich
 * text). Never throws for a Letter.
 */
export function mailtoHeadUrl(letter: Letter): string {
  const to = letter.email.to === null ? '' : encodeAddress(letter.email.to);
  return `mailto:${to}?subject=${encodeURIComponent(letter.email.subject)}`;
}

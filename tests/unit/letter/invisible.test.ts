import { describe, expect, test } from 'vitest';
import { buildLetter, emptyProfile, letterFileName, mailtoUrl, renderEml, safeFileStem } from '../../../letter';
import { singleLine } from '../../../letter/sanitise';
import { normaliseTitle } from '../../../storage';
import { goldenInput, note, sample } from './fixtures';

/** Every bidirectional and invisible formatting character the page may slip into a title or an address. */
const INVISIBLE = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\ufeff'];
const ANY = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;
/** `s` with every invisible character put in after its first character. */
const laced = (s: string) => s[0] + INVISIBLE.join('') + s.slice(1);

describe('bidirectional and invisible characters from the page', () => {
  const notice = {
    ...sample,
    title: laced(sample.title!),
    channels: { ...sample.channels, email: `\u202e${sample.channels.email!}\u202c`, subject: laced('数字经济条例意见') },
  };
  const letter = buildLetter(goldenInput({ notice, comments: [], profile: emptyProfile, notes: [note(65, { suggestion: '本条例自2025年1月1日起施行。' })] }));

  test('are removed from the letter title, the To address and the subject', () => {
    expect(letter.draftTitle).toBe(sample.title);
    expect(letter.email.to).toBe(sample.channels.email);
    expect(letter.email.subject).toBe('数字经济条例意见');
    expect(singleLine(laced('《条例》'))).toBe('《条例》');
  });

  test('never reach the .eml headers, the mailto link or the file names', () => {
    const eml = renderEml(letter, { date: new Date('2025-01-01T00:00:00Z'), messageId: 'm1' });
    const head = eml.slice(0, eml.indexOf('\r\n\r\n'));
    // decode every encoded word of the head and look for the characters
    const decoded = head.replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));
    expect(decoded).not.toMatch(ANY);
    expect(decoded).toContain(`To: ${sample.channels.email!}`);
    const url = mailtoUrl(letter)!;
    expect(decodeURIComponent(url)).not.toMatch(ANY);
    for (const ext of ['eml', 'docx', 'md']) expect(letterFileName(letter, ext)).not.toMatch(ANY);
    expect(safeFileStem(laced('报告'))).toBe('报告');
  });

  test('are removed from the stored draft title', () => {
    expect(normaliseTitle(laced('数据安全条例'))).toBe('数据安全条例');
  });
});

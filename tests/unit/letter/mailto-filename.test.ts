import { describe, expect, test } from 'vitest';
import {
  FILE_NAME_MAX_BYTES,
  MAILTO_MAX,
  buildLetter,
  emptyProfile,
  letterFileName,
  mailtoUrl,
  renderText,
  safeFileStem,
} from '../../../letter';
import { goldenInput, note, sample } from './fixtures';

/** A letter short enough for mailto: one note, no comments, no signature. */
const short = () =>
  buildLetter(goldenInput({ comments: [], profile: emptyProfile, notes: [note(65, { stance: 'modify', suggestion: '本条例自2025年1月1日起施行。' })] }));

describe('mailto', () => {
  test('a short letter: the notice’s address, the prescribed subject and the text body', () => {
    const letter = short();
    const url = mailtoUrl(letter)!;
    expect(url).not.toBeNull();
    expect(url.length).toBeLessThanOrEqual(MAILTO_MAX);
    const parsed = new URL(url);
    expect(parsed.protocol).toBe('mailto:');
    expect(parsed.pathname).toBe('sgxjxxhyszjjc@jn.shandong.cn');
    expect(parsed.searchParams.get('subject')).toBe('《济南市数字经济促进条例(征求意见稿)》修改意见');
    // line breaks travel as %0D%0A (RFC 6068)
    expect(url).toContain('%0D%0A');
    expect(url).not.toMatch(/%0A(?<!%0D%0A)/);
    expect(parsed.searchParams.get('body')).toBe(renderText(letter).replace(/\n/g, '\r\n'));
    // nothing in the query is left unencoded that could split it
    expect(url.slice(url.indexOf('?') + 1).split('&').map((p) => p.split('=')[0])).toEqual(['subject', 'body']);
  });

  test('characters that mean something in a URL are encoded in subject and body', () => {
    const notice = { ...sample, channels: { ...sample.channels, subject: 'a&b=c?d#e%' } };
    const letter = buildLetter(goldenInput({ notice, comments: [], profile: emptyProfile, notes: [note(65, { suggestion: '&body=x#' })] }));
    const url = mailtoUrl(letter)!;
    const parsed = new URL(url);
    expect(parsed.searchParams.get('subject')).toBe('a&b=c?d#e%');
    expect(parsed.searchParams.get('body')).toContain('&body=x#');
    expect(parsed.hash).toBe('');
  });

  test('null when the letter does not fit; the golden letter is too long', () => {
    expect(mailtoUrl(buildLetter(goldenInput()))).toBeNull();
    const long = buildLetter(goldenInput({ comments: [], profile: emptyProfile, notes: [note(65, { suggestion: '长'.repeat(300) })] }));
    expect(mailtoUrl(long)).toBeNull();
    expect(mailtoUrl(buildLetter(goldenInput({ notes: [note(65, { reason: 'x'.repeat(1_000_000) })] })))).toBeNull();
  });

  test('the limit is on the whole URL: just under fits, just over does not', () => {
    const base = short();
    const at = (n: number) => ({ ...base, signature: [{ label: 'x', value: 'a'.repeat(n) }] });
    const length = (n: number) => mailtoUrl(at(n))?.length ?? null;
    const room = MAILTO_MAX - mailtoUrl(at(0))!.length;
    expect(length(room)).toBe(MAILTO_MAX);
    expect(length(room + 1)).toBeNull();
  });

  test('no To when the notice has no address', () => {
    const notice = { ...sample, channels: { ...sample.channels, email: null } };
    const url = mailtoUrl(buildLetter(goldenInput({ notice, comments: [], profile: emptyProfile, notes: [note(65)] })))!;
    expect(url.startsWith('mailto:?subject=')).toBe(true);
  });
});

describe('file names', () => {
  test('from the title: 《…》修改意见.ext', () => {
    const letter = buildLetter(goldenInput());
    expect(letterFileName(letter, 'eml')).toBe('《济南市数字经济促进条例(征求意见稿)》修改意见.eml');
    expect(letterFileName(letter, 'docx')).toBe('《济南市数字经济促进条例(征求意见稿)》修改意见.docx');
    const untitled = buildLetter(goldenInput({ notice: { ...sample, title: null } }));
    expect(letterFileName(untitled, 'md')).toBe('征求意见稿修改意见.md');
  });

  test('characters no file system takes are removed', () => {
    const notice = { ...sample, title: 'a/b\\c:d*e?f"g<h>i|j\u0001k\u202el' };
    expect(letterFileName(buildLetter(goldenInput({ notice })), 'eml')).toBe('《abcdefghijkl》修改意见.eml');
    expect(safeFileStem(' ..隐藏. ')).toBe('隐藏');
    expect(safeFileStem('///')).toBe('修改意见');
    expect(safeFileStem('CON')).toBe('_CON');
    expect(safeFileStem('nul.txt')).toBe('_nul.txt');
  });

  test('long titles are cut on a character boundary to the byte limit', () => {
    const stem = safeFileStem('条'.repeat(500));
    expect(new TextEncoder().encode(stem).length).toBeLessThanOrEqual(FILE_NAME_MAX_BYTES);
    expect(stem).toBe('条'.repeat(Math.floor(FILE_NAME_MAX_BYTES / 3)));
    expect(safeFileStem('😀'.repeat(100))).toBe('😀'.repeat(FILE_NAME_MAX_BYTES / 4));
  });

  test('a bad extension throws', () => {
    const letter = buildLetter(goldenInput());
    expect(() => letterFileName(letter, '.eml')).toThrow(RangeError);
    expect(() => letterFileName(letter, 'e/ml')).toThrow(RangeError);
  });
});

import { simpleParser, type ParsedMail } from 'mailparser';
import { describe, expect, test } from 'vitest';
import { DOCX_MIME, buildLetter, letterFileName, renderDocx, renderEml, renderText, type Letter } from '../../../letter';
import { ENCODED_WORD_MAX, base64, encodedWords, extendedParameter } from '../../../letter/mime';
import { goldenInput, note, profile, sample } from './fixtures';

const DATE = new Date(Date.UTC(2024, 2, 1, 1, 2, 3));
const letter = buildLetter(goldenInput());

/** The header section of a message, unfolded: one entry per header. */
function headerLines(eml: string): string[] {
  const head = eml.slice(0, eml.indexOf('\r\n\r\n'));
  return head.replace(/\r\n[ \t]/g, ' ').split('\r\n');
}

function expectWellFormed(eml: string): void {
  // 7-bit ASCII, CRLF only
  expect(eml).not.toMatch(/[^\t\r\n\x20-\x7e]/);
  expect(eml).not.toMatch(/(?<!\r)\n|\r(?!\n)/);
  const lines = eml.split('\r\n');
  for (const line of lines) expect(line.length).toBeLessThanOrEqual(998);
  for (const line of lines.filter((l) => l.includes('=?'))) expect(line.length, line).toBeLessThanOrEqual(76);
  for (const word of eml.match(/=\?[^?]+\?B\?[^?]*\?=/g) ?? []) {
    expect(word.length).toBeLessThanOrEqual(ENCODED_WORD_MAX);
    // each word decodes to whole characters on its own
    const bytes = Buffer.from(word.slice('=?UTF-8?B?'.length, -2), 'base64');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).not.toThrow();
  }
}

const parse = (eml: string): Promise<ParsedMail> => simpleParser(eml);

describe('.eml read back by mailparser', () => {
  test('subject exactly (longer than one encoded word), to, from, date, charset, body = the text renderer', async () => {
    const eml = renderEml(letter, { date: DATE, messageId: 'm1' });
    expectWellFormed(eml);
    const subject = '《济南市数字经济促进条例(征求意见稿)》修改意见';
    expect(new TextEncoder().encode(subject).length).toBeGreaterThan(45); // more than one word's worth
    expect((eml.match(/=\?UTF-8\?B\?/g) ?? []).length).toBeGreaterThan(2);
    const m = await parse(eml);
    expect(m.subject).toBe(subject);
    expect(m.to && !Array.isArray(m.to) ? m.to.value : null).toEqual([{ address: 'sgxjxxhyszjjc@jn.shandong.cn', name: '' }]);
    expect(m.from?.value).toEqual([{ address: 'zhangming@example.com', name: '张明' }]);
    expect(m.date?.toISOString()).toBe('2024-03-01T01:02:03.000Z');
    expect(m.messageId).toBe('<m1@example.com>');
    expect(m.headers.get('mime-version')).toBe('1.0');
    expect(m.headers.get('x-unsent')).toBe('1');
    const type = m.headers.get('content-type') as { value: string; params: Record<string, string> };
    expect(type.value).toBe('text/plain');
    expect(type.params.charset).toBe('utf-8');
    expect(m.text).toBe(renderText(letter));
    expect(m.attachments).toEqual([]);
  });

  test('the table form body is the table-form text', async () => {
    const m = await parse(renderEml(letter, { form: 'table', date: DATE }));
    expect(m.text).toBe(renderText(letter, { form: 'table' }));
  });

  test('with the .docx attached: multipart/mixed, the file name in RFC 2231 form, the same bytes', async () => {
    const docx = await renderDocx(letter);
    const filename = letterFileName(letter, 'docx');
    const eml = renderEml(letter, { date: DATE, attachment: { filename, content: docx, contentType: DOCX_MIME } });
    expectWellFormed(eml);
    expect(eml).toContain("filename*0*=UTF-8''%E3%80%8A"); // 《 … continued over several segments
    const m = await parse(eml);
    expect((m.headers.get('content-type') as { value: string }).value).toBe('multipart/mixed');
    expect(m.subject).toBe('《济南市数字经济促进条例(征求意见稿)》修改意见');
    expect(m.text).toBe(renderText(letter));
    expect(m.attachments).toHaveLength(1);
    const a = m.attachments[0]!;
    expect(a.filename).toBe('《济南市数字经济促进条例(征求意见稿)》修改意见.docx');
    expect(a.contentType).toBe(DOCX_MIME);
    expect(a.contentDisposition).toBe('attachment');
    expect(Buffer.compare(a.content, Buffer.from(docx))).toBe(0);
  });

  test('a short ASCII file name is one filename* parameter', async () => {
    const content = new Uint8Array([0, 1, 2, 250, 255]);
    const m = await parse(renderEml(letter, { date: DATE, attachment: { filename: 'letter v1.docx', content } }));
    expect(m.attachments[0]!.filename).toBe('letter v1.docx');
    expect([...m.attachments[0]!.content]).toEqual([0, 1, 2, 250, 255]);
  });

  test('no To when the notice gives no address; no From without a usable profile email', async () => {
    const notice = { ...sample, channels: { ...sample.channels, email: null } };
    const l = buildLetter(goldenInput({ notice, profile: { ...profile, email: '张明 at example' } }));
    const eml = renderEml(l, { date: DATE });
    expect(headerLines(eml).some((h) => /^(To|From):/i.test(h))).toBe(false);
    const m = await parse(eml);
    expect(m.to).toBeUndefined();
    expect(m.from).toBeUndefined();
    expect(m.subject).toBe('《济南市数字经济促进条例(征求意见稿)》修改意见');
  });

  test('a Message-ID is made when none is given, and differs between letters', () => {
    const id = (eml: string) => headerLines(eml).find((h) => h.startsWith('Message-ID:'));
    const a = id(renderEml(letter));
    expect(a).toMatch(/^Message-ID: <[0-9a-f]{32}@example\.com>$/);
    expect(id(renderEml(letter))).not.toBe(a);
  });

  test('a 1,000,000-character note arrives whole', async () => {
    const big = '长'.repeat(999_994) + '最后六个字';
    const l = buildLetter(goldenInput({ notes: [note(3, { reason: big })] }));
    const eml = renderEml(l, { date: DATE });
    const body = eml.slice(eml.indexOf('\r\n\r\n') + 4).split('\r\n');
    expect(body.every((line) => line.length <= 76)).toBe(true);
    const m = await parse(eml);
    expect(m.text).toContain(`理由：${big}\n`);
    expect(m.text).toBe(renderText(l));
  }, 30_000);
});

describe('header injection', () => {
  const hostile = (): Letter =>
    buildLetter(
      goldenInput({
        notice: {
          ...sample,
          channels: { ...sample.channels, subject: '《条例》修改意见\r\nBcc: victim@example.com\r\n\r\nforged body' },
        },
        profile: { ...profile, name: 'Zhang\r\nBcc: evil@example.com', email: 'zhangming@example.com\r\nCc: x@example.com' },
      }),
    );

  test('CR/LF in the subject and the name: each stays on its own header line, no Bcc or Cc appears', async () => {
    const eml = renderEml(hostile(), { date: DATE });
    expectWellFormed(eml);
    const headers = headerLines(eml);
    expect(headers.filter((h) => /^(bcc|cc):/i.test(h))).toEqual([]);
    const m = await parse(eml);
    expect(m.bcc).toBeUndefined();
    expect(m.cc).toBeUndefined();
    expect(m.subject).toBe('《条例》修改意见 Bcc: victim@example.com forged body');
    expect(m.text).toBe(renderText(hostile()));
  });

  test('an address that is not a plain address is left out, not written', async () => {
    const eml = renderEml(hostile(), { date: DATE });
    expect(headerLines(eml).some((h) => h.startsWith('From:'))).toBe(false);
  });

  test('an ASCII subject with CR/LF is one plain header line', async () => {
    const notice = { ...sample, channels: { ...sample.channels, subject: 'Comments\r\nBcc: evil@example.com' } };
    const eml = renderEml(buildLetter(goldenInput({ notice })), { date: DATE });
    expect(headerLines(eml)).toContain('Subject: Comments Bcc: evil@example.com');
    expect((await parse(eml)).bcc).toBeUndefined();
  });
});

describe('MIME pieces', () => {
  test('base64 agrees with Node for every length and byte', () => {
    for (let n = 0; n < 20; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 31) & 255);
      expect(base64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(base64(all)).toBe(Buffer.from(all).toString('base64'));
  });

  test('encoded words split on character boundaries, four-byte characters included', () => {
    const text = '😀汉'.repeat(30);
    const words = encodedWords(text, 40);
    expect(words.length).toBeGreaterThan(3);
    expect(words[0]!.length).toBeLessThanOrEqual(40);
    const decoded = words.map((w) => new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(w.slice(10, -2), 'base64')));
    expect(decoded.join('')).toBe(text);
    for (const w of words) expect(w.length).toBeLessThanOrEqual(ENCODED_WORD_MAX);
  });

  test.each([
    '《济南市数字经济促进条例(征求意见稿)》修改意见',
    '《山东省大数据发展促进条例（修订草案）(征求意见稿)》修改意见',
    '《GB/T 9704-2012党政机关公文格式(修订征求意见稿)》修改意见',
    'é汉字'.repeat(20),
  ])('no encoded word but the last ends in base64 padding (GMime joins words before decoding): %s', (text) => {
    for (const room of [75, 67, 40]) {
      const words = encodedWords(text, room);
      expect(words.length).toBeGreaterThan(1);
      words.slice(0, -1).forEach((w) => expect(w, w).not.toMatch(/=\?=$/));
      const decoded = words.map((w) => new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(w.slice(10, -2), 'base64')));
      expect(decoded.join('')).toBe(text);
      expect(words[0]!.length).toBeLessThanOrEqual(room);
      for (const w of words) expect(w.length).toBeLessThanOrEqual(ENCODED_WORD_MAX);
    }
  });

  test('RFC 2231 parameters: one segment when short, numbered continuations on character boundaries when long', () => {
    expect(extendedParameter('filename', 'a b.docx')).toBe("filename*=UTF-8''a%20b.docx");
    const long = extendedParameter('filename', '汉'.repeat(30));
    const segments = long.split(';\r\n ');
    expect(segments.length).toBeGreaterThan(1);
    expect(segments[0]).toMatch(/^filename\*0\*=UTF-8''(%E6%B1%89)+$/);
    expect(segments[1]).toMatch(/^filename\*1\*=(%E6%B1%89)+$/);
  });
});

describe('From', () => {
  test('a long Chinese name and a long address: lines stay within 76, both read back', async () => {
    const name = '某某省某某市某某区某某街道某某社区居民委员会法律顾问张明';
    const email = 'a.very.long.mailbox.name.for.testing@subdomain.example-agency.gov.cn';
    const l = buildLetter(goldenInput({ profile: { ...profile, name, email } }));
    const eml = renderEml(l, { date: DATE });
    expectWellFormed(eml);
    const m = await parse(eml);
    expect(m.from?.value).toEqual([{ address: email, name }]);
  });

  test('the organisation signs when there is no name; a plain ASCII name is written as it is', async () => {
    const org = await parse(renderEml(buildLetter(goldenInput({ profile: { ...profile, name: '' } })), { date: DATE }));
    expect(org.from?.value).toEqual([{ address: 'zhangming@example.com', name: '济南市软件行业协会' }]);
    const eml = renderEml(buildLetter(goldenInput({ profile: { ...profile, name: 'Zhang Ming' } })), { date: DATE });
    expect(headerLines(eml)).toContain('From: Zhang Ming <zhangming@example.com>');
  });

  test('an invalid date throws a RangeError', () => {
    expect(() => renderEml(letter, { date: new Date(NaN) })).toThrow(RangeError);
  });
});

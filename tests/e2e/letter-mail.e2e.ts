import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DOCX_MIME, buildLetter, letterFileName, renderDocx, renderEml, renderText, type Letter } from '../../letter';
import { profile, sample } from '../unit/letter/fixtures';
import { sampleLetter, tenNotes } from '../unit/letter/sample-letter';

/**
 * Issue 12: the .eml as a mail client shows it. mu (Debian maildir-utils, the mail tool behind mu4e) reads the
 * message with GMime, the MIME library of the GNOME mail clients (Evolution, Balsa): `mu view` prints the headers
 * and body as a client shows them, `mu extract` saves the attachment as a client does. The unit tests read the
 * .eml with mailparser; this test is there because GMime reads RFC 2047 subjects differently (it joins adjacent
 * encoded words before decoding: a word ending in base64 padding cut the subject at 《济南市数字经济促进条例().
 */
const MU = spawnSync('sh', ['-c', 'command -v mu'], { encoding: 'utf8' }).stdout.trim();
if (!MU) console.warn('.eml mail-client test skipped: no mu. Install it (Debian/Ubuntu: `sudo apt-get install -y maildir-utils`).');

const DATE = new Date(Date.UTC(2024, 2, 1, 1, 2, 3));
let dir: string;

/** Writes the letter's .eml (with its .docx attached) and returns its path and the .docx bytes. */
async function writeEml(letter: Letter, name: string): Promise<{ path: string; docx: Uint8Array }> {
  const docx = await renderDocx(letter);
  const path = join(dir, `${name}.eml`);
  writeFileSync(path, renderEml(letter, { date: DATE, messageId: name, attachment: { filename: letterFileName(letter, 'docx'), content: docx, contentType: DOCX_MIME } }));
  return { path, docx };
}

const mu = (...args: string[]) => execFileSync(MU, [...args, `--muhome=${join(dir, 'mu')}`], { encoding: 'utf8' });

/** `mu view`: the header lines it shows (From, To, Subject, Date, Attachments…) and the body after them. */
function view(path: string): { headers: Record<string, string>; body: string } {
  const lines = mu('view', path).split('\n');
  const headers: Record<string, string> = {};
  let at = 0;
  for (let m = /^(From|To|Cc|Bcc|Subject|Date|Attachments|Tags|Flags|Maildir|Message-Id): (.*)$/.exec(lines[0] ?? ''); m; m = /^(From|To|Cc|Bcc|Subject|Date|Attachments|Tags|Flags|Maildir|Message-Id): (.*)$/.exec(lines[++at] ?? '')) {
    headers[m[1]!] = m[2]!;
  }
  return { headers, body: lines.slice(at).join('\n') };
}

describe.skipIf(!MU)('the .eml in a mail client (mu, GMime)', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'regdraft-mail-'));
    mkdirSync(join(dir, 'mu'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the sample letter: From, To, the whole subject, the .docx listed by its Chinese name, the body as the text renderer writes it', async () => {
    const letter = sampleLetter('prose');
    const { path } = await writeEml(letter, 'sample');
    const { headers, body } = view(path);
    expect(headers.From).toBe(`${letter.sender.name} <${letter.sender.email}>`);
    expect(headers.To).toBe(letter.email.to);
    expect(headers.Subject).toBe(letter.email.subject);
    expect(headers.Attachments).toBe(letterFileName(letter, 'docx'));
    const squash = (s: string) => s.replace(/\s+/g, '');
    expect(squash(body)).toBe(squash(renderText(letter)));
    // every note, in order, on the screen
    let at = 0;
    for (const item of letter.items) {
      const found = body.indexOf(item.opinion.slice(0, 12), at);
      expect(found, item.clauseLabel).toBeGreaterThanOrEqual(at);
      at = found;
    }
  });

  test('the attachment saved as a client saves it: its Chinese file name and the very bytes of the .docx', async () => {
    const letter = sampleLetter('table', true);
    const { path, docx } = await writeEml(letter, 'attached');
    const out = join(dir, 'saved');
    mkdirSync(out);
    mu('extract', '--save-attachments', `--target-dir=${out}`, path);
    expect(Buffer.compare(readFileSync(join(out, letterFileName(letter, 'docx'))), Buffer.from(docx))).toBe(0);
  });

  // drafts' titles as real notices word them: brackets, Latin letters and digits at every place a word may end
  test.each([
    '济南市数字经济促进条例(征求意见稿)',
    '山东省大数据发展促进条例（修订草案）(征求意见稿)',
    '关于修改《中华人民共和国网络安全法》的决定(草案)',
    'GB/T 9704-2012党政机关公文格式(修订征求意见稿)',
    '济南市AI+制造业发展若干措施(2024—2026年)(征求意见稿)',
    '济南市城市管理条例实施办法(第2次征求意见稿)',
  ])('the subject for 《%s》 reads whole', async (title) => {
    const letter = buildLetter({
      notice: { ...sample, title, channels: { ...sample.channels, subject: null } },
      articles: sample.articles,
      notes: tenNotes().slice(0, 1),
      comments: [],
      profile,
      options: { form: 'prose' },
      today: '2024-03-01',
    });
    expect(letter.email.subject).toBe(`《${title}》修改意见`);
    const { path } = await writeEml(letter, `t${title.length}`);
    expect(view(path).headers.Subject).toBe(letter.email.subject);
  });
});

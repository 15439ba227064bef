import { Window } from 'happy-dom';
import { afterAll, describe, expect, test } from 'vitest';
import { buildLetter, escapeHtml, renderHtml, renderPrint } from '../../../letter';
import { keepWhole } from '../../../letter/html';
import { joinStandardNumbers } from '../../../letter/layout';
import { goldenInput, note, profile, sample } from './fixtures';

const ATTACK = '<img src=x onerror=alert(1)>';

const window = new Window();
afterAll(() => window.happyDOM.close());
/** Parses the markup as a browser would, to look for elements it must not contain. */
const parse = (html: string) => new window.DOMParser().parseFromString(html, 'text/html');

function hostileLetter(form: 'prose' | 'table') {
  const notice = {
    ...sample,
    title: `条例${ATTACK}`,
    issuer: `济南市<script>alert(2)</script>局`,
    channels: { ...sample.channels, envelope: `意见${ATTACK}`, address: `历下区"><b>x</b>` },
  };
  return buildLetter(
    goldenInput({
      notice,
      options: { form },
      profile: { ...profile, name: `张明${ATTACK}`, address: `地址${ATTACK}` },
      comments: [{ id: 'c', documentId: 'doc-1', text: `总体${ATTACK}`, createdAt: 1, updatedAt: 1, revision: 1 }],
      notes: [note(3, { suggestion: ATTACK, reason: `理由 & <i>斜体</i>\n第二行`, quote: '促进数字经济发展' })],
    }),
  );
}

describe('HTML fragment', () => {
  test('escapeHtml escapes the five characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  test.each(['prose', 'table'] as const)('%s: a note holding markup appears as text, never as an element', (form) => {
    const html = renderHtml(hostileLetter(form));
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const doc = parse(html);
    expect(doc.querySelectorAll('img, script, i, b').length).toBe(0);
    const text = doc.body.textContent ?? '';
    expect(text).toContain(`建议修改为：“${ATTACK}”`);
    expect(text).toContain('理由 & <i>斜体</i>');
    expect(text).toContain('济南市<script>alert(2)</script>局：');
  });

  test('prose: headings, fields, line breaks as <br>, signature', () => {
    const doc = parse(renderHtml(buildLetter(goldenInput())));
    expect(doc.querySelector('h1')?.textContent).toBe('关于《济南市数字经济促进条例(征求意见稿)》的修改意见');
    expect([...doc.querySelectorAll('h2')].map((h) => h.textContent)).toEqual(['一、总体意见', '二、具体修改意见']);
    expect([...doc.querySelectorAll('h3')].map((h) => h.textContent)).toEqual(['（一）第二条', '（二）第三条', '（三）第六条', '（四）第十条']);
    const reason = [...doc.querySelectorAll('p')].find((p) => p.textContent?.startsWith('理由：增加'))!;
    expect(reason.querySelectorAll('br').length).toBe(1);
    expect(doc.body.textContent).toContain('联系人：张明');
    expect(doc.body.textContent).toContain('2024年3月1日');
    expect(doc.querySelector('table')).toBeNull();
  });

  test('table form: header 序号 | 条款 | 原文 | 修改意见 | 理由 and one row per item', () => {
    const doc = parse(renderHtml(buildLetter(goldenInput({ options: { form: 'table' } }))));
    const rows = [...doc.querySelectorAll('tr')].map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(rows[0]).toEqual(['序号', '条款', '原文', '修改意见', '理由']);
    expect(rows).toHaveLength(6);
    expect(rows.slice(1).map((r) => r.slice(0, 2))).toEqual([
      ['1', '第二条'],
      ['2', '第三条'],
      ['3', '第六条'],
      ['4', '第六条'],
      ['5', '第十条'],
    ]);
    expect(rows[4]).toEqual(['4', '第六条', '口岸物流等部门', '对上述内容有疑问：“口岸物流”部门具体指哪一部门？', '']);
  });
});

describe('print document', () => {
  test('a whole A4 document with the letter, the address block and the envelope label', () => {
    const notice = { ...sample, channels: { ...sample.channels, envelope: '《济南市数字经济促进条例(征求意见稿)》意见' } };
    const html = renderPrint(buildLetter(goldenInput({ notice })));
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toMatch(/@page\s*\{\s*size:\s*A4/);
    const doc = parse(html);
    expect(doc.documentElement.getAttribute('lang')).toBe('zh-CN');
    expect(doc.title).toBe('关于《济南市数字经济促进条例(征求意见稿)》的修改意见');
    expect(doc.querySelector('main h1')?.textContent).toBe('关于《济南市数字经济促进条例(征求意见稿)》的修改意见');
    const block = [...doc.querySelectorAll('.post dt')].map((dt) => `${dt.textContent}=${dt.nextElementSibling?.textContent}`);
    expect(block).toEqual([
      '收件人=济南市工业和信息化局',
      '地址=山东省济南市历下区龙鼎大道1号3层B323室',
      '邮政编码=250099',
      '信封注明=《济南市数字经济促进条例(征求意见稿)》意见',
    ]);
    const envelope = doc.querySelector('.envelope')!;
    expect([...envelope.querySelectorAll('.postcode span')].map((s) => s.textContent).join('')).toBe('250099');
    expect(envelope.querySelector('.to-address')?.textContent).toBe('山东省济南市历下区龙鼎大道1号3层B323室');
    expect(envelope.querySelector('.to-name')?.textContent).toBe('济南市工业和信息化局（收）');
    expect(envelope.querySelector('.mark')?.textContent).toBe('《济南市数字经济促进条例(征求意见稿)》意见');
    expect(envelope.querySelector('.from')?.textContent).toBe('寄件人：山东省济南市历下区经十路100号 济南市软件行业协会');
  });

  test('no envelope mark when the notice gives none; no postal page without an address', () => {
    const doc = parse(renderPrint(buildLetter(goldenInput())));
    expect(doc.querySelector('.envelope .mark')).toBeNull();
    const noAddress = { ...sample, channels: { ...sample.channels, address: null } };
    const bare = parse(renderPrint(buildLetter(goldenInput({ notice: noAddress }))));
    expect(bare.querySelector('.post')).toBeNull();
    expect(bare.querySelector('main h1')).not.toBeNull();
  });

  test('everything is escaped, and the document allows no script', () => {
    const html = renderPrint(hostileLetter('prose'));
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>x</b>');
    const doc = parse(html);
    expect(doc.querySelectorAll('img, script, b').length).toBe(0);
    expect(doc.title).toBe(`关于《条例${ATTACK}》的修改意见`);
    expect(doc.querySelector('.envelope .mark')?.textContent).toBe(`意见${ATTACK}`);
    expect(doc.querySelector('.envelope .to-address')?.textContent).toBe('历下区"><b>x</b>');
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content');
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
  });

  test('set as a 公文: @page A4 with the folio — n — in margin boxes (odd right, even left), kept headings, repeated header row', () => {
    const html = renderPrint(buildLetter(goldenInput({ options: { form: 'table' } })));
    expect(html).toMatch(/@page \{ size: A4; margin: 37mm 26mm 35mm 28mm;/);
    expect(html).toMatch(/@bottom-right \{ content: '— ' counter\(page\) ' —'/);
    expect(html).toMatch(/@page :left \{[^}]*\}\s*@bottom-left \{ content: '— ' counter\(page\) ' —'/);
    // empty margin boxes of our own leave no room for the browser's header and footer (URL, date)
    for (const box of ['top-left', 'top-center', 'top-right', 'bottom-center']) expect(html).toContain(`@${box} { content: ''; }`);
    expect(html).toMatch(/\.letter h2 \{[^}]*break-after: avoid/);
    expect(html).toMatch(/\.letter h3 \{[^}]*break-after: avoid/);
    expect(html).toMatch(/\.letter table\.items thead \{ display: table-header-group; \}/);
    expect(html).toMatch(/\.letter table\.items tr \{ break-inside: auto;/);
    expect(html).toMatch(/\.letter \.closing \{[^}]*break-inside: avoid/);
    const doc = parse(html);
    const cols = [...doc.querySelectorAll('table.items col')].map((c) => parseFloat(c.getAttribute('style')!.replace('width:', '')));
    expect(cols).toHaveLength(5);
    expect(cols.reduce((a, b) => a + b)).toBeCloseTo((156 / 25.4) * 72, -1);
    expect(Math.min(cols[2]!, cols[3]!)).toBeGreaterThan(Math.max(cols[0]!, cols[1]!, cols[4]!));
    // the signer over the date, the contacts as a note; no inline styles in the print markup
    expect(doc.querySelector('.closing .signer')?.textContent).toBe('济南市软件行业协会');
    expect(doc.querySelector('.closing .date')?.textContent).toBe('2024年3月1日');
    expect(doc.querySelector('.closing .contact')?.textContent).toContain('（联系人：张明；');
    expect(doc.querySelector('main [style]:not(col)')).toBeNull();
    // so the sheet places them: the date (2024年3月1日, 6 characters wide: a digit is half) four characters from the
    // right, the signer (9 characters) centred over it, as the .docx does
    expect(html).toContain('.letter .date { padding-right: 4em; }');
    expect(html).toContain(`.letter .signer { padding-right: ${4 + 6 / 2 - 9 / 2}em; }`);
  });

  test('a notice that asks for a seal: room above the signer and （盖章） beside it', () => {
    const sealed = parse(renderPrint(buildLetter(goldenInput({ options: { form: 'prose', seal: true } }))));
    expect(sealed.querySelector('.closing.sealed .signer')?.textContent).toBe('济南市软件行业协会（盖章）');
    const plain = parse(renderPrint(buildLetter(goldenInput())));
    expect(plain.querySelector('.closing.sealed')).toBeNull();
    expect(plain.querySelector('.closing .signer')?.textContent).toBe('济南市软件行业协会');
  });
});

describe('what never breaks across lines', () => {
  const kept = (text: string, max?: number) => [...parse(`<p>${keepWhole(text, max)}</p>`).querySelectorAll('.kw')].map((s) => s.textContent);

  test.each([
    ['参照 GB/T 9704-2012 的要求', ['GB/T 9704-2012']],
    ['符合GB/T 1.1-2020规定', ['GB/T 1.1-2020']],
    ['GB 50016—2014 和 ISO 9001:2015', ['GB 50016—2014', 'ISO 9001:2015']],
    ['ISO/IEC 27001 认证', ['ISO/IEC 27001']],
    ['可查阅 https://www.miit.gov.cn/a/b?x=1&y=2 发布的标准', ['https://www.miit.gov.cn/a/b?x=1&y=2']],
    ['邮箱：zhang.ming@example.com。', ['zhang.ming@example.com']],
    ['AI服务器与 open source 软件', ['AI', 'open', 'source']],
    ['第3条第2款，2024年', []],
  ])('%s', (text, want) => {
    expect(kept(text)).toEqual(want);
    // nothing lost, nothing added
    expect(parse(`<p>${keepWhole(text)}</p>`).body.textContent).toBe(text);
  });

  test('text is escaped inside and outside the kept runs; line breaks become <br>', () => {
    const html = keepWhole('a<b>&GB/T 1-2\n<i>');
    expect(html).not.toMatch(/<b>|<i>/);
    expect(html).toContain('<br>');
    expect(parse(`<p>${html}</p>`).body.textContent).toBe('a<b>&GB/T 1-2<i>');
  });

  test('a run longer than its column holds is left to break', () => {
    expect(kept('见 https://www.example.gov.cn/very/long/path/to/a/file.html', 20)).toEqual([]);
  });

  test('the print view keeps a standard’s number and a URL whole; the pasted copy has no such spans', () => {
    const letter = buildLetter(goldenInput({ notes: [note(3, { reason: '参照 GB/T 1.1-2020，见 https://www.miit.gov.cn', quote: '促进数字经济发展' })] }));
    const print = parse(renderPrint(letter));
    expect([...print.querySelectorAll('main .kw')].map((s) => s.textContent)).toEqual(expect.arrayContaining(['GB/T 1.1-2020', 'https://www.miit.gov.cn']));
    expect(renderPrint(letter)).toMatch(/\.letter \.kw \{ white-space: nowrap; \}/);
    expect(renderHtml(letter)).not.toContain('class="kw"');
  });

  test('the .docx joins a standard’s number to its code with a no-break space', () => {
    expect(joinStandardNumbers('参照 GB/T 9704-2012 和 ISO/IEC 27001 的要求')).toBe('参照 GB/T\u00a09704-2012 和 ISO/IEC\u00a027001 的要求');
    expect(joinStandardNumbers('open source')).toBe('open source');
  });
});

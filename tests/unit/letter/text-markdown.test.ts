import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { buildLetter, renderMarkdown, renderText } from '../../../letter';
import { goldenInput, note } from './fixtures';

const golden = (name: string) => readFileSync(new URL(`golden/${name}`, import.meta.url), 'utf8');

describe('golden files (hand-checked once, compared exactly)', () => {
  test.each(['prose', 'table'] as const)('%s form: text', (form) => {
    expect(renderText(buildLetter(goldenInput({ options: { form } })))).toBe(golden(`letter-${form}.txt`));
  });

  test.each(['prose', 'table'] as const)('%s form: Markdown', (form) => {
    expect(renderMarkdown(buildLetter(goldenInput({ options: { form } })))).toBe(golden(`letter-${form}.md`));
  });

  test('the render option overrides the letter’s form', () => {
    const prose = buildLetter(goldenInput({ options: { form: 'prose' } }));
    expect(renderText(prose, { form: 'table' })).toBe(golden('letter-table.txt'));
    expect(renderMarkdown(prose, { form: 'table' })).toBe(golden('letter-table.md'));
  });
});

describe('text', () => {
  test('an empty letter still has title, addressee, signature and date, and no sections', () => {
    const text = renderText(buildLetter(goldenInput({ notes: [], comments: [] })));
    expect(text).toContain('关于《济南市数字经济促进条例(征求意见稿)》的修改意见');
    expect(text).not.toContain('一、');
    expect(text.trimEnd().endsWith('2024年3月1日')).toBe(true);
  });

  test('a 1,000,000-character note is kept whole', () => {
    const big = '理'.repeat(999_996) + '到此为止';
    const text = renderText(buildLetter(goldenInput({ notes: [note(3, { reason: big })] })));
    expect(text).toContain(`理由：${big}\n`);
  });
});

describe('Markdown', () => {
  test('the reviewer’s text reads as typed: markup characters are escaped', () => {
    const md = renderMarkdown(
      buildLetter(
        goldenInput({
          comments: [],
          notes: [note(3, { suggestion: '# 不是标题 *不是强调* [链接](http://x) <b>x</b> a|b', reason: '1. 不是列表\n- 也不是' })],
        }),
      ),
    );
    expect(md).toContain('建议修改为：“\\# 不是标题 \\*不是强调\\* \\[链接\\](http://x) \\<b\\>x\\</b\\> a\\|b”');
    expect(md).toContain('**理由**：1\\. 不是列表\n\n\\- 也不是');
  });

  test('table cells keep line breaks as <br> and escape pipes', () => {
    const md = renderMarkdown(
      buildLetter(goldenInput({ comments: [], options: { form: 'table' }, notes: [note(3, { reason: '甲|乙\n丙' })] })),
    );
    const row = md.split('\n').find((l) => l.startsWith('| 1 |'))!;
    expect(row.endsWith('| 甲\\|乙<br>丙 |')).toBe(true);
    // five cells: the escaped pipe does not add one
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(5);
  });
});

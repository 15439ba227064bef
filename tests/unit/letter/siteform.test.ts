import { describe, expect, test } from 'vitest';
import { MAILTO_MAX, buildLetter, formLength, mailtoHeadUrl, renderText, siteFormNotes, siteFormParts, splitForForm } from '../../../letter';
import { goldenInput } from './fixtures';
import { sampleLetter } from './sample-letter';

describe('the site’s own form: each note as a short text', () => {
  test('条款, 修改意见 and 理由 of each note, without the 原文', () => {
    const notes = siteFormNotes(buildLetter(goldenInput()));
    expect(notes.map((n) => n.clause)).toEqual(['第二条', '第三条', '第六条', '第六条', '第十条']);
    expect(notes[0]!.text).toBe('条款：第二条\n修改意见：赞同本条规定。');
    expect(notes[1]!.text).toMatch(/^条款：第三条\n修改意见：建议修改为：“促进数字经济发展.*”\n理由：增加“开放合作”原则，与《山东省数字经济促进条例》表述保持一致。\n同时体现对外开放的要求。$/s);
    for (const n of notes) expect(n.text).not.toContain('原文');
  });
});

describe('the whole letter in parts within a character limit', () => {
  const letter = sampleLetter('prose');
  const text = renderText(letter);

  test.each([500, 1000, 2000, 300, 777])('limit %i: every part fits, numbered (n/N) when there are several, and together they are the letter', (limit) => {
    const parts = siteFormParts(letter, limit);
    expect(parts.length > 1).toBe(formLength(text.trim()) > limit);
    parts.forEach((p, i) => {
      expect(formLength(p), `part ${i + 1}`).toBeLessThanOrEqual(limit);
      if (parts.length > 1) expect(p.startsWith(`（${i + 1}/${parts.length}）`)).toBe(true);
    });
    const joined = parts.map((p) => p.replace(/^（\d+\/\d+）/, '')).join('');
    expect(joined.replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
  });

  test('parts end where a note ends when a note fits, else at the end of a sentence', () => {
    for (const limit of [500, 1000]) {
      for (const p of siteFormParts(letter, limit).slice(0, -1)) expect(p, p.slice(-20)).toMatch(/[。！？；”）]$|\d{4}年\d+月\d+日$/);
    }
  });

  test('a letter within the limit is one part, unnumbered', () => {
    expect(splitForForm('建议修改为：“统筹考虑”。\n', 500)).toEqual(['建议修改为：“统筹考虑”。']);
  });

  test('a sentence longer than a part is cut inside, and nothing is lost', () => {
    const long = '甲'.repeat(130);
    const parts = splitForForm(long, 60);
    for (const p of parts) expect(formLength(p)).toBeLessThanOrEqual(60);
    expect(parts.map((p) => p.replace(/^（\d+\/\d+）/, '')).join('')).toBe(long);
  });

  test('an absurd limit counts as the smallest useful one', () => {
    for (const limit of [0, -5, Number.NaN, 10]) for (const p of splitForForm('乙。'.repeat(100), limit)) expect(formLength(p)).toBeLessThanOrEqual(50);
  });
});

describe('a letter too long for a mailto link still opens in the mail app', () => {
  test('mailto with To and the prescribed subject only', () => {
    const letter = sampleLetter('prose');
    const url = new URL(mailtoHeadUrl(letter));
    expect(url.protocol).toBe('mailto:');
    expect(url.pathname).toBe('sgxjxxhyszjjc@jn.shandong.cn');
    expect(url.searchParams.get('subject')).toBe('《济南市数字经济促进条例(征求意见稿)》修改意见');
    expect(url.searchParams.has('body')).toBe(false);
    expect(mailtoHeadUrl(letter).length).toBeLessThan(MAILTO_MAX);
  });
});

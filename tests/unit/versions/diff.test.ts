import { diffChars } from 'diff';
import { describe, expect, test } from 'vitest';
import { cleanupSemantic, diffArticle, sidesOf } from '../../../versions/diff';
import { corpusLines, outlineOf, seeded } from '../anchoring/helpers';

describe('diffArticle', () => {
  test('a phrase replaced reads as one deletion and one insertion, not a dozen shreds', () => {
    const before = '市工业和信息化部门负责牵头推进、协调、督促全市数字经济发展工作';
    const after = '市工业和信息化部门负责统筹协调推进全市数字经济发展工作';
    expect(diffChars(before, after).length).toBeGreaterThan(4); // raw: 协 and 推进 kept as lone equal runs
    expect(diffArticle(before, after)).toEqual([
      { op: 'equal', text: '市工业和信息化部门负责' },
      { op: 'delete', text: '牵头推进、协调、督促' },
      { op: 'insert', text: '统筹协调推进' },
      { op: 'equal', text: '全市数字经济发展工作' },
    ]);
  });

  test('an insertion alone stays an insertion', () => {
    expect(diffArticle('保护市场公平竞争，提高经济运行效率', '保护市场公平竞争，鼓励创新，提高经济运行效率')).toEqual([
      { op: 'equal', text: '保护市场公平竞争，' },
      { op: 'insert', text: '鼓励创新，' },
      { op: 'equal', text: '提高经济运行效率' },
    ]);
  });

  test('equal and empty texts', () => {
    expect(diffArticle('', '')).toEqual([]);
    expect(diffArticle('同', '同')).toEqual([{ op: 'equal', text: '同' }]);
    expect(diffArticle('', '新')).toEqual([{ op: 'insert', text: '新' }]);
  });

  test('both sides are given back exactly, for real articles edited at random', () => {
    const arts = outlineOf(corpusLines('personal-information-protection-law-2021')).articles;
    const rand = seeded(14);
    for (const a of arts) {
      const t = a.text;
      const at = Math.floor(rand() * t.length);
      const edited = t.slice(0, at) + '有关部门' + t.slice(at + Math.floor(rand() * 6));
      const parts = diffArticle(t, edited);
      expect(sidesOf(parts)).toEqual({ before: t, after: edited });
      // no two neighbours of the same kind, no empty part
      parts.forEach((p, k) => {
        expect(p.text).not.toBe('');
        if (k > 0) expect(p.op === parts[k - 1]!.op).toBe(false);
      });
    }
  });

  test('cleanup folds a lone shared character between two edits', () => {
    const parts = cleanupSemantic([
      { op: 'delete', text: '牵头' },
      { op: 'equal', text: '推' },
      { op: 'insert', text: '统筹' },
    ]);
    expect(parts).toEqual([
      { op: 'delete', text: '牵头推' },
      { op: 'insert', text: '推统筹' },
    ]);
  });
});

import { describe, expect, test } from 'vitest';
import { editedCopy } from '../../../scripts/lib/edited-copy';
import { toChineseNumeral } from '../../../regulation/numerals';
import { alignVersions, mostlyAlike, type AlignedRow, type VersionArticle } from '../../../versions/align';
import { corpusLines, outlineOf } from '../anchoring/helpers';

const art = (n: number, text: string): VersionArticle => ({ number: n, sub: 0, label: `第${toChineseNumeral(n)}条`, text });
const list = (...texts: string[]) => texts.map((t, k) => art(k + 1, t));

const T = {
  purpose: '为了促进数字经济高质量发展，推动数字技术与实体经济深度融合，根据有关法律法规，结合本市实际，制定本条例。',
  scope: '本条例适用于本市行政区域内促进数字经济发展的相关活动。',
  duty: '市工业和信息化部门负责牵头推进、协调、督促全市数字经济发展工作，制定并实施数字经济发展规划和政策措施。',
  data: '市大数据部门负责统筹推进全市公共数据资源的汇聚、共享、开放和开发利用工作，建立健全公共数据资源体系。',
  infra: '市通信管理部门应当会同有关部门推进第五代移动通信网络、千兆光网、卫星互联网等信息基础设施建设。',
  fund: '市、区县人民政府应当统筹安排数字经济发展专项资金，重点支持数字基础设施建设、关键核心技术攻关和重大项目建设。',
  end: '本条例自2024年5月1日起施行。',
};

function kinds(rows: readonly AlignedRow[]): string[] {
  return rows.map((r) => `${r.kind}:${r.old.join('+')}>${r.new.join('+')}`);
}

describe('alignVersions on small hand-made versions', () => {
  test('identical versions: every row unchanged, nothing renumbered, likeness 1', () => {
    const v = list(T.purpose, T.scope, T.duty, T.end);
    const a = alignVersions(v, v);
    expect(kinds(a.rows)).toEqual(['unchanged:0>0', 'unchanged:1>1', 'unchanged:2>2', 'unchanged:3>3']);
    expect(a.renumbered).toBe(0);
    expect(a.likeness).toBe(1);
    expect(mostlyAlike(a)).toBe(true);
  });

  test('an inserted article renumbers the rest; the deleted one sits where it was', () => {
    const older = list(T.purpose, T.scope, T.duty, T.data, T.end);
    const newer = list(T.purpose, T.infra, T.scope, T.data, T.end);
    const a = alignVersions(older, newer);
    expect(kinds(a.rows)).toEqual(['unchanged:0>0', 'added:>1', 'unchanged:1>2', 'deleted:2>', 'unchanged:3>3', 'unchanged:4>4']);
    expect(a.rows.filter((r) => r.renumbered).length).toBe(1); // 第二条 -> 第三条; 第四、五条 keep their numbers
    expect(a.counts).toMatchObject({ unchanged: 4, added: 1, deleted: 1 });
  });

  test('an edited article is changed, with its similarity below 1', () => {
    const older = list(T.purpose, T.duty);
    const newer = list(T.purpose, T.duty.replace('牵头推进、协调、督促', '统筹推进'));
    const a = alignVersions(older, newer);
    expect(kinds(a.rows)).toEqual(['unchanged:0>0', 'changed:1>1']);
    expect(a.rows[1]!.similarity).toBeGreaterThan(0.7);
    expect(a.rows[1]!.similarity).toBeLessThan(1);
    expect(a.rows[1]!.textChanged).toBe(true);
  });

  test('punctuation width and whitespace alone do not make a change', () => {
    const older = list(T.purpose);
    const newer = list(T.purpose.replaceAll('，', ',').replace('本市', '本市 '));
    expect(alignVersions(older, newer).rows[0]!.kind).toBe('unchanged');
  });

  test('an article moved out of order is moved, the rest in order', () => {
    const older = list(T.purpose, T.scope, T.duty, T.data, T.infra, T.fund, T.end);
    const newer = list(T.purpose, T.fund, T.scope, T.duty, T.data, T.infra, T.end);
    const a = alignVersions(older, newer);
    const moved = a.rows.filter((r) => r.kind === 'moved');
    expect(moved.map((r) => [r.old, r.new])).toEqual([[[5], [1]]]);
    expect(moved[0]!.textChanged).toBe(false);
    expect(a.counts.unchanged).toBe(6);
  });

  test('one article split in two, and two merged into one', () => {
    const older = list(T.purpose, `${T.duty}\n${T.data}`, T.infra, T.fund, T.end);
    const newer = list(T.purpose, T.duty, T.data, `${T.infra}${T.fund}`, T.end);
    const a = alignVersions(older, newer);
    expect(kinds(a.rows)).toEqual(['unchanged:0>0', 'split:1>1+2', 'merged:2+3>3', 'unchanged:4>4']);
    expect(a.rows[1]!.similarity).toBeGreaterThan(0.9);
  });

  test('unrelated texts of the same genre are not mostly alike', () => {
    const older = list(T.purpose, T.duty, T.data, T.end);
    const beijing = outlineOf(corpusLines('beijing-digital-economy-regulation-2022')).articles;
    const a = alignVersions(older, beijing);
    expect(mostlyAlike(a)).toBe(false);
  });

  test('empty versions', () => {
    expect(alignVersions([], []).rows).toEqual([]);
    expect(kinds(alignVersions(list(T.scope), []).rows)).toEqual(['deleted:0>']);
    expect(kinds(alignVersions([], list(T.scope)).rows)).toEqual(['added:>0']);
  });
});

describe('alignVersions against a generated next version whose truth is known', () => {
  // The administrative penalty law (86 articles) and the Beijing regulation (58), edited by scripts/lib/edited-copy.ts.
  for (const name of ['administrative-penalty-law-2021', 'beijing-digital-economy-regulation-2022', 'data-security-law-2021']) {
    test(name, () => {
      const older = outlineOf(corpusLines(name)).articles;
      const copy = editedCopy(older, 7);
      const a = alignVersions(older, copy.articles);
      // Every new article is in a row with the old articles it truly came from.
      let right = 0;
      copy.truth.forEach((t, j) => {
        const row = a.rows[a.newRow[j]!]!;
        const ok = t.kind === 'added' ? row.kind === 'added' : t.old.every((i) => row.old.includes(i));
        if (ok) right++;
      });
      expect(right / copy.truth.length).toBeGreaterThanOrEqual(0.97);
      // Deleted articles are deleted (a deletion may look like a piece of a neighbour: allowed once).
      const wrongDeleted = copy.deleted.filter((i) => a.rows[a.oldRow[i]!]!.kind !== 'deleted');
      expect(wrongDeleted.length).toBeLessThanOrEqual(1);
      // Kinds: merges and splits found as such.
      const merged = copy.truth.filter((t) => t.kind === 'merged');
      for (const t of merged) expect(a.rows[a.oldRow[t.old[0]!]!]!.kind).toBe('merged');
      expect(mostlyAlike(a)).toBe(true);
    });
  }

  test('the civil code (1,260 articles): splits, merges, moves and deletions as generated', () => {
    const older = outlineOf(corpusLines('civil-code-2020')).articles;
    const copy = editedCopy(older);
    const a = alignVersions(older, copy.articles);
    const wrong = copy.truth.filter((t, j) => {
      const row = a.rows[a.newRow[j]!]!;
      return t.kind === 'added' ? row.kind !== 'added' : !t.old.every((i) => row.old.includes(i));
    });
    expect(wrong.length / copy.truth.length).toBeLessThan(0.01);
    const movedRight = copy.truth.filter((t, j) => t.kind === 'moved' && a.rows[a.newRow[j]!]!.kind === 'moved');
    expect(movedRight.length).toBe(copy.truth.filter((t) => t.kind === 'moved').length);
    // Every row lists each article once.
    expect(a.rows.flatMap((r) => r.old).sort((x, y) => x - y)).toEqual(older.map((_, i) => i));
    expect(a.rows.flatMap((r) => r.new).sort((x, y) => x - y)).toEqual(copy.articles.map((_, j) => j));
  });
});

// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { describeArticle, describePassage } from '../../../anchoring';
import { readHints } from '../../../page/hints';
import { PageReader } from '../../../page/reader';

/** A real gov.cn 意见 numbered only by items (一、（一）1.): tests/baselines/govcn-new-media-opinion-items.html. */
function loadOpinion(): void {
  const html = readFileSync(resolve('tests/baselines/govcn-new-media-opinion-items.html'), 'utf8');
  document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(html)![1]!.replace(/<iframe[\s\S]*?<\/iframe>/g, '');
}

describe('a draft with no 第N条: its items are the units notes attach to', () => {
  test('the page reader offers the items as units, named as the letter names them', () => {
    loadOpinion();
    const r = new PageReader(document.body, null, readHints(document));
    const o = r.outline;
    expect(o.items.length).toBe(22);
    expect(o.articles).toHaveLength(22);
    expect(o.articles[0]).toMatchObject({ label: '第一部分', number: 1, title: '总体要求' });
    expect(o.articles[4]).toMatchObject({ label: '第一部分第（三）项第1点', title: '坚持正确导向' });
    expect(o.articles[10]!.label).toBe('第三部分第（一）项');
    expect(o.articles[10]!.text.startsWith('积极运用政务新媒体传播党和政府声音')).toBe(true);
  });

  test('a node inside an item maps to that unit, and a passage in it can be described and found in its text', () => {
    loadOpinion();
    const r = new PageReader(document.body, null, readHints(document));
    const unit = r.outline.articles[10]!;
    const block = r.blocks[unit.paragraphs[0]]!;
    expect(r.articleAt(block.nodes[block.nodes.length - 1]!)).toBe(10);
    expect(r.articleElements(10).length).toBeGreaterThan(0);
    const ref = describeArticle(unit);
    expect(ref.label).toBe('第三部分第（一）项');
    const start = unit.text.indexOf('做大做强正面宣传');
    const p = describePassage(unit.text, start, start + 8);
    expect(p.exact).toBe('做大做强正面宣传');
  });

  test('a draft with articles keeps its articles; the CLI JSON keeps articles and items apart', async () => {
    const { parseOutline, toOutlineJson, withItemUnits } = await import('../../../regulation');
    const o = parseOutline(['第一条 为了规范……，制定本办法。', '第二条 本办法适用于……。']);
    expect(withItemUnits(o)).toBe(o);
    const items = parseOutline(['关于推进某项工作的意见', '一、总体要求', '（一）指导思想。以……为指导。', '二、主要任务', '做好……工作。']);
    const j = toOutlineJson(items);
    expect(j.articles).toEqual([]);
    expect(j.items.map((i) => i.name)).toEqual(['第一部分', '第一部分第（一）项', '第二部分']);
    expect(j.items[1]).toEqual({ label: '（一）', name: '第一部分第（一）项', level: 2, title: '指导思想', parent: 0, text: '以……为指导。' });
  });
  test('an edit of an item re-reads the items (the local re-parse is for drafts with 第N条)', () => {
    loadOpinion();
    const r = new PageReader(document.body, null, readHints(document));
    r.observe();
    const unit = r.outline.articles[10]!;
    const block = r.blocks[unit.paragraphs[0]]!;
    const el = block.nodes[block.nodes.length - 1]!.parentElement!;
    el.append(document.createTextNode('（新增的话）'));
    r.flush();
    expect(r.outline.articles).toHaveLength(22);
    expect(r.outline.articles[10]!.label).toBe('第三部分第（一）项');
    expect(r.outline.articles[10]!.text).toContain('（新增的话）');
    expect(r.outline.items[10]!.text).toContain('（新增的话）');
  });
});

import { describe, expect, test } from 'vitest';
import { describeArticle, describePassage } from '../../../anchoring';
import { parseOutline } from '../../../regulation/outline';
import type { Outline } from '../../../regulation/types';
import type { NoteRecord, Stance } from '../../../storage/schema';
import {
  NO_FILTER,
  NotePlacer,
  countNotes,
  filterIndices,
  filterNotes,
  foldForSearch,
  groupNotes,
  headingChain,
  isFiltering,
  notesWithAny,
  placeNotes,
  searchText,
  tagUsage,
} from '../../../entrypoints/sidepanel/notes-view';

const LINES = [
  '第一条 为了促进数字经济发展,制定本条例。',
  '第一章 总则',
  '第二条 本条例适用于本市行政区域内数字经济促进工作。',
  '第三条 市人民政府应当加强对数字经济发展的领导。',
  '第二章 数字基础设施',
  '第一节 网络设施',
  '第四条 通信管理部门应当统筹推进第五代移动通信网络建设。',
  '第二节 算力设施',
  '第五条 鼓励建设数据中心和算力中心,提高算力供给能力。',
  '第六条 公共数据应当依法有序开放,保障数据安全。',
];
const outline: Outline = parseOutline(LINES.map((text) => ({ text })));

let seq = 0;
/** A stored note on article `number` of `outline` (or on a passage of it). */
function note(number: number, o: Partial<NoteRecord> & { quote?: string } = {}, from: Outline = outline): NoteRecord {
  const a = from.articles.find((x) => x.number === number)!;
  const { quote, ...rest } = o;
  const start = quote ? a.text.indexOf(quote) : -1;
  return {
    id: `n${++seq}`,
    documentId: 'd1',
    article: describeArticle(a),
    passage: quote ? describePassage(a.text, start, start + quote.length) : null,
    stance: 'modify',
    suggestion: '',
    reason: '',
    comment: '',
    tags: [],
    createdAt: seq,
    updatedAt: seq,
    revision: 1,
    ...rest,
  };
}

describe('placing notes on the page', () => {
  test('notes come in article order, article notes before passages, passages by position, then oldest first', () => {
    const late = note(4, { quote: '移动通信网络' });
    const early = note(4, { quote: '通信管理部门' });
    const whole = note(4);
    const first = note(2);
    const twin = note(2);
    const placed = placeNotes([late, twin, early, whole, first], outline.articles);
    expect(placed.map((p) => p.note.id)).toEqual([first.id, twin.id, whole.id, early.id, late.id]);
    expect(placed.every((p) => p.status === 'exact')).toBe(true);
    expect(placed[0]!.label).toBe('第二条');
  });

  test('a note whose article was renumbered is "moved" and shows the new label; a lost one is unplaced with its own label', () => {
    const renumbered = parseOutline(
      LINES.map((text) => ({ text: text.replace('第四条', '第四条之一').replace('第五条 鼓励', '第七条 鼓励') })),
    );
    const moved = note(5);
    const gone = note(6, { quote: '保障数据安全' });
    gone.article = { ...gone.article, number: 60, label: '第六十条', excerpt: '完全不同的内容,页面上找不到的条文。' };
    gone.passage = { ...gone.passage!, exact: '页面上找不到的引文内容', prefix: '', suffix: '' };
    const placed = placeNotes([gone, moved], renumbered.articles);
    expect(placed.map((p) => [p.status, p.label])).toEqual([
      ['moved', '第七条'],
      ['unplaced', '第六十条'],
    ]);
    expect(placed[1]!.articleIndex).toBe(-1);
    expect(placed[1]!.chapter).toBeNull();
  });

  test('NotePlacer remembers places: the same note is not anchored twice, a moved passage is', () => {
    const placer = new NotePlacer(outline.articles);
    const n = note(3);
    const a = placer.place([n]);
    const b = placer.place([{ ...n, suggestion: '改了文字', revision: 2 }]);
    expect(b[0]!.articleIndex).toBe(a[0]!.articleIndex);
    expect(b[0]!.note.suggestion).toBe('改了文字');
  });
});

describe('grouping by chapter', () => {
  test('groups follow the page: before any heading, then each innermost heading with its chain; unplaced last', () => {
    const lost = note(6);
    lost.article = { ...lost.article, number: 99, label: '第九十九条', excerpt: '无法定位的条文内容,与页面无关。' };
    const notes = [lost, note(5), note(1), note(2), note(4), note(3)];
    const groups = groupNotes(placeNotes(notes, outline.articles), outline.chapters);
    expect(groups.map((g) => [g.kind, g.headings.map((h) => h.label).join('>'), g.notes.map((p) => p.label)])).toEqual([
      ['none', '', ['第一条']],
      ['heading', '第一章', ['第二条', '第三条']],
      ['heading', '第二章>第一节', ['第四条']],
      ['heading', '第二章>第二节', ['第五条']],
      ['unplaced', '', ['第九十九条']],
    ]);
    expect(groups.flatMap((g) => g.notes).length).toBe(notes.length);
  });

  test('headingChain stops at a cycle instead of looping', () => {
    const chapters = [{ label: '第一章', title: null, kind: 'chapter' as const, parent: 1, paragraph: 0 }, { label: '第一编', title: null, kind: 'part' as const, parent: 0, paragraph: 0 }];
    expect(headingChain(chapters, 0).map((c) => c.label)).toEqual(['第一编', '第一章']);
  });

  test('no notes, no groups', () => {
    expect(groupNotes([], outline.chapters)).toEqual([]);
  });
});

describe('filtering', () => {
  const notes = [
    note(2, { suggestion: '建议删除“行政区域内”', tags: ['范围'], stance: 'delete' }),
    note(3, { reason: '领导体制应写明牵头部门', tags: ['体制', '范围'] }),
    note(4, { quote: '第五代移动通信', comment: 'ＡＢＣ 私人备注', stance: 'question' }),
    note(5, { suggestion: '<img src=x onerror=alert(1)>', stance: 'support' }),
  ];
  const placed = placeNotes(notes, outline.articles);
  const ids = (f: Parameters<typeof filterNotes>[1]) => filterNotes(placed, f).map((p) => p.label);

  test('no filter shows everything and is not "filtering"', () => {
    expect(ids(NO_FILTER)).toEqual(['第二条', '第三条', '第四条', '第五条']);
    expect(isFiltering(NO_FILTER)).toBe(false);
    expect(isFiltering({ ...NO_FILTER, text: '  ' })).toBe(false);
  });

  test('text is a substring of wording, reason, remark, quote or label (no word breaks), folded for width and case', () => {
    expect(ids({ ...NO_FILTER, text: '区域' })).toEqual(['第二条']);
    expect(ids({ ...NO_FILTER, text: '牵头' })).toEqual(['第三条']);
    expect(ids({ ...NO_FILTER, text: '五代移动' })).toEqual(['第四条']);
    expect(ids({ ...NO_FILTER, text: 'abc' })).toEqual(['第四条']);
    expect(ids({ ...NO_FILTER, text: 'onerror' })).toEqual(['第五条']);
    expect(ids({ ...NO_FILTER, text: '第三条' })).toEqual(['第三条']);
    expect(ids({ ...NO_FILTER, text: '不存在' })).toEqual([]);
  });

  test('an article number alone (3, 三, 第三条, ３) finds that article\'s notes', () => {
    for (const text of ['3', '三', '第三条', '３']) expect(ids({ ...NO_FILTER, text })).toEqual(['第三条']);
  });

  test('tag and stance filters combine with the text', () => {
    expect(ids({ ...NO_FILTER, tag: '范围' })).toEqual(['第二条', '第三条']);
    expect(ids({ ...NO_FILTER, tag: '范围', stance: 'delete' })).toEqual(['第二条']);
    expect(ids({ text: '领导', tag: '范围', stance: null })).toEqual(['第三条']);
    expect(ids({ ...NO_FILTER, stance: 'keep' })).toEqual([]);
  });

  test('precomputed haystacks give the same answer', () => {
    const hay = placed.map(searchText);
    expect(filterNotes(placed, { ...NO_FILTER, text: '牵头' }, hay)).toEqual(filterNotes(placed, { ...NO_FILTER, text: '牵头' }));
  });

  test('typing filters incrementally (only what the last keystroke kept) and agrees with filtering from scratch', () => {
    const hay = placed.map(searchText);
    const scratch = (f: Parameters<typeof filterNotes>[1]) => filterNotes(placed, f).map((p) => p.note.id);
    let prev = null;
    // typing, deleting, a number (never narrowed from), a tag change
    for (const f of [
      { ...NO_FILTER, text: '建' },
      { ...NO_FILTER, text: '建议' },
      { ...NO_FILTER, text: '建议删' },
      { ...NO_FILTER, text: '建' },
      { ...NO_FILTER, text: '第' },
      { ...NO_FILTER, text: '第三' },
      { ...NO_FILTER, text: '第三条' },
      { ...NO_FILTER, text: '第三条', tag: '范围' },
      { ...NO_FILTER, text: '', tag: '范围' },
    ]) {
      const r = filterIndices(placed, f, hay, prev);
      expect(r.indices.map((i) => placed[i]!.note.id)).toEqual(scratch(f));
      prev = r;
    }
    // a narrowing keystroke looks only at the previous matches: a haystack outside them is never read
    const first = filterIndices(placed, { ...NO_FILTER, text: '建' }, hay);
    const spy = hay.map((h, i) => (first.indices.includes(i) ? h : (null as unknown as string)));
    expect(filterIndices(placed, { ...NO_FILTER, text: '建议' }, spy, first).indices).toEqual(first.indices);
  });

  test('foldForSearch folds full-width forms and case', () => {
    expect(foldForSearch('ＡＢｃ１２')).toBe('abc12');
  });
});

describe('counting', () => {
  test('countNotes counts each tag once per note and every stance', () => {
    const c = countNotes([
      { tags: ['数据', '范围'], stance: 'modify' },
      { tags: ['数据', '数据'], stance: 'modify' },
      { tags: [], stance: 'question' as Stance },
    ]);
    expect(c.total).toBe(3);
    expect(c.tags).toEqual([
      { name: '范围', count: 1 },
      { name: '数据', count: 2 },
    ]);
    expect(c.stances.get('modify')).toBe(2);
    expect(c.stances.get('question')).toBe(1);
    expect(c.stances.get('keep')).toBeUndefined();
  });

  test('tagUsage lists every tag record (count 0 included) and names used without a record', () => {
    const usage = tagUsage(
      [
        { name: '数据', color: '#0b57d0' },
        { name: '空', color: '#1a7f37' },
      ],
      [['数据'], ['数据', '孤儿']],
    );
    expect(usage.map((u) => [u.name, u.count])).toEqual([
      ['孤儿', 1],
      ['空', 0],
      ['数据', 2],
    ]);
  });

  test('notesWithAny counts a note carrying two of the names once (what a merge changes)', () => {
    expect(notesWithAny([['a', 'b'], ['b'], ['c'], []], ['a', 'b'])).toBe(2);
    expect(notesWithAny([['a']], [])).toBe(0);
  });
});

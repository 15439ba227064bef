import { describe, expect, test } from 'vitest';
import {
  DEFAULT_CHOICE,
  SOON_DAYS,
  deadlineUrgency,
  exportPlan,
  includeOf,
  liveNotes,
  placeNotes,
  stanceCounts,
  tagCounts,
  todayIso,
  toggle,
  withScope,
  type ExportChoice,
} from '../../../components/export-model';
import { MAILTO_MAX, buildLetter, emptyProfile, type LetterInput } from '../../../letter';
import { toChineseNumeral } from '../../../regulation/numerals';
import type { Article } from '../../../regulation/types';
import { goldenInput, goldenNotes, note, sample } from '../letter/fixtures';

const choose = (over: Partial<ExportChoice>): ExportChoice => ({ ...DEFAULT_CHOICE, ...over });

/** The letter the panel builds: notes placed on the page, the choice as `include`. */
function letterFor(choice: ExportChoice, over: Partial<LetterInput> = {}) {
  const input = goldenInput(over);
  const placed = placeNotes(input.notes, input.articles);
  return buildLetter({ ...input, notes: placed.notes, articles: placed.articles, options: { form: choice.form, include: includeOf(choice) } });
}
const itemIds = (choice: ExportChoice) => letterFor(choice).items.map((i) => i.noteId);

describe('which notes go into the letter', () => {
  test('all notes (outside the bin) and the general comments by default, in article order', () => {
    expect(itemIds(DEFAULT_CHOICE)).toEqual(['n-support', 'n-modify', 'n-whole', 'n-passage', 'n-add']);
    expect(letterFor(DEFAULT_CHOICE).comments).toHaveLength(2);
    expect(includeOf(DEFAULT_CHOICE)).toEqual({ comments: true });
  });

  test('by tag: a note with any chosen tag; the binned note with that tag stays out', () => {
    expect(itemIds(choose({ scope: 'tags', tags: ['原则'] }))).toEqual(['n-support', 'n-modify']);
    expect(itemIds(choose({ scope: 'tags', tags: ['原则', '起步区'] }))).toEqual(['n-support', 'n-modify', 'n-add']);
  });

  test('by stance', () => {
    expect(itemIds(choose({ scope: 'stances', stances: ['delete', 'question'] }))).toEqual(['n-whole', 'n-passage']);
  });

  test('hand-picked', () => {
    expect(itemIds(choose({ scope: 'pick', ids: ['n-add', 'n-support'] }))).toEqual(['n-support', 'n-add']);
  });

  test('only the active scope filters: lists of other scopes are kept but ignored', () => {
    expect(includeOf(choose({ scope: 'stances', tags: ['原则'], stances: ['add'], ids: ['x'] }))).toEqual({ comments: true, stances: ['add'] });
    expect(itemIds(choose({ scope: 'all', tags: ['原则'], ids: [] }))).toHaveLength(5);
  });

  test('general comments can be left out', () => {
    const letter = letterFor(choose({ comments: false }));
    expect(letter.comments).toEqual([]);
    expect(letter.general).toBeNull();
    expect(letter.specific?.heading).toBe('一、具体修改意见');
  });

  test('choosing no tag, stance or note gives an empty letter that says the filter left nothing', () => {
    for (const choice of [choose({ scope: 'tags' }), choose({ scope: 'stances' }), choose({ scope: 'pick' })]) {
      const letter = letterFor({ ...choice, comments: false });
      expect(exportPlan(letter)).toMatchObject({ empty: 'filtered-out', canExport: false, mailto: null, mailtoRefusal: 'empty' });
    }
  });

  test('entering "pick" ticks every live note; leaving and coming back keeps the ticks', () => {
    const notes = goldenNotes();
    const picked = withScope(DEFAULT_CHOICE, 'pick', notes);
    expect(picked.ids).toEqual(['n-add', 'n-passage', 'n-modify', 'n-whole', 'n-support']);
    const fewer = { ...picked, ids: toggle(picked.ids, 'n-add') };
    expect(withScope(withScope(fewer, 'tags', notes), 'pick', notes).ids).toEqual(['n-passage', 'n-modify', 'n-whole', 'n-support']);
    expect(withScope(picked, 'pick', notes)).toBe(picked);
  });

  test('toggle adds and removes, keeping order', () => {
    expect(toggle(['a', 'b'], 'c')).toEqual(['a', 'b', 'c']);
    expect(toggle(['a', 'b', 'c'], 'b')).toEqual(['a', 'c']);
  });

  test('the tag and stance choices count live notes only', () => {
    const notes = goldenNotes();
    expect(liveNotes(notes)).toHaveLength(5);
    expect(tagCounts(notes)).toEqual([
      { tag: '原则', count: 2 },
      { tag: '职责', count: 2 },
      { tag: '起步区', count: 1 },
    ]);
    expect(stanceCounts(notes)).toEqual([
      { stance: 'modify', count: 1 },
      { stance: 'delete', count: 1 },
      { stance: 'add', count: 1 },
      { stance: 'question', count: 1 },
      { stance: 'support', count: 1 },
    ]);
  });
});

describe('notes placed on the current page', () => {
  /** The sample with a new 第三条 inserted: every later article's number goes up by one. */
  function renumbered(): Article[] {
    const label = (n: number) => `第${toChineseNumeral(n)}条`;
    const shifted = sample.articles.map((a) => (a.number >= 3 ? { ...a, number: a.number + 1, label: label(a.number + 1) } : a));
    const added: Article = { ...sample.articles[2]!, number: 3, label: '第三条', title: null, text: '本市设立数字经济发展专项资金，用于支持数字经济重点项目。' };
    return [...shifted.slice(0, 2), added, ...shifted.slice(2)];
  }

  test('a renumbered draft: the letter names each article by its new number and quotes its text', () => {
    const articles = renumbered();
    const placed = placeNotes(goldenNotes(), articles);
    expect(placed.unplaced).toEqual([]);
    const letter = buildLetter({ ...goldenInput(), notes: placed.notes, articles: placed.articles });
    expect(letter.articles.map((a) => a.label)).toEqual(['第二条', '第四条', '第七条', '第十一条']);
    expect(letter.items.find((i) => i.noteId === 'n-passage')!.original).toEqual({ kind: 'passage', label: '原文', text: '口岸物流等部门' });
    expect(letter.items.find((i) => i.noteId === 'n-modify')!.original.text).toBe(sample.articles[2]!.text);
    // without placing, the letter would quote the new 第三条 for the old 第三条's note
    const naive = buildLetter(goldenInput({ articles }));
    expect(naive.items.find((i) => i.noteId === 'n-modify')!.original.text).toContain('专项资金');
  });

  test('a note that cannot be placed quotes its stored excerpt, not the text that now has its number', () => {
    const articles = sample.articles.map((a) => (a.number === 10 ? { ...a, text: '本条已全部改写，与原来的内容毫无关系，也不再提及任何起步区。' } : a));
    const placed = placeNotes(goldenNotes(), articles);
    expect(placed.unplaced.map((n) => n.id)).toEqual(['n-add']);
    expect(placed.articles.some((a) => a.number === 10)).toBe(false);
    const letter = buildLetter({ ...goldenInput(), notes: placed.notes, articles: placed.articles });
    const item = letter.items.find((i) => i.noteId === 'n-add')!;
    expect(item.original.kind).toBe('excerpt');
    expect(item.original.text).toContain('济南新旧动能转换起步区');
  });

  test('a page without articles leaves every note to its stored excerpt; the bin is left out', () => {
    const placed = placeNotes(goldenNotes(), []);
    expect(placed.notes).toHaveLength(5);
    expect(placed.unplaced).toHaveLength(5);
    expect(placed.articles).toEqual([]);
  });

  test('notes on the unchanged page come back as they were', () => {
    const notes = liveNotes(goldenNotes());
    expect(placeNotes(notes, sample.articles).notes).toEqual(notes);
  });
});

describe('which exports the letter allows', () => {
  const short = () =>
    buildLetter(goldenInput({ comments: [], profile: emptyProfile, notes: [note(65, { suggestion: '本条例自2025年1月1日起施行。' })] }));

  test('a short letter opens in the mail app: the mailto link carries To, Subject and body', () => {
    const plan = exportPlan(short());
    expect(plan).toMatchObject({ empty: null, canExport: true, mailtoRefusal: null, noRecipient: false });
    expect(plan.mailto!.length).toBeLessThanOrEqual(MAILTO_MAX);
    const url = new URL(plan.mailto!);
    expect(url.pathname).toBe('sgxjxxhyszjjc@jn.shandong.cn');
    expect(url.searchParams.get('subject')).toBe('《济南市数字经济促进条例(征求意见稿)》修改意见');
    expect(url.searchParams.get('body')).toContain('第六十五条');
  });

  test('a long letter is no mailto link: too long, the .eml is the way', () => {
    expect(exportPlan(buildLetter(goldenInput()))).toMatchObject({ canExport: true, mailto: null, mailtoRefusal: 'too-long' });
  });

  test('no notes and no comments: nothing to export, and why', () => {
    const plan = exportPlan(buildLetter(goldenInput({ notes: [], comments: [] })));
    expect(plan).toMatchObject({ empty: 'no-notes', canExport: false, mailto: null, mailtoRefusal: 'empty' });
  });

  test('general comments alone are a letter', () => {
    expect(exportPlan(buildLetter(goldenInput({ notes: [] }))).canExport).toBe(true);
  });

  test('a notice without an email address: the mail opens without a recipient', () => {
    const notice = { ...sample, channels: { ...sample.channels, email: null } };
    const plan = exportPlan(buildLetter(goldenInput({ notice, comments: [], profile: emptyProfile, notes: [note(65)] })));
    expect(plan.noRecipient).toBe(true);
    expect(plan.mailto!.startsWith('mailto:?subject=')).toBe(true);
  });
});

describe('the deadline', () => {
  const at = (iso: string) => new Date(`${iso}T10:00:00`);

  test('after the deadline the export is late (it asks first)', () => {
    expect(deadlineUrgency('2024-03-20', at('2024-03-21'))).toEqual({ urgency: 'late', daysLeft: -1 });
  });

  test(`${SOON_DAYS} days or fewer left, today included, is soon`, () => {
    expect(deadlineUrgency('2024-03-20', at('2024-03-20'))).toEqual({ urgency: 'soon', daysLeft: 0 });
    expect(deadlineUrgency('2024-03-20', at('2024-03-17'))).toEqual({ urgency: 'soon', daysLeft: 3 });
    expect(deadlineUrgency('2024-03-20', at('2024-03-16'))).toEqual({ urgency: 'open', daysLeft: 4 });
  });

  test('across a month end', () => {
    expect(deadlineUrgency('2024-03-01', at('2024-02-27'))).toEqual({ urgency: 'soon', daysLeft: 3 });
  });

  test('no deadline, or a malformed one, is unknown', () => {
    expect(deadlineUrgency(null, at('2024-03-01'))).toEqual({ urgency: 'unknown', daysLeft: null });
    expect(deadlineUrgency('2024-02-30', at('2024-03-01'))).toEqual({ urgency: 'unknown', daysLeft: null });
  });

  test('the letter is dated by the local calendar day', () => {
    expect(todayIso(new Date(2024, 0, 5, 23, 59))).toBe('2024-01-05');
    expect(() => todayIso(new Date(Number.NaN))).toThrow(RangeError);
  });
});

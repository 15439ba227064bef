import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { describeArticle, describePassage } from '../../../anchoring/describe';
import { paragraphsFromText } from '../../../regulation/json';
import { parseOutline } from '../../../regulation/outline';
import type { NoteRecord, Stance } from '../../../storage/schema';
import { alignVersions } from '../../../versions/align';
import { fateSummary, noteFate, noteFates, proposedWording, type Fate, type FateReason } from '../../../versions/fates';
import { buildFollowUpLetter, carryNote } from '../../../versions/followup';

const DIR = new URL('../../versions/', import.meta.url);
const load = (f: string) => parseOutline(paragraphsFromText(readFileSync(new URL(f, DIR), 'utf8'))).articles;

// The Jinan draft of February 2024 (第一条至第六条) and the enacted regulation of November 2024 (第一条至第五条).
const DRAFT = load('jinan-digital-economy-2024-draft.txt');
const ENACTED = load('jinan-digital-economy-2024-enacted.txt');
const JINAN = { older: DRAFT, newer: ENACTED, alignment: alignVersions(DRAFT, ENACTED) };
// The anti-monopoly law before and after its 2022 amendment (unchanged articles, renumbered).
const AM_OLD = load('anti-monopoly-law-2007.txt');
const AM_NEW = load('anti-monopoly-law-2022.txt');
const AM = { older: AM_OLD, newer: AM_NEW, alignment: alignVersions(AM_OLD, AM_NEW) };

let seq = 0;
function note(articles: typeof DRAFT, number: number, stance: Stance, suggestion: string, quote?: string): NoteRecord {
  const a = articles.find((x) => x.number === number)!;
  const at = quote === undefined ? -1 : a.text.indexOf(quote);
  if (quote !== undefined && at < 0) throw new Error(`no ${quote} in ${a.label}`);
  seq++;
  return {
    id: `n${seq}`,
    documentId: 'draft',
    article: describeArticle(a),
    passage: quote === undefined ? null : describePassage(a.text, at, at + quote.length),
    stance,
    suggestion,
    reason: '理由',
    comment: '',
    tags: [],
    createdAt: seq,
    updatedAt: seq,
    revision: 1,
  };
}

describe('proposedWording', () => {
  test.each([
    ['建议修改为：“本市行政区域内促进数字经济发展的相关活动，适用本条例。”', '本市行政区域内促进数字经济发展的相关活动，适用本条例。'],
    ['建议将“包容审慎”修改为“审慎包容”', '审慎包容'],
    ['建议增加“培育数据要素市场”的表述', '培育数据要素市场'],
    ['本市行政区域内的相关活动适用本条例', '本市行政区域内的相关活动适用本条例'],
    ['建议修改为：由市人民政府统筹', '由市人民政府统筹'],
    ['', ''],
  ])('%s', (suggestion, wording) => expect(proposedWording(suggestion)).toBe(wording));
});

describe('the fate of each note, Jinan draft -> enacted regulation', () => {
  const table: Array<[string, NoteRecord, Fate, FateReason, string[]]> = [
    ['modify: the wording asked for is in the enacted 第一条', note(DRAFT, 1, 'modify', '建议增加“培育数据要素市场”的表述'), 'adopted', 'wording-present', ['第一条']],
    ['modify: the sentence proposed is the enacted 第二条', note(DRAFT, 2, 'modify', '建议修改为：“本市行政区域内促进数字经济发展的相关活动,适用本条例。”'), 'adopted', 'wording-present', ['第二条']],
    ['modify: not as asked, the article rewritten otherwise', note(DRAFT, 3, 'modify', '建议将“包容审慎”修改为“审慎包容”'), 'modified', 'text-changed', ['第三条']],
    ['modify without wording: changed', note(DRAFT, 5, 'modify', ''), 'modified', 'text-changed', ['第四条']],
    ['delete a passage: it is gone', note(DRAFT, 3, 'delete', '', '是本市的重要战略,'), 'adopted', 'passage-removed', ['第三条']],
    ['delete the article: it is gone', note(DRAFT, 4, 'delete', ''), 'adopted', 'article-removed', []],
    ['question on a deleted article', note(DRAFT, 4, 'question', '“数字发展环境”指什么？'), 'deleted', 'article-gone', []],
    ['add: the definition asked for is in the enacted 第二条', note(DRAFT, 2, 'add', '建议增加：本条例所称数字经济,是指以数据资源为关键要素,以现代信息网络为主要载体的新经济形态。'), 'adopted', 'wording-present', ['第二条']],
    ['add: not added', note(DRAFT, 5, 'add', '建议增加：“市、区县人民政府应当设立数字经济发展专项资金”'), 'modified', 'text-changed', ['第四条']],
    ['support a passage still there', note(DRAFT, 6, 'support', '', '推进、协调、督促全市数字经济发展工作'), 'adopted', 'kept', ['第五条']],
    ['keep a passage that was rewritten', note(DRAFT, 1, 'keep', '', '加快建设工业强市和数字先锋城市'), 'modified', 'text-changed', ['第一条']],
    ['question on a changed article', note(DRAFT, 5, 'question', '“协调推进机制”由谁牵头？'), 'modified', 'text-changed', ['第四条']],
  ];
  test.each(table)('%s', (_, n, fate, reason, labels) => {
    const f = noteFate(n, JINAN);
    expect([f.fate, f.reason]).toEqual([fate, reason]);
    expect(f.newIndexes.map((j) => ENACTED[j]!.label)).toEqual(labels);
  });

  test('the summary counts each fate, and the reviewer\'s overrule wins', () => {
    const fates = noteFates(table.map((t) => t[1]), JINAN);
    expect(fateSummary(fates)).toEqual({ adopted: 6, modified: 5, unchanged: 0, deleted: 1, total: 12 });
    const over = new Map<string, Fate>([[fates[2]!.noteId, 'adopted']]);
    expect(fateSummary(fates, over)).toEqual({ adopted: 7, modified: 4, unchanged: 0, deleted: 1, total: 12 });
  });

  test('notes in the bin have no fate', () => {
    const n = { ...note(DRAFT, 1, 'modify', ''), deleted: 1 };
    expect(noteFates([n], JINAN)).toEqual([]);
  });
});

describe('the fate of each note, anti-monopoly law 2007 -> 2022', () => {
  test('an untouched article, renumbered: 未修改 on its new number', () => {
    const f = noteFate(note(AM_OLD, 5, 'modify', '建议修改为：“经营者可以依法实施集中”'), AM);
    expect(f.fate).toBe('unchanged');
    expect(AM_NEW[f.newIndexes[0]!]!.label).toBe('第六条');
  });
  test('keep on an untouched article: adopted (kept)', () => {
    expect(noteFate(note(AM_OLD, 2, 'keep', ''), AM)).toMatchObject({ fate: 'adopted', reason: 'kept' });
  });
  test('a passage untouched in an article changed elsewhere: 未修改', () => {
    const f = noteFate(note(AM_OLD, 1, 'modify', '建议删除“社会公共利益”', '提高经济运行效率'), AM);
    expect(f.fate).toBe('unchanged');
    expect(f.passage).not.toBeNull();
    expect(AM_NEW[0]!.text.slice(f.passage!.start, f.passage!.end)).toBe('提高经济运行效率');
  });
  test('a note on a split article follows both pieces', () => {
    const f = noteFate(note(AM_OLD, 13, 'question', ''), AM);
    expect(f.newIndexes.map((j) => AM_NEW[j]!.label)).toEqual(['第十六条', '第十七条']);
  });
  test('a note whose article is not in the old version is left alone', () => {
    const n = note(AM_OLD, 5, 'modify', '');
    n.article = { number: 999, sub: 0, label: '第九百九十九条', excerpt: '并不存在的条文' };
    expect(noteFate(n, AM)).toMatchObject({ fate: 'unchanged', reason: 'unplaced', newIndexes: [] });
  });
  test('an added article holding the wording asked for: adopted', () => {
    const f = noteFate(note(AM_OLD, 4, 'add', '建议增加一条：“国家建立健全公平竞争审查制度。”'), AM);
    expect(f).toMatchObject({ fate: 'adopted', reason: 'article-added' });
    expect(AM_NEW[f.newIndexes[0]!]!.label).toBe('第五条');
  });
});

describe('carrying notes and the follow-up letter', () => {
  test('a carried note sits on the new article, its passage re-anchored', () => {
    const n = note(DRAFT, 6, 'support', '', '推进、协调、督促全市数字经济发展工作');
    const carried = carryNote(n, noteFate(n, JINAN), ENACTED, 'enacted')!;
    expect(carried.from).toBe(n.id);
    expect(carried.input.documentId).toBe('enacted');
    expect(carried.input.article.label).toBe('第五条');
    expect(carried.input.passage!.exact).toBe('推进、协调、督促全市数字经济发展工作');
  });

  test('a note on a deleted article is not carried', () => {
    const n = note(DRAFT, 4, 'question', '');
    expect(carryNote(n, noteFate(n, JINAN), ENACTED, 'enacted')).toBeNull();
  });

  test('the follow-up letter repeats the points not adopted, on the new numbers, with the new text', () => {
    const notes = [
      note(DRAFT, 1, 'modify', '建议增加“培育数据要素市场”的表述'), // adopted
      note(DRAFT, 5, 'add', '建议增加：“市、区县人民政府应当设立数字经济发展专项资金”'), // modified: repeated
      note(DRAFT, 3, 'modify', '建议将“包容审慎”修改为“审慎包容”'), // modified, overruled to adopted below
      note(DRAFT, 4, 'question', ''), // deleted
    ];
    const fates = noteFates(notes, JINAN);
    const letter = buildFollowUpLetter({
      notice: { title: '济南市数字经济促进条例', issuer: '济南市人民代表大会常务委员会', deadline: null, channels: { email: null, subject: null, envelope: null, address: null, postcode: null, phone: null, fax: null, web: null } },
      notes,
      fates,
      overrides: new Map([[notes[2]!.id, 'adopted']]),
      newer: ENACTED,
      comments: [],
      profile: { name: '', organisation: '', phone: '', email: '', address: '' },
      options: { form: 'prose' },
      today: '2024-12-01',
    });
    expect(letter.items.map((i) => [i.clause, i.noteId])).toEqual([['第四条', notes[1]!.id]]);
    expect(letter.items[0]!.original.text).toBe(ENACTED[3]!.text);
    expect(letter.title).toBe('关于《济南市数字经济促进条例》的修改意见');
  });
});

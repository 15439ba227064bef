import { describe, expect, test } from 'vitest';
import { describeArticle, describePassage } from '../../../anchoring/describe';
import { anchorAll, anchorNote, createAnchorer } from '../../../anchoring/reanchor';
import type { AnchorInput } from '../../../anchoring/types';
import type { Outline } from '../../../regulation/types';
import { byNumber, corpusLines, outlineOf, renumbered, seeded } from './helpers';

const LINES = corpusLines('beijing-digital-economy-regulation-2022');
const OLD = outlineOf(LINES);

function articleNote(o: Outline, number: number): AnchorInput {
  return { article: describeArticle(o.articles[byNumber(o, number)]!), passage: null };
}

/** A note on the `nth` occurrence of `quote` in article `number` of `o`. */
function quoteNote(o: Outline, number: number, quote: string, nth = 0): AnchorInput {
  const a = o.articles[byNumber(o, number)]!;
  let s = -1;
  for (let k = 0; k <= nth; k++) s = a.text.indexOf(quote, s + 1);
  if (s < 0) throw new Error(`no ${quote} in ${a.label}`);
  return { article: describeArticle(a), passage: describePassage(a.text, s, s + quote.length) };
}

/** Replaces `from` by `to` in the line(s) of article `number`, checking it was there. */
function editArticle(lines: string[], o: Outline, number: number, from: string, to: string): void {
  const [first, end] = o.articles[byNumber(o, number)]!.paragraphs;
  for (let p = first; p < end; p++) {
    if (lines[p]!.includes(from)) {
      lines[p] = lines[p]!.replace(from, to);
      return;
    }
  }
  throw new Error(`no ${from} in article ${number}`);
}

describe('the same draft', () => {
  test('every article note and passage note is exact, at its own article and offsets', () => {
    const rnd = seeded(7);
    const inputs: AnchorInput[] = [];
    for (const a of OLD.articles) {
      inputs.push({ article: describeArticle(a), passage: null });
      const s = Math.floor(rnd() * (a.text.length - 2));
      const e = Math.min(a.text.length, s + 1 + Math.floor(rnd() * 30));
      inputs.push({ article: describeArticle(a), passage: describePassage(a.text, s, e) });
    }
    const results = anchorAll(inputs, OLD.articles);
    results.forEach((r, k) => {
      const i = k >> 1;
      expect(r.status).toBe('exact');
      expect(r.articleIndex).toBe(i);
      expect(r.score).toBe(1);
      const p = inputs[k]!.passage;
      expect(r.passage).toEqual(p === null ? null : { start: p.start, end: p.end });
    });
  });

  test('anchorNote and createAnchorer agree with anchorAll', () => {
    const input = quoteNote(OLD, 19, '公共数据专区');
    const one = anchorNote(input, OLD.articles);
    expect(one).toEqual(anchorAll([input], OLD.articles)[0]);
    expect(createAnchorer(OLD.articles)(input)).toEqual(one);
  });

  test('no articles at all: unplaced', () => {
    expect(anchorNote(articleNote(OLD, 3), [])).toEqual({ status: 'unplaced', articleIndex: -1, passage: null, score: 0 });
  });
});

describe('an edited article (a few characters changed)', () => {
  const lines = LINES.slice();
  editArticle(lines, OLD, 10, '应当重点支持', '应当优先支持');
  editArticle(lines, OLD, 10, '安全可控的网络服务体系', '安全可信的网络服务体系');
  editArticle(lines, OLD, 10, '同时验收并投入使用', '同时验收、同时投入使用');
  const NEW = outlineOf(lines);
  const at10 = byNumber(NEW, 10);

  test('the article note is changed, at the same article, still similar', () => {
    const r = anchorNote(articleNote(OLD, 10), NEW.articles);
    expect(r.status).toBe('changed');
    expect(r.articleIndex).toBe(at10);
    expect(r.score).toBeGreaterThan(0.85);
    expect(r.score).toBeLessThan(1);
  });

  test('a passage in an unedited part is found, exact quote, status changed', () => {
    const input = quoteNote(OLD, 10, '为信息网络基础设施运营企业提供公平普惠的网络接入服务');
    const r = anchorNote(input, NEW.articles);
    expect(r.status).toBe('changed');
    expect(r.articleIndex).toBe(at10);
    expect(NEW.articles[at10]!.text.slice(r.passage!.start, r.passage!.end)).toBe(input.passage!.exact);
    expect(r.passage!.start).toBe(input.passage!.start + 2); // 并 → 、同时 adds two characters before it
  });

  test('a passage whose quote was itself edited is found fuzzily, over the edited words', () => {
    const r = anchorNote(quoteNote(OLD, 10, '形成高速泛在、天地一体、云网融合、安全可控的网络服务体系'), NEW.articles);
    expect(r.status).toBe('changed');
    expect(r.articleIndex).toBe(at10);
    expect(NEW.articles[at10]!.text.slice(r.passage!.start, r.passage!.end)).toBe(
      '形成高速泛在、天地一体、云网融合、安全可信的网络服务体系',
    );
    expect(r.score).toBeGreaterThan(0.85);
  });

  test('the other articles are untouched: exact', () => {
    const r = anchorAll([articleNote(OLD, 9), quoteNote(OLD, 11, '智能化传感器')], NEW.articles);
    expect(r.map((x) => [x.status, x.articleIndex])).toEqual([
      ['exact', byNumber(NEW, 9)],
      ['exact', byNumber(NEW, 11)],
    ]);
  });
});

describe('a renumbered draft: one article inserted near the start, one deleted later', () => {
  // new 第三条 after 第二条 (old 3…19 become 4…20), old 第二十条 deleted (old 21… keep their numbers)
  const old20 = OLD.articles[byNumber(OLD, 20)]!;
  const old2 = OLD.articles[byNumber(OLD, 2)]!;
  const lines = renumbered(LINES, OLD, (n) => (n >= 3 && n < 20 ? n + 1 : n));
  // also: a paragraph of old 第十条 deleted, and a few characters of old 第十九条 edited
  const old10 = OLD.articles[byNumber(OLD, 10)]!;
  lines.splice(old20.paragraphs[0], old20.paragraphs[1] - old20.paragraphs[0]);
  editArticle(lines, OLD, 19, '推动公共数据有条件开放和社会化应用', '推动公共数据有序开放和社会化利用');
  lines.splice(old10.paragraphs[1] - 1, 1);
  lines.splice(old2.paragraphs[1], 0, '第三条 本市建立数字经济发展联席会议制度，统筹协调数字经济发展中的重大事项。');
  const NEW = outlineOf(lines);

  test('the new draft parses: same count, no warnings', () => {
    expect(NEW.articles).toHaveLength(OLD.articles.length);
    expect(NEW.warnings).toEqual([]);
  });

  test('article notes: exact before the insertion and after the deletion, moved between, unplaced when deleted', () => {
    const numbers = OLD.articles.map((a) => a.number);
    const results = anchorAll(numbers.map((n) => articleNote(OLD, n)), NEW.articles);
    numbers.forEach((n, k) => {
      const r = results[k]!;
      if (n === 20) expect(r).toEqual({ status: 'unplaced', articleIndex: -1, passage: null, score: 0 });
      else if (n === 19) expect([r.status, r.articleIndex]).toEqual(['changed', byNumber(NEW, 20)]);
      else if (n >= 3 && n < 20) expect([n, r.status, r.articleIndex]).toEqual([n, 'moved', byNumber(NEW, n + 1)]);
      else expect([n, r.status, r.articleIndex]).toEqual([n, 'exact', byNumber(NEW, n)]);
    });
  });

  test('passage notes follow their article, at the same offsets when the text is the same', () => {
    const rnd = seeded(11);
    for (const a of OLD.articles) {
      if (a.number === 20 || a.number === 10 || a.number === 19) continue;
      const s = Math.floor(rnd() * (a.text.length - 12));
      const input: AnchorInput = { article: describeArticle(a), passage: describePassage(a.text, s, s + 10) };
      const r = anchorNote(input, NEW.articles);
      const moved = a.number >= 3 && a.number < 20;
      expect([a.number, r.status]).toEqual([a.number, moved ? 'moved' : 'exact']);
      expect(r.articleIndex).toBe(byNumber(NEW, moved ? a.number + 1 : a.number));
      expect(r.passage).toEqual({ start: s, end: s + 10 });
    }
  });

  test('a passage in the moved and edited article: changed, at its new number', () => {
    const input = quoteNote(OLD, 19, '市人民政府及其有关部门可以探索设立公共数据特定区域');
    const r = anchorNote(input, NEW.articles);
    expect(r.status).toBe('changed');
    const i = byNumber(NEW, 20);
    expect(r.articleIndex).toBe(i);
    expect(NEW.articles[i]!.text.slice(r.passage!.start, r.passage!.end)).toBe(input.passage!.exact);
  });

  test('a passage whose quote was deleted is unplaced, while its article is still found', () => {
    const quote = '为信息网络基础设施运营企业提供公平普惠的网络接入服务';
    expect(NEW.articles.some((a) => a.text.includes('公平普惠的网络接入'))).toBe(false);
    expect(anchorNote(quoteNote(OLD, 10, quote), NEW.articles).status).toBe('unplaced');
    expect(anchorNote(articleNote(OLD, 10), NEW.articles)).toMatchObject({ status: 'moved', articleIndex: byNumber(NEW, 11) });
  });

  test('a passage quoted exactly in another article (≥ 8 characters, once in the draft) is moved there', () => {
    // the sentence of old 第二十条 survives in the new draft's 第二十一条 only
    const quote = '所形成的数据产品和数据服务的相关权益受法律保护';
    const lines2 = lines.slice();
    const i21 = NEW.articles[byNumber(NEW, 21)]!.paragraphs[0];
    lines2[i21] = lines2[i21] + quote + '。';
    const NEW2 = outlineOf(lines2);
    const r = anchorNote(quoteNote(OLD, 20, quote), NEW2.articles);
    expect(r.status).toBe('moved');
    expect(r.articleIndex).toBe(byNumber(NEW2, 21));
    expect(NEW2.articles[r.articleIndex]!.text.slice(r.passage!.start, r.passage!.end)).toBe(quote);
  });

  test('an 8–15 character quote found once elsewhere needs its context there (chance repeats are common)', () => {
    const quote = '合法正当收集的数据'; // 9 characters, from old 第二十条
    expect(NEW.articles.some((a) => a.text.includes(quote))).toBe(false);
    const lines2 = lines.slice();
    const i30 = NEW.articles[byNumber(NEW, 30)]!.paragraphs[0];
    lines2[i30] = lines2[i30] + '运营单位应当对其' + quote + '进行备份。';
    const r = anchorNote(quoteNote(OLD, 20, quote), outlineOf(lines2).articles);
    expect(r.status).toBe('unplaced');
    // the sentence moved with its surroundings: placed
    const lines3 = lines.slice();
    lines3[i30] = lines3[i30] + '除法律、行政法规另有规定或者当事人另有约定外，单位和个人对其' + quote + '，可以依法存储、持有、使用。';
    const NEW3 = outlineOf(lines3);
    const r3 = anchorNote(quoteNote(OLD, 20, quote), NEW3.articles);
    expect(r3.status).toBe('moved');
    expect(r3.articleIndex).toBe(byNumber(NEW3, 30));
  });

  test('short quotes (数据, 数据产品) of the deleted article are not placed anywhere, though found in many articles', () => {
    expect(NEW.articles.filter((a) => a.text.includes('数据')).length).toBeGreaterThan(20);
    expect(NEW.articles.filter((a) => a.text.includes('数据产品')).length).toBeGreaterThan(0);
    const results = anchorAll(
      [quoteNote(OLD, 20, '数据'), quoteNote(OLD, 20, '数据', 2), quoteNote(OLD, 20, '数据产品'), quoteNote(OLD, 20, '单位和个人')],
      NEW.articles,
    );
    expect(results.map((r) => r.status)).toEqual(['unplaced', 'unplaced', 'unplaced', 'unplaced']);
  });
});

describe('deleting any one article (later ones renumbered)', () => {
  test.each(['beijing-digital-economy-regulation-2022', 'data-security-law-2021'])(
    '%s: its article note and its short quotes are unplaced, the next article\'s note is moved',
    (name) => {
      const lines = corpusLines(name);
      const o = outlineOf(lines);
      const rnd = seeded(3);
      for (const a of o.articles) {
        const draft = renumbered(lines, o, (n) => (n > a.number ? n - 1 : n));
        draft.splice(a.paragraphs[0], a.paragraphs[1] - a.paragraphs[0]);
        const next = outlineOf(draft);
        const inputs: AnchorInput[] = [{ article: describeArticle(a), passage: null }];
        for (let k = 0; k < 4; k++) {
          const len = 2 + Math.floor(rnd() * 6);
          const s = Math.floor(rnd() * (a.text.length - len));
          inputs.push({ article: describeArticle(a), passage: describePassage(a.text, s, s + len) });
        }
        const results = anchorAll(inputs, next.articles);
        expect([a.label, results.map((r) => r.status)]).toEqual([a.label, inputs.map(() => 'unplaced')]);
        const after = o.articles.find((b) => b.number === a.number + 1);
        if (after) {
          expect(anchorNote({ article: describeArticle(after), passage: null }, next.articles)).toMatchObject({
            status: 'moved',
            articleIndex: byNumber(next, a.number),
          });
        }
      }
    },
  );
});

describe('short quotes in an edited article', () => {
  test('政府 removed from its article is not placed in a neighbour that has 政府; the other 政府 is found', () => {
    const lines = LINES.slice();
    editArticle(lines, OLD, 19, '市人民政府可以开展', '本市可以开展');
    const NEW = outlineOf(lines);
    const near = NEW.articles.filter((a) => Math.abs(a.number - 19) <= 3 && a.number !== 19 && a.text.includes('政府'));
    expect(near.length).toBeGreaterThan(1);
    const [gone, kept] = anchorAll([quoteNote(OLD, 19, '政府'), quoteNote(OLD, 19, '政府', 1)], NEW.articles);
    expect(gone!.status).toBe('unplaced');
    const i19 = byNumber(NEW, 19);
    expect(kept!.status).toBe('changed');
    expect(kept!.articleIndex).toBe(i19);
    const t = NEW.articles[i19]!.text;
    expect(kept!.passage).toEqual({ start: t.indexOf('政府'), end: t.indexOf('政府') + 2 });
  });

  test('数字 does not stand in for 数据 (no fuzzy match of a 2-character quote)', () => {
    const lines = LINES.slice();
    editArticle(lines, OLD, 2, '以数据资源为关键要素', '以数字资源为关键要素');
    const NEW = outlineOf(lines);
    const r = anchorNote(quoteNote(OLD, 2, '数据'), NEW.articles);
    expect(r.status).toBe('unplaced');
  });

  test('two identical quotes in one article: the one whose prefix/suffix match', () => {
    const a = OLD.articles[byNumber(OLD, 19)]!;
    const quote = '公共数据专区';
    expect(a.text.indexOf(quote, a.text.indexOf(quote) + 1)).toBeGreaterThan(0);
    const input = quoteNote(OLD, 19, quote, 1);
    const lines = LINES.slice();
    editArticle(lines, OLD, 19, '本市设立金融、医疗', '本市设立金融、教育、医疗'); // shifts both
    const NEW = outlineOf(lines);
    const r = anchorNote(input, NEW.articles);
    const t = NEW.articles[byNumber(NEW, 19)]!.text;
    const second = t.indexOf(quote, t.indexOf(quote) + 1);
    expect(r.status).toBe('changed');
    expect(r.passage).toEqual({ start: second, end: second + quote.length });
  });
});

describe('sub-articles (第N条之M)', () => {
  test('every article of the criminal law, 之一…之六 included, is exact; a 之M note never lands on 第N条', () => {
    const CRIMINAL = outlineOf(corpusLines('criminal-law-amended-2023'));
    const subs = CRIMINAL.articles.filter((a) => a.sub > 0);
    expect(subs.length).toBe(53);
    const results = anchorAll(CRIMINAL.articles.map((a) => ({ article: describeArticle(a), passage: null })), CRIMINAL.articles);
    expect(results.every((r, i) => r.status === 'exact' && r.articleIndex === i)).toBe(true);
    // drop 第一百二十条之一: its note is not put on 第一百二十条 or 之二
    const gone = CRIMINAL.articles.find((a) => a.number === 120 && a.sub === 1)!;
    const rest = CRIMINAL.articles.filter((a) => a !== gone);
    expect(anchorNote({ article: describeArticle(gone), passage: null }, rest).status).toBe('unplaced');
  });
});

describe('scale: the civil code (1260 articles)', () => {
  const CIVIL_LINES = corpusLines('civil-code-2020');
  const CIVIL = outlineOf(CIVIL_LINES);

  function notes(o: Outline, count: number): Array<{ input: AnchorInput; index: number }> {
    const rnd = seeded(42);
    const out: Array<{ input: AnchorInput; index: number }> = [];
    for (let k = 0; k < count; k++) {
      const index = Math.floor((k * o.articles.length) / count);
      const a = o.articles[index]!;
      let passage = null;
      if (k % 3 !== 0) {
        const s = Math.floor(rnd() * (a.text.length - 1));
        const e = Math.min(a.text.length, s + 2 + Math.floor(rnd() * 40));
        passage = describePassage(a.text, s, e);
      }
      out.push({ input: { article: describeArticle(a), passage }, index });
    }
    return out;
  }

  test('300 notes made from the same text: 300 results, all exact, at their articles', () => {
    expect(CIVIL.articles).toHaveLength(1260);
    const ns = notes(CIVIL, 300);
    const results = anchorAll(ns.map((n) => n.input), CIVIL.articles);
    expect(results).toHaveLength(300);
    expect(results.filter((r) => r.status === 'exact')).toHaveLength(300);
    results.forEach((r, k) => {
      expect(r.articleIndex).toBe(ns[k]!.index);
      const p = ns[k]!.input.passage;
      if (p) expect(r.passage).toEqual({ start: p.start, end: p.end });
    });
  });

  test('duplicate articles (第九百六十条 = 第九百六十六条): an edit in place stays put, a shift follows the nearer one', () => {
    const i960 = byNumber(CIVIL, 960);
    const i966 = byNumber(CIVIL, 966);
    expect(CIVIL.articles[i960]!.text).toBe(CIVIL.articles[i966]!.text);
    const note = { article: describeArticle(CIVIL.articles[i960]!), passage: null };
    const edited = CIVIL_LINES.slice();
    const p = CIVIL.articles[i960]!.paragraphs[0];
    edited[p] = edited[p]!.replace('本章没有规定的', '本章没有作出规定的');
    expect(anchorNote(note, outlineOf(edited).articles)).toMatchObject({ status: 'changed', articleIndex: i960 });
    expect(anchorNote({ ...note, article: describeArticle(CIVIL.articles[i966]!) }, outlineOf(edited).articles)).toMatchObject({
      status: 'exact',
      articleIndex: i966,
    });
  });

  test('the same 300 notes after an article is inserted at the start: all moved, one place down', () => {
    const first = CIVIL.articles[0]!;
    const lines = renumbered(CIVIL_LINES, CIVIL, (n) => n + 1);
    lines.splice(first.paragraphs[0], 0, '第一条 为了测试重新编号，新增本条。');
    const NEW = outlineOf(lines);
    expect(NEW.articles).toHaveLength(1261);
    const ns = notes(CIVIL, 300);
    const results = anchorAll(ns.map((n) => n.input), NEW.articles);
    results.forEach((r, k) => {
      expect(r.status).toBe('moved');
      expect(r.articleIndex).toBe(ns[k]!.index + 1);
    });
  });
});

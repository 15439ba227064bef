import { describe, expect, test } from 'vitest';
import { buildLetter, emptyProfile, explainEmpty, readProfile, PROFILE_FIELD_MAX_CHARS } from '../../../letter';
import { article, comment, goldenInput, note, profile, sample } from './fixtures';

describe('buildLetter: the parts of the letter', () => {
  const letter = buildLetter(goldenInput());

  test('title, addressee, lead-in and the email fields come from the notice', () => {
    // the title is kept as the notice writes it, 征求意见稿 included
    expect(letter.draftTitle).toBe('济南市数字经济促进条例(征求意见稿)');
    expect(letter.title).toBe('关于《济南市数字经济促进条例(征求意见稿)》的修改意见');
    expect(letter.addressee).toBe('济南市工业和信息化局：');
    expect(letter.leadIn).toBe('经认真研究，现对《济南市数字经济促进条例(征求意见稿)》提出如下修改意见：');
    expect(letter.email).toEqual({
      to: 'sgxjxxhyszjjc@jn.shandong.cn',
      subject: '《济南市数字经济促进条例(征求意见稿)》修改意见',
    });
    expect(letter.post).toEqual({
      recipient: '济南市工业和信息化局',
      address: '山东省济南市历下区龙鼎大道1号3层B323室',
      postcode: '250099',
      envelope: null,
    });
    expect(letter.deadline).toBe('2024-03-20');
    expect(letter.late).toBe(false);
  });

  test('sections are numbered 一、二、 and comments （一）（二） in the order they were written', () => {
    expect(letter.general?.heading).toBe('一、总体意见');
    expect(letter.specific?.heading).toBe('二、具体修改意见');
    expect(letter.comments).toEqual([
      '条例整体结构合理，建议在附则中补充“数字经济核心产业”的定义。',
      '建议进一步明确数据要素市场培育的具体措施，增强条例的可操作性。',
    ]);
    expect(letter.commentMarkers).toEqual(['（一）', '（二）']);
  });

  test('items in article order; two notes on one article stay two items under it, whole article first', () => {
    expect(letter.articles.map((a) => `${a.marker}${a.heading}`)).toEqual(['（一）第二条', '（二）第三条', '（三）第六条', '（四）第十条']);
    expect(letter.items.map((i) => i.noteId)).toEqual(['n-support', 'n-modify', 'n-whole', 'n-passage', 'n-add']);
    expect(letter.items.map((i) => i.index)).toEqual([1, 2, 3, 4, 5]);
    const sixth = letter.articles[2]!;
    expect(sixth.items.map((i) => i.marker)).toEqual(['1.', '2.']);
    expect(letter.articles[0]!.items[0]!.marker).toBe('');
    expect(sixth.items[0]!.original).toEqual({ kind: 'article', label: '原文', text: article(6).text });
    expect(sixth.items[1]!.original).toEqual({ kind: 'passage', label: '原文', text: '口岸物流等部门' });
  });

  test('修改意见 phrasing from the stance and suggestion', () => {
    const byId = Object.fromEntries(letter.items.map((i) => [i.noteId, i.opinion]));
    expect(byId['n-modify']).toMatch(/^建议修改为：“促进数字经济发展是本市的重要战略，.*开放合作的原则。”$/);
    expect(byId['n-whole']).toBe('建议删除本条。部门职责已由第五条概括规定，本条第二款可不再列举。');
    expect(byId['n-passage']).toBe('对上述内容有疑问：“口岸物流”部门具体指哪一部门？');
    expect(byId['n-add']).toBe('建议增加：“起步区管理机构应当会同市有关部门制定数字经济专项支持政策。”');
    expect(byId['n-support']).toBe('赞同本条规定。');
  });

  test('every stance has a phrase with and without a suggestion, for articles and passages', () => {
    const cases: Array<[string, string, string | null, string]> = [
      ['modify', '', null, '建议修改本条。'],
      ['modify', '', '口岸物流', '建议修改上述内容。'],
      ['modify', '建议将本条并入第五条。', null, '建议将本条并入第五条。'],
      ['add', '', null, '建议增加相关规定。'],
      ['delete', '', '口岸物流', '建议删除上述内容。'],
      ['keep', '', null, '建议保留本条。'],
      ['keep', '理由充分。', '口岸物流', '建议保留上述内容。理由充分。'],
      ['question', '', null, '对本条有疑问，建议予以明确。'],
      ['support', '', '口岸物流', '赞同上述内容。'],
    ];
    for (const [stance, suggestion, quote, expected] of cases) {
      const n = note(6, { stance: stance as never, suggestion, ...(quote === null ? {} : { quote }) });
      expect(buildLetter(goldenInput({ notes: [n] })).items[0]!.opinion, `${stance}/${quote}`).toBe(expected);
    }
  });

  test('the private comment and notes in the bin stay out', () => {
    expect(JSON.stringify(letter)).not.toContain('私人备注');
    expect(letter.items.some((i) => i.noteId === 'n-binned')).toBe(false);
    expect(letter.counts).toEqual({ notes: 5, items: 5, comments: 2 });
  });

  test('signature lines in order, empty fields left out, the date in Chinese', () => {
    expect(letter.signature.map((f) => `${f.label}：${f.value}`)).toEqual([
      '单位：济南市软件行业协会',
      '联系人：张明',
      '联系电话：0531-88886666',
      '电子邮箱：zhangming@example.com',
      '通信地址：山东省济南市历下区经十路100号',
    ]);
    expect(letter.date).toBe('2024年3月1日');
    const partial = buildLetter(goldenInput({ profile: { ...emptyProfile, name: '李华' }, today: '2024-12-25' }));
    expect(partial.signature).toEqual([{ label: '联系人', value: '李华' }]);
    expect(partial.date).toBe('2024年12月25日');
    expect(partial.late).toBe(true);
  });

  test('without general comments the specific section becomes 一、', () => {
    const l = buildLetter(goldenInput({ comments: [] }));
    expect(l.general).toBeNull();
    expect(l.specific?.heading).toBe('一、具体修改意见');
    const hidden = buildLetter(goldenInput({ options: { form: 'prose', include: { comments: false } } }));
    expect(hidden.comments).toEqual([]);
    expect(hidden.specific?.heading).toBe('一、具体修改意见');
  });

  test('one general comment has no （一） marker; blank comments are dropped', () => {
    const l = buildLetter(goldenInput({ comments: [comment('只有一条意见。', 'c', 1), comment(' \n ', 'd', 2)] }));
    expect(l.comments).toEqual(['只有一条意见。']);
    expect(l.commentMarkers).toEqual(['']);
  });

  test('an article title on the page goes into the heading', () => {
    const articles = sample.articles.map((a) => (a.number === 3 ? { ...a, title: '基本原则' } : a));
    const l = buildLetter(goldenInput({ articles }));
    expect(l.articles[1]!.heading).toBe('第三条（基本原则）');
    expect(l.items[1]!.clause).toBe('第三条（基本原则）');
  });

  test('is pure: same input, same letter; the input is not changed', () => {
    const input = goldenInput();
    const before = JSON.stringify(input);
    expect(buildLetter(input)).toEqual(buildLetter(input));
    expect(JSON.stringify(input)).toBe(before);
  });

  test('a malformed today throws a RangeError', () => {
    expect(() => buildLetter(goldenInput({ today: '2024/3/1' }))).toThrow(RangeError);
    expect(() => buildLetter(goldenInput({ today: '2024-13-01' }))).toThrow(RangeError);
  });
});

describe('buildLetter: ordering', () => {
  test('by number, then sub (第十条之一 after 第十条), then passages by position, then creation time', () => {
    const ten = article(10);
    const articles = [...sample.articles, { number: 10, sub: 1, label: '第十条之一', title: null, text: '新增的条文。' }];
    const tenSub = { ...note(10), id: 'sub', article: { number: 10, sub: 1, label: '第十条之一', excerpt: '新增的条文。' } };
    const late = note(10, { id: 'late-passage', quote: '探索数字经济' });
    const early = note(10, { id: 'early-passage', quote: '支持济南' });
    const wholeNew = note(10, { id: 'whole-new' });
    const wholeOld = { ...note(10), id: 'whole-old', createdAt: 1 };
    const first = note(1, { id: 'first' });
    const l = buildLetter(goldenInput({ articles, notes: [tenSub, late, early, wholeNew, wholeOld, first], comments: [] }));
    expect(l.items.map((i) => i.noteId)).toEqual(['first', 'whole-old', 'whole-new', 'early-passage', 'late-passage', 'sub']);
    expect(l.articles.map((a) => a.heading)).toEqual(['第一条', '第十条', '第十条之一']);
    expect(l.articles[1]!.items.map((i) => i.marker)).toEqual(['1.', '2.', '3.', '4.']);
    expect(l.articles[1]!.items[0]!.original.text).toBe(ten.text);
  });
});

describe('buildLetter: filters', () => {
  const ids = (include: object) =>
    buildLetter(goldenInput({ options: { form: 'prose', include } })).items.map((i) => i.noteId);

  test('by tag (any of the tags)', () => {
    expect(ids({ tags: ['原则'] })).toEqual(['n-support', 'n-modify']);
    expect(ids({ tags: ['职责', '起步区'] })).toEqual(['n-whole', 'n-passage', 'n-add']);
  });

  test('by stance', () => {
    expect(ids({ stances: ['delete', 'question'] })).toEqual(['n-whole', 'n-passage']);
  });

  test('by hand-picked ids, still in article order', () => {
    expect(ids({ ids: ['n-add', 'n-support'] })).toEqual(['n-support', 'n-add']);
    // a binned note stays out even when picked
    expect(ids({ ids: ['n-binned'] })).toEqual([]);
  });

  test('filters combine: every given one must match', () => {
    expect(ids({ tags: ['职责'], stances: ['question'] })).toEqual(['n-passage']);
    expect(ids({ tags: ['原则'], ids: ['n-add'] })).toEqual([]);
  });

  test('an empty list matches nothing; an absent one does not filter', () => {
    expect(ids({ tags: [] })).toEqual([]);
    expect(ids({})).toHaveLength(5);
  });
});

describe('empty letters explain themselves', () => {
  test('no notes and no comments: empty, no-notes', () => {
    const l = buildLetter(goldenInput({ notes: [], comments: [] }));
    expect(l.empty).toBe(true);
    expect(l.items.length === 0 && l.comments.length === 0).toBe(true);
    expect(l.general).toBeNull();
    expect(l.specific).toBeNull();
    expect(explainEmpty(l)).toBe('no-notes');
  });

  test('only binned notes count as no notes', () => {
    const l = buildLetter(goldenInput({ notes: [note(3, { deleted: 5 })], comments: [] }));
    expect(explainEmpty(l)).toBe('no-notes');
  });

  test('notes the filter removed: filtered-out', () => {
    const l = buildLetter(goldenInput({ comments: [], options: { form: 'table', include: { tags: ['无此标签'] } } }));
    expect(l.empty).toBe(true);
    expect(explainEmpty(l)).toBe('filtered-out');
  });

  test('a letter with only general comments is not empty', () => {
    const l = buildLetter(goldenInput({ notes: [] }));
    expect(l.empty).toBe(false);
    expect(explainEmpty(l)).toBeNull();
    expect(l.general?.heading).toBe('一、总体意见');
    expect(l.specific).toBeNull();
  });
});

describe('buildLetter: articles missing from the page', () => {
  test('falls back to the note’s label and excerpt, marked 原文（节选）', () => {
    const l = buildLetter(goldenInput({ articles: [] }));
    expect(l.articles.map((a) => [a.heading, a.onPage])).toEqual([
      ['第二条', false],
      ['第三条', false],
      ['第六条', false],
      ['第十条', false],
    ]);
    const sixthWhole = l.items.find((i) => i.noteId === 'n-whole')!;
    // 第六条 is longer than the stored 120-character excerpt: the excerpt is marked as cut
    expect(sixthWhole.original.kind).toBe('excerpt');
    expect(sixthWhole.original.label).toBe('原文（节选）');
    expect(sixthWhole.original.text).toBe(`${article(6).text.slice(0, 120)}……`);
    const second = l.items.find((i) => i.noteId === 'n-support')!;
    expect(second.original).toEqual({ kind: 'excerpt', label: '原文（节选）', text: article(2).text });
    // a passage note still quotes its passage
    expect(l.items.find((i) => i.noteId === 'n-passage')!.original).toEqual({ kind: 'passage', label: '原文', text: '口岸物流等部门' });
  });

  test('a renumbered page: a note whose article is gone uses its excerpt, the others the page', () => {
    const articles = sample.articles.filter((a) => a.number !== 3);
    const l = buildLetter(goldenInput({ articles }));
    expect(l.items.find((i) => i.noteId === 'n-modify')!.original.kind).toBe('excerpt');
    expect(l.items.find((i) => i.noteId === 'n-add')!.original.kind).toBe('article');
  });

  test('a note with no label gets one from its number', () => {
    const n = { ...note(3), article: { number: 120, sub: 1, label: '', excerpt: '' } };
    expect(buildLetter(goldenInput({ articles: [], notes: [n] })).articles[0]!.heading).toBe('第一百二十条之一');
  });
});

describe('the notice: fallbacks and cleaning', () => {
  test('no prescribed subject: 《title》修改意见; no title at all: generic wording', () => {
    const noSubject = { ...sample, channels: { ...sample.channels, subject: null } };
    expect(buildLetter(goldenInput({ notice: noSubject })).email.subject).toBe('《济南市数字经济促进条例(征求意见稿)》修改意见');
    const bare = { title: null, issuer: null, deadline: null, channels: { ...sample.channels, subject: null, email: null, address: null } };
    const l = buildLetter(goldenInput({ notice: bare }));
    expect(l.title).toBe('关于征求意见稿的修改意见');
    expect(l.addressee).toBeNull();
    expect(l.email).toEqual({ to: null, subject: '征求意见稿修改意见' });
    expect(l.post).toBeNull();
    expect(l.late).toBe(false);
  });

  test('the prescribed subject is used exactly, even when it differs from the title', () => {
    const notice = { ...sample, channels: { ...sample.channels, subject: '关于数字经济条例的意见建议' } };
    expect(buildLetter(goldenInput({ notice })).email.subject).toBe('关于数字经济条例的意见建议');
  });

  test('CR/LF and control characters leave single-line fields; texts keep their lines', () => {
    const notice = {
      ...sample,
      issuer: '济南市\r\n工业和信息化局\u0007',
      channels: { ...sample.channels, subject: '修改意见\r\nBcc: victim@example.com', email: 'a@b.cn\nCc: x@y.cn' },
    };
    const l = buildLetter(
      goldenInput({
        notice,
        profile: { ...profile, name: '张明\r\nBcc: evil@example.com', address: '济南\u0000市\u2028历下区' },
        notes: [note(3, { suggestion: '第一行\r\n第二行\u0008\r第三行', reason: '理由\u2029第二段' })],
      }),
    );
    expect(l.addressee).toBe('济南市 工业和信息化局：');
    expect(l.email.subject).toBe('修改意见 Bcc: victim@example.com');
    expect(l.email.to).toBe('a@b.cn Cc: x@y.cn');
    expect(l.sender.name).toBe('张明 Bcc: evil@example.com');
    expect(l.sender.address).toBe('济南市 历下区');
    expect(l.items[0]!.opinion).toBe('建议修改为：“第一行\n第二行\n第三行”。');
    expect(l.items[0]!.reason).toBe('理由\n第二段');
    for (const s of [l.addressee!, l.email.subject, l.email.to!, l.sender.name, l.sender.address]) {
      expect([...s].filter((c) => c.charCodeAt(0) < 0x20 || c === '\u007f' || c === '\u2028' || c === '\u2029')).toEqual([]);
    }
  });

  test('a 1,000,000-character note is kept whole', () => {
    const big = '数'.repeat(999_990) + '结尾';
    const l = buildLetter(goldenInput({ notes: [note(3, { reason: big })] }));
    expect(l.items[0]!.reason).toHaveLength(big.length);
    expect(l.items[0]!.reason.endsWith('结尾')).toBe(true);
  });
});

describe('readProfile', () => {
  test('nothing stored: an empty profile', () => {
    expect(readProfile(undefined)).toEqual(emptyProfile);
    expect(readProfile(null)).toEqual({ name: '', organisation: '', phone: '', email: '', address: '' });
  });

  test('keeps the five fields, drops the rest, fills what is missing', () => {
    const p = readProfile({ name: '张明', email: 'z@example.com', extra: 1, ['__proto__']: { polluted: true } });
    expect(p).toEqual({ name: '张明', organisation: '', phone: '', email: 'z@example.com', address: '' });
    expect(Object.keys(p).sort()).toEqual(['address', 'email', 'name', 'organisation', 'phone']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('refuses what is not a profile, naming the field', () => {
    expect(() => readProfile('张明')).toThrow(TypeError);
    expect(() => readProfile([])).toThrow(TypeError);
    expect(() => readProfile(new Date())).toThrow(/plain object/);
    expect(() => readProfile({ phone: 5318888 })).toThrow(/profile\.phone/);
    expect(() => readProfile({ address: 'x'.repeat(PROFILE_FIELD_MAX_CHARS + 1) })).toThrow(/profile\.address/);
    expect(readProfile({ address: 'x'.repeat(PROFILE_FIELD_MAX_CHARS) }).address).toHaveLength(PROFILE_FIELD_MAX_CHARS);
  });
});

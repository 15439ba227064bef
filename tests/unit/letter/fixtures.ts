import { readFileSync } from 'node:fs';
import { describeArticle, describePassage } from '../../../anchoring/describe';
import type { LetterInput, Profile } from '../../../letter';
import { paragraphsFromText } from '../../../regulation/json';
import { parseOutline } from '../../../regulation/outline';
import type { Article, Outline } from '../../../regulation/types';
import type { CommentRecord, NoteRecord } from '../../../storage/schema';

/** The sample draft (济南市数字经济促进条例(征求意见稿)), parsed as the content script would. */
export const sample: Outline = parseOutline(
  paragraphsFromText(readFileSync(new URL('../../../sample/jinan-digital-economy-draft.txt', import.meta.url), 'utf8')),
);

export function article(n: number, o: Outline = sample): Article {
  const a = o.articles.find((x) => x.number === n && x.sub === 0);
  if (a === undefined) throw new Error(`no article ${n}`);
  return a;
}

let clock = 1_700_000_000_000;
let seq = 0;

/** A note on article `n` of the sample (a passage note when `quote` is given: it must occur in the article). */
export function note(n: number, over: Partial<NoteRecord> & { quote?: string } = {}): NoteRecord {
  const { quote, ...rest } = over;
  const a = article(n);
  let passage = null;
  if (quote !== undefined) {
    const start = a.text.indexOf(quote);
    if (start < 0) throw new Error(`"${quote}" is not in ${a.label}`);
    passage = describePassage(a.text, start, start + quote.length);
  }
  clock += 1000;
  return {
    id: `note-${String(++seq).padStart(3, '0')}`,
    documentId: 'doc-1',
    article: describeArticle(a),
    passage,
    stance: 'modify',
    suggestion: '',
    reason: '',
    comment: '',
    tags: [],
    createdAt: clock,
    updatedAt: clock,
    revision: 1,
    ...rest,
  };
}

export function comment(text: string, id: string, createdAt: number): CommentRecord {
  return { id, documentId: 'doc-1', text, createdAt, updatedAt: createdAt, revision: 1 };
}

export const profile: Profile = {
  name: '张明',
  organisation: '济南市软件行业协会',
  phone: '0531-88886666',
  email: 'zhangming@example.com',
  address: '山东省济南市历下区经十路100号',
};

/** The notes the golden files are made from, deliberately given out of article order. */
export function goldenNotes(): NoteRecord[] {
  return [
    note(10, {
      id: 'n-add',
      stance: 'add',
      suggestion: '起步区管理机构应当会同市有关部门制定数字经济专项支持政策。',
      reason: '便于起步区政策落地。',
      tags: ['起步区'],
    }),
    note(6, {
      id: 'n-passage',
      quote: '口岸物流等部门',
      stance: 'question',
      suggestion: '“口岸物流”部门具体指哪一部门？',
      reason: '',
      tags: ['职责'],
    }),
    note(3, {
      id: 'n-modify',
      stance: 'modify',
      suggestion: '促进数字经济发展是本市的重要战略，应当遵循统筹推进、创新驱动、融合发展、普惠共享、安全有序、包容审慎、协同共治、开放合作的原则。',
      reason: '增加“开放合作”原则，与《山东省数字经济促进条例》表述保持一致。\n同时体现对外开放的要求。',
      comment: '私人备注：不应出现在意见函中',
      tags: ['原则'],
    }),
    note(6, {
      id: 'n-whole',
      stance: 'delete',
      suggestion: '部门职责已由第五条概括规定，本条第二款可不再列举。',
      reason: '列举部门过多，容易遗漏。',
      tags: ['职责'],
    }),
    note(2, { id: 'n-support', stance: 'support', tags: ['原则'] }),
    note(12, { id: 'n-binned', stance: 'delete', deleted: clock, tags: ['原则'] }),
  ];
}

export function goldenInput(over: Partial<LetterInput> = {}): LetterInput {
  return {
    notice: sample,
    articles: sample.articles,
    notes: goldenNotes(),
    comments: [
      comment('建议进一步明确数据要素市场培育的具体措施，增强条例的可操作性。', 'c-2', 2),
      comment('条例整体结构合理，建议在附则中补充“数字经济核心产业”的定义。', 'c-1', 1),
    ],
    profile,
    options: { form: 'prose' },
    today: '2024-03-01',
    ...over,
  };
}

/**
 * The versions on the page (versions/page.ts): the new-version offer the banner makes, and the articles marked as
 * changed or added once linked. Real version pairs (tests/versions) and hand-made ones.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { paragraphsFromText } from '../../../regulation/json';
import { parseOutline } from '../../../regulation/outline';
import { toChineseNumeral } from '../../../regulation/numerals';
import type { VersionArticle } from '../../../versions/align';
import { declineKey, pageMarks, versionOffer, type Candidate } from '../../../versions/page';
import { isPageVersionsRequest, isPanelVersionsShow } from '../../../shared/page-version-messages';

const load = (file: string) => parseOutline(paragraphsFromText(readFileSync(new URL(file, new URL('../../versions/', import.meta.url)), 'utf8'))).articles;
const draft = load('jinan-digital-economy-2024-draft.txt');
const enacted = load('jinan-digital-economy-2024-enacted.txt');
const otherLaw = load('anti-monopoly-law-2022.txt');

const art = (n: number, text: string): VersionArticle => ({ number: n, sub: 0, label: `第${toChineseNumeral(n)}条`, text });
const list = (...texts: string[]) => texts.map((t, k) => art(k + 1, t));
const T = {
  purpose: '为了促进数字经济高质量发展，推动数字技术与实体经济深度融合，根据有关法律法规，结合本市实际，制定本条例。',
  scope: '本条例适用于本市行政区域内促进数字经济发展的相关活动。',
  duty: '市工业和信息化部门负责牵头推进、协调、督促全市数字经济发展工作，制定并实施数字经济发展规划和政策措施。',
  data: '市大数据部门负责统筹推进全市公共数据资源的汇聚、共享、开放和开发利用工作，建立健全公共数据资源体系。',
  infra: '市通信管理部门应当会同有关部门推进第五代移动通信网络、千兆光网、卫星互联网等信息基础设施建设。',
  end: '本条例自2024年5月1日起施行。',
};

const DRAFT_TITLE = '济南市数字经济促进条例（征求意见稿）';
const NEW_TITLE = '济南市数字经济促进条例（草案修改稿）';
const reviewed: Candidate = { id: 'old', title: DRAFT_TITLE, articles: draft };

describe('versionOffer', () => {
  test('a reviewed draft of the same regulation, mostly alike: offered (the Jinan draft and the enacted text)', () => {
    expect(versionOffer('new', '济南市数字经济促进条例', enacted, [reviewed], [], new Set())).toEqual({ from: 'old', title: DRAFT_TITLE });
  });

  test('no offer for another regulation, or the same title over other articles', () => {
    const beijing = { ...reviewed, title: '北京市数字经济促进条例（征求意见稿）' };
    expect(versionOffer('new', NEW_TITLE, draft, [beijing], [], new Set())).toBeNull();
    expect(versionOffer('new', NEW_TITLE, otherLaw, [reviewed], [], new Set())).toBeNull();
  });

  test('"不是" for that pair is remembered: not offered again, while another page still is', () => {
    const declined = new Set([declineKey('old', 'new')]);
    expect(versionOffer('new', NEW_TITLE, enacted, [reviewed], [], declined)).toBeNull();
    expect(versionOffer('third', NEW_TITLE, enacted, [reviewed], [], declined)).toEqual({ from: 'old', title: DRAFT_TITLE });
  });

  test('no offer once linked, nor of a draft that has its next version, nor of one later in the chain, nor of itself', () => {
    expect(versionOffer('new', NEW_TITLE, enacted, [reviewed], [{ from: 'old', to: 'new' }], new Set())).toBeNull();
    expect(versionOffer('new', NEW_TITLE, enacted, [reviewed], [{ from: 'old', to: 'other' }], new Set())).toBeNull();
    // 'new' -> 'mid' -> 'old': linking old -> new would close a loop
    const loop = [
      { from: 'new', to: 'mid' },
      { from: 'mid', to: 'old' },
    ];
    expect(versionOffer('new', NEW_TITLE, enacted, [reviewed], loop, new Set())).toBeNull();
    expect(versionOffer('old', DRAFT_TITLE, draft, [reviewed], [], new Set())).toBeNull();
  });

  test('the first fitting candidate is offered; an untitled or empty page gets none', () => {
    const empty: Candidate = { id: 'empty', title: DRAFT_TITLE, articles: [] };
    expect(versionOffer('new', NEW_TITLE, enacted, [empty, reviewed], [], new Set())).toEqual({ from: 'old', title: DRAFT_TITLE });
    expect(versionOffer('new', null, enacted, [reviewed], [], new Set())).toBeNull();
    expect(versionOffer('new', NEW_TITLE, [], [reviewed], [], new Set())).toBeNull();
  });
});

describe('pageMarks', () => {
  test('changed and added articles are marked by their index in the page; unchanged and renumbered ones are not', () => {
    const older = list(T.purpose, T.scope, T.duty, T.data, T.end);
    const newer = list(T.purpose, T.infra, `${T.scope}乡镇人民政府、街道办事处配合做好相关工作。`, T.data, T.end);
    // 第二条 is new, the old 第二条 (now 第三条) changed, 第三条 (duty) deleted, 第四条 and 第五条 unchanged
    expect(pageMarks(older, newer)).toEqual([
      { index: 1, kind: 'added' },
      { index: 2, kind: 'changed' },
    ]);
    expect(pageMarks(older, older)).toEqual([]);
  });

  test('the Jinan draft against the enacted text: its marks are the alignment\'s changed and added articles', () => {
    const marks = pageMarks(draft, enacted);
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((m) => m.index >= 0 && m.index < enacted.length)).toBe(true);
    expect(new Set(marks.map((m) => m.index)).size).toBe(marks.length);
    // 第一条 (purpose) was rewritten in the enacted text
    expect(marks[0]).toEqual({ index: 0, kind: 'changed' });
  });
});

describe('page versions messages', () => {
  test('well-formed requests pass; malformed ones do not', () => {
    expect(isPageVersionsRequest({ type: 'versions:page', documentId: 'd', title: null, fingerprint: '0.a.b', articles: [] })).toBe(true);
    expect(isPageVersionsRequest({ type: 'versions:page', documentId: 'd', title: null, fingerprint: '0.a.b' })).toBe(true);
    expect(isPageVersionsRequest({ type: 'versions:page', documentId: '', title: null, fingerprint: '0.a.b', articles: [] })).toBe(false);
    expect(isPageVersionsRequest({ type: 'versions:page', documentId: 'd', title: 3, fingerprint: '0.a.b', articles: [] })).toBe(false);
    expect(isPageVersionsRequest({ type: 'versions:page', documentId: 'd', title: null, fingerprint: '0.a.b', articles: 'x' })).toBe(false);
    expect(isPageVersionsRequest({ type: 'versions:decline', from: 'a', to: 'b' })).toBe(true);
    expect(isPageVersionsRequest({ type: 'versions:decline', from: 'a' })).toBe(false);
    expect(isPageVersionsRequest({ type: 'versions:show', index: 3 })).toBe(true);
    expect(isPageVersionsRequest({ type: 'versions:show', index: -1 })).toBe(false);
    expect(isPageVersionsRequest({ type: 'versions:show', index: 1.5 })).toBe(false);
    expect(isPageVersionsRequest({ type: 'versions:link', from: 'a', to: 'b' })).toBe(false);
    expect(isPageVersionsRequest(null)).toBe(false);
    expect(isPanelVersionsShow({ type: 'versions:show-panel', tabId: 4, index: 0 })).toBe(true);
    expect(isPanelVersionsShow({ type: 'versions:show-panel', tabId: '4', index: 0 })).toBe(false);
  });
});

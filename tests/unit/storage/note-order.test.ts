import { describe, expect, test } from 'vitest';
import { firstByArticle } from '../../../storage/note-order';
import { noteRecord } from '../sidepanel/note-record';

describe('firstByArticle (the page\'s first notes for the side panel)', () => {
  test('picks the first by article, sub-number, then age, whatever order it is given; leaves the list as it is', () => {
    const n = (id: string, number: number, sub: number, createdAt: number) => {
      const r = noteRecord(id, 'doc', number);
      return { ...r, article: { ...r.article, sub }, createdAt };
    };
    // in the order a page gathers them: saved one by one, each appended
    const list = [n('a42', 42, 0, 1), n('b2', 2, 0, 5), n('c3', 3, 0, 2), n('d2', 2, 0, 3), n('e2sub', 2, 1, 0)];
    const before = list.map((x) => x.id);
    expect(firstByArticle(list, 3).map((x) => x.id)).toEqual(['d2', 'b2', 'e2sub']);
    expect(firstByArticle(list, 10).map((x) => x.id)).toEqual(['d2', 'b2', 'e2sub', 'c3', 'a42']);
    expect(list.map((x) => x.id)).toEqual(before);
  });
});

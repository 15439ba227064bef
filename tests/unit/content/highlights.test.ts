// @vitest-environment happy-dom
import { beforeEach, describe, expect, test } from 'vitest';
import { Highlights, type HighlightSpec } from '../../../entrypoints/content/highlights';

/** A spec marking characters [start, end) of paragraph `p`'s first text node. */
function spec(id: string, p: number, start: number, end: number): HighlightSpec {
  return {
    id,
    key: `${p}:${start}:${end}`,
    ranges: () => {
      const text = document.querySelectorAll('p')[p]!.firstChild!;
      const r = document.createRange();
      r.setStart(text, start);
      r.setEnd(text, end);
      return [r];
    },
  };
}

const marked = () => Array.from(document.querySelectorAll('mark'), (m) => m.textContent);

describe('Highlights.syncSome (the highlights drawn in slices)', () => {
  beforeEach(() => {
    document.body.innerHTML = Array.from({ length: 20 }, (_, i) => `<p data-i="${i}">某条 本条规定的事项由市人民政府负责。</p>`).join('');
  });

  test("a deadline already past still takes one step per call: each passage's offsets, then each mark; null until done, then what could not be marked", () => {
    const h = new Highlights();
    let read = 0;
    const counted = (x: HighlightSpec): HighlightSpec => ({ ...x, ranges: () => (read++, x.ranges()) });
    const specs = [...Array.from({ length: 20 }, (_, i) => counted(spec(`n${i}`, i, 3, 7))), counted({ id: 'gone', key: 'x', ranges: () => null })];
    const results: Array<number | null> = [];
    const readPerCall: number[] = [];
    for (let i = 0; i < 100; i++) {
      const before = read;
      const r = h.syncSome(specs, 0);
      readPerCall.push(read - before);
      results.push(r);
      // no mark before every passage's offsets are read (a mark splits the text nodes the ranges come from)
      if (read < specs.length) expect(marked()).toEqual([]);
      if (r !== null) break;
    }
    // the 21 passages' offsets one per call (96 passages' ranges at once were a long task on a slow machine), then the
    // 20 marks one per call (the last call returns)
    expect(readPerCall.slice(0, 21)).toEqual(Array.from({ length: 21 }, () => 1));
    expect(results.filter((r) => r === null).length).toBe(40);
    expect(results.at(-1)).toBe(1);
    expect(h.size).toBe(20);
    expect(marked()).toEqual(Array.from({ length: 20 }, () => '本条规定'));
  });

  test('the same marks as one call without a deadline; a call with other specs starts over and keeps what is marked', () => {
    const specs = Array.from({ length: 6 }, (_, i) => spec(`n${i}`, i, 3, 7));
    const h = new Highlights();
    expect(h.syncSome(specs, 0)).toBeNull();
    expect(h.syncSome(specs, 0)).toBeNull();
    // the page's notes changed meanwhile: n0 is gone, n6 is new
    const next = [...specs.slice(1), spec('n6', 6, 10, 13)];
    expect(h.syncSome(next, Infinity)).toBe(0);
    expect(h.size).toBe(6);
    expect(document.querySelectorAll('p')[0]!.querySelector('mark')).toBeNull();
    expect(document.querySelectorAll('p')[6]!.querySelector('mark')!.textContent).toBe('由市人');
    const other = new Highlights();
    document.body.innerHTML = Array.from({ length: 20 }, (_, i) => `<p data-i="${i}">某条 本条规定的事项由市人民政府负责。</p>`).join('');
    expect(other.syncSome(next, Infinity)).toBe(0);
    expect(marked()).toEqual(['本条规定', '本条规定', '本条规定', '本条规定', '本条规定', '由市人']);
  });
});

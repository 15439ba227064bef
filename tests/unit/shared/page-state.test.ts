import { afterEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  askPageState,
  packOutline,
  TEXT_PART_CHARS,
  textPartEnds,
  TextPartsServer,
  unpackOutline,
  type PackedOutline,
} from '../../../shared/page-state';
import { corpusLines, outlineOf } from '../anchoring/helpers';

/** The page's state as the side panel asks for it: the articles as columns (shared/page-state.ts). */
const outline = outlineOf(corpusLines('data-security-law-2021'));

afterEach(() => vi.restoreAllMocks());

describe('the outline with its articles as columns', () => {
  test('gives back the very same outline, chapters, titles and all', () => {
    expect(outline.articles.length).toBeGreaterThan(40);
    expect(outline.chapters.length).toBeGreaterThan(3);
    const packed = packOutline(outline);
    expect(Array.isArray(packed.articles)).toBe(false);
    expect(packed.articles.text).toHaveLength(outline.articles.length);
    // what travels is JSON-like: the round trip through JSON changes nothing
    expect(unpackOutline(JSON.parse(JSON.stringify(packed)) as PackedOutline)).toEqual(outline);
    // and it is smaller than the articles as objects
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(outline).length * 0.9);
  });

  test('an outline with no articles, and one sent as objects (an older page), come back as they are', () => {
    const empty = { ...outline, articles: [] };
    expect(unpackOutline(packOutline(empty))).toEqual(empty);
    expect(unpackOutline(outline)).toBe(outline);
  });

  test('columns of unequal lengths give no articles rather than broken ones', () => {
    const packed = packOutline(outline);
    for (const broken of [
      { ...packed.articles, text: packed.articles.text.slice(1) },
      { ...packed.articles, paragraphs: packed.articles.paragraphs.slice(1) },
      { ...packed.articles, number: undefined as unknown as number[] },
    ]) {
      expect(unpackOutline({ ...packed, articles: broken }).articles).toEqual([]);
    }
  });

  test('askPageState asks for columns and hands the panel the outline; no answer or a strange one is undefined', async () => {
    const asked: unknown[] = [];
    const answers: unknown[] = [{ url: 'u', documentId: 'd', outline: packOutline(outline) }, undefined, 'x', { url: 'u' }];
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (_tab: number, m: unknown) => {
      asked.push(m);
      return answers.shift();
    }) as never);
    expect(await askPageState(3)).toEqual({ url: 'u', documentId: 'd', outline });
    expect(asked[0]).toEqual({ type: 'outline:get', packed: true });
    expect(await askPageState(3)).toBeUndefined();
    expect(await askPageState(3)).toBeUndefined();
    expect(await askPageState(3)).toBeUndefined();
  });

  test('parts: each at most TEXT_PART_CHARS characters (a longer article alone), in order, covering every article', () => {
    expect(textPartEnds([])).toEqual([]);
    expect(textPartEnds(['a', 'b'], 5)).toEqual([2]);
    expect(textPartEnds(['aaa', 'bbb', 'c', 'dddddd', 'e'], 4)).toEqual([1, 3, 4, 5]);
    const civil = outlineOf(corpusLines('civil-code-2020'));
    const texts = civil.articles.map((a) => a.text);
    const ends = textPartEnds(texts);
    expect(ends.length).toBeGreaterThan(5);
    expect(ends.at(-1)).toBe(texts.length);
    ends.forEach((end, k) => {
      const part = texts.slice(k ? ends[k - 1] : 0, end);
      expect(part.length).toBeGreaterThan(0);
      expect(part.join('').length <= TEXT_PART_CHARS || part.length === 1).toBe(true);
    });
  });

  test('askPageState takes a long outline in parts, asked all at once, and gives the very same outline', async () => {
    const civil = outlineOf(corpusLines('civil-code-2020'));
    const server = new TextPartsServer();
    const asked: Array<{ type: string; part?: number }> = [];
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (_tab: number, m: { type: string; key: string; part: number }) => {
      asked.push(m);
      if (m.type === 'outline:get') return server.answer({ url: 'u', documentId: 'd', outline: packOutline(civil) });
      return server.part(m.key, m.part);
    }) as never);
    const got = await askPageState(3);
    expect(got?.outline).toEqual(civil);
    const parts = asked.filter((m) => m.type === 'outline:texts');
    expect(parts.length).toBe(textPartEnds(civil.articles.map((a) => a.text)).length);
    expect(parts.map((m) => m.part)).toEqual(parts.map((_, k) => k));
    // the first answer carried none of the texts
    const first = server.answer({ url: 'u', documentId: 'd', outline: packOutline(civil) });
    expect(first.outline.articles.text).toEqual([]);
    expect(JSON.stringify(first).length).toBeLessThan(TEXT_PART_CHARS * 6);
    // a short outline comes whole, as before
    expect(server.answer({ url: 'u', documentId: 'd', outline: packOutline(outline) }).textParts).toBeUndefined();
  });

  test('a part the page no longer keeps (other asks came between): the whole outline asked at once, as objects', async () => {
    const civil = outlineOf(corpusLines('civil-code-2020'));
    const server = new TextPartsServer();
    const asked: unknown[] = [];
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (_tab: number, m: { type: string; packed?: true; key: string; part: number }) => {
      asked.push(m);
      if (m.type === 'outline:get') {
        if (!m.packed) return { url: 'u', documentId: 'd', outline: civil };
        const state = () => ({ url: 'u', documentId: 'd', outline: packOutline(civil) });
        const a = server.answer(state());
        for (let i = 0; i < 4; i++) server.answer(state()); // four later asks: the first answer's texts are let go
        return a;
      }
      return server.part(m.key, m.part);
    }) as never);
    expect((await askPageState(3))?.outline).toEqual(civil);
    expect(asked.at(-1)).toEqual({ type: 'outline:get' });
    expect(server.part('no such key', 0)).toBeNull();
  });

});

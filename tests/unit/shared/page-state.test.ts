import { afterEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { askPageState, packOutline, unpackOutline, type PackedOutline } from '../../../shared/page-state';
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
});

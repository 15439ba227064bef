import { describe, expect, test } from 'vitest';
import { articlesFingerprint, articlesFingerprintSliced, type FingerprintArticle } from '../../../versions/fingerprint';

const many = (n: number, salt = ''): FingerprintArticle[] =>
  Array.from({ length: n }, (_, i) => ({ number: i + 1, sub: 0, label: `第${i + 1}条`, title: null, text: `${salt}第${i + 1}条的正文，`.repeat(20) }));

describe('the articles\' fingerprint', () => {
  test('in slices it is the same as at once, and a huge page is hashed with pauses between slices', async () => {
    const articles = many(20_000);
    let pauses = 0;
    const sliced = await articlesFingerprintSliced(articles, 1, async () => void pauses++);
    expect(sliced).toBe(articlesFingerprint(many(20_000))); // fresh objects: nothing cached
    expect(pauses).toBeGreaterThan(1);
  });

  test('any change to any article changes it', async () => {
    const a = many(300);
    const b = many(300);
    b[150] = { ...b[150]!, text: `${b[150]!.text}。` };
    expect(await articlesFingerprintSliced(b, 8, async () => undefined)).not.toBe(articlesFingerprint(a));
    expect(articlesFingerprint(a.slice(1))).not.toBe(articlesFingerprint(a));
  });

  test('an article is hashed once, and the hash kept with it stays out of its fields, its JSON and its clones', () => {
    const articles = many(3);
    const before = articlesFingerprint(articles);
    const fields = JSON.stringify(articles);
    const keys = Object.keys(articles[0]!);
    // the same objects, their text changed in place behind the cache's back: the kept hashes are used
    for (const a of articles) a.text += '。';
    expect(articlesFingerprint(articles)).toBe(before);
    expect(articlesFingerprint(many(3).map((a) => ({ ...a, text: `${a.text}。` })))).not.toBe(before);
    expect(Object.keys(articles[0]!)).toEqual(keys);
    expect(JSON.stringify(articles)).toBe(fields.replaceAll('，"', '，。"'));
    expect(structuredClone(articles[0])).toEqual({ ...articles[0] });
    expect(Object.getOwnPropertySymbols(structuredClone(articles[0]))).toEqual([]);
    // a frozen article is hashed all the same
    expect(articlesFingerprint(many(3).map((a) => Object.freeze(a)))).toBe(articlesFingerprint(many(3)));
  });
});

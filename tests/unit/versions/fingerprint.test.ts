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
});

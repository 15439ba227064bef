/**
 * A page's articles in a few characters: the content script sends it to the background first (versions:page), and
 * the articles themselves only when the background needs them (shared/page-version-messages.ts). The background
 * computes the same over the text it keeps, to know whether that text is still the page's.
 */

/** An article as versions:page carries it. */
export interface FingerprintArticle {
  number: number;
  sub: number;
  label: string;
  title: string | null;
  text: string;
}

/**
 * Each article object's two hashes, computed once (an outline re-parsed around an edit keeps its other articles), kept
 * on the object itself under a key of this module's: not in a WeakMap, whose table, grown past 100,000 articles, took
 * 55-60 ms in one step (Node, this machine), more than a slice. The key is a symbol and the property is not
 * enumerable, so JSON, structured clones and equality in tests leave it out.
 */
const HASHES = Symbol('regdraft.articleHashes');
type Hashed = FingerprintArticle & { [HASHES]?: readonly [number, number] };

/** Two 32-bit hashes (FNV-1a, and a multiply-xor with another prime) of `s`, continued from `h`. */
function mix(s: string, h: readonly [number, number]): [number, number] {
  let a = h[0];
  let b = h[1];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return [a, b];
}

function articleHash(x: Hashed): readonly [number, number] {
  const known = x[HASHES];
  if (known) return known;
  // a separator that no label or text holds keeps fields apart (label "1", text "2" vs label "12")
  const h = mix(`${x.number}\u0000${x.sub}\u0000${x.label}\u0000${x.title ?? '\u0001'}\u0000${x.text}`, [0x811c9dc5, 0x2f3a9b17]);
  if (Object.isExtensible(x)) Object.defineProperty(x, HASHES, { value: h }); // a frozen article is hashed each time
  return h;
}

/** The articles' fingerprint: their count and a 64-bit hash of every field of every article, in order. */
export function articlesFingerprint(articles: readonly FingerprintArticle[]): string {
  const f = new Fingerprint();
  for (const x of articles) f.add(x);
  return f.done(articles.length);
}

/**
 * articlesFingerprint in slices: at most `sliceMs` of hashing at a time, with `pause()` (the page's own tasks)
 * between slices. The same answer; a huge page (100,000 articles, tens of MB of text) is never held for long.
 */
export async function articlesFingerprintSliced(articles: readonly FingerprintArticle[], sliceMs: number, pause: () => Promise<void>): Promise<string> {
  const f = new Fingerprint();
  let end = performance.now() + sliceMs;
  for (let i = 0; i < articles.length; i++) {
    f.add(articles[i]!);
    if ((i & 63) === 63 && performance.now() > end) {
      await pause();
      end = performance.now() + sliceMs;
    }
  }
  return f.done(articles.length);
}

/** The running hashes over the articles' own hashes, in order. */
class Fingerprint {
  private a = 0x811c9dc5;
  private b = 0x2f3a9b17;

  add(x: FingerprintArticle): void {
    const h = articleHash(x);
    // (indexed, not destructured: an array's iterator costs more than the hash itself in cold code)
    this.a = Math.imul(this.a ^ h[0], 0x01000193);
    this.b = Math.imul(this.b ^ h[1], 0x5bd1e995) ^ (this.b >>> 15);
  }

  done(count: number): string {
    return `${count}.${(this.a >>> 0).toString(36)}.${(this.b >>> 0).toString(36)}`;
  }
}

import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

type Catalogue = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const load = (lang: string): Catalogue =>
  JSON.parse(readFileSync(resolve('public/_locales', lang, 'messages.json'), 'utf8')) as Catalogue;
const zh = load('zh_CN');
const en = load('en');

describe('locales', () => {
  test('zh_CN and en have the same keys and the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const key of Object.keys(zh)) {
      expect(Object.keys(en[key]!.placeholders ?? {}), key).toEqual(Object.keys(zh[key]!.placeholders ?? {}));
    }
  });

  test('every $P$ in a message has a placeholder entry', () => {
    for (const cat of [zh, en]) {
      for (const [key, m] of Object.entries(cat)) {
        for (const [, name] of m.message.matchAll(/\$(\w+)\$/g)) {
          expect(m.placeholders?.[name!.toLowerCase()], `${key}: $${name}$`).toBeDefined();
        }
      }
    }
  });

  test('every key used in code exists in the catalogue', () => {
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = resolve(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name)) for (const m of readFileSync(p, 'utf8').matchAll(/\bt\('(\w+)'/g)) used.add(m[1]!);
      }
    };
    for (const d of ['entrypoints', 'components', 'shared']) walk(resolve(d));
    expect(used.size).toBeGreaterThan(10);
    for (const key of used) expect(zh, key).toHaveProperty(key);
  });

  test('manifest strings are localised', () => {
    for (const key of ['extName', 'extDescription', 'actionTitle']) expect(zh[key]?.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

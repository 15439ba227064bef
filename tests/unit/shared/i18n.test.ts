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

describe('t() with a copy of the messages (the content script\'s, from the background)', () => {
  test('fills $1 … $9 in one pass, a missing one empty; a key the copy lacks is asked of the browser', async () => {
    const { t, useCatalogue, fillMessage } = await import('../../../shared/i18n');
    expect(fillMessage('第$1条 · $2', ['三', 'B$1'])).toBe('第三条 · B$1');
    expect(fillMessage('共 $1 条,$2', [3])).toBe('共 3 条,');
    useCatalogue({ notesCount: '$1 条笔记' });
    expect(t('notesCount', 12)).toBe('12 条笔记');
    // not in the copy, and no browser here: the key itself, as t() answers without a catalogue
    expect(t('extName')).toBe('extName');
    useCatalogue({});
  });
});

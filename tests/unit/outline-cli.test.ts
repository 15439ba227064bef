import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const run = (file: string) =>
  JSON.parse(execFileSync(resolve('node_modules/.bin/tsx'), ['scripts/outline.ts', file], { encoding: 'utf8' })) as Record<string, unknown>;

describe('npm run outline (the stable JSON contract)', () => {
  test('the sample .html: exactly the contract keys and the expected values', () => {
    const o = run('sample/jinan-digital-economy-draft.html');
    expect(Object.keys(o).sort()).toEqual(['articles', 'channels', 'chapters', 'deadline', 'issuer', 'items', 'published', 'title', 'warnings']);
    expect(Object.keys(o.channels as object).sort()).toEqual(['address', 'email', 'envelope', 'fax', 'phone', 'postcode', 'subject', 'web']);
    const articles = o.articles as Array<Record<string, unknown>>;
    expect(articles).toHaveLength(65);
    expect(Object.keys(articles[0]!).sort()).toEqual(['chapter', 'label', 'number', 'sub', 'text', 'title']);
    expect(articles[0]).toMatchObject({ label: '第一条', number: 1, sub: 0, title: null, chapter: 0 });
    expect((o.chapters as unknown[]).length).toBe(9);
    expect(o.deadline).toBe('2024-03-20');
    expect(o.published).toBe('2024-02-18');
    expect((o.channels as Record<string, unknown>).envelope).toBeNull();
  }, 30_000);

  test('a .txt with one paragraph per line, and a GBK-encoded page', () => {
    expect((run('tests/corpus/data-security-law-2021.txt').articles as unknown[]).length).toBe(55);
    const dir = mkdtempSync(join(tmpdir(), 'outline-'));
    const gbk = join(dir, 'gbk.html');
    // 第一条 测试 / 第二条 测试 in GBK bytes, declared as such
    const body = Buffer.from('b5dad2bbccf5a3a0b2e2cad4', 'hex');
    const body2 = Buffer.from('b5dab6feccf5a3a0b2e2cad4', 'hex');
    writeFileSync(gbk, Buffer.concat([Buffer.from('<html><head><meta charset="gbk"></head><body><p>'), body, Buffer.from('</p><p>'), body2, Buffer.from('</p></body></html>')]));
    const labels = (run(gbk).articles as Array<{ label: string }>).map((a) => a.label);
    expect(labels).toEqual(['第一条', '第二条']);
  }, 30_000);
});

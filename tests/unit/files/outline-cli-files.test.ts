import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { minimalOfd } from '../../../scripts/make-file-fixtures';

const run = (file: string) => spawnSync(resolve('node_modules/.bin/tsx'), ['scripts/outline.ts', file], { encoding: 'utf8' });

describe('npm run outline on files', () => {
  test('a PDF and a .docx: the same JSON contract as a page', () => {
    for (const f of ['tests/fixtures/files/jinan-draft.pdf', 'tests/fixtures/files/jinan-draft.docx']) {
      const r = run(f);
      expect(r.status, r.stderr).toBe(0);
      const o = JSON.parse(r.stdout) as { articles: unknown[]; chapters: unknown[]; warnings: unknown[] };
      expect(Object.keys(o).sort()).toEqual(['articles', 'channels', 'chapters', 'deadline', 'issuer', 'items', 'published', 'title', 'warnings']);
      expect(o.articles).toHaveLength(65);
      expect(o.chapters).toHaveLength(9);
    }
  }, 240_000);

  test('a scan: exit 0, no articles, the warning says there is no readable text', () => {
    const r = run('tests/fixtures/files/scanned-draft.pdf');
    expect(r.status).toBe(0);
    const o = JSON.parse(r.stdout) as { articles: unknown[]; warnings: Array<{ message: string }> };
    expect(o.articles).toEqual([]);
    expect(o.warnings[0]!.message).toMatch(/no readable text/);
  }, 240_000);

  test('a .doc: non-zero, one line naming the format and what to do', () => {
    const r = run('tests/fixtures/files/jinan-draft.doc');
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/Word 97-2003 document \(\.doc\) cannot be read here; open it in WPS, Word or LibreOffice and save it as \.docx or PDF/);
  }, 240_000);

  test('an .ofd: non-zero, one line that sends it to an OFD reader (Word and LibreOffice cannot open it)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'regdraft-ofd-'));
    try {
      const file = join(dir, 'draft.ofd');
      writeFileSync(file, minimalOfd());
      const r = run(file);
      expect(r.status).toBe(3);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/an OFD document \(\.ofd\) cannot be read here; open it in an OFD reader/);
      expect(r.stderr).not.toMatch(/open it in WPS, Word or LibreOffice/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});

/**
 * The real-notice baselines (tests/baselines): each input's outline is compared with its hand-checked
 * expected JSON field by field. A miss names the case and the field, with expected and actual values.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { jsonOfBaseline } from '../../baselines/outline-of';

const DIR = join(__dirname, '../../baselines');
const inputs = readdirSync(DIR).filter((f) => /\.(html|txt)$/.test(f)).sort();

type Json = Record<string, unknown>;

/** Every difference between expected and actual, as "field: expected … got …" lines. */
function diff(expected: Json, actual: Json): string[] {
  const out: string[] = [];
  const show = (v: unknown) => JSON.stringify(v);
  for (const k of ['title', 'issuer', 'published', 'deadline'] as const) {
    if (expected[k] !== actual[k]) out.push(`${k}: expected ${show(expected[k])}, got ${show(actual[k])}`);
  }
  const ec = expected.channels as Json;
  const ac = actual.channels as Json;
  for (const k of Object.keys(ec)) {
    if (ec[k] !== ac[k]) out.push(`channels.${k}: expected ${show(ec[k])}, got ${show(ac[k])}`);
  }
  const list = (name: string, keys: string[]) => {
    const e = (expected[name] ?? []) as Json[];
    const a = (actual[name] ?? []) as Json[];
    if (e.length !== a.length) {
      out.push(`${name}: expected ${e.length} entries (${e.map((x) => x.label).join(' ')}), got ${a.length} (${a.map((x) => x.label).join(' ')})`);
    }
    for (let i = 0; i < Math.min(e.length, a.length); i++) {
      for (const k of keys) {
        if (show(e[i]![k]) !== show(a[i]![k])) out.push(`${name}[${i}] (${String(e[i]!.label)}).${k}: expected ${show(e[i]![k])}, got ${show(a[i]![k])}`);
      }
    }
  };
  list('chapters', ['label', 'title', 'kind']);
  list('articles', ['label', 'number', 'sub', 'title', 'chapter', 'text']);
  list('items', ['label', 'name', 'level', 'title', 'parent', 'text']);
  const ew = ((expected.warnings ?? []) as Json[]).map((w) => `${String(w.code)}:${String(w.article)}`);
  const aw = ((actual.warnings ?? []) as Json[]).map((w) => `${String(w.code)}:${String(w.article)}`);
  if (show(ew) !== show(aw)) out.push(`warnings: expected ${show(ew)}, got ${show(aw)}`);
  if (show(expected.titles ?? []) !== show(actual.titles ?? [])) out.push(`titles: expected ${show(expected.titles ?? [])}, got ${show(actual.titles)}`);
  return out;
}

describe('real-notice baselines', () => {
  test('the set holds at least 40 real cases, each with its expected outline and its source on the first line', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(40);
    for (const f of inputs) {
      expect(existsSync(join(DIR, f.replace(/\.(html|txt)$/, '.json'))), `${f} has no expected .json`).toBe(true);
      const first = readFileSync(join(DIR, f), 'utf8').split('\n', 1)[0] ?? '';
      expect(/^(# source: |<!-- source: )\S/.test(first), `${f}: first line names no source`).toBe(true);
    }
  });

  test.each(inputs)('%s', (f) => {
    const expected = JSON.parse(readFileSync(join(DIR, f.replace(/\.(html|txt)$/, '.json')), 'utf8')) as Json;
    const actual = jsonOfBaseline(join(DIR, f)) as unknown as Json;
    const misses = diff(expected, actual);
    expect(misses, `${f}\n  ${misses.join('\n  ')}`).toEqual([]);
  });
});

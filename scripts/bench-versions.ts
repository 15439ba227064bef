/**
 * The versions benchmark: align the civil code (tests/corpus, 1,260 articles) against a deterministic edited copy
 * (scripts/lib/edited-copy.ts: edits, splits, merges, deletions, additions, moves, all renumbered), target ≤ 500 ms.
 * `benchVersions()` returns a Markdown section for BENCHMARKS.md; `npx tsx scripts/bench-versions.ts` prints it
 * alone (exit code 1 when the target is missed).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { paragraphsFromText } from '../regulation/json';
import { parseOutline } from '../regulation/outline';
import { alignVersions } from '../versions/align';
import { diffArticle } from '../versions/diff';
import { editedCopy } from './lib/edited-copy';

const WARMUP = 2;
const RUNS = 9;
const TARGET_MS = 500;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Times alignVersions (and, separately, the character diff of every changed row) on the civil code and its edited
 * copy: median, min and max of RUNS runs after WARMUP warm-up runs. Returns a Markdown section and ok = the
 * alignment's median within TARGET_MS. Throws if the corpus file cannot be read.
 */
export function benchVersions(): { markdown: string; ok: boolean } {
  const text = readFileSync(resolve(import.meta.dirname, '../tests/corpus/civil-code-2020.txt'), 'utf8');
  const older = parseOutline(paragraphsFromText(text)).articles;
  const copy = editedCopy(older);
  const times: number[] = [];
  const diffTimes: number[] = [];
  let alignment = alignVersions(older, copy.articles);
  for (let r = 0; r < WARMUP + RUNS; r++) {
    const t0 = performance.now();
    alignment = alignVersions(older, copy.articles);
    const t1 = performance.now();
    for (const row of alignment.rows) {
      if (row.kind === 'changed') diffArticle(older[row.old[0]!]!.text, copy.articles[row.new[0]!]!.text);
    }
    const t2 = performance.now();
    if (r >= WARMUP) {
      times.push(t1 - t0);
      diffTimes.push(t2 - t1);
    }
  }
  const med = median(times);
  const ok = med <= TARGET_MS;
  const c = alignment.counts;
  const markdown = `## Versions: aligning 1,260 articles

The civil code (tests/corpus, ${older.length} articles) against a deterministic edited copy of ${copy.articles.length}
articles (scripts/lib/edited-copy.ts: every article renumbered; ${copy.truth.filter((t) => t.kind === 'edited').length} edited,
${copy.truth.filter((t, k, all) => t.kind === 'split' && all[k - 1]?.old[0] !== t.old[0]).length} split, ${copy.truth.filter((t) => t.kind === 'merged').length} merged,
${copy.deleted.length} deleted, ${copy.truth.filter((t) => t.kind === 'added').length} added, ${copy.truth.filter((t) => t.kind === 'moved').length} moved).
\`alignVersions\`, median of ${RUNS} runs after ${WARMUP} warm-up runs, in Node ${process.version}; the character diffs of
every changed row timed apart. Alone: \`npx tsx scripts/bench-versions.ts\`.

| step | median | min | max | target | met |
|---|---|---|---|---|---|
| align ${older.length} → ${copy.articles.length} articles | ${med.toFixed(1)} ms | ${Math.min(...times).toFixed(1)} ms | ${Math.max(...times).toFixed(1)} ms | ≤ ${TARGET_MS} ms | ${ok ? '✅' : '❌'} |
| diff the ${c.changed} changed articles | ${median(diffTimes).toFixed(1)} ms | ${Math.min(...diffTimes).toFixed(1)} ms | ${Math.max(...diffTimes).toFixed(1)} ms | — | — |

Rows found: ${c.unchanged} unchanged, ${c.changed} changed, ${c.moved} moved, ${c.split} split, ${c.merged} merged, ${c.added} added,
${c.deleted} deleted; ${alignment.renumbered} renumbered.
`;
  return { markdown, ok };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { markdown, ok } = benchVersions();
  console.log(markdown);
  if (!ok) process.exitCode = 1;
}

/**
 * The backup parser's benchmark: crafted files of about 20 MB (the limit) that must be refused within 2 s, and
 * the longest stretch the parser holds the thread (a save waits at most that long during an import).
 * `benchBackup()` returns a Markdown section for BENCHMARKS.md; `npx tsx scripts/bench-backup.ts` prints it alone
 * (exit code 1 when a target is missed).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BACKUP_MAX_BYTES, parseBackup } from '../storage';

const RUNS = 5;
const TARGET_MS = 2_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const doc = {
  id: 'd1',
  url: 'https://www.jinan.gov.cn/art/2024/2/18/art_1861_4939587.html',
  urls: ['https://www.jinan.gov.cn/art/2024/2/18/art_1861_4939587.html'],
  title: '济南市数字经济促进条例(征求意见稿)',
  notice: {
    title: null, issuer: null, published: null, deadline: null,
    channels: { email: null, subject: null, envelope: null, address: null, postcode: null, phone: null, fax: null, web: null },
  },
  createdAt: 1,
  updatedAt: 1,
};

const note = (i: number, over: Record<string, unknown> = {}) => ({
  id: `n${i}`,
  documentId: 'd1',
  article: { number: 3, sub: 0, label: '第三条', excerpt: '国家建立数据分类分级保护制度。' },
  passage: null,
  stance: 'modify',
  suggestion: '建议将“重要数据”改为“重要数据和核心数据”。'.repeat(20),
  reason: '与数据安全法第二十一条保持一致。',
  comment: '',
  tags: ['数据'],
  createdAt: 1,
  updatedAt: 1,
  revision: 1,
  ...over,
});

const file = (notes: unknown[]) =>
  JSON.stringify({ format: 'regdraft-backup', schemaVersion: 1, exportedAt: '2026-01-01T00:00:00Z', documents: [doc], notes, comments: [], tags: [] });

/** Notes like `make(i)` until the file is just under `bytes` of UTF-8, then `last` at the end. */
function fill(bytes: number, make: (i: number) => unknown, last: unknown): string {
  const one = Buffer.byteLength(JSON.stringify(make(9_999_999))) + 1; // the longest id
  const n = Math.floor((bytes - 2_000 - Buffer.byteLength(JSON.stringify(last))) / one);
  return file([...Array.from({ length: n }, (_, i) => make(i)), last]);
}

/** The crafted files: each about 20 MB, each refused. */
function crafted(): Array<{ name: string; text: string }> {
  const limit = BACKUP_MAX_BYTES;
  const tags = Array.from({ length: 1_900_000 }, (_, i) => `t${i}`);
  return [
    { name: 'notes that all pass, the last one bad (every record read)', text: fill(limit, (i) => note(i), note(-1, { stance: 'shout' })) },
    { name: 'one note with 1.9 million distinct tags', text: file([note(0, { tags })]) },
    { name: 'notes with 1,000 tags each (duplicates), the last one bad', text: fill(limit, (i) => note(i, { suggestion: '', tags: Array(1_000).fill('重复') }), note(-1, { revision: 2 ** 53 - 1 })) },
    { name: 'the same id on every note (refused at the second)', text: fill(limit, () => note(0), note(0)) },
  ];
}

/** Parses `text` once; returns the time to the answer and the longest stretch between two yields. */
async function once(text: string): Promise<{ total: number; longest: number; ok: boolean; code?: string }> {
  let longest = 0;
  let last = performance.now();
  const t0 = last;
  const r = await parseBackup(text, {
    pause: () =>
      new Promise((resolveYield) => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        setTimeout(() => {
          last = performance.now();
          resolveYield();
        }, 0);
      }),
  });
  const end = performance.now();
  longest = Math.max(longest, end - last);
  return r.ok ? { total: end - t0, longest, ok: true } : { total: end - t0, longest, ok: false, code: r.code };
}

/**
 * Times parseBackup on each crafted file, RUNS times: median and range of the time to the refusal (target
 * ≤ 2,000 ms) and of the longest stretch without a yield. Returns a Markdown section and ok = every file refused
 * within the target. Rejects only if a file is accepted (a bug in the benchmark's files).
 */
export async function benchBackup(): Promise<{ markdown: string; ok: boolean }> {
  const rows: string[] = [];
  let ok = true;
  for (const { name, text } of crafted()) {
    const runs: Array<{ total: number; longest: number }> = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await once(text);
      // each file is at the limit, not over it: it must be read (JSON.parse and the schemas), not refused unread
      if (r.ok || r.code !== 'invalid') throw new Error(`the crafted file "${name}" was ${r.ok ? 'accepted' : `refused as ${r.code}`}`);
      runs.push(r);
    }
    const totals = runs.map((r) => r.total);
    const longest = runs.map((r) => r.longest);
    const met = median(totals) <= TARGET_MS;
    ok &&= met;
    const mb = (Buffer.byteLength(text) / (1024 * 1024)).toFixed(1);
    const range = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
    rows.push(
      `| ${name} | ${mb} MB | ${median(totals).toFixed(0)} ms (${range(totals)}) | ≤ ${TARGET_MS} ms | ${met ? '✅' : '❌'} | ${median(longest).toFixed(0)} ms (${range(longest)}) |`,
    );
  }
  const markdown = `## Backup import: crafted 20 MB files

\`parseBackup\` (storage/backup-parse.ts: JSON.parse, then valibot schemas record by record, yielding to the event
loop every 8 ms) on crafted files at the 20 MiB limit, each of which must be refused. *Refused in*: from the call
to the answer. *Longest stretch*: the longest time the parser held the thread without yielding (JSON.parse is one
stretch), i.e. the longest a save waits while an import is read. Median of ${RUNS} runs (range in brackets), in
Node ${process.version} on the machine above. Alone: \`npx tsx scripts/bench-backup.ts\`.

| file | size | refused in | target | met | longest stretch |
|---|---|---|---|---|---|
${rows.join('\n')}
`;
  return { markdown, ok };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { markdown, ok } = await benchBackup();
  console.log(markdown);
  if (!ok) process.exitCode = 1;
}

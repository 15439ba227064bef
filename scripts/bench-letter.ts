/**
 * The comment letter's benchmark: 300 notes spread over the civil code (tests/corpus), rendered as text, .eml and
 * .docx. `benchLetter()` returns a Markdown section for BENCHMARKS.md; `npx tsx scripts/bench-letter.ts` prints it
 * alone (exit code 1 when a target is missed).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeArticle, describePassage } from '../anchoring/describe';
import { buildLetter, renderDocx, renderEml, renderText, type LetterInput } from '../letter';
import { paragraphsFromText } from '../regulation/json';
import { parseOutline } from '../regulation/outline';
import { STANCES, type CommentRecord, type NoteRecord } from '../storage/schema';

const NOTES = 300;
const WARMUP = 3;
const RUNS = 9;
const TARGETS = { text: 20, eml: 50, docx: 300 } as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Returns the benchmark's input: the civil code's articles, 300 notes over them (a third on passages), three general
 * comments. Throws if tests/corpus/civil-code-2020.txt cannot be read.
 */
export function civilCodeLetterInput(): LetterInput {
  const text = readFileSync(resolve(import.meta.dirname, '../tests/corpus/civil-code-2020.txt'), 'utf8');
  const outline = parseOutline(paragraphsFromText(text));
  const articles = outline.articles;
  const step = Math.max(1, Math.floor(articles.length / NOTES));
  const notes: NoteRecord[] = [];
  for (let i = 0; i < NOTES; i++) {
    const a = articles[(i * step) % articles.length]!;
    const start = Math.floor(a.text.length / 3);
    const passage = i % 3 === 0 && a.text.length > 12 ? describePassage(a.text, start, start + 10) : null;
    const stance = STANCES[i % STANCES.length]!;
    notes.push({
      id: `bench-${i}`,
      documentId: 'bench',
      article: describeArticle(a),
      passage,
      stance,
      suggestion: stance === 'modify' || stance === 'add' ? `${a.text.slice(0, 40)}，但法律另有规定的除外。` : '',
      reason: `与相关法律的表述保持一致，避免适用中产生歧义（第${i + 1}条意见）。`,
      comment: '私人备注',
      tags: [['原则', '职责', '程序'][i % 3]!],
      createdAt: 1_700_000_000_000 + i,
      updatedAt: 1_700_000_000_000 + i,
      revision: 1,
    });
  }
  const comments: CommentRecord[] = ['总体结构合理。', '建议统一用语。', '建议补充过渡条款。'].map((t, i) => ({
    id: `c-${i}`,
    documentId: 'bench',
    text: t,
    createdAt: i,
    updatedAt: i,
    revision: 1,
  }));
  return {
    notice: {
      title: '中华人民共和国民法典(征求意见稿)',
      issuer: '全国人大常委会法制工作委员会',
      deadline: '2024-03-20',
      channels: {
        email: 'review@example.gov.cn',
        subject: '《中华人民共和国民法典(征求意见稿)》修改意见',
        envelope: null,
        address: '北京市西城区前门西大街1号',
        postcode: '100805',
        phone: null,
        fax: null,
        web: null,
      },
    },
    articles,
    notes,
    comments,
    profile: { name: '张明', organisation: '某律师事务所', phone: '010-12345678', email: 'zhang@example.com', address: '北京市' },
    options: { form: 'prose' },
    today: '2024-03-01',
  };
}

async function time(run: () => unknown): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/**
 * Times the letter for 300 notes on the civil code, each run building the letter from the notes and rendering it:
 * plain text (target ≤ 20 ms), .eml without attachment (≤ 50 ms), .docx in the table form (≤ 300 ms); the median
 * of RUNS runs after WARMUP warm-up runs. Returns a Markdown section (a table format | median | target | met, and
 * the output sizes) and ok = every target met. Rejects only if rendering fails.
 */
export async function benchLetter(): Promise<{ markdown: string; ok: boolean }> {
  const input = civilCodeLetterInput();
  const table = { ...input, options: { form: 'table' as const } };
  const date = new Date(Date.UTC(2024, 2, 1));
  const letter = buildLetter(input);
  const sizes = {
    text: renderText(letter).length,
    eml: renderEml(letter, { date, messageId: 'bench' }).length,
    docx: (await renderDocx(buildLetter(table))).length,
  };
  const medians = {
    text: await time(() => renderText(buildLetter(input))),
    eml: await time(() => renderEml(buildLetter(input), { date, messageId: 'bench' })),
    docx: await time(() => renderDocx(buildLetter(table))),
  };
  const rows = (
    [
      ['text', 'text', `${sizes.text.toLocaleString('en')} characters`],
      ['.eml', 'eml', `${Math.round(sizes.eml / 1024)} KB`],
      ['.docx (table form)', 'docx', `${Math.round(sizes.docx / 1024)} KB`],
    ] as const
  ).map(([label, key, size]) => {
    const met = medians[key] <= TARGETS[key];
    return { line: `| ${label} | ${medians[key].toFixed(2)} ms | ≤ ${TARGETS[key]} ms | ${met ? '✅' : '❌'} | ${size} |`, met };
  });
  const markdown = `## Comment letter (300 notes)

The civil code (tests/corpus, 1260 articles) with 300 notes spread over it, a third of them on passages, all six
stances, and three general comments. Each run builds the letter from the notes (\`buildLetter\`) and renders it;
median of ${RUNS} runs after ${WARMUP} warm-up runs, in Node ${process.version}. Alone: \`npx tsx scripts/bench-letter.ts\`.

| format | median | target | met | output |
|---|---|---|---|---|
${rows.map((r) => r.line).join('\n')}
`;
  return { markdown, ok: rows.every((r) => r.met) };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { markdown, ok } = await benchLetter();
  console.log(markdown);
  if (!ok) process.exitCode = 1;
}

/**
 * parseOutline: paragraphs of a regulation page → chapters, articles, notice details and warnings.
 * One linear pass over the paragraphs; see headings.ts for what counts as a heading.
 */
import type { Article, Chapter, Outline, OutlineWarning, PageHints, Paragraph } from './types';
import {
  firstNonSpace,
  sectionBreak,
  isTocHeading,
  matchArticle,
  matchStructure,
  type ArticleHeading,
  type Rank,
} from './headings';
import type { NoticeSource } from './notice';
import { fillNotice } from './notice-fields';
import { readItems } from './items';

/** Input beyond this many characters is not parsed (warning 'too-large'). */
export const MAX_INPUT_CHARS = 10_000_000;
/** Numbering warnings beyond this many are dropped (one last warning says so). */
const MAX_NUMBERING_WARNINGS = 200;
/** How much of the input the binary-junk check samples. */
const BINARY_SAMPLE_CHARS = 200_000;
/** Only this many paragraphs outside articles feed the notice fallback. */
const MAX_FALLBACK_PARAGRAPHS = 400;

const INNER_WS_RE = /[ \t\r\n\f\v\u00a0]+/g;
const EDGE_WS_RE = /^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0\ufeff]+$/g;

/** Paragraph text with runs of ASCII whitespace (and U+00A0) collapsed to one space, trimmed (U+3000 too). */
function cleanText(s: string): string {
  return s.replace(INNER_WS_RE, ' ').replace(EDGE_WS_RE, '');
}

export function emptyOutline(): Outline {
  return {
    title: null,
    issuer: null,
    published: null,
    deadline: null,
    channels: {
      email: null, subject: null, envelope: null, address: null,
      postcode: null, phone: null, fax: null, web: null,
    },
    chapters: [],
    articles: [],
    items: [],
    titles: [],
    warnings: [],
    toc: null,
  };
}

function paragraphText(p: unknown): { text: string; link: boolean } {
  if (typeof p === 'string') return { text: p, link: false };
  if (p !== null && typeof p === 'object') {
    const q = p as Partial<Paragraph>;
    return { text: typeof q.text === 'string' ? q.text : '', link: q.link === true };
  }
  return { text: '', link: false };
}

/** U+FFFD, C0 controls other than tab/newlines/form feed, and C1 controls: what junk decoded as text is made of. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
const JUNK_RE = /[\ufffd\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/g;

function looksBinary(texts: readonly string[]): boolean {
  let seen = 0;
  let bad = 0;
  for (const t of texts) {
    const sample = t.length > BINARY_SAMPLE_CHARS - seen ? t.slice(0, BINARY_SAMPLE_CHARS - seen) : t;
    // a regex scan runs as native code even on a cold start, unlike a charCodeAt loop
    bad += sample.match(JUNK_RE)?.length ?? 0;
    seen += sample.length;
    if (seen >= BINARY_SAMPLE_CHARS) break;
  }
  return bad >= 8 && bad > seen * 0.02;
}

export interface NumberingState {
  prev: { number: number; sub: number } | null;
  seen: Set<number>;
  count: number;
}

function numberKey(number: number, sub: number): number {
  return number * 4096 + Math.min(sub, 4095);
}

export function checkNumbering(a: Pick<ArticleHeading, 'label' | 'number' | 'sub'>, st: NumberingState, warnings: OutlineWarning[]): void {
  const key = numberKey(a.number, a.sub);
  const prev = st.prev;
  let w: OutlineWarning | null = null;
  if (st.seen.has(key)) {
    w = { code: 'duplicate', article: a.label, message: `${a.label} appears more than once` };
  } else if (prev !== null && key < numberKey(prev.number, prev.sub)) {
    w = { code: 'order', article: a.label, message: `${a.label} comes after a higher-numbered article` };
  } else if (prev !== null) {
    const missingPlain = a.number > prev.number + 1 && !st.seen.has(numberKey(prev.number + 1, 0));
    const missingBase = a.sub > 0 && a.number > prev.number && !st.seen.has(numberKey(a.number, 0));
    const missingSub =
      a.sub > 1 && a.number === prev.number && a.sub > prev.sub + 1 && !st.seen.has(numberKey(a.number, a.sub - 1));
    if (missingPlain || missingBase || missingSub) {
      w = { code: 'gap', article: a.label, message: `numbering skips before ${a.label}` };
    }
  }
  st.seen.add(key);
  st.prev = { number: a.number, sub: a.sub };
  if (w === null) return;
  st.count++;
  if (st.count < MAX_NUMBERING_WARNINGS) warnings.push(w);
  else if (st.count === MAX_NUMBERING_WARNINGS) {
    warnings.push({ ...w, message: `${w.message}; further numbering warnings omitted` });
  }
}

/** With no separator (第一条为了…) a heading must also fit the numbering: next article or close after it. */
function plausibleUnseparated(a: ArticleHeading, prev: { number: number; sub: number } | null): boolean {
  if (prev === null) return a.number <= 5;
  if (a.number === prev.number) return a.sub > prev.sub;
  return a.number > prev.number && a.number <= prev.number + 3;
}

/** The draft's first heading inside a paragraph, after a space or full stop: 第一章 / 第一条 / 第一编. */
const RUN_IN_START_RE = /[\s\u3000。；;]第\s*[一1]\s*(?:[编編章]|[条條])(?=[\s\u3000、（(【〖]|$)/;
/** Further headings in the same paragraph. */
const RUN_IN_NEXT_RE_G = /[\s\u3000](?=第\s*[一二三四五六七八九十百零〇0-9]+\s*(?:[编編章节節]|[条條])(?:[\s\u3000、（(【〖]))/g;

/**
 * A paragraph in which the notice (with its signature and date) runs into the draft's first headings:
 * [the notice part, then each heading's part], each the full paragraph with everything else blanked,
 * so that offsets stay those of the paragraph. Null for an ordinary paragraph.
 */
function runInParts(text: string): string[] | null {
  if (text.length < 8 || text.indexOf('第', 1) < 0) return null;
  const m = RUN_IN_START_RE.exec(text);
  if (m === null || text.slice(0, m.index).trim().length === 0) return null;
  const cuts = [m.index + 1];
  RUN_IN_NEXT_RE_G.lastIndex = m.index + 2;
  let r: RegExpExecArray | null;
  while ((r = RUN_IN_NEXT_RE_G.exec(text)) !== null) cuts.push(r.index + 1);
  const blank = (from: number, to: number) => ' '.repeat(from) + text.slice(from, to) + ' '.repeat(text.length - to);
  const parts = [text.slice(0, cuts[0])];
  for (let k = 0; k < cuts.length; k++) parts.push(blank(cuts[k]!, cuts[k + 1] ?? text.length));
  return parts;
}

interface OpenArticle {
  article: Article;
  pieces: string[];
}

/**
 * How many paragraphs `parseSteps` reads between two yields (a few hundred microseconds of work; the caller
 * runs steps until its time slice is used up).
 */
export const PARSE_STEP = 128;

/**
 * What the parser does with the notice's text (the paragraphs before the draft, the others outside it, the page's
 * hints): `fillNotice` reads the fields into the outline at once; the page side hands the text to the background
 * (page/notice.ts), so that the notice parser stays out of the content script.
 */
export type NoticeStep = (src: NoticeSource, out: Outline) => void;

function* parseSteps(
  paragraphs: ReadonlyArray<string | Paragraph>,
  hints: PageHints | undefined,
  out: Outline,
  noticeStep: NoticeStep,
): Generator<void, void, void> {
  const warnings = out.warnings;
  const chapters: Chapter[] = out.chapters;
  const articles: Article[] = out.articles;

  // Input texts, cut at MAX_INPUT_CHARS.
  const count = Array.isArray(paragraphs) ? paragraphs.length : 0;
  const texts: string[] = [];
  const links: boolean[] = [];
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (i % (PARSE_STEP * 8) === PARSE_STEP * 8 - 1) yield;
    const p = paragraphText(paragraphs[i]);
    if (total + p.text.length > MAX_INPUT_CHARS) {
      warnings.push({
        code: 'too-large',
        article: null,
        message: `input has more than ${MAX_INPUT_CHARS} characters; parsed the first ${i} of ${count} paragraphs`,
      });
      break;
    }
    total += p.text.length;
    texts.push(p.text);
    links.push(p.link);
  }
  if (looksBinary(texts)) {
    warnings.push({ code: 'binary', article: null, message: 'input looks like binary data, not text' });
  }
  yield;

  const n = texts.length;
  const numbering: NumberingState = { prev: null, seen: new Set(), count: 0 };
  const stack: Array<{ rank: Rank; index: number }> = [];
  let topRank: Rank | null = null;
  let open: OpenArticle | null = null;
  /** Paragraphs covered by articles: [from, to) pairs, for the notice fallback. */
  const covered: Array<[number, number]> = [];
  let firstBody = n; // first article / structure heading / 目录 paragraph

  // Table of contents: a run of structure headings with nothing else between, ended by a heading that
  // repeats the run's first label. An explicit 目录 line starts a run that may contain other lines.
  let toc: [number, number] | null = null;
  let runStart = -1;
  let runFirstLabel: string | null = null;
  let runLen = 0;
  let runChapterStart = 0;
  let runStack: Array<{ rank: Rank; index: number }> = [];
  let runTopRank: Rank | null = null;
  let explicitToc = false;
  /** Set at an explanation heading or page footer after the articles: nothing after it is parsed as the draft. */
  let ended = false;
  /** The notice's last words when they share a paragraph with the draft's first heading. */
  let noticeTail: string | null = null;

  const resetRun = (): void => {
    runStart = -1;
    runFirstLabel = null;
    runLen = 0;
    explicitToc = false;
  };

  const closeArticle = (end: number): void => {
    if (open === null) return;
    open.article.paragraphs[1] = end;
    open.article.text = open.pieces.join('\n');
    covered.push([open.article.paragraphs[0], end]);
    open = null;
  };

  /** The parts of a paragraph still to read when the notice runs into the draft's first headings. */
  const pending: string[] = [];
  /** Paragraph i's text, or the next part of it when notice, signature and first headings share it. */
  const nextPart = (i: number): string => {
    const next = pending.shift();
    if (next !== undefined) return next;
    const given = texts[i] ?? '';
    const parts = articles.length === 0 && chapters.length === 0 && links[i] !== true ? runInParts(given) : null;
    if (parts === null) return given;
    if (firstBody > i) noticeTail = parts[0] ?? null;
    pending.push(...parts.slice(2));
    return parts[1] ?? '';
  };
  let steps = 0;
  for (let i = 0; i < n; i += pending.length > 0 ? 0 : 1) {
    if (++steps % PARSE_STEP === 0) yield;
    const text = pending.length === 0 && (articles.length > 0 || chapters.length > 0) ? texts[i] ?? '' : nextPart(i);
    const start = firstNonSpace(text);
    if (start >= text.length) continue; // blank
    if (links[i] === true) continue; // link lists never hold headings or article text
    if (ended) continue; // after the draft: an explanation or the page footer
    const first = text.charCodeAt(start);

    if (first === 0x7b2c /* 第 */) {
      const a = matchArticle(text, start);
      if (a !== null && (a.separator !== 'none' || plausibleUnseparated(a, numbering.prev))) {
        closeArticle(i);
        resetRun();
        if (firstBody > i) firstBody = i;
        checkNumbering(a, numbering, warnings);
        const body = a.bodyOffset < text.length ? cleanText(text.slice(a.bodyOffset)) : '';
        const top = stack[stack.length - 1];
        const article: Article = {
          label: a.label,
          number: a.number,
          sub: a.sub,
          title: a.title,
          chapter: top === undefined ? null : top.index,
          text: '',
          paragraphs: [i, i + 1],
          bodyOffset: a.bodyOffset,
        };
        articles.push(article);
        open = { article, pieces: body.length > 0 ? [body] : [] };
        continue;
      }
    }

    const s = first === 0x7b2c || first === 0x603b || first === 0x7e3d || first === 0x9644 // 第 总 總 附
      ? matchStructure(text, start)
      : null;
    if (s !== null) {
      // A heading repeating the first entry of a run of headings: the run was a table of contents.
      if (toc === null && runFirstLabel !== null && s.label === runFirstLabel && (explicitToc || runLen >= 2)) {
        toc = [runStart, i];
        chapters.length = runChapterStart;
        stack.length = 0;
        for (const e of runStack) stack.push(e);
        topRank = runTopRank;
        resetRun();
      }
      closeArticle(i);
      if (runFirstLabel === null) {
        if (!explicitToc) runStart = i;
        runFirstLabel = s.label;
        runChapterStart = chapters.length;
        runStack = stack.slice();
        runTopRank = topRank;
      }
      runLen++;
      if (firstBody > i && !explicitToc) firstBody = i;
      const rank: Rank = s.rank ?? topRank ?? 2;
      while (stack.length > 0 && (stack[stack.length - 1]?.rank ?? 0) >= rank) stack.pop();
      const parent = stack[stack.length - 1];
      chapters.push({
        label: s.label,
        title: s.title,
        kind: s.kind,
        parent: parent === undefined ? null : parent.index,
        paragraph: i,
      });
      stack.push({ rank, index: chapters.length - 1 });
      if (topRank === null || rank < topRank) topRank = rank;
      continue;
    }

    if (open === null && toc === null && articles.length === 0 && isTocHeading(text, start)) {
      resetRun();
      explicitToc = true;
      runStart = i;
      if (firstBody > i) firstBody = i;
      continue;
    }

    if (articles.length > 0) {
      const brk = sectionBreak(text, start);
      if (brk !== null) {
        closeArticle(i);
        resetRun();
        // 起草说明 and footers may quote 第N条 at line starts: no headings after them.
        if (brk !== 'attachment') ended = true;
        continue;
      }
    }
    if (open !== null) {
      const t = cleanText(text);
      if (t.length > 0) open.pieces.push(t);
      continue;
    }

    // Any other line ends an implicit run of headings; a long one also ends an explicit 目录.
    if (!explicitToc) {
      runFirstLabel = null;
      runLen = 0;
    } else if (text.length - start > 80) {
      resetRun();
    }
  }
  closeArticle(n);

  if (articles.length === 0) {
    warnings.push({ code: 'empty', article: null, message: 'no article heading (第N条) found' });
  }
  out.toc = toc;
  if (articles.length === 0) {
    const given: string[] = [];
    for (let i = 0; i < n; i++) given.push(links[i] === true ? '' : texts[i] ?? '');
    out.items = readItems(given);
  }

  // Notice: the paragraphs before the draft; fallback: other paragraphs outside articles and the TOC.
  try {
    const noticeEnd = Math.min(firstBody, toc === null ? n : toc[0]);
    const notice: string[] = [];
    for (let i = 0; i < noticeEnd; i++) {
      if (links[i] === true) continue;
      const t = cleanText(texts[i] ?? '');
      if (t.length > 0) notice.push(t);
    }
    if (noticeTail !== null && cleanText(noticeTail).length > 0) notice.push(cleanText(noticeTail));
    yield;
    const skip = new Uint8Array(n);
    for (const [a, b] of covered) skip.fill(1, a, b);
    if (toc !== null) skip.fill(1, toc[0], toc[1]);
    for (const ch of chapters) skip[ch.paragraph] = 1;
    const fallback: string[] = [];
    for (let i = noticeEnd; i < n && fallback.length < MAX_FALLBACK_PARAGRAPHS; i++) {
      if (skip[i] === 1 || links[i] === true) continue;
      const t = cleanText(texts[i] ?? '');
      if (t.length > 0) fallback.push(t);
    }
    yield;
    noticeStep({ notice, fallback, hints, draftFollows: noticeEnd < n }, out);
  } catch {
    // Notice fields stay null; there is no warning code for this and the articles are still good.
  }
}

/** The outline of a parse that failed: empty, with an 'empty' warning that says why. */
function failedOutline(e: unknown): Outline {
  const failed = emptyOutline();
  failed.warnings.push({ code: 'empty', article: null, message: `parser failed, no outline: ${String(e)}` });
  return failed;
}

/**
 * Parses a regulation page given as paragraphs (strings or {text, link}) into its outline:
 * structure headings (编/分编/章/节, 总则/附则), articles with titles, text and paragraph ranges,
 * the table of contents range, the notice details (title, issuer, dates, comment channels; `hints`
 * fill in from <title>/<meta>), and warnings for numbering gaps, duplicates, order, empty,
 * binary or oversized input. Never throws: on an internal failure it returns an empty outline with
 * an 'empty' warning whose message says the parser failed.
 */
export function parseOutline(paragraphs: ReadonlyArray<string | Paragraph>, hints?: PageHints): Outline {
  return parseDraft(paragraphs, hints, fillNotice);
}

/**
 * parseOutline with the notice's text handed to `noticeStep` instead of read here (the content script's way:
 * page/notice.ts). Same never-throw promise.
 */
export function parseDraft(paragraphs: ReadonlyArray<string | Paragraph>, hints: PageHints | undefined, noticeStep: NoticeStep): Outline {
  const out = emptyOutline();
  try {
    const steps = parseSteps(paragraphs, hints, out, noticeStep);
    while (!steps.next().done);
    return out;
  } catch (e) {
    // Partial results could be inconsistent: return an empty outline that says so.
    return failedOutline(e);
  }
}

/**
 * parseOutline in steps, for a page that must not freeze: each call of the returned function parses about
 * PARSE_STEP more paragraphs and returns the outline once complete (null before). Same result and the same
 * never-throw promise as parseOutline.
 */
export function parseOutlineInSteps(
  paragraphs: ReadonlyArray<string | Paragraph>,
  hints: PageHints | undefined,
  noticeStep: NoticeStep,
): () => Outline | null {
  const out = emptyOutline();
  const steps = parseSteps(paragraphs, hints, out, noticeStep);
  let result: Outline | null = null;
  return () => {
    if (result) return result;
    try {
      if (steps.next().done) result = out;
    } catch (e) {
      result = failedOutline(e);
    }
    return result;
  };
}

// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { readHints } from '../../../page/hints';
import { MUTATION_MAX_WAIT_MS, PageReader } from '../../../page/reader';
import { localNotice } from '../../../regulation/notice-fields';

const SAMPLE = readFileSync(resolve('sample/jinan-digital-economy-draft.html'), 'utf8');

function loadSample(): void {
  const body = /<body>([\s\S]*)<\/body>/.exec(SAMPLE)![1]!;
  const head = /<head>([\s\S]*)<\/head>/.exec(SAMPLE)![1]!;
  document.head.innerHTML = head.replace(/<script[\s\S]*?<\/script>/g, '');
  document.body.innerHTML = body;
}

/** Twenty articles under a ticker whose text changes every `everyMs`, read in slices as a web page is. */
async function tickerPage(everyMs: number): Promise<{ reader: PageReader; ticks: () => number; stop: () => void }> {
  document.body.innerHTML = `<div id="ticker">0</div><div id="zoom">${Array.from({ length: 20 }, (_, i) => `<p>第${i + 1}条 正文。</p>`).join('')}</div>`;
  const reader = await PageReader.read(document.body, null, {}, localNotice);
  let n = 0;
  const ticker = setInterval(() => (document.getElementById('ticker')!.textContent = String(++n)), everyMs);
  return { reader, ticks: () => n, stop: () => clearInterval(ticker) };
}

/** Adds a 21st article and waits until the reader has it (a bound for the wait, not a speed check). */
async function addArticleAndWait(reader: PageReader): Promise<void> {
  const p = document.createElement('p');
  p.textContent = '第二十一条 后加的条文。';
  document.getElementById('zoom')!.append(p);
  const end = Date.now() + MUTATION_MAX_WAIT_MS + 2000;
  while (reader.outline.articles.length < 21 && Date.now() < end) await new Promise((ok) => setTimeout(ok, 10));
}

/** Waits for the observer to deliver, then reads the batch now instead of after the debounce. */
const settle = async (reader: PageReader) => {
  await new Promise((ok) => setTimeout(ok, 0));
  reader.flush();
};

describe('PageReader on the sample page (the live-DOM path)', () => {
  beforeEach(loadSample);

  test('finds 65 articles, 9 chapters and the notice from the DOM, quirks included', () => {
    // the notice read here at once (the content script asks the background: tests/unit/page/notice.test.ts)
    const r = new PageReader(document.body, null, readHints(document), false, null, localNotice);
    const o = r.outline;
    expect(o.articles).toHaveLength(65);
    expect(o.chapters.filter((c) => c.kind === 'chapter')).toHaveLength(9);
    expect(o.warnings).toEqual([]);
    expect(o.deadline).toBe('2024-03-20');
    expect(o.channels.email).toBe('sgxjxxhyszjjc@jn.shandong.cn');
    expect(o.channels.subject).toBe('《济南市数字经济促进条例(征求意见稿)》修改意见');
    expect(o.channels.postcode).toBe('250099');
    expect(o.channels.phone).toBe('0531-51705786');
    expect(o.issuer).toBe('济南市工业和信息化局');
    // the label split across two spans, the <strong> labels and the full-width indentation
    expect(o.articles[32]!.label).toBe('第三十三条');
    expect(o.articles[32]!.text.startsWith('地方金融监管部门应当推动金融业数字化转型升级')).toBe(true);
    expect(o.articles[59]!.label).toBe('第六十条');
    expect(o.articles[59]!.text.startsWith('地方金融监管部门应当鼓励')).toBe(true);
    expect(o.articles[46]!.text.startsWith('交通运输、发展改革')).toBe(true);
    // two list items joined by <br> stay two paragraphs of one article
    const twelfth = o.articles.find((a) => a.text.includes('(一)基于新一代信息技术'))!;
    expect(twelfth.text.split('\n').length).toBeGreaterThanOrEqual(3);
  });

  test('articleAt maps any node inside an article to it, and elements list its paragraphs', () => {
    const r = new PageReader(document.body, null, readHints(document));
    const p = [...document.querySelectorAll('#zoom p')].find((e) => e.textContent!.startsWith('第六条'))!;
    const i = r.articleAt(p.firstChild);
    expect(r.outline.articles[i]!.label).toBe('第六条');
    expect(r.articleElements(i)).toHaveLength(2); // 第六条 has two paragraphs
    expect(r.articleAt(document.querySelector('.header'))).toBe(-1);
  });

  test('an article added after load is picked up, with one change notice', async () => {
    const r = new PageReader(document.body, null, readHints(document));
    let changes = 0;
    r.onChange(() => changes++);
    r.observe();
    const p = document.createElement('p');
    p.textContent = '第六十六条 本条为后加载的条文。';
    document.getElementById('zoom')!.appendChild(p);
    await settle(r);
    expect(r.outline.articles).toHaveLength(66);
    expect(r.outline.articles[65]!.text).toBe('本条为后加载的条文。');
    expect(r.live.lastReadChars).toBe(p.textContent.length); // only the new paragraph was read
    expect(changes).toBe(1);
    r.disconnect();
  });

  test('a change that does not touch the outline tells nobody', async () => {
    const r = new PageReader(document.body, null, readHints(document));
    let changes = 0;
    r.onChange(() => changes++);
    r.observe();
    document.querySelector('.footer')!.appendChild(document.createElement('span'));
    await settle(r);
    expect(changes).toBe(0);
    r.disconnect();
  });

  test('text nodes split with the same text (a highlight): no outline change, but a read, and fresh nodes', async () => {
    const r = new PageReader(document.body, null, readHints(document));
    let changes = 0;
    let reads = 0;
    r.onChange(() => changes++);
    r.onRead(() => reads++);
    r.observe();
    const p = [...document.querySelectorAll('#zoom p')].find((e) => e.textContent!.startsWith('第四条'))!;
    const text = [...p.childNodes].find((n) => n.nodeType === 3 && (n as Text).data.length > 20) as Text;
    const inner = text.splitText(6); // "head" | inner | rest: wrap the middle 8 characters, as mark.js does
    inner.splitText(8);
    const mark = document.createElement('mark');
    inner.before(mark);
    mark.append(inner);
    await settle(r);
    expect(changes).toBe(0);
    expect(reads).toBe(1);
    const block = r.blocks.find((b) => b.element === p)!;
    expect(block.nodes.every((n) => n.isConnected && p.contains(n))).toBe(true);
    expect(block.nodes).toContain(mark.firstChild);
    r.disconnect();
  });

  test('a page that is not a draft gives an empty outline with a warning, not a throw', () => {
    document.body.innerHTML = '<div class="nav"><a href="/">首页</a></div><p>欢迎访问</p>';
    const r = new PageReader(document.body, null, {});
    expect(r.outline.articles).toEqual([]);
    expect(r.outline.warnings.map((w) => w.code)).toContain('empty');
  });
});

describe('the re-read after a change, on a page read in slices', () => {
  test("300 paragraphs split by highlights are read again in slices, the page's own tasks running between them", async () => {
    document.body.innerHTML = `<div id="zoom">${Array.from({ length: 300 }, (_, i) => `<p>第${i + 1}条 这是第${i + 1}条的正文。</p>`).join('')}</div>`;
    const r = await PageReader.read(document.body, null, {}, localNotice);
    expect(r.outline.articles).toHaveLength(300);
    let changes = 0;
    let reads = 0;
    r.onChange(() => changes++);
    r.onRead(() => reads++);
    // a slow machine: every look at the clock is 1 ms later, so each slice of 8 ms reads a few paragraphs
    let clock = performance.now();
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 1));
    try {
      document.querySelectorAll('#zoom p').forEach((p) => {
        const rest = (p.firstChild as Text).splitText(4);
        const mark = document.createElement('mark');
        rest.replaceWith(mark);
        mark.append(rest);
      });
      // the page's own tasks, one after another until the re-read is done: how many of them ran while it was under way
      let during = 0;
      const end = Date.now() + MUTATION_MAX_WAIT_MS + 2000;
      while (!reads && Date.now() < end) {
        await new Promise((ok) => setTimeout(ok, 0));
        if (r.live.rereading) during++;
      }
      expect(reads).toBe(1);
      expect(changes).toBe(0); // the same text
      expect(r.live.rereading).toBe(false);
      // 300 paragraphs, a few per 8 ms slice: dozens of slices, the page's tasks between them
      expect(during).toBeGreaterThan(10);
    } finally {
      now.mockRestore();
    }
    const p = document.querySelectorAll('#zoom p')[299]!;
    expect(r.blocks.at(-1)!.nodes).toContain(p.querySelector('mark')!.firstChild);
    r.disconnect();
  });

  test("a re-read whose start took long (many subtrees' blocks dropped) reads them in a later task, after the page's own", async () => {
    document.body.innerHTML = `<div id="zoom">${Array.from({ length: 40 }, (_, i) => `<p>第${i + 1}条 这是第${i + 1}条的正文。</p>`).join('')}</div>`;
    const r = await PageReader.read(document.body, null, {}, localNotice);
    let reads = 0;
    r.onRead(() => reads++);
    let clock = performance.now();
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 0.01));
    // the page's task queued when the start ends; the re-read's first slice must come after it
    let pageTurn = false;
    let readInStartTask = false;
    const begin = r.live.beginUpdate.bind(r.live);
    const some = r.live.updateSome.bind(r.live);
    const beginSpy = vi.spyOn(r.live, 'beginUpdate').mockImplementation(() => {
      clock += 6; // a slow machine: 6 ms to drop the blocks
      const ok = begin();
      setTimeout(() => (pageTurn = true), 0);
      return ok;
    });
    const someSpy = vi.spyOn(r.live, 'updateSome').mockImplementation((deadline) => {
      if (!pageTurn) readInStartTask = true;
      return some(deadline);
    });
    try {
      document.querySelectorAll('#zoom p').forEach((p) => p.append('（改）'));
      const end = Date.now() + MUTATION_MAX_WAIT_MS + 2000;
      while (!reads && Date.now() < end) await new Promise((ok) => setTimeout(ok, 5));
      expect(reads).toBe(1);
      expect(beginSpy).toHaveBeenCalled();
      expect(readInStartTask).toBe(false);
      expect(r.outline.articles[39]!.text).toContain('（改）');
    } finally {
      now.mockRestore();
      beginSpy.mockRestore();
      someSpy.mockRestore();
    }
    r.disconnect();
  });

  test("settle (an ask for the outline) reads what waits in slices, the page's own tasks between them, then has it all", async () => {
    document.body.innerHTML = `<div id="zoom">${Array.from({ length: 300 }, (_, i) => `<p>第${i + 1}条 这是第${i + 1}条的正文。</p>`).join('')}</div>`;
    const r = await PageReader.read(document.body, null, {}, localNotice);
    let clock = performance.now();
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 1));
    try {
      document.querySelectorAll('#zoom p').forEach((p) => p.append(document.createElement('b')));
      const added = document.createElement('p');
      added.textContent = '第三百零一条 后加的条文。';
      document.getElementById('zoom')!.append(added);
      // asked at once, before the debounce: the page's own tasks keep running until the answer is ready
      let done = false;
      const settled = r.settle().then(() => (done = true));
      let during = 0;
      while (!done) {
        await new Promise((ok) => setTimeout(ok, 0));
        if (!done) during++;
      }
      await settled;
      expect(during).toBeGreaterThan(10); // read in dozens of 8 ms slices, not in the ask's task
    } finally {
      now.mockRestore();
    }
    expect(r.outline.articles).toHaveLength(301);
    expect(r.outline.articles[300]!.text).toBe('后加的条文。');
    expect(r.live.pending || r.live.rereading).toBe(false);
    r.disconnect();
  });

  test('on a page that changes every millisecond, an article added is still read (the re-read is not put off for ever)', async () => {
    const { reader, ticks, stop } = await tickerPage(1);
    try {
      await addArticleAndWait(reader); // before, the article was never read while the ticker ran
    } finally {
      stop();
    }
    expect(reader.outline.articles).toHaveLength(21);
    expect(ticks()).toBeGreaterThan(0);
    reader.disconnect();
  });

  test('settle on a page that never stops changing answers all the same, and the changes are still read', async () => {
    const { reader, stop } = await tickerPage(20);
    try {
      await reader.settle(300);
      await addArticleAndWait(reader);
    } finally {
      stop();
    }
    expect(reader.outline.articles).toHaveLength(21);
    reader.disconnect();
  });

  test('an article added while a sliced re-read goes on is read after it', async () => {
    document.body.innerHTML = `<div id="zoom">${Array.from({ length: 300 }, (_, i) => `<p>第${i + 1}条 这是第${i + 1}条的正文。</p>`).join('')}</div>`;
    const r = await PageReader.read(document.body, null, {}, localNotice);
    let changes = 0;
    r.onChange(() => changes++);
    let clock = performance.now();
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 1));
    try {
      document.querySelectorAll('#zoom p').forEach((p) => p.append(document.createElement('b')));
      const end = Date.now() + MUTATION_MAX_WAIT_MS + 2000;
      while (!r.live.rereading && Date.now() < end) await new Promise((ok) => setTimeout(ok, 0));
      expect(r.live.rereading).toBe(true);
      const p = document.createElement('p');
      p.textContent = '第三百零一条 后加的条文。';
      document.getElementById('zoom')!.append(p);
      while (r.outline.articles.length < 301 && Date.now() < end) await new Promise((ok) => setTimeout(ok, 0));
    } finally {
      now.mockRestore();
    }
    expect(r.outline.articles).toHaveLength(301);
    expect(r.outline.articles[300]!.text).toBe('后加的条文。');
    expect(changes).toBe(1);
    expect(r.live.pending || r.live.rereading).toBe(false);
    r.disconnect();
  });
});

// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listenForNotice } from '../../../background/notice-api';
import { readHints } from '../../../page/hints';
import { PageReader } from '../../../page/reader';
import { localNotice } from '../../../regulation/notice-fields';

const SAMPLE = readFileSync(resolve('sample/jinan-digital-economy-draft.html'), 'utf8');

function loadSample(): void {
  document.head.innerHTML = /<head>([\s\S]*)<\/head>/.exec(SAMPLE)![1]!.replace(/<script[\s\S]*?<\/script>/g, '');
  document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(SAMPLE)![1]!;
}

/** What the content script sent the background; each message goes to the real background listener. */
let sent: Array<{ type: string; source?: { notice: string[]; fallback: string[] } }> = [];

beforeEach(() => {
  fakeBrowser.reset();
  sent = [];
  listenForNotice();
  // the fake browser's sendMessage gives an empty sender: deliver as this extension's content script would
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(((message: never) => {
    sent.push(message);
    return new Promise((ok) => void fakeBrowser.runtime.onMessage.trigger(message, { id: fakeBrowser.runtime.id }, ok));
  }) as never);
  loadSample();
});
afterEach(() => vi.restoreAllMocks());

describe('the notice read by the background (the content script carries no notice parser)', () => {
  test('the page reader gets the same outline as reading the notice at once, asking once, with the notice only', async () => {
    const here = new PageReader(document.body, null, readHints(document), false, null, localNotice).outline;
    const r = await PageReader.read(document.body, null, readHints(document));
    expect(r.outline.deadline).toBe('2024-03-20');
    expect(r.outline.channels.email).toBe('sgxjxxhyszjjc@jn.shandong.cn');
    expect(r.outline).toEqual(here);
    const asks = sent.filter((m) => m.type === 'notice:read');
    expect(asks).toHaveLength(1);
    // the articles never travel: only the paragraphs outside them
    const carried = [...asks[0]!.source!.notice, ...asks[0]!.source!.fallback].join('\n');
    expect(carried).not.toContain('地方金融监管部门应当推动金融业数字化转型升级');
    expect(carried.length).toBeLessThan(5000);
    r.disconnect();
  });

  test('a full re-read with the same notice asks nothing again and keeps the fields', async () => {
    const r = await PageReader.read(document.body, null, readHints(document));
    r.observe();
    // a chapter heading added: not a local edit, so the whole page is parsed again
    const h = document.createElement('p');
    h.textContent = '第十章 后加的章';
    document.getElementById('zoom')!.appendChild(h);
    await new Promise((ok) => setTimeout(ok, 0));
    r.flush();
    await new Promise((ok) => setTimeout(ok, 0));
    expect(r.outline.chapters.some((c) => c.label === '第十章')).toBe(true);
    expect(r.outline.deadline).toBe('2024-03-20');
    expect(sent.filter((m) => m.type === 'notice:read')).toHaveLength(1);
    r.disconnect();
  });

  test('a changed notice is asked for again, and arrives as one more change', async () => {
    const r = await PageReader.read(document.body, null, readHints(document));
    r.observe();
    let changes = 0;
    r.onChange(() => changes++);
    const zoom = document.getElementById('zoom')!;
    const p = document.createElement('p');
    p.textContent = '意见反馈截止时间为2024年4月30日。';
    zoom.insertBefore(p, zoom.firstChild);
    await new Promise((ok) => setTimeout(ok, 0));
    r.flush();
    await vi.waitFor(() => expect(sent.filter((m) => m.type === 'notice:read')).toHaveLength(2));
    await vi.waitFor(() => expect(changes).toBeGreaterThanOrEqual(1));
    expect(r.outline.articles).toHaveLength(65);
    r.disconnect();
  });

  test('the background refuses what is not a notice:read', async () => {
    const answer = await new Promise((ok) => {
      const got = fakeBrowser.runtime.onMessage.trigger({ type: 'notice:read', source: { notice: 'x', fallback: [] } }, { id: fakeBrowser.runtime.id }, ok);
      void got.then(() => setTimeout(() => ok('no answer'), 10));
    });
    expect(answer).toBe('no answer');
  });
});

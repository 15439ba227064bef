// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { LiveBlocks } from '../../../page/live-blocks';

/** A page of `n` short articles, one paragraph each. */
function page(n: number): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = Array.from({ length: n }, (_, i) => `<p>第${i + 1}条 这是第${i + 1}条的正文。</p>`).join('');
  document.body.replaceChildren(root);
  return root;
}

describe('the first read in slices', () => {
  test('reading and indexing go on slice after slice, and end with what a read at once finds', () => {
    const whole = new LiveBlocks(page(3000), null).blocks.map((b) => b.text);
    const live = new LiveBlocks(page(3000), null, true);
    let indexing = 0;
    // an already passed deadline: each call does its least step (32 nodes of the scan, 256 blocks of the index)
    while (!live.readSome(0)) {
      expect(live.ready).toBe(false);
      if (live.blocks.length === 3000) indexing++; // all read, not all indexed yet
    }
    expect(live.ready).toBe(true);
    expect(indexing).toBe(Math.floor(3000 / 256)); // the index in slices of 256 blocks, not in one piece
    expect(live.blocks.map((b) => b.text)).toEqual(whole);
    expect(live.lastReadChars).toBe(whole.join('').length);
  });
});

/** Marks every `step`th paragraph of `root` as the highlights do: its text split, the second half in a <mark>. */
function highlight(root: HTMLElement, step: number): void {
  root.querySelectorAll('p').forEach((p, i) => {
    if (i % step) return;
    const rest = (p.firstChild as Text).splitText(3);
    const mark = document.createElement('mark');
    rest.replaceWith(mark);
    mark.append(rest);
  });
}

/** The records of `change` on `root`, as the reader's observer gets them. */
function recordsOf(root: HTMLElement, change: () => void): MutationRecord[] {
  const mo = new MutationObserver(() => undefined);
  mo.observe(root, { childList: true, subtree: true, characterData: true });
  change();
  const records = mo.takeRecords();
  mo.disconnect();
  return records;
}

describe('a re-read in slices', () => {
  test('the changed paragraphs are read one slice after another, and end as a re-read at once does', () => {
    const atOnce = page(300);
    const whole = new LiveBlocks(atOnce, null);
    whole.note(recordsOf(atOnce, () => highlight(atOnce, 3)));
    const expected = whole.update();

    const root = page(300);
    const live = new LiveBlocks(root, null);
    const old = live.blocks.slice();
    live.note(recordsOf(root, () => highlight(root, 3)));
    expect(live.beginUpdate()).toBe(true);
    expect(live.rereading).toBe(true);
    expect(live.pending).toBe(false); // the noted changes are the re-read's now
    let slices = 1;
    // an already passed deadline: each call reads one paragraph
    while (!live.updateSome(0)) {
      slices++;
      expect(live.blocks).toEqual(old); // nothing is put in place before the end
    }
    expect(slices).toBe(100);
    const edit = live.finishUpdate();
    expect(live.rereading).toBe(false);
    expect(edit).toEqual(expected);
    expect(edit!.textChanged).toBe(false);
    expect(live.blocks.map((b) => b.text)).toEqual(whole.blocks.map((b) => b.text));
    // fresh nodes: the highlighted half is each marked paragraph's second node
    expect(live.blocks[0]!.nodes[1]!.parentElement!.tagName).toBe('MARK');
    expect(live.blocks.every((b) => b.nodes.every((n) => n.isConnected))).toBe(true);
  });

  test('a paragraph edited after its slice, or removed before it, is right after the next re-read', () => {
    const root = page(30);
    const live = new LiveBlocks(root, null);
    const mo = new MutationObserver(() => undefined);
    mo.observe(root, { childList: true, subtree: true, characterData: true });
    highlight(root, 1);
    live.note(mo.takeRecords());
    live.beginUpdate();
    expect(live.updateSome(0)).toBe(false); // 第1条 read
    const [first, second, third] = root.querySelectorAll('p');
    (first!.querySelector('mark')!.firstChild as Text).data = '改过的正文。'; // after its slice
    third!.remove(); // before its slice
    live.note(mo.takeRecords());
    expect(live.pending).toBe(true); // noted for the next re-read
    live.finishUpdate();
    expect(live.blocks).toHaveLength(29);
    expect(live.blocks.some((b) => b.element === third)).toBe(false);
    expect(live.update()!.textChanged).toBe(true);
    mo.disconnect();
    expect(live.blocks[0]!.text).toBe('第1条改过的正文。');
    expect(live.blocks[1]!.element).toBe(second);
    expect(live.blocks.map((b) => b.text)).toEqual(new LiveBlocks(root, null).blocks.map((b) => b.text));
  });

  test('update() finishes a re-read under way, then reads what was noted meanwhile', () => {
    const root = page(20);
    const live = new LiveBlocks(root, null);
    live.note(recordsOf(root, () => highlight(root, 2)));
    live.beginUpdate();
    live.updateSome(0);
    const p = document.createElement('p');
    p.textContent = '第21条 后加的条文。';
    live.note(recordsOf(root, () => root.append(p)));
    expect(live.update()!.textChanged).toBe(false); // the highlights' re-read, finished
    expect(live.rereading).toBe(false);
    expect(live.update()!.textChanged).toBe(true); // then the new paragraph
    expect(live.blocks.at(-1)!.text).toBe('第21条 后加的条文。');
    expect(live.blocks).toHaveLength(21);
  });
});

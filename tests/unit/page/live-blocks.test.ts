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

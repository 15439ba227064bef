// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { findInText } from '../../../files/find';

/** A reader page's shape: a find box in the toolbar, and a text layer of one span per line. */
function page(lines: string[]): HTMLElement {
  document.body.innerHTML = '<header><input class="find" value="口岸物流"></header><main id="doc"><div class="text-layer"></div></main>';
  const layer = document.querySelector('.text-layer')!;
  for (const l of lines) {
    const span = document.createElement('span');
    span.textContent = l;
    layer.append(span);
  }
  return document.getElementById('doc')!;
}

const selected = () => String(document.getSelection());
const inLine = () => (document.getSelection()!.anchorNode as Text).data;

describe('find in a file', () => {
  test('finds in the file\'s text, never in the find box, and moves on from the selection, wrapping round', () => {
    const doc = page(['第六条 推动口岸物流等部门', '共享数据。', '第七条 口岸物流信息平台']);
    expect(findInText(doc, '口岸物流')).toBe(true);
    expect(selected()).toBe('口岸物流');
    expect(inLine()).toBe('第六条 推动口岸物流等部门');
    expect(findInText(doc, '口岸物流')).toBe(true);
    expect(inLine()).toBe('第七条 口岸物流信息平台');
    expect(findInText(doc, '口岸物流')).toBe(true); // round again to the first
    expect(inLine()).toBe('第六条 推动口岸物流等部门');
    // backwards from the first: the last
    expect(findInText(doc, '口岸物流', true)).toBe(true);
    expect(inLine()).toBe('第七条 口岸物流信息平台');
  });

  test('a phrase running across two lines of the text layer is found and selected across them', () => {
    const doc = page(['第六条 推动口岸物流等部门', '共享数据。']);
    expect(findInText(doc, '部门共享')).toBe(true);
    expect(selected()).toBe('部门共享');
    const r = document.getSelection()!.getRangeAt(0);
    expect(r.startContainer).not.toBe(r.endContainer);
  });

  test('Latin letters in either case; nothing found leaves false and the selection as it was', () => {
    const doc = page(['依照 GB/T 1.1-2020 的规定']);
    expect(findInText(doc, 'gb/t')).toBe(true);
    expect(selected()).toBe('GB/T');
    expect(findInText(doc, '这句话不在草案中')).toBe(false);
    expect(selected()).toBe('GB/T');
    expect(findInText(doc, '')).toBe(false);
  });
});

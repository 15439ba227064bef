// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { afterEach, expect, test } from 'vitest';
import { NoticeFields } from '../../../entrypoints/sidepanel/NoticeFields';
import { parseOutline } from '../../../regulation/outline';

/**
 * The notice's fields in the side panel: a correction is typed as soon as its button is pressed. The edit box takes
 * the focus while the press is handled (in the microtasks after it), not after the next frame, so that no key typed
 * right after the press goes elsewhere (a loaded machine's e2e run typed "not an address" partly before the box had
 * the focus, and saved the rest appended to the address read).
 */

const outline = parseOutline(['关于征求意见的通知', '意见请发送至电子邮箱 yijian@jinan.gov.cn。', '第一条 为了促进数字经济发展,制定本条例。'].map((text) => ({ text })));
let root: HTMLElement | null = null;

afterEach(() => {
  if (root) render(null, root);
  root?.remove();
  root = null;
});

test('pressing 修正 puts the focus in the edit box before any later task (no frame, no timer)', async () => {
  root = document.createElement('div');
  document.body.append(root);
  render(<NoticeFields outline={outline} url="https://www.jinan.gov.cn/a.html" documentId={null} ensureDocument={async () => 'doc'} />, root);
  const button = root.querySelector<HTMLButtonElement>('dd[data-field=email] button[data-action=correct]')!;
  expect(button).not.toBeNull();
  button.click();
  // only the microtasks after the press: Preact renders there; an effect after the next frame would not have run
  for (let i = 0; i < 5; i++) await Promise.resolve();
  const input = root.querySelector<HTMLInputElement>('dd[data-field=email] input');
  expect(input).not.toBeNull();
  expect(document.activeElement).toBe(input);
});

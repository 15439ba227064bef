// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { flushOnLeave } from '../../../components/draft-saver';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { SAVE_DELAY_MS } from '../../../components/draft-saver';
import { NoteEditor, type NoteFields } from '../../../components/NoteEditor';
import type { NoteRecord } from '../../../storage';

const stored: NoteRecord = {
  id: 'n1', documentId: 'd1', article: { number: 3, sub: 0, label: '第三条', excerpt: '促进' }, passage: null,
  stance: 'modify', suggestion: '原来的建议', reason: '', comment: '', tags: ['原则'], createdAt: 1, updatedAt: 1, revision: 1,
};

let root: HTMLElement;
beforeEach(() => {
  vi.useFakeTimers();
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.useRealTimers();
});

/** Types into a textarea the way the browser reports it: the value changes, then an input event. */
function type(el: HTMLTextAreaElement | HTMLInputElement, value: string) {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('NoteEditor', () => {
  test('a refused write (disk full) says so and keeps every character; the next write carries it', async () => {
    const saves: Array<{ fields: NoteFields; base: number | undefined }> = [];
    let fail = true;
    const save = vi.fn(async (fields: NoteFields, _id: string, base: number | undefined) => {
      saves.push({ fields, base });
      if (fail) throw Object.assign(new Error('QuotaExceededError'), { code: 'quota' });
      return { ok: true as const, record: { ...stored, ...fields, revision: (base ?? 0) + 1 } };
    });
    await act(() => render(<NoteEditor id="n1" stored={stored} quote={null} tags={[]} save={save} onDelete={() => undefined} />, root));
    const box = root.querySelector<HTMLTextAreaElement>('textarea[data-field=suggestion]')!;
    expect(box.value).toBe('原来的建议');
    await act(() => type(box, '原来的建议，再加一句很长的意见'));
    await act(async () => void (await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS)));
    const status = root.querySelector('[role=status]')!;
    expect(status.textContent).toContain('saveError(errQuota)'); // t() shows keys without a browser
    expect(box.value).toBe('原来的建议，再加一句很长的意见');
    fail = false;
    await act(async () => void (await vi.advanceTimersByTimeAsync(1000))); // the first retry
    expect(saves.at(-1)).toEqual({ fields: expect.objectContaining({ suggestion: '原来的建议，再加一句很长的意见' }), base: 1 });
    expect(root.querySelector('[role=status]')!.textContent).toContain('saveSaved');
  });

  test('HTML in a note is shown as text, never parsed', async () => {
    const html = '<img src=x onerror=alert(1)>';
    const conflictSave = async (fields: NoteFields) => ({ ok: false as const, conflict: { mine: fields, theirs: { ...stored, suggestion: html, revision: 2 } } });
    await act(() => render(<NoteEditor id="n1" stored={{ ...stored, reason: html }} quote={html} tags={[]} save={conflictSave} onDelete={() => undefined} />, root));
    await act(() => type(root.querySelector<HTMLTextAreaElement>('textarea[data-field=suggestion]')!, '我的'));
    await act(async () => void (await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS)));
    expect(root.querySelector('.conflict')!.textContent).toContain(html); // the other version, as text
    expect(root.querySelector('blockquote')!.textContent).toBe(html);
    expect(root.querySelector('img')).toBeNull();
  });

  test('tags: suggestions from existing tags, Enter picks one or creates the typed one, Backspace removes', async () => {
    const save = vi.fn(async (fields: NoteFields) => ({ ok: true as const, record: { ...stored, ...fields, revision: 2 } }));
    const tags = [{ name: '数据安全', color: '#123456', count: 4 }, { name: '数据共享', color: '#654321', count: 9 }, { name: '范围', color: '#111111', count: 1 }];
    await act(() => render(<NoteEditor id="n1" stored={stored} quote={null} tags={tags} save={save} onDelete={() => undefined} />, root));
    const input = root.querySelector<HTMLInputElement>('input[role=combobox]')!;
    await act(() => void input.dispatchEvent(new Event('focus')));
    await act(() => type(input, '数据'));
    expect([...root.querySelectorAll('[role=option]')].map((o) => o.textContent)).toEqual(['数据共享 · 9', '数据安全 · 4']);
    await act(() => void input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true })));
    await act(() => void input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    await act(() => type(input, '新标签'));
    await act(() => void input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    expect([...root.querySelectorAll('.tag')].map((t) => t.firstChild!.textContent)).toEqual(['原则', '数据共享', '新标签']);
    await act(() => void input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Backspace', bubbles: true })));
    await act(async () => void (await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS)));
    expect(save.mock.calls.at(-1)![0].tags).toEqual(['原则', '数据共享']);
  });

  test('leaving the page, hiding it or freezing it writes at once', () => {
    const flush = vi.fn();
    const stop = flushOnLeave(flush);
    window.dispatchEvent(new Event('pagehide'));
    document.dispatchEvent(new Event('freeze'));
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    expect(flush).toHaveBeenCalledTimes(3);
    stop();
    window.dispatchEvent(new Event('pagehide'));
    expect(flush).toHaveBeenCalledTimes(3);
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  });

});

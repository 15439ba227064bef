import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { buildCatalogue, listenForCatalogue } from '../../../background/i18n-api';

/** The background's copy of the messages for the content script (shared/i18n-messages.ts). */
const MESSAGES: Record<string, string> = { notesCount: '共 $P1$ 条笔记', extName: '意见稿审阅助手', pair: '$A$ 与 $B$' };
const PLACEHOLDERS: Record<string, string[]> = { notesCount: ['$1'], pair: ['$1', '$2'] };

beforeEach(() => {
  fakeBrowser.reset();
  // the browser's getMessage: named placeholders stand for $1, $2 … and take the substitutions
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string, subs?: string[]) => {
    const m = MESSAGES[key];
    if (m === undefined) return '';
    const names = [...m.matchAll(/\$(\w+)\$/g)].map((x) => x[0]);
    let out = m;
    names.forEach((name, i) => (out = out.replace(name, (subs ?? [])[Number(PLACEHOLDERS[key]![i]!.slice(1)) - 1] ?? '')));
    return out;
  }) as never);
});

afterEach(() => vi.restoreAllMocks());

describe('the catalogue for the content script', () => {
  test('every key, its substitutions left as $1 … $9', async () => {
    expect(await buildCatalogue(async () => [...Object.keys(MESSAGES), 'unknownKey'])).toEqual({
      notesCount: '共 $1 条笔记',
      extName: '意见稿审阅助手',
      pair: '$1 与 $2',
    });
  });

  test('answered to this extension only, built once', async () => {
    const keys = vi.fn(async () => Object.keys(MESSAGES));
    listenForCatalogue(keys);
    const ask = (sender: object) =>
      new Promise((ok) => {
        void fakeBrowser.runtime.onMessage.trigger({ type: 'i18n:catalogue' }, sender, ok);
        setTimeout(() => ok('no answer'), 50);
      });
    expect(await ask({ id: 'another-extension' })).toBe('no answer');
    const answer = (await ask({ id: fakeBrowser.runtime.id })) as { ok: boolean; value: Record<string, string> };
    expect(answer.ok).toBe(true);
    expect(answer.value.pair).toBe('$1 与 $2');
    await ask({ id: fakeBrowser.runtime.id });
    expect(keys).toHaveBeenCalledTimes(1);
  });
});

import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { DraftSaver, RETRY_DELAYS_MS, SAVE_DELAY_MS, SAVE_MAX_WAIT_MS, type SaveAnswer, type SaverState } from '../../../components/draft-saver';

interface Rec {
  id: string;
  revision: number;
  text: string;
}
type Draft = { text: string };

/** A store with the background's revision rule, whose writes can be made to fail. */
function fakeStore() {
  const rows = new Map<string, Rec>();
  const calls: Array<{ text: string; base: number | undefined }> = [];
  let failWith: string | null = null;
  return {
    rows,
    calls,
    failNext(code: string | null) {
      failWith = code;
    },
    async save(draft: Draft, id: string, base: number | undefined): Promise<SaveAnswer<Rec, Draft>> {
      calls.push({ text: draft.text, base });
      if (failWith) throw Object.assign(new Error('refused'), { code: failWith });
      const stored = rows.get(id);
      if (stored && base !== stored.revision) return { ok: false, conflict: { mine: draft, theirs: stored } };
      const rec = { id, text: draft.text, revision: (stored?.revision ?? 0) + 1 };
      rows.set(id, rec);
      return { ok: true, record: rec };
    },
  };
}

function saverOn(store: ReturnType<typeof fakeStore>, stored: Rec | null = null) {
  const states: Array<SaverState<Rec, Draft>> = [];
  const saver = new DraftSaver<Rec, Draft>({ id: 'n1', stored, save: (d, id, b) => store.save(d, id, b), onState: (s) => states.push(s) });
  return { saver, states };
}

describe('DraftSaver: saves as the reviewer types', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test('typing is debounced into one write; the next write carries the new revision', async () => {
    const store = fakeStore();
    const { saver } = saverOn(store);
    saver.edit({ text: '建' });
    saver.edit({ text: '建议' });
    saver.edit({ text: '建议删除' });
    expect(store.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(store.calls).toEqual([{ text: '建议删除', base: undefined }]);
    expect(saver.current.status).toBe('saved');
    saver.edit({ text: '建议删除本条' });
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(store.calls[1]).toEqual({ text: '建议删除本条', base: 1 });
    expect(store.rows.get('n1')).toMatchObject({ text: '建议删除本条', revision: 2 });
  });

  test('steady typing that never pauses is still written at least once a second (a crash loses at most that)', async () => {
    const store = fakeStore();
    const { saver } = saverOn(store);
    let text = '';
    // a key every 100 ms for 3.5 s: never the 400 ms pause
    for (let t = 0; t < 3500; t += 100) {
      text += '字';
      saver.edit({ text });
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(store.calls.length).toBeGreaterThanOrEqual(3);
    // every write carried what was typed up to at most SAVE_MAX_WAIT_MS before it
    expect(store.calls[0]!.text.length).toBeGreaterThanOrEqual(SAVE_MAX_WAIT_MS / 100 - 1);
    for (let i = 1; i < store.calls.length; i++) {
      expect(store.calls[i]!.text.length - store.calls[i - 1]!.text.length).toBeLessThanOrEqual(SAVE_MAX_WAIT_MS / 100 + 1);
    }
    expect(text.length - store.calls.at(-1)!.text.length).toBeLessThanOrEqual(SAVE_MAX_WAIT_MS / 100 + 1);
  });

  test('flush writes at once (closing the tab mid-sentence loses nothing)', async () => {
    const store = fakeStore();
    const { saver } = saverOn(store);
    saver.edit({ text: '半句' });
    await saver.flush();
    expect(store.rows.get('n1')?.text).toBe('半句');
    expect(saver.dirty).toBe(false);
  });

  test('a failed write keeps the text, says why, and retries until it works', async () => {
    const store = fakeStore();
    const { saver } = saverOn(store);
    store.failNext('closed');
    saver.edit({ text: '重要意见' });
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(saver.current).toMatchObject({ status: 'error', error: 'closed' });
    expect(saver.dirty).toBe(true);
    store.failNext(null);
    await vi.advanceTimersByTimeAsync(RETRY_DELAYS_MS[0]!);
    expect(saver.current.status).toBe('saved');
    expect(store.rows.get('n1')?.text).toBe('重要意见');
  });

  test('a refusal that cannot pass (too large) is not retried but the text stays pending', async () => {
    const store = fakeStore();
    const { saver } = saverOn(store);
    store.failNext('too-large');
    saver.edit({ text: 'x' });
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS + 20000);
    expect(store.calls).toHaveLength(1);
    expect(saver.current.error).toBe('too-large');
    expect(saver.dirty).toBe(true);
  });

  test('a stale write shows both versions; "mine" overwrites, "theirs" drops the draft', async () => {
    const store = fakeStore();
    store.rows.set('n1', { id: 'n1', revision: 1, text: '原稿' });
    const { saver } = saverOn(store, { id: 'n1', revision: 1, text: '原稿' });
    store.rows.set('n1', { id: 'n1', revision: 2, text: '另一标签页' }); // someone else saved meanwhile
    saver.edit({ text: '我的修改' });
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    expect(saver.current.status).toBe('conflict');
    expect(saver.current.conflict).toEqual({ mine: { text: '我的修改' }, theirs: { id: 'n1', revision: 2, text: '另一标签页' } });
    expect(store.rows.get('n1')?.text).toBe('另一标签页'); // nothing overwritten
    await saver.resolve('mine');
    expect(store.rows.get('n1')).toMatchObject({ text: '我的修改', revision: 3 });

    store.rows.set('n1', { id: 'n1', revision: 4, text: '又改了' });
    saver.edit({ text: '再改' });
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS);
    await saver.resolve('theirs');
    expect(store.rows.get('n1')?.text).toBe('又改了');
    expect(saver.dirty).toBe(false);
  });

  test('an outside change is taken only when nothing of ours is pending', async () => {
    const store = fakeStore();
    const { saver } = saverOn(store, { id: 'n1', revision: 1, text: 'a' });
    expect(saver.external({ id: 'n1', revision: 2, text: 'b' })).toBe(true);
    expect(saver.external({ id: 'n1', revision: 2, text: 'b' })).toBe(false); // not newer
    saver.edit({ text: 'c' });
    expect(saver.external({ id: 'n1', revision: 3, text: 'd' })).toBe(false);
  });
});

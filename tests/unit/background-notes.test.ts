import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../entrypoints/background';
import type { Notice } from '../../regulation/types';
import { isControlRequest } from '../../shared/control-messages';

const tab = { id: 7, windowId: 3 } as unknown as Browser.tabs.Tab;
const notice: Notice = {
  title: '济南市数字经济促进条例(征求意见稿)', issuer: null, published: null, deadline: '2024-03-20',
  channels: { email: null, subject: null, envelope: null, address: null, postcode: null, phone: null, fax: null, web: null },
};

/** Sends a message as the content script of `tab` would and resolves with the background's answer. */
function ask(message: unknown, sender: Browser.runtime.MessageSender = { id: fakeBrowser.runtime.id, tab }): Promise<unknown> {
  return new Promise((ok) => void fakeBrowser.runtime.onMessage.trigger(message, sender, ok));
}

describe('background: notes through typed messages', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    background.main();
  });

  test('open the document, save a note, and every tab is told; HTML stays text', async () => {
    const told = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([tab, { id: 8 }] as never);
    const opened = (await ask({ type: 'doc:open', url: 'http://www.jinan.gov.cn/art/1.html#top', title: notice.title, notice })) as {
      ok: true;
      value: { document: { id: string }; notes: unknown[] };
    };
    expect(opened.ok).toBe(true);
    expect(opened.value.notes).toEqual([]);
    const documentId = opened.value.document.id;
    const note = {
      documentId,
      article: { number: 2, sub: 0, label: '第二条', excerpt: '本条例适用于本市行政区域内' },
      passage: null,
      stance: 'modify',
      suggestion: '<img src=x onerror=alert(1)>',
      reason: '理由',
      comment: '',
      tags: ['定义'],
    };
    const saved = (await ask({ type: 'note:save', note })) as { ok: true; value: { ok: true; note: { id: string; suggestion: string; revision: number } } };
    expect(saved.value.ok).toBe(true);
    expect(saved.value.note.suggestion).toBe('<img src=x onerror=alert(1)>');
    expect(saved.value.note.revision).toBe(1);
    // tab 7 opened this document: it gets the note itself; tab 8 is unknown: it is told to ask
    await vi.waitFor(() => expect(told).toHaveBeenCalledWith(8, { type: 'notes:changed', documentId }));
    expect(told).toHaveBeenCalledWith(7, { type: 'notes:changed', documentId, note: expect.objectContaining({ id: saved.value.note.id, revision: 1 }) });
    const reopened = (await ask({ type: 'doc:open', url: 'https://www.jinan.gov.cn/art/1.html', title: notice.title, notice })) as {
      value: { notes: Array<{ id: string }> };
    };
    expect(reopened.value.notes.map((n) => n.id)).toEqual([saved.value.note.id]);
  });

  test('a stale save is answered with both versions; delete and restore work', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([] as never);
    const { value } = (await ask({ type: 'doc:open', url: 'http://www.jinan.gov.cn/a.html', title: null, notice })) as { value: { document: { id: string } } };
    const base = {
      documentId: value.document.id,
      article: { number: 1, sub: 0, label: '第一条', excerpt: '为了' },
      passage: null, stance: 'keep', suggestion: '', reason: '', comment: '甲', tags: [],
    };
    const first = (await ask({ type: 'note:save', note: base })) as { value: { note: { id: string } } };
    const id = first.value.note.id;
    expect(((await ask({ type: 'note:save', note: { ...base, id, baseRevision: 1, comment: '乙' } })) as { value: { ok: boolean } }).value.ok).toBe(true);
    const stale = (await ask({ type: 'note:save', note: { ...base, id, baseRevision: 1, comment: '丙' } })) as {
      value: { ok: false; conflict: { mine: { comment: string }; theirs: { comment: string } } };
    };
    expect(stale.value.ok).toBe(false);
    expect(stale.value.conflict.mine.comment).toBe('丙');
    expect(stale.value.conflict.theirs.comment).toBe('乙');
    expect(((await ask({ type: 'note:delete', id })) as { value: { deleted?: number } }).value.deleted).toBeTypeOf('number');
    expect(((await ask({ type: 'note:restore', id })) as { value: { deleted?: number } }).value.deleted).toBeUndefined();
  });

  test('bad input is refused with a storage error code, and foreign senders get no answer', async () => {
    const bad = (await ask({ type: 'note:save', note: { documentId: 'x', stance: 'shout' } })) as { ok: boolean; error: { code: string } };
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe('invalid');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const answer = await Promise.race([
      ask({ type: 'note:delete', id: 'n1' }, { id: 'another-extension', tab }),
      new Promise((ok) => setTimeout(() => ok('no answer'), 50)),
    ]);
    expect(answer).toBe('no answer');
    warn.mockRestore();
  });

  test('tags are listed, renamed for every document (told as "*"), and a malformed backup changes nothing', async () => {
    const told = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([tab] as never);
    const { value } = (await ask({ type: 'doc:open', url: 'http://www.jinan.gov.cn/t.html', title: null, notice })) as { value: { document: { id: string } } };
    const documentId = value.document.id;
    const note = {
      documentId, article: { number: 3, sub: 0, label: '第三条', excerpt: '数据' },
      passage: null, stance: 'question', suggestion: '', reason: '', comment: '', tags: ['数据', '范围'],
    };
    await ask({ type: 'note:save', note });
    const tags = (await ask({ type: 'tags:list' })) as { value: Array<{ name: string; count: number }> };
    expect(tags.value.filter((t) => t.name === '数据' || t.name === '范围').map((t) => [t.name, t.count])).toEqual([['数据', 1], ['范围', 1]]);
    const renamed = (await ask({ type: 'tag:rename', from: '数据', to: '数据安全' })) as { value: number };
    expect(renamed.value).toBe(1);
    await vi.waitFor(() => expect(told).toHaveBeenCalledWith(7, { type: 'notes:changed', documentId: '*' }));
    // (documents with the same draft title are one document: earlier tests' notes are here too)
    const listed = (await ask({ type: 'notes:list', documentId })) as { value: Array<{ article: { number: number }; tags: string[] }> };
    expect(listed.value.find((n) => n.article.number === 3)!.tags.sort()).toEqual(['数据安全', '范围']);

    const refused = (await ask({ type: 'backup:import', text: '{"format":"nope"' })) as {
      ok: true; value: { ok: false; code: string; message: string };
    };
    expect(refused.ok).toBe(true);
    expect(refused.value.ok).toBe(false);
    expect(refused.value.message.length).toBeGreaterThan(0);
    const after = (await ask({ type: 'notes:list', documentId })) as { value: unknown[] };
    expect(after.value).toEqual(listed.value);
  });
});

describe('background: malformed requests', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    background.main();
  });

  test('a message of a known type with a bad shape is refused, unanswered and logged', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const answer = await Promise.race([
      ask({ type: 'note:delete', id: 42 }),
      new Promise((ok) => setTimeout(() => ok('no answer'), 50)),
    ]);
    expect(answer).toBe('no answer');
    expect(warn).toHaveBeenCalledWith('regdraft: refused a malformed message', 'note:delete');
    warn.mockRestore();
  });
});

describe('background: the reviewer in control (same title elsewhere, corrections)', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    background.main();
  });

  test('another site asks and gets no notes; "yes" links it; a correction goes only to the tab showing that document', async () => {
    const told = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([tab] as never);
    const own = (await ask({ type: 'doc:open', url: 'http://www.jinan.gov.cn/art/2.html', title: notice.title, notice })) as { value: { document: { id: string } } };
    const id = own.value.document.id;
    const mirrorTab = { id: 9 } as Browser.tabs.Tab;
    const mirror = { ...notice, channels: { ...notice.channels, email: 'collect@mirror-site.com' } };
    const asked = (await ask({ type: 'doc:open', url: 'http://www.mirror-site.com/c.html', title: notice.title, notice: mirror }, { id: fakeBrowser.runtime.id, tab: mirrorTab })) as {
      ok: true;
      value: Record<string, unknown>;
    };
    expect(asked.value).toEqual({ ask: { documentId: id, title: expect.any(String), host: 'www.jinan.gov.cn' } });
    expect(asked.value).not.toHaveProperty('notes');
    const linked = (await ask(
      { type: 'doc:answer', url: 'http://www.mirror-site.com/c.html', title: notice.title, notice: mirror, documentId: id, answer: 'link' },
      { id: fakeBrowser.runtime.id, tab: mirrorTab },
    )) as { ok: true; value: { document: { id: string; notice: Notice } } };
    expect(linked.value.document.id).toBe(id);
    expect(linked.value.document.notice.channels.email).toBe(notice.channels.email);
    const corrected = (await ask({ type: 'notice:correct', documentId: id, field: 'email', value: 'fixed@jinan.gov.cn' })) as { ok: true; value: { corrections: object } };
    expect(corrected.value.corrections).toEqual({ email: 'fixed@jinan.gov.cn' });
    await vi.waitFor(() => expect(told).toHaveBeenCalledWith(9, expect.objectContaining({ type: 'doc:updated' })));
    const refused = (await ask({ type: 'notice:correct', documentId: id, field: 'deadline', value: '2024-13-01' })) as { ok: false; error: { code: string } };
    expect(refused.error.code).toBe('invalid');
    expect(isControlRequest({ type: 'notice:correct', documentId: id, field: 'nonsense', value: 'x' })).toBe(false);
    expect(isControlRequest({ type: 'doc:answer', url: 'http://a.cn/', title: null, notice, documentId: id, answer: 'maybe' })).toBe(false);
  });
});

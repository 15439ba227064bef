// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { describeArticle } from '../../../anchoring';
import background from '../../../entrypoints/background';
import { AnnounceContext } from '../../../entrypoints/sidepanel/announce';
import { BackupPanel } from '../../../entrypoints/sidepanel/BackupPanel';
import { CommentsPanel } from '../../../entrypoints/sidepanel/CommentsPanel';
import { reviewDB } from '../../../entrypoints/sidepanel/live-db';
import { NotesPanel } from '../../../entrypoints/sidepanel/NotesPanel';
import { TagsPanel } from '../../../entrypoints/sidepanel/TagsPanel';
import { parseOutline } from '../../../regulation/outline';
import type { Notice } from '../../../regulation/types';
import { request } from '../../../shared/messages';

/**
 * The panel's views against the real background handler and a fake IndexedDB, in one context: the panel
 * asks with request() (answered by the background's listener), reads with liveQuery, and must follow every
 * write without being told.
 */

const outline = parseOutline(
  [
    '第一章 总则',
    '第一条 为了促进数字经济发展,制定本条例。',
    '第二条 本条例适用于本市行政区域内数字经济促进工作。',
    '第二章 数据资源',
    '第三条 公共数据应当依法有序开放。',
  ].map((text) => ({ text })),
);
const notice: Notice = {
  title: null, issuer: null, published: null, deadline: null,
  channels: { email: null, subject: null, envelope: null, address: null, postcode: null, phone: null, fax: null, web: null },
};

let root: HTMLElement;
let announced: string[];
const tabMessages: unknown[] = [];

beforeEach(() => {
  fakeBrowser.reset();
  background.main();
  // messages from this page reach the background as from this extension (the fake gives no sender id)
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(((message: unknown) =>
    new Promise((ok) => {
      void fakeBrowser.runtime.onMessage
        .trigger(message, { id: fakeBrowser.runtime.id }, ok)
        .then((results: unknown[]) => (results.some((r) => r === true) ? undefined : ok(undefined)));
    })) as never);
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([] as never);
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (_tab: number, m: unknown) => {
    tabMessages.push(m);
    return true;
  }) as never);
  tabMessages.length = 0;
  announced = [];
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
  vi.restoreAllMocks();
});

function mount(node: preact.ComponentChild) {
  render(<AnnounceContext.Provider value={(t) => announced.push(t)}>{node}</AnnounceContext.Provider>, root);
}

const text = () => root.textContent ?? '';
const labels = () => [...root.querySelectorAll('li.note')].map((li) => li.getAttribute('data-article'));

async function openDoc(url: string): Promise<string> {
  const opened = await request({ type: 'doc:open', url, title: null, notice });
  if ('ask' in opened) throw new Error('asked');
  return opened.document.id;
}

async function addNote(documentId: string, number: number, over: Record<string, unknown> = {}) {
  const a = outline.articles.find((x) => x.number === number)!;
  const r = await request({
    type: 'note:save',
    note: { documentId, article: describeArticle(a), passage: null, stance: 'modify', suggestion: '', reason: '', comment: '', tags: [], ...over },
  });
  if (!r.ok) throw new Error('conflict');
  return r.note;
}

describe('notes view', () => {
  test('lists the notes by chapter, HTML as text, and follows saves and deletes live', async () => {
    const doc = await openDoc(`https://www.jinan.gov.cn/a-${crypto.randomUUID()}.html`);
    await addNote(doc, 3, { suggestion: '<img src=x onerror=alert(1)>', tags: ['数据'] });
    await addNote(doc, 1, { reason: '理由一', stance: 'question' });
    mount(<NotesPanel outline={outline} tabId={5} documentId={doc} />);
    await vi.waitFor(() => expect(labels()).toEqual(['第一条', '第三条']));
    expect([...root.querySelectorAll('.note-group h3')].map((h) => h.textContent)).toEqual([
      expect.stringContaining('第一章'),
      expect.stringContaining('第二章'),
    ]);
    expect(root.querySelector('img')).toBeNull();
    expect(text()).toContain('<img src=x onerror=alert(1)>');

    // a save from elsewhere shows without reload
    const n2 = await addNote(doc, 2, { suggestion: '新增的建议' });
    await vi.waitFor(() => expect(labels()).toEqual(['第一条', '第二条', '第三条']));
    await vi.waitFor(() => expect(announced.at(-1)).toContain('3'));

    // clicking a note shows it in the page; edit opens it there
    await act(() => (root.querySelector(`li[data-note="${n2.id}"] .note-show`) as HTMLButtonElement).click());
    await act(() => (root.querySelector(`li[data-note="${n2.id}"] .edit`) as HTMLButtonElement).click());
    expect(tabMessages).toEqual([
      { type: 'note:show', id: n2.id, edit: false },
      { type: 'note:show', id: n2.id, edit: true },
    ]);

    // delete with undo
    await act(() => (root.querySelector(`li[data-note="${n2.id}"] .delete`) as HTMLButtonElement).click());
    await vi.waitFor(() => expect(labels()).toEqual(['第一条', '第三条']));
    const undo = root.querySelector('[data-testid=toast] .undo') as HTMLButtonElement;
    expect(undo).not.toBeNull();
    await act(() => undo.click());
    await vi.waitFor(() => expect(labels()).toEqual(['第一条', '第二条', '第三条']));
  });

  test('the count says it is reading until the notes are read, never 0 notes before it', async () => {
    const doc = await openDoc(`https://www.jinan.gov.cn/c-${crypto.randomUUID()}.html`);
    await addNote(doc, 1);
    await addNote(doc, 2);
    mount(<NotesPanel outline={outline} tabId={5} documentId={doc} />);
    const count = () => root.querySelector('[data-testid=notes-count]')!.textContent;
    expect(count()).toBe('panelNotesLoading');
    await vi.waitFor(() => expect(count()).toBe('panelNotesCountAll(2)'));
    await vi.waitFor(() => expect(labels()).toEqual(['第一条', '第二条']));
  });

  test('filters by text, tag and stance with counts; a filter that hides everything offers to clear it', async () => {
    const doc = await openDoc(`https://www.jinan.gov.cn/b-${crypto.randomUUID()}.html`);
    await addNote(doc, 1, { suggestion: '甲乙丙', tags: ['范围'] });
    await addNote(doc, 2, { reason: '丁戊', tags: ['范围', '体制'], stance: 'delete' });
    await addNote(doc, 3, { comment: '己庚' });
    mount(<NotesPanel outline={outline} tabId={5} documentId={doc} />);
    await vi.waitFor(() => expect(labels()).toHaveLength(3));
    const count = () => root.querySelector('[data-testid=notes-count]')!.textContent;
    expect(count()).toContain('panelNotesCountAll(3)');

    const input = root.querySelector('input.notes-filter') as HTMLInputElement;
    await act(() => {
      input.value = '乙丙';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(labels()).toEqual(['第一条']);
    expect(count()).toContain('panelNotesCountShown(1,3)');

    await act(() => {
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const tag = root.querySelector('select.tag-filter') as HTMLSelectElement;
    // tags in pinyin order: 范围 (fan) before 体制 (ti)
    expect([...tag.options].map((o) => o.textContent)).toEqual(['panelNotesFilterTagAll', 'panelNotesFilterOption(范围,2)', 'panelNotesFilterOption(体制,1)']);
    await act(() => {
      tag.value = '范围';
      tag.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(labels()).toEqual(['第一条', '第二条']);
    const stance = root.querySelector('select.stance-filter') as HTMLSelectElement;
    await act(() => {
      stance.value = 'keep';
      stance.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(labels()).toEqual([]);
    const clear = root.querySelector('[data-testid=notes-filtered-out] button') as HTMLButtonElement;
    await act(() => clear.click());
    expect(labels()).toHaveLength(3);
  });

  test('no notes: says how to add one', async () => {
    mount(<NotesPanel outline={outline} tabId={5} documentId={null} />);
    await vi.waitFor(() => expect(root.querySelector('[data-testid=notes-empty]')).not.toBeNull());
  });

  test('a note whose article is gone is listed last with its own label and quote, never dropped', async () => {
    const doc = await openDoc(`https://www.jinan.gov.cn/c-${crypto.randomUUID()}.html`);
    await addNote(doc, 1);
    await request({
      type: 'note:save',
      note: {
        documentId: doc,
        article: { number: 40, sub: 0, label: '第四十条', excerpt: '本页没有的条文内容,早已删除。' },
        passage: { exact: '早已删除的引文', prefix: '', suffix: '', start: 0, end: 7 },
        stance: 'delete', suggestion: '', reason: '', comment: '', tags: [],
      },
    });
    mount(<NotesPanel outline={outline} tabId={5} documentId={doc} />);
    await vi.waitFor(() => expect(labels()).toEqual(['第一条', '第四十条']));
    const last = root.querySelector('.note-group.unplaced')!;
    expect(last.textContent).toContain('早已删除的引文');
    expect(last.querySelector('[data-status=unplaced]')).not.toBeNull();
  });
});

describe('tags view', () => {
  test('every tag with its count; delete asks with the count first, then every note loses the tag', async () => {
    const doc = await openDoc(`https://www.jinan.gov.cn/d-${crypto.randomUUID()}.html`);
    const name = `标签${crypto.randomUUID().slice(0, 6)}`;
    await addNote(doc, 1, { tags: [name] });
    await addNote(doc, 2, { tags: [name, '别的'] });
    mount(<TagsPanel />);
    const row = () => root.querySelector(`li[data-tag="${name}"]`);
    await vi.waitFor(() => expect(row()?.textContent).toContain('panelTagsCount(2)'));
    await act(() => (row()!.querySelector('button.delete') as HTMLButtonElement).click());
    const dialog = root.querySelector('dialog')!;
    expect(dialog.textContent).toContain(`panelTagDeleteConfirm(2,${name})`);
    await act(() => (dialog.querySelector('button[type=submit]') as HTMLButtonElement).click());
    await vi.waitFor(() => expect(row()).toBeNull());
    expect(announced.at(-1)).toBe(`panelTagDeleted(${name},2)`);
    const notes = await request({ type: 'notes:list', documentId: doc });
    expect(notes.map((n) => n.tags)).toEqual([[], ['别的']]);
  });
});

describe('general comments view', () => {
  const type = (area: HTMLTextAreaElement, value: string) =>
    act(() => {
      area.value = value;
      area.dispatchEvent(new Event('input', { bubbles: true }));
    });

  test('add saves as you type; a save that missed another edit shows both versions; delete with undo', async () => {
    const doc = await openDoc(`https://www.jinan.gov.cn/e-${crypto.randomUUID()}.html`);
    const stored = () => reviewDB().comments.where('documentId').equals(doc).toArray();
    mount(<CommentsPanel documentId={doc} ensureDocument={async () => doc} />);
    await act(() => (root.querySelector('button.add-comment') as HTMLButtonElement).click());
    await vi.waitFor(() => expect(root.querySelector('li.comment textarea')).not.toBeNull());
    const area = () => root.querySelector('li.comment textarea') as HTMLTextAreaElement;
    expect(document.activeElement).toBe(area());
    await type(area(), '建议明确');
    await vi.waitFor(async () => expect((await stored()).map((c) => [c.text, c.revision])).toEqual([['建议明确', 1]]));
    const id = (await stored())[0]!.id;

    // another tab edits while nothing is pending here: the panel shows it
    await request({ type: 'comment:save', comment: { id, documentId: doc, text: '别处的修改', baseRevision: 1 } });
    await vi.waitFor(() => expect(area().value).toBe('别处的修改'));

    // typing here while another tab saves: both versions, the reviewer chooses
    await type(area(), '别处的修改,再补充一句');
    await request({ type: 'comment:save', comment: { id, documentId: doc, text: '第三处的版本', baseRevision: 2 } });
    await vi.waitFor(() => expect(root.querySelector('.conflict')).not.toBeNull(), { timeout: 3000 });
    expect(root.querySelector('.conflict')!.textContent).toContain('别处的修改,再补充一句');
    expect(root.querySelector('.conflict')!.textContent).toContain('第三处的版本');
    const keepMine = root.querySelectorAll('.conflict button')[0] as HTMLButtonElement;
    await act(() => keepMine.click());
    await vi.waitFor(async () => expect((await stored()).map((c) => [c.text, c.revision])).toEqual([['别处的修改,再补充一句', 4]]));
    expect(root.querySelector('.conflict')).toBeNull();

    // delete, then undo: the comment comes back under its id
    await act(() => (root.querySelector('li.comment button.delete') as HTMLButtonElement).click());
    await vi.waitFor(async () => expect(await stored()).toEqual([]));
    await vi.waitFor(() => expect(root.querySelector('li.comment')).toBeNull());
    await act(() => (root.querySelector('[data-testid=toast] .undo') as HTMLButtonElement).click());
    await vi.waitFor(async () => expect((await stored()).map((c) => [c.id, c.text])).toEqual([[id, '别处的修改,再补充一句']]));
    await vi.waitFor(() => expect(area().value).toBe('别处的修改,再补充一句'));
  });
});

describe('backup view: the draft files', () => {
  const file = (size: number, bytes: Uint8Array) => ({
    sha256: 'a'.repeat(64), name: '草案.pdf', kind: 'pdf' as const, size, bytes, source: null, notice: null, savedAt: 1,
  });
  const box = () => root.querySelector<HTMLInputElement>('[data-testid=backup-include-files]');
  const why = () => root.querySelector('[data-testid=backup-files-why]')?.textContent;

  afterEach(async () => {
    await reviewDB().files.clear();
  });

  test('files that fit are in by default and can be left out; files that cannot fit are off, with the reason', async () => {
    await reviewDB().files.put(file(850 * 1024, new Uint8Array(8)));
    mount(<BackupPanel persisted={null} />);
    await vi.waitFor(() => expect(root.querySelector('[data-testid=backup-files-usage]')?.textContent).toBe('backupFilesUsage(1,850 KB)'));
    expect(box()!.checked).toBe(true);
    expect(box()!.disabled).toBe(false);
    await act(() => {
      box()!.click();
    });
    expect(box()!.checked).toBe(false);
    expect(why()).toBe('backupFilesLeftOut');

    // 16 MB of files are 21.3 MB as base64: over the 20 MB limit
    await reviewDB().files.put(file(16 * 1024 * 1024, new Uint8Array(8)));
    await vi.waitFor(() => expect(root.querySelector('[data-testid=backup-files-usage]')?.textContent).toBe('backupFilesUsage(1,16.0 MB)'));
    expect(box()!.checked).toBe(false);
    expect(box()!.disabled).toBe(true);
    expect(why()).toBe('backupFilesTooLarge(21.3,20.0)');
  });

  test('an export whose files take it over the limit downloads nothing and says so', async () => {
    // the files fit by their recorded size, but the whole backup does not (a limit of 1 MB here)
    await reviewDB().files.put(file(1024, new Uint8Array(800 * 1024)));
    const createObjectURL = vi.spyOn(URL, 'createObjectURL');
    mount(<BackupPanel persisted={null} maxBytes={1024 * 1024} />);
    await vi.waitFor(() => expect(box()?.checked).toBe(true));
    await act(() => (root.querySelector('button.export') as HTMLButtonElement).click());
    await vi.waitFor(() => expect(root.querySelector('[data-testid=backup-status]')?.textContent).toMatch(/^backupExportTooLarge\(1\.\d,1\.0\)$/));
    expect(createObjectURL).not.toHaveBeenCalled();
  });
});

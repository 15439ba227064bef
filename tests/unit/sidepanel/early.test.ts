// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openReviewDB, type ReviewDB } from '../../../storage';
import { noteRecord } from './note-record';

/**
 * The side panel's early asks (entrypoints/sidepanel/early.ts): the page's state and the first look at the notes,
 * asked as the panel's script starts and taken once by the panel's first look at that tab.
 */

type Early = typeof import('../../../entrypoints/sidepanel/early');
let early: Early;
let asked: Array<{ tabId: number; message: unknown }>;
let db: ReviewDB | null = null;

const page = (documentId: string | null) => ({ url: 'https://www.jinan.gov.cn/a.html', documentId, outline: { articles: [] } });

beforeEach(async () => {
  fakeBrowser.reset();
  vi.resetModules(); // each test starts with a panel that has asked nothing
  delete (globalThis as Record<string, unknown>).__regdraftPanelEarly; // what the panel's two scripts share
  asked = [];
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (tabId: number, message: unknown) => {
    asked.push({ tabId, message });
    return page(tabId === 7 ? 'doc' : null);
  }) as never);
  early = await import('../../../entrypoints/sidepanel/early');
});

afterEach(async () => {
  vi.restoreAllMocks();
  db?.close();
  if (db) await db.delete();
  db = null;
});

const note = (id: string, number: number) => noteRecord(id, 'doc', number);

/** The page answers every ask with the draft 'doc' and `notes` as the first notes it holds. */
const pageSends = (notes: unknown) =>
  vi.mocked(fakeBrowser.tabs.sendMessage).mockImplementation((async (tabId: number, message: unknown) => {
    asked.push({ tabId, message });
    return { ...page('doc'), notes };
  }) as never);

/** A review database holding `notes`, where the first look reads. */
async function lookReads(...notes: ReturnType<typeof note>[]): Promise<void> {
  db = openReviewDB(`early-${Math.random()}`);
  await db.notes.bulkPut(notes);
  (await import('../../../entrypoints/sidepanel/first-look')).setFirstLookDB(db.name);
}

/** Closes the first look's own connection to the test's database, so that it can be deleted. */
const closeLook = async () => (await (await import('../../../entrypoints/sidepanel/first-look')).openRaw(db!.name)).close();

describe('the panel\'s early asks', () => {
  test('the forced tab is asked once, as the script starts; the panel\'s first look takes that answer, the next asks again', async () => {
    early.startEarly(7, false, async () => 99);
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    expect(asked[0]).toEqual({ tabId: 7, message: { type: 'outline:get', packed: true } });
    expect((await early.askPage(7))?.documentId).toBe('doc');
    expect(asked).toHaveLength(1);
    await early.askPage(7);
    expect(asked).toHaveLength(2);
  });

  test('without a forced tab, the active tab is asked; a look at another tab is asked afresh', async () => {
    early.startEarly(null, false, async () => 7);
    await vi.waitFor(() => expect(asked.map((a) => a.tabId)).toEqual([7]));
    await early.askPage(8);
    expect(asked.map((a) => a.tabId)).toEqual([7, 8]);
    // the early answer was for another tab: it is not handed out later either
    await early.askPage(7);
    expect(asked.map((a) => a.tabId)).toEqual([7, 8, 7]);
  });

  test('opened on the notes: the first look is read before the answer is given, and is there for the view\'s first render', async () => {
    await lookReads(note('n2', 2), note('n1', 1));
    early.startEarly(7, true, async () => null);
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    await early.askPage(7);
    expect(early.readLook('doc')?.notes.map((n) => n.id)).toEqual(['n1', 'n2']);
    expect((await early.takeLook('doc'))?.count).toBe(2);
    expect(early.takeLook('doc')).toBeUndefined();
    await closeLook();
  });

  test('opened on the notes: the page sends the first notes it holds and their count, and the database is not read for them', async () => {
    const sent = { notes: [note('n1', 1), note('n2', 2)], count: 3000 };
    pageSends(sent);
    const { setFirstLookDB } = await import('../../../entrypoints/sidepanel/first-look');
    setFirstLookDB(`none-${Math.random()}`); // a database read here would give no look at all
    early.startEarly(7, true, async () => null);
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    expect(asked[0]!.message).toEqual({ type: 'outline:get', packed: true, notes: 40 });
    await early.askPage(7);
    expect(early.readLook('doc')).toEqual(sent);
    expect(await early.takeLook('doc')).toEqual(sent);
  });

  test('first notes of the wrong shape from the page are not shown: the database is read instead', async () => {
    pageSends({ notes: 'n1', count: 3000 });
    await lookReads(note('n1', 1));
    early.startEarly(7, true, async () => null);
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    await early.askPage(7);
    expect(early.readLook('doc')).toEqual({ notes: [expect.objectContaining({ id: 'n1' })], count: 1 });
    await closeLook();
  });

  test('the early script\'s asks are the panel\'s: its bundle, with its own copy of this module, asks nothing again', async () => {
    await lookReads(note('n1', 1));
    // the early script (panel-early.ts) asks as the page is parsed
    early.startEarly(7, true, async () => null);
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    // the panel's bundle then loads its own copy of the module, and main.tsx starts the asks again
    vi.resetModules();
    const bundled: Early = await import('../../../entrypoints/sidepanel/early');
    expect(bundled).not.toBe(early);
    bundled.startEarly(7, true, async () => null);
    expect((await bundled.askPage(7))?.documentId).toBe('doc');
    expect(asked).toHaveLength(1);
    expect((await bundled.takeLook('doc'))?.count).toBe(1);
    expect(early.takeLook('doc')).toBeUndefined(); // taken once, whichever copy takes it
    await closeLook();
  });

  test('Dexie waits for the early answer to be drawn, and no longer than that', async () => {
    let answer: (v: unknown) => void = () => undefined;
    vi.mocked(fakeBrowser.tabs.sendMessage).mockImplementation((() => new Promise((ok) => (answer = ok))) as never);
    let settled = false;
    void early.earlyPainted().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(true); // nothing asked early: nothing to wait for
    settled = false;
    early.startEarly(7, false, async () => null);
    void early.earlyPainted().then(() => (settled = true));
    await new Promise((ok) => setTimeout(ok, 50));
    expect(settled).toBe(false);
    answer(page('doc'));
    // the answer came before the panel's bundle took it (as the early script's often does): not drawn yet
    await new Promise((ok) => setTimeout(ok, 50));
    expect(settled).toBe(false);
    await early.askPage(7);
    await vi.waitFor(() => expect(settled).toBe(true));
  });

  test('Dexie waits for nothing when the panel does not draw the early answer (another tab)', async () => {
    early.startEarly(7, false, async () => null);
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    let settled = false;
    void early.earlyPainted().then(() => (settled = true));
    await early.askPage(8);
    await vi.waitFor(() => expect(settled).toBe(true));
  });
});

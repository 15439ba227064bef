import { browser } from 'wxt/browser';
import type { PageState } from '../../shared/messages';
import { askPageState } from '../../shared/page-state';
import { FIRST_LOOK_NOTES, firstLook, openRaw, type FirstLook } from './first-look';

/*
 * The panel's first asks: the page's state and, when the panel opens on the notes, the first look at them (the first
 * cards and the count). The page sends that look with its state when it holds its draft's notes (counting 3,000 notes
 * in IndexedDB took 15-80 ms on the test machine); otherwise it is read from the database, opened meanwhile.
 *
 * A small classic script in the panel's <head> (entrypoints/panel-early.ts) makes the asks while the page is still
 * being parsed, 40-60 ms before the panel's module graph (Preact, the views, the messages' schemas) has loaded and
 * runs; main.tsx makes them itself when that script did not run. Asked from the panel's effects, as at first, each
 * answer came a frame or two later (Preact runs effects after the next paint), and the database was opened only once
 * the page had answered.
 *
 * The two scripts are bundled apart, each with its own copy of this module: what they share lives on one object of
 * the panel's window (`shared`), so the copy in the panel's bundle hands out what the early script asked.
 */

/** How long an early answer stays fresh: after that the panel asks the page again (ms). */
const FRESH_MS = 2000;
/** How long the page's state waits for the first look read beside it (ms): longer, the notes come after the outline. */
const LOOK_WAIT_MS = 100;
/** The longest Dexie's loading waits for the early answer to be painted (ms). */
const PAINT_WAIT_MS = 1000;

interface Look {
  look: Promise<FirstLook | null>;
  /** The look once read (undefined before). */
  value?: FirstLook | null;
}

/** What the early script and the panel's bundle share (see the top of this file). */
interface Shared {
  /** True once the early asks were made (by either script): they are made once per panel. */
  started: boolean;
  /** The tab asked early, when, and the answer (taken by the panel's first look at that tab); `value` once it came. */
  asked: { tabId: number; at: number; page: Promise<PageState | undefined>; value?: PageState } | null;
  /** The panel's tab as the early asks found it (null before, or when there is none). */
  tabId: number | null;
  /**
   * Settles once the panel has painted the early answer (or has waited long enough, or will not draw it); null:
   * nothing asked early.
   */
  painted: Promise<unknown> | null;
  /** Settles `painted`. */
  paint: () => void;
  /** First looks started before the notes view was drawn, by document id. */
  looks: Map<string, Look>;
}
/** The window's property that holds `Shared`. */
const SHARED_KEY = '__regdraftPanelEarly';
const holder = globalThis as typeof globalThis & { [SHARED_KEY]?: Shared };
const shared: Shared = (holder[SHARED_KEY] ??= { started: false, asked: null, tabId: null, painted: null, paint: () => undefined, looks: new Map() });

/** The panel's URL says which tab and view: `?tab=` (tests aim it at a tab) and `?view=notes`. */
export function panelParams(search: string): { forcedTabId: number | null; view: string | null } {
  const params = new URLSearchParams(search);
  const forced = Number(params.get('tab'));
  return { forcedTabId: Number.isInteger(forced) && forced > 0 ? forced : null, view: params.get('view') };
}

/** The panel's tab when no tab is forced: the active tab of the panel's window. */
const activeTab = async (): Promise<number | null> =>
  (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id ?? null;

/**
 * Starts the early asks for the panel's tab (`forcedTabId`, else the window's active tab, as the panel finds it):
 * the page's state, and when `notes`, the database and the first look of the draft's notes beside it. Only the first
 * call in a panel asks (the early script's, else main.tsx's).
 */
export function startEarly(forcedTabId: number | null, notes: boolean, tabOf: () => Promise<number | null> = activeTab): void {
  if (shared.started) return;
  shared.started = true;
  if (notes) void openRaw().catch(() => undefined);
  shared.painted = Promise.race([new Promise<void>((ok) => (shared.paint = ok)), new Promise((ok) => setTimeout(ok, PAINT_WAIT_MS))]);
  void (forcedTabId !== null ? Promise.resolve(forcedTabId) : tabOf().catch(() => null)).then((tabId) => {
    if (tabId === null) return shared.paint();
    shared.tabId = tabId;
    const state = askPageState(tabId, notes ? FIRST_LOOK_NOTES : undefined);
    const withLook = async () => {
      const p = await state;
      if (!p?.documentId) return p;
      // the page sends the first notes it holds; a page still loading its notes has none, and they are read here
      if (Array.isArray(p.notes?.notes) && Number.isInteger(p.notes.count)) lookFrom(p.documentId, p.notes);
      else await Promise.race([lookEarly(p.documentId), new Promise((ok) => setTimeout(ok, LOOK_WAIT_MS))]);
      return p;
    };
    const page = notes ? withLook() : state;
    const asked: NonNullable<Shared['asked']> = { tabId, at: performance.now(), page };
    void page.then((v) => void (asked.value = v));
    shared.asked = asked;
  });
}

/** The panel's tab as the early asks found it, once they have (null before, or when there is none). */
export const earlyTab = (): number | null => shared.tabId;

/** The early ask's answer for `tabId` while fresh (taken: the next ask asks the page), else null; `shared.paint` follows its drawing. */
function takeEarly(tabId: number): NonNullable<Shared['asked']> | null {
  const e = shared.asked;
  shared.asked = null;
  if (e?.tabId === tabId && performance.now() - e.at < FRESH_MS) {
    // the panel draws the answer in the microtasks after it, or at once: the frame after that has shown it
    void e.page.then(() => requestAnimationFrame(() => setTimeout(shared.paint)));
    return e;
  }
  shared.paint(); // no early answer to draw
  return null;
}

/** `tabId`'s page state: the early ask's answer the first time, while fresh; a new ask otherwise. */
export function askPage(tabId: number): Promise<PageState | undefined> {
  return takeEarly(tabId)?.page ?? askPageState(tabId);
}

/**
 * `tabId`'s page state for the panel's first render, when the early ask's answer has already come (it often has:
 * the early script asks 40-60 ms before the panel's bundle runs); taken as askPage takes it. Undefined, and nothing
 * taken, when it has not come yet (the panel then takes it with askPage, in a layout effect of its first render).
 */
export function readyPage(tabId: number): PageState | undefined {
  const e = shared.asked;
  if (e?.tabId !== tabId || !e.value) return undefined;
  return takeEarly(tabId)?.value;
}

/** Settles when the panel has painted the early answer (at once when nothing was asked early). Never rejects. */
export const earlyPainted = (): Promise<unknown> => shared.painted ?? Promise.resolve();

/** Starts `documentId`'s first look now, for the notes view to take up; resolves once it is read. Never rejects. */
export function lookEarly(documentId: string): Promise<void> {
  let e = shared.looks.get(documentId);
  if (!e) {
    const entry: Look = { look: firstLook(documentId) };
    void entry.look.then((v) => void (entry.value = v));
    shared.looks.set(documentId, (e = entry));
  }
  return e.look.then(() => undefined);
}

/** Keeps `look`, as the page sent it, as `documentId`'s first look for the notes view to take up. */
function lookFrom(documentId: string, look: FirstLook): void {
  shared.looks.set(documentId, { look: Promise.resolve(look), value: look });
}

/** The first look of `documentId` read early, if it is read already (undefined otherwise); left for takeLook. */
export const readLook = (documentId: string): FirstLook | null | undefined => shared.looks.get(documentId)?.value;

/** Takes `documentId`'s early first look (its promise; undefined when none was started). */
export function takeLook(documentId: string): Promise<FirstLook | null> | undefined {
  const e = shared.looks.get(documentId);
  shared.looks.delete(documentId);
  return e?.look;
}

import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listenForAnchors } from '../../../background/anchor-api';
import { describeArticle, describePassage } from '../../../anchoring/describe';
import { PageNotes } from '../../../entrypoints/content/notes';
import type { Outline } from '../../../regulation/types';
import type { NoteRecord } from '../../../storage';
import { byNumber, corpusLines, outlineOf, renumbered } from '../anchoring/helpers';

/**
 * The page places the notes that stand where they were by itself and asks the background (the real listener,
 * background/anchor-api.ts) for the others: the full search never runs in the page.
 */
const LINES = corpusLines('data-security-law-2021');
const OLD = outlineOf(LINES);
/** The same law with a new article 3: every later article one number down. */
const NEW = outlineOf(renumbered(LINES, OLD, (n) => (n >= 3 ? n + 1 : n)));

const nextTask = () => new Promise<void>((ok) => setTimeout(ok, 0));

let sent: Array<{ type: string; inputs?: unknown[] }> = [];
let hold: Promise<void> | null = null;

function noteOn(o: Outline, number: number, id: string, quote?: string): NoteRecord {
  const a = o.articles[byNumber(o, number)]!;
  const s = quote ? a.text.indexOf(quote) : -1;
  return {
    id,
    documentId: 'doc',
    article: describeArticle(a),
    passage: quote ? describePassage(a.text, s, s + quote.length) : null,
    revision: 1,
  } as unknown as NoteRecord;
}

const NOTES = [noteOn(OLD, 1, 'first'), noteOn(OLD, 2, 'second', '数据'), noteOn(OLD, 10, 'tenth'), noteOn(OLD, 21, 'late', '数据')];

beforeEach(() => {
  fakeBrowser.reset();
  sent = [];
  hold = null;
  listenForAnchors();
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: { type: string }) => {
    sent.push(message);
    if (message.type === 'doc:open') return { ok: true, value: { document: { id: 'doc' }, notes: NOTES, tags: [] } };
    if (hold) await hold;
    return new Promise((ok) => void fakeBrowser.runtime.onMessage.trigger(message, { id: fakeBrowser.runtime.id }, ok));
  }) as never);
});
afterEach(() => vi.restoreAllMocks());


describe('placing the notes in the page', () => {
  test('in the unchanged draft every note is placed at once, and nothing is asked of the background', async () => {
    const notes = new PageNotes(OLD);
    await notes.open('https://example.gov.cn/draft');
    expect(notes.placed).toHaveLength(4);
    expect(notes.placed.every((p) => p.anchor.status === 'exact')).toBe(true);
    expect(sent.map((m) => m.type)).toEqual(['doc:open']);
  });

  test('opening places the notes at once and tells the listeners (which draw them) in a task of its own', async () => {
    const notes = new PageNotes(OLD);
    let told = 0;
    notes.onChange(() => told++);
    await notes.open('https://example.gov.cn/draft');
    expect(notes.placed).toHaveLength(4);
    expect(told).toBe(0);
    await nextTask();
    expect(told).toBe(1);
    expect(notes.taken.work).toBeGreaterThan(0);
  });

  test("placing waits for a task of its own, after the one that took the background's answer", async () => {
    const notes = new PageNotes(OLD);
    const opening = notes.open('https://example.gov.cn/draft');
    // the answer arrives (its promise settles in the message's own task, with its microtasks): nothing placed yet
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(sent.map((m) => m.type)).toEqual(['doc:open']);
    expect(notes.placed).toHaveLength(0);
    await opening;
    expect(notes.placed).toHaveLength(4);
  });

  test('in a renumbered draft the notes that moved are looked for by the background, and only they travel', async () => {
    const notes = new PageNotes(OLD);
    await notes.open('https://example.gov.cn/draft');
    await nextTask(); // the opening's own telling
    let release!: () => void;
    hold = new Promise((ok) => (release = ok));
    notes.setOutline(NEW);
    // articles 1 and 2 stand where they were: placed at once; 10 and 21 moved: not shown until the answer
    expect(notes.placed.map((p) => p.note.id)).toEqual(['first', 'second']);
    expect(notes.get('tenth')?.note.id).toBe('tenth'); // the open editor still knows its note
    const asked = sent.find((m) => m.type === 'anchor:place')!;
    expect(asked.inputs).toHaveLength(2);
    let told = 0;
    notes.onChange(() => told++);
    release();
    await vi.waitFor(() => expect(notes.placed).toHaveLength(4));
    expect(told).toBe(1);
    const tenth = notes.get('tenth')!.anchor;
    expect(tenth.status).toBe('moved');
    expect(NEW.articles[tenth.articleIndex]!.number).toBe(11);
    expect(notes.get('late')!.anchor.passage).not.toBeNull();
    expect(notes.byArticle.get(tenth.articleIndex)?.[0]?.note.id).toBe('tenth');
  });

  test('an answer for a page that has changed again meanwhile is dropped', async () => {
    const notes = new PageNotes(OLD);
    await notes.open('https://example.gov.cn/draft');
    let release!: () => void;
    hold = new Promise((ok) => (release = ok));
    notes.setOutline(NEW);
    notes.setOutline(OLD); // back: all placed at once again
    expect(notes.placed).toHaveLength(4);
    release();
    await new Promise((ok) => setTimeout(ok, 10));
    expect(notes.placed.every((p) => p.anchor.status === 'exact')).toBe(true);
    expect(notes.get('tenth')!.anchor.articleIndex).toBe(byNumber(OLD, 10));
  });
});

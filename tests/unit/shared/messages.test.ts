import { describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fromThisExtension, isMessage, isPageMessage } from '../../../shared/messages';

describe('isMessage', () => {
  test('accepts the known messages with well-formed payloads', () => {
    expect(isMessage({ type: 'outline:get' })).toBe(true);
    expect(isMessage({ type: 'outline:changed', count: 65 })).toBe(true);
    expect(isMessage({ type: 'article:jump', index: 0 })).toBe(true);
    expect(isMessage({ type: 'article:note', index: 12 })).toBe(true);
  });

  test('refuses unknown types and malformed payloads', () => {
    for (const m of [
      null,
      'outline:get',
      {},
      { type: 'notes:delete-all' },
      { type: 'article:jump' },
      { type: 'article:jump', index: -1 },
      { type: 'article:jump', index: 1.5 },
      { type: 'article:jump', index: '3' },
      { type: 'outline:changed', count: Number.NaN },
    ]) {
      expect(isMessage(m), JSON.stringify(m)).toBe(false);
    }
  });
});

describe('isMessage (valibot schema) and isPageMessage', () => {
  test('payloads the storage layer reads are objects; tag lists are bounded; a page gets only its own messages', () => {
    expect(isMessage({ type: 'note:save', note: { anything: 1 } })).toBe(true);
    expect(isMessage({ type: 'note:save', note: 'text' })).toBe(false);
    expect(isMessage({ type: 'tag:merge', sources: ['a'], target: 'b' })).toBe(true);
    expect(isMessage({ type: 'tag:merge', sources: Array(1001).fill('a'), target: 'b' })).toBe(false);
    expect(isMessage({ type: 'notes:changed', documentId: 'd', note: { id: 'n', extra: true } })).toBe(true);
    expect(isMessage({ type: 'notes:changed', documentId: 'd', note: { extra: true } })).toBe(false);
    expect(isMessage({ type: 'backup:import', text: '{}' })).toBe(true);
    expect(isMessage({ type: 'doc:open', url: 'x'.repeat(8193), title: null, notice: {} })).toBe(false);
    expect(isPageMessage({ type: 'article:jump', index: 3 })).toBe(true);
    expect(isPageMessage({ type: 'notes:changed', documentId: 'd' })).toBe(true);
    // a content script is never asked to import or save
    expect(isPageMessage({ type: 'backup:import', text: '{}' })).toBe(false);
    expect(isPageMessage({ type: 'note:save', note: {} })).toBe(false);
  });
});

describe('isPageMessage (hand-written, for the content script)', () => {
  const PAGE_TYPES = new Set(['outline:get', 'outline:texts', 'article:jump', 'article:note', 'note:show', 'page:command', 'notes:changed']);
  const candidates: unknown[] = [
    null, 'x', [], {}, { type: 'outline:get' }, { type: 'outline:get', extra: 1 },
    ...[true, false, 1, 'yes', null].map((packed) => ({ type: 'outline:get', packed })),
    ...[40, 1, 200, 201, 0, -1, 1.5, '40', NaN, Infinity, null].map((notes) => ({ type: 'outline:get', packed: true, notes })),
    ...[0, 7, -1, 1.5, '0', NaN, undefined].flatMap((part) => ['k', '', 'x'.repeat(129), 3].map((key) => ({ type: 'outline:texts', key, part }))),
    ...[3, 0, -1, 1.5, '3', NaN, Infinity, undefined].flatMap((index) => [
      { type: 'article:jump', index },
      { type: 'article:note', index },
    ]),
    ...['n', '', 'x'.repeat(128), 'x'.repeat(129), 7, undefined].flatMap((id) => [
      { type: 'note:show', id, edit: true },
      { type: 'note:show', id, edit: 'yes' },
      { type: 'notes:changed', documentId: id },
      { type: 'notes:changed', documentId: 'd', note: { id } },
    ]),
    { type: 'notes:changed', documentId: 'd', note: [] },
    { type: 'notes:changed', documentId: 'd', note: null },
    ...['add-note', 'next-note', 'prev-note', 'delete-note', undefined].map((command) => ({ type: 'page:command', command })),
    { type: 'note:save', note: {} },
    { type: 'backup:import', text: '{}' },
  ];
  test('accepts exactly what the full schema accepts among the page\'s own messages', () => {
    for (const m of candidates) {
      const type = (m as { type?: unknown } | null)?.type;
      const expected = isMessage(m) && PAGE_TYPES.has(type as string);
      expect(isPageMessage(m), JSON.stringify(m)).toBe(expected);
    }
  });
});

describe('fromThisExtension', () => {
  test('accepts this extension and refuses another', () => {
    expect(fromThisExtension({ id: fakeBrowser.runtime.id })).toBe(true);
    expect(fromThisExtension({ id: 'some-other-extension' })).toBe(false);
    expect(fromThisExtension({})).toBe(false);
  });
});

describe('uuid', () => {
  test('is a version-4 UUID and does not repeat', async () => {
    const { uuid } = await import('../../../shared/uuid');
    const ids = new Set(Array.from({ length: 1000 }, uuid));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

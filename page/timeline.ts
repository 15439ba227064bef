/**
 * The content script's timing marks, kept off the page's performance timeline: a page's PerformanceObserver
 * sees every `performance.mark`, so the marks are only written there when the benchmark asks for them (it
 * sets TIMELINE_KEY in the extension's storage; see scripts/bench.ts). Until then each mark is a number kept
 * here; once asked, the kept ones are written with their original times, and later ones as they come.
 */

/** The extension storage key the benchmark sets to true to see the marks. */
export const TIMELINE_KEY = 'bench:timeline';

const times = new Map<string, number>();
const pending: Array<() => void> = [];
let on = false;

/** Records mark `name` now. */
export function mark(name: string): void {
  const startTime = performance.now();
  times.set(name, startTime);
  const write = () => performance.mark(name, { startTime });
  if (on) write();
  else if (pending.length < 100) pending.push(write);
}

/** Records measure `name` from mark `start` to mark `end` (both must have been recorded). */
export function measure(name: string, start: string, end: string): void {
  const a = times.get(start);
  const b = times.get(end);
  if (a === undefined || b === undefined) return;
  const write = () => performance.measure(name, { start: a, end: b });
  if (on) write();
  else if (pending.length < 100) pending.push(write);
}

/** Writes the kept marks to the page's timeline, and every later one as it comes (the benchmark asked). */
export function showTimeline(): void {
  if (on) return;
  on = true;
  for (const write of pending.splice(0)) write();
}

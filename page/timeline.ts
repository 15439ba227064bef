/**
 * The content script's timing marks, kept off the page's performance timeline: a page's PerformanceObserver
 * sees every `performance.mark`, so the marks are only written there when the benchmark asks for them (it
 * sets TIMELINE_KEY in the extension's storage; see scripts/lib/launch.ts). Until then the marks made once per
 * page load are kept here, at most 100 of them; once asked, the kept ones are written with their original
 * times, and later ones as they come. Marks made at every re-read are made only while asked (`repeated`), so a
 * page that changes all day keeps nothing.
 */

/** The extension storage key the benchmark sets to true to see the marks. */
export const TIMELINE_KEY = 'bench:timeline';

const times = new Map<string, number>();
const pending: Array<() => void> = [];
let on = false;

/** Writes to the page's timeline now when asked, else keeps the write for later (a bounded number). */
function write(entry: () => void): void {
  if (!on) {
    if (pending.length < 100) pending.push(entry);
    return;
  }
  try {
    entry();
  } catch {
    // a page that replaced performance.mark, or no User Timing Level 3: no figures, no harm
  }
}

/** Records mark `name` now. */
export function mark(name: string): void {
  const startTime = performance.now();
  times.set(name, startTime);
  write(() => performance.mark(name, { startTime }));
}

/** Records measure `name` from mark `start` to mark `end` (both must have been recorded). */
export function measure(name: string, start: string, end: string): void {
  const a = times.get(start);
  const b = times.get(end);
  if (a === undefined || b === undefined) return;
  write(() => performance.measure(name, { start: a, end: b }));
}

/** Records main-thread work that was not one stretch of time: `duration` ms from `start`. */
export function work(name: string, start: number, duration: number): void {
  write(() => performance.measure(name, { start, duration }));
}

/** True once the benchmark asked for the marks: marks made at every re-read are made only then. */
export function repeated(): boolean {
  return on;
}

/** Writes the kept marks to the page's timeline, and every later one as it comes (the benchmark asked). */
export function showTimeline(): void {
  if (on) return;
  on = true;
  for (const entry of pending.splice(0)) write(entry);
}

import type { CDPSession } from 'playwright-core';

/** One event of a DevTools trace: the fields the benchmark, its tools and the tests read. */
export interface TraceEvent {
  name: string;
  ph: string;
  /** µs */
  ts: number;
  /** µs */
  dur?: number;
  /** thread (CPU) time, µs */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; fileName?: string; data?: { url?: string; [key: string]: unknown }; beginData?: { url?: string } };
}

/**
 * The HTML parse of the document at `url` (its `ParseHTML` event): its pid and tid are the page's main thread. A
 * trace holds every renderer's events, such as those of the welcome tab a new browser opens, so the first parse in
 * it may be another page's.
 */
export function parseOf(events: readonly TraceEvent[], url: string): TraceEvent | undefined {
  return events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url === url);
}

/**
 * Records a DevTools trace of `categories` through `session` while `run` runs, and resolves with its events. The
 * trace is ended, and all of it collected, even when `run` throws.
 */
export async function recordTrace(session: CDPSession, categories: string, run: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: unknown[] }) => void events.push(...(e.value as TraceEvent[]));
  session.on('Tracing.dataCollected', onData);
  try {
    await session.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
    try {
      await run();
    } finally {
      const done = new Promise<void>((ok) => session.once('Tracing.tracingComplete', () => ok()));
      await session.send('Tracing.end');
      await done;
    }
  } finally {
    session.off('Tracing.dataCollected', onData);
  }
  return events;
}

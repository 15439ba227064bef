import type { CDPSession, Page } from 'playwright-core';
import { parseOf, recordTrace, type TraceEvent } from './trace';

/** One main-thread task of the page, and how much of it was the extension's. */
export interface TracedTask {
  /** when it started, ms on the trace's clock (its events' `ts` / 1000) */
  start: number;
  /** ms */
  duration: number;
  /** ms of CPU time the thread spent in the task (the throttler's pauses and other processes' turns left out) */
  cpu: number;
  /** ms of the task in which the extension's code ran (its script's compile and evaluation, its functions, and the layout and style work they forced) */
  ours: number;
  /** ms of the task V8 spent compiling the extension's classic scripts on the main thread (`v8.compile`: the loader, the toolbar's injection; pages' reader module is compiled off it) */
  compile: number;
}

interface Profile {
  nodes: Array<{ id: number; callFrame: { url: string; functionName: string }; children?: number[] }>;
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The most one sample of the CPU profile counts for (ms): 5 times its interval of 200 µs. */
export const SAMPLE_SPAN_MS = 1;

/**
 * Records the page's main-thread tasks (a DevTools trace) and a sampling CPU profile while `run` runs, and tells
 * for each task of at least `min` ms how much of it was the extension's: the samples whose stack holds a frame of
 * the extension's scripts (`chrome-extension://<id>/`), plus the whole evaluation of an extension script. A
 * page's own long task (its HTML parsing, its first layout) has no such share and is told apart from the
 * reader's, which the longtask observer cannot do.
 */
export async function traceTasks(
  page: Page,
  extensionId: string,
  run: () => Promise<void>,
  cdp?: CDPSession,
  min = 50,
  /** more trace categories to record, and a look at all the events (a developer's tool's own figures) */
  more?: { categories: string; events: (events: readonly TraceEvent[]) => void },
): Promise<TracedTask[]> {
  const own = !cdp;
  const session = cdp ?? (await page.context().newCDPSession(page));
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  let stopped: Profile | undefined;
  let events: TraceEvent[];
  try {
    const categories = 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline,v8.execute';
    events = await recordTrace(session, more ? `${categories},${more.categories}` : categories, async () => {
      await session.send('Profiler.start');
      try {
        await run();
      } finally {
        stopped = ((await session.send('Profiler.stop')) as unknown as { profile: Profile }).profile;
      }
    });
  } finally {
    await session.send('Profiler.disable');
    if (own) await session.detach();
  }
  if (!stopped) throw new Error('DevTools returned no CPU profile');
  more?.events(events);
  const profile = stopped;
  const mark = `chrome-extension://${extensionId}/`;
  // the page's renderer main thread: the one that parsed the page's document (another tab's may be in the trace too)
  const parse = parseOf(events, page.url()) ?? events.find((e) => e.name === 'ParseHTML') ?? events.find((e) => e.name === 'EvaluateScript');
  if (!parse) return [];
  const main = events.filter((e) => e.pid === parse.pid && e.tid === parse.tid);
  const tasks = main.filter((e) => e.name === 'RunTask' && e.ph === 'X' && (e.dur ?? 0) >= min * 1000);
  // which profile nodes run the extension's code (a node or any of its callers)
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const oursNode = new Map<number, boolean>();
  const isOurs = (id: number): boolean => {
    const known = oursNode.get(id);
    if (known !== undefined) return known;
    const n = byId.get(id);
    const p = parent.get(id);
    const v = !!n && (n.callFrame.url.startsWith(mark) || (p !== undefined && isOurs(p)));
    oursNode.set(id, v);
    return v;
  };
  const times: number[] = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) times.push((t += d));
  return tasks.map((task) => {
    const end = task.ts + task.dur!;
    let ours = 0;
    let compile = 0;
    // an extension script's evaluation (its compile included) is the extension's in whole
    for (const e of main) {
      if (e.ts < task.ts || e.ts >= end || !e.args?.data?.url?.startsWith(mark)) continue;
      if (e.name === 'EvaluateScript') ours += (e.dur ?? 0) / 1000;
      else if (e.name === 'v8.compile') compile += (e.dur ?? 0) / 1000;
    }
    if (ours === 0) {
      for (let i = 0; i < times.length; i++) {
        if (times[i]! < task.ts || times[i]! >= end || !isOurs(profile.samples[i]!)) continue;
        // a sample stands for the time until the next one, but for at most SAMPLE_SPAN_MS: at 4x on a busy machine
        // the sampler falls behind (about 32 samples in a 121 ms task), and one sample that caught a callback of the
        // reader's (the ResizeObserver's, in the page's own first layout) made the page's task "the extension's"
        ours += Math.min((times[i + 1] ?? times[i]! + 200) - times[i]!, SAMPLE_SPAN_MS * 1000) / 1000;
      }
    }
    if (process.env.BENCH_DEBUG && ours >= 1) {
      // which of the extension's functions ran in it (the innermost of its frames of each sample)
      const fns = new Map<string, number>();
      for (let i = 0; i < times.length; i++) {
        if (times[i]! < task.ts || times[i]! >= end) continue;
        let id: number | undefined = profile.samples[i]!;
        while (id !== undefined && !byId.get(id)!.callFrame.url.startsWith(mark)) id = parent.get(id);
        const k = id === undefined ? '(page)' : byId.get(id)!.callFrame.functionName || '(anonymous)';
        fns.set(k, (fns.get(k) ?? 0) + 0.2);
      }
      const inner = main.filter((e) => e.ph === 'X' && e !== task && e.ts >= task.ts && e.ts < end && (e.dur ?? 0) >= 5000).map((e) => `${e.name} ${((e.dur ?? 0) / 1000).toFixed(0)}`);
      const samples = times.filter((x) => x >= task.ts && x < end).length;
      console.log(`${page.url()}: task ${(task.dur! / 1000).toFixed(1)} ms (cpu ${((task.tdur ?? 0) / 1000).toFixed(1)}, ${samples} samples), ours ${ours.toFixed(1)}: ${inner.join(', ')} | ${[...fns].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
    }
    return { start: task.ts / 1000, duration: task.dur! / 1000, cpu: (task.tdur ?? task.dur!) / 1000, ours: Math.min(ours, task.dur! / 1000), compile };
  });
}

/**
 * The longest task the extension made long: at least 50 ms, with at least 2 ms of the extension's work in it
 * (less is a timer or frame callback of the reader's that happened to share the page's own task); 0 when none.
 */
export function longestOurs(tasks: readonly TracedTask[]): number {
  return Math.max(0, ...tasks.filter((t) => t.ours >= 2).map((t) => t.duration));
}

/** The compile of the extension's scripts inside the longest task longestOurs picks (0 when none). */
export function compileInLongestOurs(tasks: readonly TracedTask[]): number {
  const longest = longestOurs(tasks);
  return tasks.find((t) => t.ours >= 2 && t.duration === longest)?.compile ?? 0;
}

/** The longest task of the page's own, with none of the extension's work in it (for comparison); 0 when none. */
export function longestPage(tasks: readonly TracedTask[]): number {
  return Math.max(0, ...tasks.filter((t) => t.ours < 2).map((t) => t.duration));
}

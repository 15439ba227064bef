/**
 * The reader's performance marks, in one place: the benchmark and the e2e harness read them
 * (scripts/lib/page.ts, scripts/bench.ts). Marks made once per page load are always made; those made at every
 * re-read (`repeated`) only while the page's timeline holds a mark named `regdraft:timing` (the benchmark and
 * the tests make it), so that a page that changes all day does not fill its performance timeline.
 */
export function repeated(): boolean {
  try {
    return performance.getEntriesByName('regdraft:timing', 'mark').length > 0;
  } catch {
    return false;
  }
}

export function mark(name: string): void {
  try {
    performance.mark(name);
  } catch {
    // a page that replaced performance.mark: no figures, no harm
  }
}

/** A measure between two marks (see `mark`). */
export function measure(name: string, start: string, end: string): void {
  try {
    performance.measure(name, start, end);
  } catch {
    // a missing mark
  }
}

/** A measure of main-thread work that was not one stretch of time: `duration` ms ending now (see `mark`). */
export function work(name: string, start: number, duration: number): void {
  try {
    performance.measure(name, { start, duration });
  } catch {
    // no User Timing Level 3
  }
}

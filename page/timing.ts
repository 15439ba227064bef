/**
 * The reader's performance marks, in one place: the benchmark and the e2e harness read them
 * (scripts/lib/page.ts waitForReader, scripts/bench.ts). Whoever turns page marks off or behind a switch
 * changes this file only.
 */
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

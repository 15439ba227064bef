/**
 * Saves a note as the reviewer types: debounced, one write in flight at a time, each write carrying the
 * revision it started from. A failed write keeps the draft and retries; a write that did not see the latest
 * revision stops and hands both versions to the UI. Nothing the reviewer typed is dropped.
 */

/** A stored record as the saver needs to know it. */
export interface Revisioned {
  id: string;
  revision: number;
}

/** What a save answers: written, or refused because `theirs` is newer than what the draft started from. */
export type SaveAnswer<R extends Revisioned, D> = { ok: true; record: R } | { ok: false; conflict: { mine: D; theirs: R } };

export type SaverStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error' | 'conflict';

export interface SaverState<R extends Revisioned, D> {
  status: SaverStatus;
  /** The error code of the last failed write ('quota', 'closed', 'unreachable', 'too-large', ...). */
  error: string | null;
  /** Set while status is 'conflict'. */
  conflict: { mine: D; theirs: R } | null;
  /** The stored revision this draft builds on (0: not stored yet). */
  revision: number;
}

/** Error codes that a later attempt may get past (a restarted background, a freed disk). */
const RETRYABLE = new Set(['closed', 'unreachable', 'quota', 'internal']);
/** Waits before retrying a failed write, growing; the last one repeats. */
export const RETRY_DELAYS_MS = [1000, 3000, 10000];
/** How long typing must pause before a write (ms). */
export const SAVE_DELAY_MS = 400;
/** The longest a typed change waits for its write while typing goes on (ms): a crash loses at most this much. */
export const SAVE_MAX_WAIT_MS = 1000;

/**
 * Calls `flush` whenever the document may be about to go away: `pagehide`, `visibilitychange` to hidden and
 * `freeze` (a frozen tab may be discarded without another event). Returns a function that stops listening.
 */
export function flushOnLeave(flush: () => void): () => void {
  const onHidden = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', onHidden);
  document.addEventListener('freeze', flush);
  return () => {
    window.removeEventListener('pagehide', flush);
    document.removeEventListener('visibilitychange', onHidden);
    document.removeEventListener('freeze', flush);
  };
}

export interface DraftSaverOptions<R extends Revisioned, D> {
  id: string;
  /** The stored record the editor opened, or null for a new one. */
  stored: R | null;
  /** Writes `draft` with `baseRevision` (absent for a new record); throws an error with a `code` when refused. */
  save(draft: D, id: string, baseRevision: number | undefined): Promise<SaveAnswer<R, D>>;
  onState(state: SaverState<R, D>): void;
  /** Called after each successful write with the record as stored. */
  onSaved?(record: R): void;
  delayMs?: number;
  /** The longest a change waits while typing goes on (default SAVE_MAX_WAIT_MS). */
  maxWaitMs?: number;
}

export class DraftSaver<R extends Revisioned, D> {
  private state: SaverState<R, D>;
  private draft: D | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private failures = 0;
  private closed = false;
  /** When the oldest change not yet handed to a write was typed (null: none waits). */
  private waitingSince: number | null = null;

  constructor(private readonly opt: DraftSaverOptions<R, D>) {
    this.state = { status: 'idle', error: null, conflict: null, revision: opt.stored?.revision ?? 0 };
  }

  get current(): SaverState<R, D> {
    return this.state;
  }

  /** True while typed text is not yet stored. */
  get dirty(): boolean {
    return this.draft !== null || this.inFlight !== null;
  }

  /** The reviewer changed the draft: save it after the pause (the last draft wins). */
  edit(draft: D): void {
    this.draft = draft;
    if (this.state.status === 'conflict') return; // wait for the reviewer's choice; the text is kept
    this.set({ status: 'pending' });
    // after a pause in the typing, and at least once a second while it goes on
    const now = Date.now();
    this.waitingSince ??= now;
    const left = this.waitingSince + (this.opt.maxWaitMs ?? SAVE_MAX_WAIT_MS) - now;
    this.schedule(Math.max(0, Math.min(this.opt.delayMs ?? SAVE_DELAY_MS, left)));
  }

  /** Writes the pending draft now (closing the editor, leaving the page). Resolves when the write is done. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.inFlight) await this.inFlight;
    if (this.draft !== null && this.state.status !== 'conflict') await this.write();
  }

  /** The reviewer chose in a conflict: keep `mine` (written over theirs), or take `theirs` (the draft is dropped). */
  async resolve(choice: 'mine' | 'theirs'): Promise<void> {
    const c = this.state.conflict;
    if (!c) return;
    this.set({ status: 'idle', conflict: null, revision: c.theirs.revision });
    if (choice === 'mine') {
      this.draft = c.mine;
      await this.write();
    } else {
      this.draft = null;
      this.opt.onSaved?.(c.theirs);
    }
  }

  /**
   * Another tab wrote this record. Returns true when the editor should show `record` (nothing of ours is
   * pending, so taking it loses nothing); otherwise the next write will meet the conflict and ask.
   */
  external(record: R): boolean {
    if (record.revision <= this.state.revision) return false;
    if (this.dirty || this.state.status === 'conflict') return false;
    this.set({ revision: record.revision });
    return true;
  }

  /** Stops timers (the editor closed); call flush() first to keep the draft. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.write();
    }, ms);
  }

  private async write(): Promise<void> {
    if (this.inFlight) {
      await this.inFlight;
      if (this.draft === null) return;
    }
    const draft = this.draft;
    if (draft === null) return;
    this.draft = null;
    this.waitingSince = null;
    this.set({ status: 'saving' });
    const base = this.state.revision === 0 ? undefined : this.state.revision;
    let done!: () => void;
    this.inFlight = new Promise((ok) => (done = ok));
    try {
      const answer = await this.opt.save(draft, this.opt.id, base);
      this.failures = 0;
      if (answer.ok) {
        this.set({ revision: answer.record.revision, error: null, status: this.draft === null ? 'saved' : 'pending' });
        this.opt.onSaved?.(answer.record);
      } else {
        // keep the newest text the reviewer typed as "mine"
        const mine = this.draft ?? answer.conflict.mine;
        this.draft = null;
        this.set({ status: 'conflict', conflict: { mine, theirs: answer.conflict.theirs } });
      }
    } catch (e) {
      const code = (e as { code?: string }).code ?? 'internal';
      this.draft ??= draft; // newer text typed meanwhile wins; otherwise keep this one
      this.set({ status: 'error', error: code });
      if (RETRYABLE.has(code)) {
        this.schedule(RETRY_DELAYS_MS[Math.min(this.failures, RETRY_DELAYS_MS.length - 1)]!);
        this.failures++;
      }
    } finally {
      this.inFlight = null;
      done();
    }
    if (this.draft !== null && this.state.status === 'pending' && !this.timer) this.schedule(0);
  }

  private set(patch: Partial<SaverState<R, D>>): void {
    this.state = { ...this.state, ...patch };
    this.opt.onState(this.state);
  }
}

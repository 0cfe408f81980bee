// When SQLite folds its write-ahead log back into the database file. Left to
// itself it does so inside the commit that takes the log past 1,000 pages:
// one /challenge answer in about a hundred waited 4 ms or more for it (the
// log and the database flushed to disk), which was the write's p99. Cohort
// instead checkpoints once the store has been idle for a moment after a
// write, and raises SQLite's own threshold to a backstop that only a long
// burst of writes reaches (open.ts).
//
// Idleness is a timestamp per statement, not a timer per statement: the timer
// is armed once after a write and, when it fires early, re-armed for the rest.

export interface IdleCheckpointOptions {
  /** Quiet this long after the last statement, with a write since the last checkpoint, and it runs. */
  idleMs: number;
  /** Runs the checkpoint; returns false when it could not run now (a transaction is open) and should be tried later. */
  run(): boolean;
  now?: () => number;
}

export class IdleCheckpoint {
  readonly #opts: IdleCheckpointOptions;
  readonly #now: () => number;
  #last = 0;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(opts: IdleCheckpointOptions) {
    this.#opts = opts;
    this.#now = opts.now ?? (() => performance.now());
  }

  /** A statement ran; `wrote` when it changed the database (or committed a transaction). */
  activity(wrote: boolean): void {
    this.#last = this.#now();
    if (wrote && this.#timer === undefined && !this.#stopped) this.#arm(this.#opts.idleMs);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #arm(ms: number): void {
    // unref: a pending checkpoint never keeps a stopping process alive (SQLite checkpoints on close anyway).
    this.#timer = setTimeout(() => this.#fire(), ms).unref();
  }

  #fire(): void {
    this.#timer = undefined;
    if (this.#stopped) return;
    const quiet = this.#now() - this.#last;
    if (quiet < this.#opts.idleMs) return this.#arm(this.#opts.idleMs - quiet);
    if (!this.#opts.run()) this.#arm(this.#opts.idleMs);
  }
}

// Work that can wait for a quiet moment: a card attached to an answer that
// is already out. Answers come first. While interactions keep arriving, this
// waits; it runs once none has come in for QUIET_MS, or — so a bot that is
// never quiet still shows its cards — one job at a time once the oldest has
// waited MAX_WAIT_MS. Work that waited past MAX_AGE_MS is dropped: an
// answer's card minutes later helps no one, and its text says the same.
import type { Logger } from '../log.ts';

export interface QuietLaneOptions {
  quietMs?: number;
  maxWaitMs?: number;
  maxAgeMs?: number;
  /** More waiting than this and the oldest is dropped. */
  maxQueued?: number;
  now?: () => number;
  /** Told about work dropped and work that failed. */
  onDropped?(count: number, why: 'stale' | 'full'): void;
  onError?(err: unknown): void;
}

interface Job {
  added: number;
  run(): Promise<void>;
}

export class QuietLane {
  readonly #quietMs: number;
  readonly #maxWaitMs: number;
  readonly #maxAgeMs: number;
  readonly #maxQueued: number;
  readonly #now: () => number;
  readonly #opts: QuietLaneOptions;
  #queue: Job[] = [];
  #lastActivity = -Infinity;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;

  constructor(opts: QuietLaneOptions = {}) {
    this.#quietMs = opts.quietMs ?? 10;
    this.#maxWaitMs = opts.maxWaitMs ?? 5_000;
    this.#maxAgeMs = opts.maxAgeMs ?? 120_000;
    this.#maxQueued = opts.maxQueued ?? 200;
    this.#now = opts.now ?? (() => performance.now());
    this.#opts = opts;
  }

  get waiting(): number {
    return this.#queue.length;
  }

  /** An interaction came in: what waits, waits a little longer. */
  activity(): void {
    this.#lastActivity = this.#now();
  }

  add(run: () => Promise<void>): void {
    if (this.#stopped) return;
    this.#queue.push({ added: this.#now(), run });
    if (this.#queue.length > this.#maxQueued) {
      this.#queue.shift();
      this.#opts.onDropped?.(1, 'full');
    }
    this.#schedule(this.#quietMs);
  }

  /** Runs everything waiting now, quiet or not, and resolves when nothing is left (tests; a stop). */
  async drain(): Promise<void> {
    clearTimeout(this.#timer);
    while (this.#running || this.#queue.length) {
      if (this.#running) await this.#running;
      else await (this.#running = this.#runOne().finally(() => (this.#running = undefined)));
    }
  }

  /** Drops what waits and takes no more. */
  stop(): number {
    this.#stopped = true;
    clearTimeout(this.#timer);
    const dropped = this.#queue.length;
    this.#queue = [];
    return dropped;
  }

  #schedule(inMs: number): void {
    if (this.#running) return; // the running job schedules the next turn when it ends
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#turn(), Math.max(0, inMs));
    this.#timer.unref();
  }

  #turn(): void {
    this.#dropStale();
    if (!this.#queue.length) return;
    const now = this.#now();
    const quietFor = now - this.#lastActivity;
    const oldestWait = now - this.#queue[0]!.added;
    if (quietFor < this.#quietMs && oldestWait < this.#maxWaitMs) {
      this.#schedule(Math.min(this.#quietMs - quietFor, this.#maxWaitMs - oldestWait));
      return;
    }
    this.#running = this.#runOne().finally(() => {
      this.#running = undefined;
      // Busy again? The next waits for quiet (or its own deadline); quiet: straight on.
      if (this.#queue.length) this.#schedule(this.#now() - this.#lastActivity < this.#quietMs ? this.#quietMs : 0);
    });
  }

  async #runOne(): Promise<void> {
    const job = this.#queue.shift();
    if (!job) return;
    try {
      await job.run();
    } catch (err) {
      this.#opts.onError?.(err);
    }
  }

  #dropStale(): void {
    const now = this.#now();
    const fresh = this.#queue.filter((j) => now - j.added <= this.#maxAgeMs);
    if (fresh.length < this.#queue.length) this.#opts.onDropped?.(this.#queue.length - fresh.length, 'stale');
    this.#queue = fresh;
  }
}

/** How often dropped cards are summed up in the log: a burst drops many, and one line says so. */
const DROP_LOG_EVERY_MS = 10_000;

/** The lane a platform adds cards through, logging what it drops (summed up, never a line per card on the answering path). */
export function quietLane(log: Logger): QuietLane {
  const dropped = { stale: 0, full: 0 };
  let timer: NodeJS.Timeout | undefined;
  const report = () => {
    timer = undefined;
    log.info({ ...dropped }, 'cards left off their answers while the bot was busy (the answers went out as text)');
    dropped.stale = dropped.full = 0;
  };
  return new QuietLane({
    onDropped: (count, why) => {
      dropped[why] += count;
      timer ??= setTimeout(report, DROP_LOG_EVERY_MS).unref();
    },
    onError: (err) => log.warn({ err }, 'adding a card to an answer failed; it stays as text'),
  });
}

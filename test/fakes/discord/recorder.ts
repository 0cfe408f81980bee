// An append-only log that a test can read synchronously or await. Waits always
// have a deadline: a test of a network client must fail with a readable
// message, never hang until vitest's own (much longer) timeout.

export const DEFAULT_WAIT_MS = 3_000;

export interface WaitOptions {
  /** How long to wait before failing; defaults to 3 s. */
  timeoutMs?: number;
  /** Names what is awaited in the failure message. */
  description?: string;
}

interface Waiter<T> {
  matches: (item: T) => boolean;
  resolve: (item: T) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class Recorder<T> {
  readonly items: T[] = [];
  #waiters = new Set<Waiter<T>>();
  #closed: string | null = null;

  /**
   * @param what names the log in failure messages ("REST request").
   * @param describe prints one item in failure messages.
   */
  constructor(
    private readonly what: string,
    private readonly describe: (item: T) => string,
  ) {}

  push(item: T): void {
    this.items.push(item);
    for (const waiter of this.#waiters) {
      if (waiter.matches(item)) {
        this.#settle(waiter);
        waiter.resolve(item);
      }
    }
  }

  /** The first item (already logged or still to come) that matches. */
  waitFor(matches: (item: T) => boolean, options: WaitOptions = {}): Promise<T> {
    const existing = this.items.find(matches);
    if (existing !== undefined) return Promise.resolve(existing);
    if (this.#closed !== null) return Promise.reject(new Error(`${this.what} log is closed (${this.#closed})`));
    const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_MS;
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        matches,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#settle(waiter);
          reject(new Error(this.#failure(`Timed out after ${timeoutMs} ms`, matches, options)));
        }, timeoutMs),
      };
      this.#waiters.add(waiter);
    });
  }

  /** Waits until `count` items match, and returns them in order. */
  async waitForCount(matches: (item: T) => boolean, count: number, options: WaitOptions = {}): Promise<T[]> {
    let seen = 0;
    await this.waitFor((item) => matches(item) && ++seen >= count, {
      ...options,
      description: options.description ?? `${count} x ${String(matches)}`,
    });
    return this.items.filter(matches).slice(0, count);
  }

  /** Rejects every pending wait; later waits for absent items fail at once. */
  close(reason: string): void {
    this.#closed = reason;
    for (const waiter of this.#waiters) {
      this.#settle(waiter);
      waiter.reject(new Error(this.#failure(`Stopped waiting: ${reason}`, waiter.matches, {})));
    }
  }

  #settle(waiter: Waiter<T>): void {
    clearTimeout(waiter.timer);
    this.#waiters.delete(waiter);
  }

  #failure(why: string, matches: (item: T) => boolean, options: WaitOptions): string {
    const wanted = options.description ?? String(matches);
    const log = this.items.length === 0 ? '  (nothing)' : this.items.map((item) => `  ${this.describe(item)}`).join('\n');
    return `${why} for a ${this.what} matching ${wanted}\nRecorded so far:\n${log}`;
  }
}

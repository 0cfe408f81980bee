// An append-only log that tests can read at once or await.
//
// Everything the fake Slack sees (Web API calls, response_url posts, Socket
// Mode acks) is pushed here. `waitFor` first looks at what is already recorded,
// then at what arrives, and always gives up after a timeout with a message that
// lists what *was* recorded: a test must fail in seconds, never hang.

export const DEFAULT_WAIT_MS = 2_000;

export interface WaitOptions {
  /** How long to wait before failing; default 2 s. */
  timeoutMs?: number;
}

interface Waiter<T> {
  predicate: (item: T) => boolean;
  resolve: (item: T) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class Recorder<T> {
  readonly #items: T[] = [];
  readonly #waiters = new Set<Waiter<T>>();
  #closed: string | undefined;

  /**
   * @param what  a noun for error messages, e.g. "Web API call"
   * @param describe  one short line per item for error messages
   */
  constructor(
    private readonly what: string,
    private readonly describe: (item: T) => string,
  ) {}

  /** Everything recorded so far, oldest first. */
  get all(): readonly T[] {
    return this.#items;
  }

  push(item: T): void {
    this.#items.push(item);
    for (const waiter of [...this.#waiters]) {
      if (waiter.predicate(item)) this.#settle(waiter, () => waiter.resolve(item));
    }
  }

  /** The first recorded item matching `predicate`, waiting for it if need be. */
  waitFor(predicate: (item: T) => boolean, { timeoutMs = DEFAULT_WAIT_MS }: WaitOptions = {}, label = describePredicate(predicate)): Promise<T> {
    const found = this.#items.find(predicate);
    if (found !== undefined) return Promise.resolve(found);
    if (this.#closed !== undefined) return Promise.reject(new Error(`Cannot wait for a ${this.what} matching ${label}: ${this.#closed}`));
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#settle(waiter, () => reject(new Error(`Timed out after ${timeoutMs}ms waiting for a ${this.what} matching ${label}.\n${this.summary()}`)));
        }, timeoutMs),
      };
      this.#waiters.add(waiter);
    });
  }

  /** Fails every pending wait at once (the fake is closing). */
  close(reason: string): void {
    this.#closed = reason;
    for (const waiter of [...this.#waiters]) this.#settle(waiter, () => waiter.reject(new Error(`Gave up waiting for a ${this.what}: ${reason}`)));
  }

  summary(): string {
    if (this.#items.length === 0) return `No ${this.what} was recorded.`;
    return `Recorded (${this.#items.length}):\n${this.#items.map((item, i) => `  ${i + 1}. ${this.describe(item)}`).join('\n')}`;
  }

  #settle(waiter: Waiter<T>, settle: () => void): void {
    clearTimeout(waiter.timer);
    this.#waiters.delete(waiter);
    settle();
  }
}

function describePredicate(predicate: (item: never) => boolean): string {
  const source = predicate.toString().replace(/\s+/g, ' ');
  return source.length > 160 ? `${source.slice(0, 157)}...` : source;
}

/** Rejects with a clear message if `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms}ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A promise with its resolve/reject exposed, for values produced inside listeners. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

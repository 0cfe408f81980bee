// Sends fanned out by the scheduler. Each lane (a channel, or a member's DMs)
// sends in order with a minimum spacing; lanes run side by side up to a
// concurrency limit. Failures are retried with backoff, then reported — never
// dropped. Command handling never goes through here, so it is never delayed.

export interface QueueOptions {
  /** Lanes sending at the same time. */
  concurrency: number;
  /** Waits before each retry; its length is the number of retries. */
  retryDelaysMs: readonly number[];
}

export interface QueueTask<T> {
  lane: string;
  spacingMs: number;
  send(): Promise<T>;
  /** Whether a failure is worth another attempt. */
  retryable(err: unknown): boolean;
  /** Records the outcome; awaited, so the queue is idle only once it is recorded. */
  sent(result: T, attempts: number): Promise<void>;
  failed(err: unknown, attempts: number): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class PacedQueue {
  readonly #lanes = new Map<string, QueueTask<unknown>[]>();
  readonly #waiting: string[] = [];
  #active = 0;
  #idle: (() => void)[] = [];
  #closed = false;

  constructor(private readonly options: QueueOptions) {}

  get pending(): number {
    let n = 0;
    for (const tasks of this.#lanes.values()) n += tasks.length;
    return n + this.#active;
  }

  push<T>(task: QueueTask<T>): void {
    if (this.#closed) throw new Error('the send queue is closed');
    const lane = this.#lanes.get(task.lane);
    if (lane) {
      lane.push(task as QueueTask<unknown>);
      return;
    }
    this.#lanes.set(task.lane, [task as QueueTask<unknown>]);
    this.#waiting.push(task.lane);
    this.#pump();
  }

  /** Resolves when every task pushed so far has been sent or has failed. */
  onIdle(): Promise<void> {
    if (this.pending === 0 && this.#waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /** Stops taking new tasks; what is queued still goes out. */
  close(): void {
    this.#closed = true;
  }

  #pump(): void {
    while (this.#active < this.options.concurrency && this.#waiting.length > 0) {
      const lane = this.#waiting.shift()!;
      this.#active += 1;
      void this.#drain(lane).finally(() => {
        this.#active -= 1;
        this.#pump();
        if (this.#active === 0 && this.#waiting.length === 0) for (const resolve of this.#idle.splice(0)) resolve();
      });
    }
  }

  async #drain(lane: string): Promise<void> {
    const tasks = this.#lanes.get(lane)!;
    while (tasks.length > 0) {
      const task = tasks.shift()!;
      await this.#attempt(task);
      if (tasks.length > 0 && task.spacingMs > 0) await sleep(task.spacingMs);
    }
    this.#lanes.delete(lane);
  }

  async #attempt(task: QueueTask<unknown>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      let result: unknown;
      try {
        result = await task.send();
      } catch (err) {
        const delay = this.options.retryDelaysMs[attempt - 1];
        if (delay === undefined || !task.retryable(err)) return task.failed(err, attempt);
        await sleep(delay);
        continue;
      }
      // Outside the try: a failure to record a send must never resend it.
      return task.sent(result, attempt);
    }
  }
}

// Incoming Slack requests still being answered, so a stop can let them
// finish. (Which were already seen is decided in the store: domain/deliveries.ts.)

export class InFlight {
  readonly #running = new Set<Promise<void>>();

  /** `onWork` hears of every request as it starts (the quiet lane holds cards back meanwhile). */
  constructor(private readonly onWork: () => void = () => undefined) {}

  /** Runs `work`, remembered until it settles. */
  run(work: () => Promise<void>): Promise<void> {
    this.onWork();
    const p = work().finally(() => this.#running.delete(p));
    this.#running.add(p);
    return p;
  }

  /** Resolves once nothing is running, including work started while waiting. */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }
}

/**
 * Lets waiting I/O in before going on. A command's work after its ack runs in
 * promise callbacks that never give the event loop a turn, so the next
 * request's ack would wait for all of it; a yield between the stages lets
 * that ack go first.
 */
export const letOthersIn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

// Incoming Slack requests still being answered, so a stop can let them
// finish. (Which were already seen is decided in the store: domain/deliveries.ts.)

/** The longest a command's next stage waits for other requests' acks, so a flood of requests cannot starve it. */
export const ACK_WAIT_MS = 50;

export class InFlight {
  readonly #running = new Set<Promise<void>>();
  /** HTTP requests received and not yet acknowledged (counted by the receiver; none in Socket Mode). */
  #unacked = 0;
  #acked: (() => void)[] = [];

  /** `onWork` hears of every request as it starts (the quiet lane holds cards back meanwhile). */
  constructor(private readonly onWork: () => void = () => undefined) {}

  /** Runs `work`, remembered until it settles. */
  run(work: () => Promise<void>): Promise<void> {
    this.onWork();
    const p = work().finally(() => this.#running.delete(p));
    this.#running.add(p);
    return p;
  }

  /** A request has arrived over HTTP; call what this returns once its response (the ack) is written. */
  arrived(): () => void {
    this.#unacked++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      if (--this.#unacked === 0) for (const wake of this.#acked.splice(0)) wake();
    };
  }

  /**
   * Lets waiting requests in before going on. A command's work after its ack
   * runs in promise callbacks that never give the event loop a turn, so the
   * next request's ack would wait for all of it. Between stages this gives the
   * loop a turn, then waits while any request that arrived is still unacked
   * (at most ACK_WAIT_MS): acks first, as Slack's 3-second rule wants.
   */
  async letOthersIn(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.#unacked === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ACK_WAIT_MS);
      this.#acked.push(() => (clearTimeout(timer), resolve()));
    });
  }

  /** Resolves once nothing is running, including work started while waiting. */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }
}


// Time is injected everywhere the rules depend on it, so tests can run months
// of simulated days (DST changes included) in seconds.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to: for tests and the shell's `:clock`. */
export class ManualClock implements Clock {
  #ms: number;
  constructor(start: Date | string) {
    this.#ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  set(to: Date | string): void {
    this.#ms = new Date(to).getTime();
  }
  advance(ms: number): void {
    this.#ms += ms;
  }
}

/** Real time until `set`, then the time it was set to (the shell's `:clock`). */
export class SettableClock implements Clock {
  #fixed: number | undefined;
  now(): Date {
    return new Date(this.#fixed ?? Date.now());
  }
  set(to: Date): void {
    this.#fixed = to.getTime();
  }
}

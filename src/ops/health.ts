// What the running bot knows is wrong with it, in process: dispatch reports a
// write the store refused (disk full, read-only), and the next write that
// succeeds clears it. /healthz reads problems().

export class Health {
  #store: string | undefined;

  /** A write failed for a reason that will not pass by retrying (`cause` is one readable line). */
  storeFailure(cause: string): void {
    this.#store = cause;
  }

  /** A write went through: the store takes writes again. */
  storeOk(): void {
    this.#store = undefined;
  }

  problems(): string[] {
    return this.#store === undefined ? [] : [`the store refuses writes: ${this.#store}`];
  }
}

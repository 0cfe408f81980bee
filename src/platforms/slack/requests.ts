// Bookkeeping of incoming Slack requests: which were already seen (Slack
// retries a delivery it thinks was lost, and Socket Mode can redeliver), and
// which are still being answered (so a stop can let them finish).

/** `seen(id)` is false the first time an id is given within `ttlMs`, true after. */
export function recentlySeen(ttlMs = 10 * 60_000): (id: string) => boolean {
  const seenAt = new Map<string, number>();
  return (id) => {
    const now = Date.now();
    // Ids arrive in time order, so the oldest are first in the map.
    for (const [old, at] of seenAt) {
      if (at > now - ttlMs) break;
      seenAt.delete(old);
    }
    if (seenAt.has(id)) return true;
    seenAt.set(id, now);
    return false;
  };
}

export class InFlight {
  readonly #running = new Set<Promise<void>>();

  /** Runs `work`, remembered until it settles. */
  run(work: () => Promise<void>): Promise<void> {
    const p = work().finally(() => this.#running.delete(p));
    this.#running.add(p);
    return p;
  }

  /** Resolves once nothing is running, including work started while waiting. */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }
}

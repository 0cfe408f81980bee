// Sign-in is rate-limited per client address: a fixed window of attempts,
// so a script cannot hammer the OAuth callbacks or guess one-time links.
export class RateLimit {
  private readonly hits = new Map<string, { count: number; until: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one attempt; false when the address has used up its window. */
  take(key: string): boolean {
    const t = this.now();
    const hit = this.hits.get(key);
    if (!hit || hit.until <= t) {
      if (this.hits.size > 10_000) this.hits.clear();
      this.hits.set(key, { count: 1, until: t + this.windowMs });
      return true;
    }
    hit.count++;
    return hit.count <= this.max;
  }
}

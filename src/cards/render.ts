// The one way cards are rendered: by kind, with the group's theme, through a
// cache keyed by a hash of the inputs (the same picture is never drawn twice
// while it is still cached) and a limit on renders running at once, so a
// fan-out of thousands of groups queues here instead of holding thousands of
// canvases in memory, and interactions keep their turn.
import { createHash } from 'node:crypto';
import type { CertificateCardInput } from './certificate.ts';
import type { HeatmapCardInput } from './heatmap.ts';
import type { LeaderboardCardInput } from './leaderboard.ts';
import type { ProgressCardInput } from './progress.ts';
import type { RecapCardInput } from './recap.ts';
import { THEMES, type Theme, type ThemeName } from './theme.ts';

export interface CardInputs {
  progress: ProgressCardInput;
  heatmap: HeatmapCardInput;
  leaderboard: LeaderboardCardInput;
  recap: RecapCardInput;
  certificate: CertificateCardInput;
}
export type CardKind = keyof CardInputs;

type Drawers = { [K in CardKind]: (input: CardInputs[K], theme: Theme) => Promise<Buffer> };

// The canvas library (a native module) loads with the first card, not at start-up: it takes a few hundred ms.
let drawers: Promise<Drawers> | undefined;
const loadDrawers = (): Promise<Drawers> =>
  (drawers ??= Promise.all([import('./progress.ts'), import('./heatmap.ts'), import('./leaderboard.ts'), import('./recap.ts'), import('./certificate.ts')]).then(
    ([p, h, l, r, c]) => ({ progress: p.progressCard, heatmap: h.heatmapCard, leaderboard: l.leaderboardCard, recap: r.recapCard, certificate: c.certificateCard }),
  ));

/** Renders at once; more wait their turn. The machine this targets has 2 cores. */
export const MAX_CONCURRENT_RENDERS = 2;
/** Cached pictures (a card is 20–60 KB): a few MiB at most. */
const CACHE_ENTRIES = 256;

const cache = new Map<string, Buffer>();
const inFlight = new Map<string, Promise<Buffer>>();
let running = 0;
const waiting: (() => void)[] = [];

export const cardStats = { renders: 0, cacheHits: 0, maxRunning: 0, maxWaiting: 0 };

export function cardKey<K extends CardKind>(kind: K, input: CardInputs[K], theme: ThemeName): string {
  return createHash('sha256').update(`${kind}\0${theme}\0${JSON.stringify(input)}`).digest('base64url');
}

export async function renderCard<K extends CardKind>(kind: K, input: CardInputs[K], theme: ThemeName = 'light'): Promise<Buffer> {
  const key = cardKey(kind, input, theme);
  const hit = cache.get(key);
  if (hit) {
    cardStats.cacheHits++;
    // Least recently used goes first: a hit moves to the end.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const pending = inFlight.get(key);
  if (pending) return pending;
  const job = limited(async () => (await loadDrawers())[kind](input, THEMES[theme])).finally(() => inFlight.delete(key));
  inFlight.set(key, job);
  const png = await job;
  cache.set(key, png);
  if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  return png;
}

async function limited<T>(fn: () => Promise<T>): Promise<T> {
  if (running < MAX_CONCURRENT_RENDERS) running++;
  // A finishing render hands its slot straight to the next in line, so none is taken in between.
  else await new Promise<void>((resolve) => cardStats.maxWaiting = Math.max(cardStats.maxWaiting, waiting.push(resolve)));
  cardStats.maxRunning = Math.max(cardStats.maxRunning, running);
  try {
    cardStats.renders++;
    return await fn();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** Empties the cache (benchmarks measure cold renders). */
export function clearCardCache(): void {
  cache.clear();
}

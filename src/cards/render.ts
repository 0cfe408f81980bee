// The one way cards are rendered: by kind, with the group's theme, in a
// renderer child process (renderer-process.ts) at a lower CPU priority than
// the bot's, so drawing never holds up an answer and canvas's ~80 MiB of
// native memory stays out of the bot's process; the renderer exits when idle
// and starts again with the next card. In front of it: a cache keyed by a hash
// of the inputs (the same picture is never drawn twice while cached), and a
// limit on renders at once, so a fan-out of thousands of groups queues here.
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { CardInputs, CardKind } from './kinds.ts';
import type { CardRequest, CardResponse } from './renderer-protocol.ts';
import type { ThemeName } from './theme.ts';

export type { CardInputs, CardKind } from './kinds.ts';

/** Renders at once (one drawing while another encodes). The machine this targets has 2 cores. */
export const MAX_CONCURRENT_RENDERS = 2;
/**
 * Cards that may be skipped (those attached to an answer, whose text stands
 * alone) are skipped when this many renders already wait: under a burst a
 * picture seconds late is worth less than the CPU it takes from answers.
 */
export const MAX_WAITING_OPTIONAL = 24;
/** Cached pictures (a card is 20–60 KB): about 2 MiB at most. */
const CACHE_ENTRIES = 40;
/** An idle renderer exits after this long, giving its memory back. */
const IDLE_MS = 60_000;

export const cardStats = { renders: 0, cacheHits: 0, shed: 0, maxRunning: 0, maxWaiting: 0, renderersStarted: 0 };

export function cardKey<K extends CardKind>(kind: K, input: CardInputs[K], theme: ThemeName): string {
  return createHash('sha256').update(`${kind}\0${theme}\0${JSON.stringify(input)}`).digest('base64url');
}

const cache = new Map<string, Buffer>();
const inFlight = new Map<string, Promise<Buffer>>();

/** Renders a card, waiting its turn however long the queue (posts, and cards asked for on their own). */
export function renderCard<K extends CardKind>(kind: K, input: CardInputs[K], theme: ThemeName = 'light'): Promise<Buffer> {
  return cached(kind, input, theme, false) as Promise<Buffer>;
}

/** Renders a card unless the renderer is busy with a backlog; then resolves to nothing (the answer goes without it). */
export function renderCardUnlessBusy<K extends CardKind>(kind: K, input: CardInputs[K], theme: ThemeName = 'light'): Promise<Buffer | undefined> {
  return cached(kind, input, theme, true);
}

async function cached<K extends CardKind>(kind: K, input: CardInputs[K], theme: ThemeName, optional: boolean): Promise<Buffer | undefined> {
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
  if (optional && queue.length >= MAX_WAITING_OPTIONAL) {
    cardStats.shed++;
    return undefined;
  }
  const job = renderer.render({ kind, input, theme }).finally(() => inFlight.delete(key));
  inFlight.set(key, job);
  const png = await job;
  cache.set(key, png);
  if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  return png;
}

interface Job {
  request: Omit<CardRequest, 'id'>;
  resolve(png: Buffer): void;
  reject(err: Error): void;
}
const queue: Job[] = [];

/** The renderer child: started with the first card, restarted after a crash, stopped when idle. */
const renderer = new (class Renderer {
  #child: ChildProcess | undefined;
  #running = new Map<number, Job>();
  #nextId = 1;
  #idle: NodeJS.Timeout | undefined;

  render(request: Job['request']): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      queue.push({ request, resolve, reject });
      cardStats.maxWaiting = Math.max(cardStats.maxWaiting, queue.length);
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#running.size < MAX_CONCURRENT_RENDERS && queue.length) {
      const job = queue.shift()!;
      const id = this.#nextId++;
      this.#running.set(id, job);
      cardStats.renders++;
      cardStats.maxRunning = Math.max(cardStats.maxRunning, this.#running.size);
      this.#start().send({ id, ...job.request } satisfies CardRequest);
    }
    this.#hold(this.#running.size > 0);
  }

  #start(): ChildProcess {
    if (this.#child?.connected) return this.#child;
    const here = import.meta.url;
    // From the sources (tests, `npm start`) the child needs the TypeScript loader; from dist/ it doesn't.
    const ts = here.endsWith('.ts');
    const child = fork(fileURLToPath(new URL(ts ? './renderer-process.ts' : './renderer-process.js', here)), [], {
      serialization: 'advanced', // Buffers cross as bytes, not JSON
      execArgv: ts ? ['--import', 'tsx'] : [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    cardStats.renderersStarted++;
    child.on('message', (m: CardResponse) => this.#answer(m));
    child.on('exit', (code, signal) => this.#exited(child, code, signal));
    child.on('error', () => undefined); // reported through 'exit'
    this.#child = child;
    return child;
  }

  #answer(m: CardResponse): void {
    const job = this.#running.get(m.id);
    if (!job) return;
    this.#running.delete(m.id);
    if ('png' in m) job.resolve(Buffer.from(m.png.buffer, m.png.byteOffset, m.png.byteLength));
    else if ('error' in m) job.reject(new Error(`drawing the ${job.request.kind} card failed: ${m.error}`));
    this.#pump();
  }

  #exited(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.#child !== child) return;
    this.#child = undefined;
    // Whatever it was drawing is lost; a later card starts a new renderer.
    const lost = [...this.#running.values()];
    this.#running.clear();
    for (const job of lost) job.reject(new Error(`the card renderer stopped (${signal ?? `exit code ${code}`}) while drawing a ${job.request.kind} card`));
    this.#pump();
  }

  /** While drawing, the renderer keeps the bot's process alive; idle, it neither does nor lingers. */
  #hold(busy: boolean): void {
    const child = this.#child;
    if (!child) return;
    clearTimeout(this.#idle);
    if (busy) {
      child.ref();
      child.channel?.ref();
      return;
    }
    child.unref();
    child.channel?.unref();
    this.#idle = setTimeout(() => this.stop(), IDLE_MS).unref();
  }

  get pid(): number | undefined {
    return this.#child?.connected ? this.#child.pid : undefined;
  }

  stop(): void {
    clearTimeout(this.#idle);
    // Closing the channel is the renderer's cue to exit.
    if (this.#child?.connected && this.#running.size === 0) this.#child.disconnect();
  }
})();

/** Stops an idle renderer now (the bot is stopping); one that is drawing finishes first and exits when idle. */
export function stopCardRenderer(): void {
  renderer.stop();
}

/** The renderer's process id while it runs (operators and tests). */
export function cardRendererPid(): number | undefined {
  return renderer.pid;
}

/** Empties the cache (benchmarks measure cold renders). */
export function clearCardCache(): void {
  cache.clear();
}

// A platform at the scheduler's boundary, for tests: it records what would be
// posted and can be told to fail the way real platforms do.
import type { Reply } from '../../src/commands/types.ts';
import { DeliveryError, type Poster } from '../../src/scheduler/poster.ts';
import { createScheduler, type Scheduler } from '../../src/scheduler/scheduler.ts';
import { createLogger } from '../../src/log.ts';
import type { TestApp } from './app.ts';
import { flatten } from './chat.ts';

export interface Sent {
  kind: 'post' | 'dm';
  to: string;
  reply: Reply;
  text: string;
  nonce: string;
}

export class RecordingPoster implements Poster {
  readonly platform = 'shell' as const;
  readonly sent: Sent[] = [];
  readonly attempts: string[] = [];
  /** Errors thrown by the next sends, in order. */
  readonly failures: DeliveryError[] = [];

  constructor(readonly channelIntervalMs = 0) {}

  async post(to: { channelId: string }, reply: Reply, opts: { nonce: string }) {
    return this.#send('post', to.channelId, reply, opts.nonce);
  }

  async dm(to: { userId: string }, reply: Reply, opts: { nonce: string }) {
    return this.#send('dm', to.userId, reply, opts.nonce);
  }

  #send(kind: Sent['kind'], to: string, reply: Reply, nonce: string) {
    this.attempts.push(`${kind}:${to}`);
    const failure = this.failures.shift();
    if (failure) return Promise.reject(failure);
    this.sent.push({ kind, to, reply, text: flatten(reply), nonce });
    return Promise.resolve({ messageId: `m${this.sent.length}` });
  }

  /** Titles of what was sent, as "post:channel TITLE" / "dm:user TITLE". */
  titles(): string[] {
    return this.sent.map((s) => `${s.kind}:${s.to} ${s.reply.title ?? ''}`.trim());
  }

  failNext(kind: DeliveryError['kind'], message: string, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push(new DeliveryError(kind, message));
  }
}

export function scheduledApp(app: TestApp, poster = new RecordingPoster()): { scheduler: Scheduler; poster: RecordingPoster } {
  const scheduler = createScheduler({ deps: app.deps, log: createLogger('silent'), posters: [poster], queue: { retryDelaysMs: [5, 10] } });
  return { scheduler, poster };
}

/** Moves the clock and runs one tick to completion. */
export async function tickAt(app: TestApp, scheduler: Scheduler, iso: string): Promise<void> {
  app.clock.set(iso);
  await scheduler.tick();
  await scheduler.idle();
}

// What a platform gives the scheduler: a way to post in a channel and to DM a
// member. Each platform implements it; the scheduler knows nothing else.
import type { Reply } from '../commands/types.ts';
import type { Platform } from '../db/types.ts';

export interface SendOptions {
  /** Derived from the run: on Discord a resend with the same nonce returns the first message. */
  nonce: string;
}

export interface Poster {
  readonly platform: Platform;
  /** The least time between two messages to one channel (Slack allows about one a second). */
  readonly channelIntervalMs: number;
  post(to: { communityId: string; channelId: string }, reply: Reply, opts: SendOptions): Promise<{ messageId: string }>;
  dm(to: { communityId: string; userId: string }, reply: Reply, opts: SendOptions): Promise<{ messageId: string }>;
}

/**
 * A failed send, classified. `gone` (the channel was deleted) and `forbidden`
 * (no permission) will not fix themselves, so they are not retried and the
 * group's posts pause; `transient` failures are retried with backoff.
 */
export class DeliveryError extends Error {
  constructor(
    readonly kind: 'gone' | 'forbidden' | 'transient',
    message: string,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

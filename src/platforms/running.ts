// What main.ts gets back from starting a chat platform: the poster the
// scheduler sends through, and a clean stop.
import type { Reply } from '../commands/types.ts';
import type { Poster } from '../scheduler/poster.ts';

export interface RunningPlatform {
  readonly name: string;
  readonly poster: Poster;
  /** What is wrong with the connection right now, in words (for /healthz); undefined while connected. */
  problem(): string | undefined;
  /**
   * Posts a public reply as a command run in `to.channelId` would: into the
   * reply's thread (opened when new), its channel, or that channel. The web
   * dashboard posts mentors' decisions into the review thread through it.
   */
  deliver?(to: { communityId: string; channelId: string }, reply: Reply): Promise<void>;
  /** Whether the user is an admin of the community (Slack: workspace admin or owner), for dashboard sign-in. */
  isAdmin?(to: { communityId: string; userId: string }): Promise<boolean>;
  /** Disconnects; in-flight replies are finished or abandoned, never half-written in the store. */
  stop(): Promise<void>;
}

// What main.ts gets back from starting a chat platform: the poster the
// scheduler sends through, and a clean stop.
import type { Poster } from '../scheduler/poster.ts';

export interface RunningPlatform {
  readonly name: string;
  readonly poster: Poster;
  /** What is wrong with the connection right now, in words (for /healthz); undefined while connected. */
  problem(): string | undefined;
  /** Disconnects; in-flight replies are finished or abandoned, never half-written in the store. */
  stop(): Promise<void>;
}

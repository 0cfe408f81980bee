// Placeholder until the Discord adapter lands: starting it fails with a clear message.
import type { App } from '../../app.ts';
import type { DiscordConfig } from '../../config.ts';
import type { Logger } from '../../log.ts';
import type { RunningPlatform } from '../running.ts';

export function startDiscord(_opts: { app: App; config: DiscordConfig; log: Logger }): Promise<RunningPlatform> {
  return Promise.reject(new Error('The Discord adapter is not built yet.'));
}

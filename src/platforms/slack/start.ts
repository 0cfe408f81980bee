// Placeholder until the Slack adapter lands: starting it fails with a clear message.
import type { App } from '../../app.ts';
import type { SlackConfig } from '../../config.ts';
import type { Logger } from '../../log.ts';
import type { RunningPlatform } from '../running.ts';

export function startSlack(_opts: { app: App; config: SlackConfig; log: Logger }): Promise<RunningPlatform> {
  return Promise.reject(new Error('The Slack adapter is not built yet.'));
}

// bolt and its Web API and Socket Mode clients log through this: the app's
// pino logger, tagged with the platform, at the app's level.
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../log.ts';

const BOLT_LEVEL: Record<string, LogLevel> = { trace: LogLevel.DEBUG, debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN };

export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ platform: 'slack' });
  const line = (parts: unknown[]) => parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(' ');
  // bolt and the Web API client call debug() several times per request, with whole request and
  // response bodies: they are turned into text only when the level would print them.
  return {
    debug: (...m: unknown[]) => void (child.isLevelEnabled('debug') && child.debug(line(m))),
    info: (...m: unknown[]) => void (child.isLevelEnabled('info') && child.info(line(m))),
    warn: (...m: unknown[]) => child.warn(line(m)),
    error: (...m: unknown[]) => child.error(line(m)),
    // The level follows LOG_LEVEL; bolt's own setting is ignored.
    setLevel: () => {},
    getLevel: () => BOLT_LEVEL[child.level] ?? LogLevel.ERROR,
    setName: () => {},
  };
}

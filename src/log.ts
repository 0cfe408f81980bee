// Logs go to stderr as JSON lines (pino), so stdout stays clean for the shell's chat.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: undefined }, pino.destination(2));
}

// Logs go to stderr as JSON lines (pino), so stdout stays clean for the shell's chat.
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination: DestinationStream = pino.destination(2)): Logger {
  return pino({ level, base: undefined }, destination);
}

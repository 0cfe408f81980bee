// Logs go to stderr as JSON lines (pino), so stdout stays clean for the shell's chat.
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination: DestinationStream = pino.destination(2)): Logger {
  return pino({ level, base: undefined }, destination);
}

const LEVEL_NAMES: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warning', 50: 'error', 60: 'fatal' };

/**
 * Log lines for a person at a terminal (the shell on a TTY): one readable line per
 * entry, "warning: missed while the bot was down; not posted late (job=daily …)",
 * instead of JSON. Anything not read by a person keeps the JSON lines.
 */
export function readableLines(out: { write(text: string): unknown }): DestinationStream {
  return {
    write(line: string) {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        out.write(line);
        return;
      }
      const { level, time: _time, msg, err, ...rest } = entry;
      const cause = err && typeof err === 'object' && 'message' in err ? ` — ${String((err as { message: unknown }).message)}` : '';
      const details = Object.entries(rest)
        .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join(' ');
      out.write(`${LEVEL_NAMES[Number(level)] ?? 'log'}: ${typeof msg === 'string' ? msg : ''}${cause}${details ? ` (${details})` : ''}\n`);
    },
  };
}

// What a button carries: the command a press runs, who may press it, and
// whether to ask for text first. Slack keeps a button's value (up to 2,000
// characters) and sends it back untouched with the press, so it needs no store.
import type { Button } from '../../commands/types.ts';

/** Every Cohort button's action_id starts with this; the rest only keeps ids unique in a message. */
export const ACTION_PREFIX = 'cohort:';

export type Press = Pick<Button, 'command' | 'onlyFor' | 'ask'>;

export const pressValue = (b: Button): string => JSON.stringify({ command: b.command, onlyFor: b.onlyFor, ask: b.ask } satisfies Press);

/** The press a button value stands for, or undefined if it is not one of ours. */
export function readPress(value: string | undefined): Press | undefined {
  try {
    const p = JSON.parse(value ?? '') as Partial<Press> | null;
    return typeof p?.command === 'string' ? { command: p.command, onlyFor: p.onlyFor, ask: p.ask } : undefined;
  } catch {
    return undefined;
  }
}

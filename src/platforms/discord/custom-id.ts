// Buttons and modals carry what they do in their custom_id (at most 100
// characters), so a press still works after a restart with nothing kept in
// memory: `run|<onlyFor>|<command>` runs the command as the presser;
// `ask|<onlyFor>|<title>|<label>|<command>` first asks for text in a modal,
// and the modal's own id is `say|<onlyFor>|<command>`.
import type { Button } from '../../commands/types.ts';

export const CUSTOM_ID_MAX = 100;
/** The one text input of an `ask` modal. */
export const ASK_INPUT_ID = 'text';

export type Action =
  | { kind: 'run'; onlyFor: string; command: string }
  | { kind: 'ask'; onlyFor: string; title: string; label: string; command: string }
  | { kind: 'say'; onlyFor: string; command: string };

const clean = (s: string) => s.replace(/\|/g, '/');

export function buttonId(b: Button): string {
  const who = b.onlyFor ?? '';
  if (!b.ask) return fit(`run|${who}|${b.command}`);
  const full = `ask|${who}|${clean(b.ask.title).slice(0, 45)}|${clean(b.ask.label).slice(0, 45)}|${b.command}`;
  // The modal's wording is a nicety; the command must survive whole.
  return full.length <= CUSTOM_ID_MAX ? full : fit(`ask|${who}|||${b.command}`);
}

export const modalId = (onlyFor: string, command: string): string => fit(`say|${onlyFor}|${command}`);

export function parseCustomId(id: string): Action | undefined {
  const [kind, onlyFor = '', ...rest] = id.split('|');
  if (kind === 'run' || kind === 'say') return { kind, onlyFor, command: rest.join('|') };
  if (kind === 'ask' && rest.length >= 3) {
    const [title = '', label = '', ...command] = rest;
    return { kind, onlyFor, title, label, command: command.join('|') };
  }
  return undefined;
}

function fit(id: string): string {
  // Every command a button carries is short (`/review changes 12`); a long one is a bug to see, not to truncate.
  if (id.length > CUSTOM_ID_MAX) throw new Error(`custom_id longer than ${CUSTOM_ID_MAX} characters: ${id}`);
  return id;
}

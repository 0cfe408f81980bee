// /help — every command with its usage, generated from the declarations.
import { usage } from './parse.ts';
import type { Command } from './types.ts';

export function helpCommand(all: () => readonly Command[]): Command {
  return {
    name: 'help',
    description: 'Every Cohort command',
    access: 'everyone',
    options: [],
    run: () => ({
      visibility: 'private',
      tone: 'info',
      title: 'Cohort commands',
      text: all()
        .flatMap((c) => (c.subcommands ? c.subcommands.map((s) => `\`${usage(c, s)}\` — ${s.description}${s.access === 'admin' ? ' (admins)' : ''}`) : [`\`${usage(c)}\` — ${c.description}`]))
        .join('\n'),
      footer: 'Options go in order or as name:value, e.g. /roadmap start backend track:python',
    }),
  };
}

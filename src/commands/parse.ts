// The one parser for commands typed as text (Slack, the shell, buttons):
//   /roadmap start backend track:python
// Options are positional in declared order, or `name:value` anywhere in the line.
// A `rest` option takes what is left of the line verbatim once the other
// `name:value` options are taken out, so answers, links and feedback need no
// quoting and `/challenge submit <link> task:<id>` reads as written.
import { UserError } from '../domain/errors.ts';
import { suggest } from '../domain/suggest.ts';
import type { ActionDef, Command, OptionDef, UserRef } from './types.ts';
import { excerpt } from '../domain/excerpt.ts';

export interface Parsed {
  command: Command;
  /** Empty for commands without subcommands. */
  subcommand: string;
  action: ActionDef;
  /** Raw option values by option name, as typed (unquoted). */
  raw: Record<string, string>;
}

export function usage(command: Command, sub?: { name: string; options: readonly OptionDef[] }): string {
  const head = `/${command.name}${sub && sub.name ? ` ${sub.name}` : ''}`;
  const opts = (sub ?? (command.subcommands ? undefined : command))?.options ?? [];
  return [head, ...opts.map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`))].join(' ');
}

export function findAction(command: Command, subName: string): ActionDef & { name: string } {
  if (!command.subcommands) return { ...command, name: '' };
  const sub = command.subcommands.find((s) => s.name === subName);
  if (sub) return sub;
  const names = command.subcommands.map((s) => s.name);
  const close = suggest(subName, names, 1);
  throw new UserError(
    'parse.unknownSubcommand',
    `${subName ? `\`/${command.name} ${excerpt(subName)}\` is not a command.${close[0] ? ` Did you mean \`/${command.name} ${close[0]}\`?` : ''}` : `\`/${command.name}\` needs a subcommand.`}\n` +
      command.subcommands.map((s) => `• \`${usage(command, s)}\` — ${s.description}`).join('\n'),
  );
}

export function parseCommandLine(line: string, commands: readonly Command[]): Parsed {
  const text = line.trim();
  const head = /^\/?([\w-]+)\s*/.exec(text);
  if (!head || !text.startsWith('/')) {
    throw new UserError('parse.notACommand', 'Commands start with a slash, e.g. `/roadmap list`. Type `/help` to see them all.');
  }
  const name = head[1]!.toLowerCase();
  const command = commands.find((c) => c.name === name);
  if (!command) {
    const close = suggest(name, commands.map((c) => c.name), 1);
    throw new UserError('parse.unknownCommand', `\`/${excerpt(name)}\` is not a Cohort command.${close[0] ? ` Did you mean \`/${close[0]}\`?` : ''} Type \`/help\` to see them all.`);
  }
  let rest = text.slice(head[0].length);
  let subcommand = '';
  if (command.subcommands) {
    const sub = /^([\w-]+)\s*/.exec(rest);
    subcommand = sub ? sub[1]!.toLowerCase() : '';
    rest = sub ? rest.slice(sub[0].length) : rest;
  }
  const action = findAction(command, subcommand);
  return { command, subcommand, action, raw: parseOptions(rest, action.options, usage(command, subcommand ? action : undefined)) };
}

// A token is `name:"quoted value"`, `name:value` (a space after the colon is
// fine), `"quoted"` or a bare word. A `word:` that is not an option name is
// re-read as a bare word, so URLs and "note: …" text pass through untouched.
const TOKEN = /\s*(?:([a-z][\w-]*):\s*)?(?:"([^"]*)"|“([^”]*)”|(\S+))/giy;
const BARE = /\s*(?:"([^"]*)"|“([^”]*)”|(\S+))/y;

function parseOptions(text: string, options: readonly OptionDef[], usageLine: string): Record<string, string> {
  const raw: Record<string, string> = {};
  const byName = new Map(options.map((o) => [o.name, o]));
  const skipped = new Set<string>();
  const positional = () => options.find((o) => !(o.name in raw) && !skipped.has(o.name));
  let at = 0;
  while (at < text.length) {
    const start = at;
    TOKEN.lastIndex = start;
    const m = TOKEN.exec(text);
    if (!m) break;
    at = TOKEN.lastIndex;
    const key = m[1];
    const found = key !== undefined ? byName.get(key.toLowerCase()) : undefined;
    // Free text that merely starts like a filled option ("id: wrong") belongs to the rest option.
    const named = found && !(found.name in raw && positional()?.rest) ? found : undefined;
    if (named) {
      if (named.name in raw) throw new UserError('parse.duplicateOption', `\`${named.name}\` is given twice. Usage: \`${usageLine}\``);
      if (named.rest) {
        raw[named.name] = takeRest(text.slice(text.indexOf(':', start) + 1), byName, raw);
        break;
      }
      raw[named.name] = m[2] ?? m[3] ?? m[4] ?? '';
      continue;
    }
    const option = positional();
    if (option?.rest) {
      raw[option.name] = takeRest(text.slice(start), byName, raw);
      break;
    }
    // Not an option name: a typo of one is an error, anything else a plain word.
    const typo = key !== undefined && !/^https?$/i.test(key) ? suggest(key, byName.keys(), 1)[0] : undefined;
    if (typo) throw new UserError('parse.unknownOption', `\`${excerpt(key ?? '')}\` is not an option here. Did you mean \`${typo}\`? Usage: \`${usageLine}\``);
    BARE.lastIndex = start;
    const word = BARE.exec(text)!;
    at = BARE.lastIndex;
    const value = word[1] ?? word[2] ?? word[3] ?? '';
    // `/streak @ana`: a word that is none of a skippable choice's values belongs to the next option.
    if (option?.skippable && !option.choices?.includes(value.toLowerCase())) {
      skipped.add(option.name);
      at = start;
      continue;
    }
    if (!option) throw new UserError('parse.unexpected', `I didn't expect "${excerpt(word[0].trim())}". Usage: \`${usageLine}\``);
    raw[option.name] = value;
  }
  for (const o of options) {
    if (o.required && !(raw[o.name] ?? '').trim()) {
      throw new UserError('parse.missingOption', `Missing \`${o.name}\`: ${lowerFirst(o.description)}. Usage: \`${usageLine}\``);
    }
  }
  return raw;
}

/**
 * The rest option's value: the remainder with any `name:value` for another,
 * still-unfilled option taken out (and stored in `raw`). An option already
 * given stays part of the text ("id: should be a UUID").
 */
function takeRest(text: string, byName: ReadonlyMap<string, OptionDef>, raw: Record<string, string>): string {
  let kept = '';
  let from = 0;
  let at = 0;
  while (at < text.length) {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) break;
    const found = m[1] !== undefined ? byName.get(m[1].toLowerCase()) : undefined;
    if (found && !found.rest && !(found.name in raw)) {
      raw[found.name] = m[2] ?? m[3] ?? m[4] ?? '';
      kept += text.slice(from, at);
      from = TOKEN.lastIndex;
    }
    at = TOKEN.lastIndex;
  }
  return unquote((kept + text.slice(from)).trim());
}

const unquote = (s: string) => (/^"[^"]*"$/.test(s) || /^“[^”]*”$/.test(s) ? s.slice(1, -1) : s);
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** Reads a user mention as typed on any platform: <@U123>, <@!123>, <@U123|name>, @name. */
export function parseUserRef(value: string): UserRef | undefined {
  const v = value.trim();
  const tag = /^<@!?([\w.-]+)(?:\|([^>]+))?>$/.exec(v);
  if (tag) return { id: tag[1]!, name: tag[2] };
  const at = /^@([\w.-]+)$/.exec(v);
  if (at) return { id: at[1]! };
  return undefined;
}

/** Reads a channel as typed: <#C123>, <#C123|name>, #name. */
export function parseChannelRef(value: string): string | undefined {
  const v = value.trim();
  const tag = /^<#([\w-]+)(?:\|[^>]*)?>$/.exec(v);
  if (tag) return tag[1];
  const hash = /^#([\w-]+)$/.exec(v);
  return hash ? hash[1] : undefined;
}

// The local shell: a chat with Cohort in the terminal, on the embedded store.
// One community with one group, #study. The default speaker `you` is its
// admin; `@name /command` speaks as another member, created on first use.
// Interactive on a terminal (readline with history); piped input is read to
// EOF, each line echoed before its replies, then the shell exits.
import { createInterface } from 'node:readline';
import { runText, type Runtime } from '../../commands/dispatch.ts';
import { findGroup, setupGroup } from '../../domain/groups.ts';
import { resolveCommunity } from '../../domain/community.ts';
import { isSaneInstant, SANE_YEARS } from '../../domain/time.ts';
import { DEFAULT_CARDS_DIR, saveReplyPicture } from './pictures.ts';
import { renderReply } from './render.ts';

export const SHELL_COMMUNITY = 'local';
export const SHELL_CHANNEL = 'study';
export const SHELL_ADMIN = 'you';

export interface ShellOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  interactive: boolean;
  /** The time zone of the #study group when it is first created. */
  timezone: string;
  /** `:clock <ISO datetime>`: set the shell's time and run whatever is then due. */
  setClock?: (to: Date) => Promise<void>;
  /** Where reply cards are written as PNG files (default ./data/cards). */
  cardsDir?: string;
  /** `:web`: starts the dashboard (once) and returns a one-time sign-in link for the local admin. */
  webLink?: (() => Promise<string>) | undefined;
  /** Called once #study exists, before the first line is read. */
  onReady?: (() => Promise<void>) | undefined;
}

/** Makes sure #study exists, following `backend` (or the first roadmap) in the machine's zone. */
export async function ensureShellGroup(rt: Runtime, timezone: string): Promise<void> {
  const community = await resolveCommunity(rt.deps, 'shell', SHELL_COMMUNITY);
  if (await findGroup(rt.deps, community.id, SHELL_CHANNEL)) return;
  const roadmap = rt.deps.roadmaps.get('backend') ?? rt.deps.roadmaps.all[0]!;
  await setupGroup(rt.deps, community.id, SHELL_CHANNEL, { roadmap: roadmap.id, timezone });
}

const HELP = [
  'Type a command as you would in chat, e.g. /roadmap start backend track:python',
  '  @name /command   run it as another member (created on first use)',
  '  /help            every command',
  '  :clock 2026-03-02T09:00   set the time (zone offset optional) and run what is due',
  '  :web             open the web dashboard: prints a one-time sign-in link (10 minutes)',
  '  :help            this help        :quit   leave (or Ctrl-D)',
].join('\n');

export async function runShell(rt: Runtime, opts: ShellOptions): Promise<void> {
  await ensureShellGroup(rt, opts.timezone);
  const print = (text: string) => opts.output.write(`${text}\n`);
  // The banner first: whatever is due at start (today's post) prints after it, not above it.
  if (opts.interactive) print(`Cohort shell — you are "${SHELL_ADMIN}" (admin) in #${SHELL_CHANNEL}. ${HELP.split('\n')[0]}. :help for more.`);
  await opts.onReady?.();
  const rl = createInterface({ input: opts.input, output: opts.interactive ? opts.output : undefined, terminal: opts.interactive, historySize: 500 });
  if (opts.interactive) {
    rl.setPrompt(`${SHELL_ADMIN} › `);
    rl.prompt();
  }
  // Lines are handled strictly one after another, even when piped in faster than they run.
  for await (const raw of rl) {
    const line = raw.trim();
    if (line && !line.startsWith('#')) {
      if (!opts.interactive) print(`› ${line}`);
      if (line === ':quit' || line === ':exit') break;
      const clock = /^:clock(?:\s+(.*))?$/.exec(line);
      if (clock) await setClock(clock[1]?.trim() ?? '', opts, print);
      else if (line === ':web') print(opts.webLink ? `Open this link to sign in as "${SHELL_ADMIN}" (admin); it works once, for 10 minutes:\n${await opts.webLink()}` : 'The web dashboard is not available in this shell.');
      else print(await handleLine(rt, line, opts.cardsDir));
    }
    if (opts.interactive) rl.prompt();
  }
  rl.close();
}

/** `:clock <ISO datetime>`; a time without an offset is the machine's local time, like #study's zone. */
async function setClock(value: string, opts: ShellOptions, print: (text: string) => void): Promise<void> {
  const to = new Date(value);
  if (!opts.setClock) return print('The clock cannot be set in this shell.');
  if (!value || Number.isNaN(to.getTime())) {
    return print(`"${value}" is not a date and time. Write it as ISO 8601, e.g. :clock 2026-03-02T09:00 or :clock 2026-03-02T09:00+01:00`);
  }
  if (!isSaneInstant(to)) {
    return print(`${to.toISOString()} is outside the years Cohort keeps (${SANE_YEARS.from}–${SANE_YEARS.to}); the clock was not changed. Pick a date in that range, e.g. :clock 2026-03-02T09:00`);
  }
  print(`(clock set to ${to.toString()})`);
  await opts.setClock(to);
}

/** `@name /command`: a name of letters (any script), digits, `.`, `-` and `_`. */
const SPEAKER = /^@([\p{L}\p{M}\p{N}_.-]{1,32})\s+(.*)$/su;

/** Why a line starting with `@` names no speaker, rather than running it as `you`. */
function badSpeaker(line: string): string {
  const name = /^@(\S*)/u.exec(line)![1]!;
  const why =
    name === ''
      ? 'a name goes right after the @'
      : [...name].length > 32
        ? 'names are at most 32 characters'
        : !/^[\p{L}\p{M}\p{N}_.-]+$/u.test(name)
          ? 'names are letters, digits, ".", "-" and "_"'
          : 'a command goes after the name';
  return `"@${[...name].slice(0, 40).join('')}" can't be a speaker: ${why}. Write it as @name /command, e.g. @élodie /roadmap start`;
}

export async function handleLine(rt: Runtime, line: string, cardsDir = DEFAULT_CARDS_DIR): Promise<string> {
  if (line === ':help') return HELP;
  if (line.startsWith(':')) return `Unknown shell command ${line.split(/\s/)[0]}. ${HELP.split('\n').at(-1)!.trim()}`;
  const as = SPEAKER.exec(line);
  if (!as && line.startsWith('@')) return badSpeaker(line);
  const speaker = as ? as[1]! : SHELL_ADMIN;
  const text = as ? as[2]!.trim() : line;
  const replies = await runText(
    rt,
    { platform: 'shell', communityId: SHELL_COMMUNITY, channelId: SHELL_CHANNEL, user: { id: speaker, name: speaker, isAdmin: speaker === SHELL_ADMIN }, names: { community: 'Cohort shell', channel: SHELL_CHANNEL } },
    text,
  );
  const shown: string[] = [];
  for (const r of replies) {
    shown.push(renderReply(r, { channel: SHELL_CHANNEL, speaker }, await saveReplyPicture(cardsDir, r.image)));
    // An answer whose writes could not be saved after all: the apology follows it (Reply.correction).
    const correction = await r.correction;
    if (correction) shown.push(renderReply(correction, { channel: SHELL_CHANNEL, speaker }, undefined));
  }
  return shown.join('\n');
}

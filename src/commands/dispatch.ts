// Runs a parsed command for someone: resolves who and where, checks access,
// coerces options, and turns every outcome into replies. A UserError becomes
// a private message; anything else is logged with context and the user gets
// an apology with a reference they can quote to an admin.
import { randomBytes } from 'node:crypto';
import { resolveCommunity, resolveMember } from '../domain/community.ts';
import type { Deps } from '../domain/deps.ts';
import { UserError } from '../domain/errors.ts';
import { isSaneInstant, SANE_YEARS } from '../domain/time.ts';
import type { MemberRow, Platform } from '../db/types.ts';
import type { Logger } from '../log.ts';
import { storeWriteFailure } from '../db/store-errors.ts';
import type { Health } from '../ops/health.ts';
import type { Metrics, Outcome } from '../ops/metrics.ts';
import { findAction, parseChannelRef, parseCommandLine, parseUserRef, usage, type Parsed } from './parse.ts';
import type { Args, Command, CommandContext, OptionDef, Reply } from './types.ts';
import { excerpt } from '../domain/excerpt.ts';

export interface Invocation {
  platform: Platform;
  /** Discord guild id, Slack team id, "local" for the shell. */
  communityId: string;
  channelId: string;
  user: { id: string; name: string; isAdmin: boolean };
  /** The community's and channel's names, when the platform sent them (shown on certificates). */
  names?: { community?: string | undefined; channel?: string | undefined };
  /** Why the bot cannot post in a channel (saying how to fix it), or nothing when it can or cannot tell. */
  cannotPost?: (channelId: string) => Promise<string | undefined>;
}

export interface Runtime {
  deps: Deps;
  log: Logger;
  commands: readonly Command[];
  /** A mentioned user's display name, when the mention did not carry it. */
  lookupUserName?: (userId: string) => Promise<string | undefined>;
  /** Counts every interaction by command and outcome, with its latency. */
  metrics?: Metrics;
  /** Told when the store refuses writes (disk full, read-only), for /healthz. */
  health?: Health;
}

/** Runs a command typed as text: `/roadmap start backend`. */
export async function runText(rt: Runtime, inv: Invocation, line: string): Promise<Reply[]> {
  return guard(rt, inv, line, async () => execute(rt, inv, parseCommandLine(line, rt.commands)));
}

/** Runs a command whose options arrived already split (Discord slash commands). */
export async function runParsed(rt: Runtime, inv: Invocation, name: string, subcommand: string, raw: Record<string, string>): Promise<Reply[]> {
  const shown = `/${name}${subcommand ? ` ${subcommand}` : ''} ${Object.entries(raw).map(([k, v]) => `${k}:${v}`).join(' ')}`.trim();
  return guard(rt, inv, shown, async () => {
    const command = rt.commands.find((c) => c.name === name);
    if (!command) throw new UserError('parse.unknownCommand', `\`/${excerpt(name)}\` is not a Cohort command.`);
    const action = findAction(command, subcommand);
    for (const o of action.options) {
      if (o.required && !raw[o.name]?.trim()) {
        throw new UserError('parse.missingOption', `Missing \`${o.name}\`. Usage: \`${usage(command, subcommand ? action : undefined)}\``);
      }
    }
    return execute(rt, inv, { command, subcommand, action, raw });
  });
}

async function execute(rt: Runtime, inv: Invocation, parsed: Parsed): Promise<Reply[]> {
  const { deps } = rt;
  const now = deps.clock.now();
  if (!isSaneInstant(now)) {
    // A host clock gone wrong would file today's work under an impossible day: refuse, and say so.
    rt.log.warn({ clock: now.getTime() }, 'the clock is outside the supported years; commands are refused until it is right');
    throw new UserError('clock.outOfRange', `Cohort's clock reads a time outside ${SANE_YEARS.from}–${SANE_YEARS.to}, so nothing was recorded. An admin needs to fix the host's clock.`);
  }
  const community = await resolveCommunity(deps, inv.platform, inv.communityId);
  const member = await resolveMember(deps, community, inv.user.id, inv.user.name);
  const { action } = parsed;
  if (action.access === 'admin' && !inv.user.isAdmin) {
    throw new UserError('access.adminOnly', `Only community admins can run \`${usage(parsed.command, parsed.subcommand ? { name: parsed.subcommand, options: [] } : undefined)}\`.`);
  }
  const ctx: CommandContext = { deps, log: rt.log, platform: inv.platform, community, member, isAdmin: inv.user.isAdmin, channelId: inv.channelId, ...(inv.names && { names: inv.names }), ...(inv.cannotPost && { cannotPost: inv.cannotPost }) };
  const args = await coerce(rt, ctx, action.options, parsed.raw);
  const out = await action.run(ctx, args);
  return Array.isArray(out) ? out : [out];
}

async function coerce(rt: Runtime, ctx: CommandContext, options: readonly OptionDef[], raw: Record<string, string>): Promise<Args> {
  const strings = new Map<string, string>();
  const integers = new Map<string, number>();
  const members = new Map<string, MemberRow>();
  for (const o of options) {
    const value = raw[o.name]?.trim();
    if (value === undefined || value === '') continue;
    switch (o.type) {
      case 'string':
        strings.set(o.name, value);
        break;
      case 'integer': {
        const m = /^#?(\d{1,9})$/.exec(value);
        if (!m) throw new UserError('parse.notANumber', `\`${o.name}\` must be a number, e.g. 12 — got "${excerpt(value)}".`);
        integers.set(o.name, Number(m[1]));
        break;
      }
      case 'choice': {
        const choice = o.choices?.find((c) => c === value.toLowerCase());
        if (!choice) throw new UserError('parse.badChoice', `\`${o.name}\` must be one of ${o.choices?.join(', ')} — got "${excerpt(value)}".`);
        strings.set(o.name, choice);
        break;
      }
      case 'channel': {
        const id = parseChannelRef(value);
        if (!id) throw new UserError('parse.notAChannel', `\`${o.name}\` must be a channel, e.g. #reviews — got "${excerpt(value)}".`);
        strings.set(o.name, id);
        break;
      }
      case 'user': {
        const ref = parseUserRef(value);
        if (!ref) throw new UserError('parse.notAUser', `\`${o.name}\` must mention a member, e.g. @alice — got "${excerpt(value)}".`);
        const name = ref.name ?? (await rt.lookupUserName?.(ref.id)) ?? ref.id;
        members.set(o.name, await resolveMember(ctx.deps, ctx.community, ref.id, name));
        break;
      }
    }
  }
  return {
    string: (n) => strings.get(n),
    integer: (n) => integers.get(n),
    member: (n) => members.get(n),
  };
}

/** The command's name for metrics: known names only, so a typo can't grow the label set. */
function commandLabel(commands: readonly Command[], line: string): string {
  const [name, sub] = line.trim().replace(/^\//, '').toLowerCase().split(/\s+/, 2);
  const command = commands.find((c) => c.name === name);
  if (!command) return 'unknown';
  const subcommand = command.subcommands?.find((s) => s.name === sub);
  return subcommand ? `${command.name} ${subcommand.name}` : command.name;
}

async function guard(rt: Runtime, inv: Invocation, line: string, fn: () => Promise<Reply[]>): Promise<Reply[]> {
  const started = performance.now();
  let outcome: Outcome = 'ok';
  const replies = (await answer(rt, inv, line, fn, (o) => (outcome = o))).map((r) => (r.saved ? corrected(rt, inv, line, r) : r));
  if (rt.metrics) {
    const metrics = rt.metrics;
    const took = (performance.now() - started) / 1000;
    const count = (o: Outcome) => metrics.interaction(inv.platform, commandLabel(rt.commands, line), o, took);
    // An answer shown before it was saved counts once the save is settled, as what it turned out to be.
    const pending = replies.flatMap((r) => (r.correction ? [r.correction] : []));
    if (pending.length) void Promise.all(pending).then((c) => count(c.some(Boolean) ? 'failure' : outcome));
    else count(outcome);
  }
  return replies;
}

/** Hands the platform the reply that replaces `reply` if its writes fail to save (Reply.correction). */
function corrected(rt: Runtime, inv: Invocation, line: string, reply: Reply): Reply {
  const { saved, ...shown } = reply;
  const correction = saved!.then(
    () => undefined,
    (err: unknown) => {
      const [apology] = failureReplies(rt, inv, line, err);
      // Said of an answer already shown: what it told the member does not hold.
      return { ...apology!, title: 'That was not saved', text: `What I just told you does not count. ${apology!.text}` };
    },
  );
  return { ...shown, correction };
}

async function answer(rt: Runtime, inv: Invocation, line: string, fn: () => Promise<Reply[]>, ended: (outcome: Outcome) => void): Promise<Reply[]> {
  try {
    return await fn();
  } catch (err) {
    ended(err instanceof UserError ? 'user_error' : 'failure');
    return failureReplies(rt, inv, line, err);
  }
}

/** What the member is told when a command fails; the admin's log line for anything that is not their mistake. */
function failureReplies(rt: Runtime, inv: Invocation, line: string, err: unknown): Reply[] {
  if (err instanceof UserError) {
    rt.log.debug({ errorId: err.id, command: line, user: inv.user.id }, 'user error');
    return [{ visibility: 'private', tone: 'error', text: err.message }];
  }
  const ref = randomBytes(3).toString('hex');
  const cantWrite = storeWriteFailure(err);
  if (cantWrite) {
    // Not a bug in Cohort: one line with the cause for the admin (a stack says nothing here), and a plain answer.
    rt.health?.storeFailure(cantWrite);
    rt.log.error({ ref, command: line, cause: cantWrite }, `the store refused a write: ${cantWrite}`);
    return [
      {
        visibility: 'private',
        tone: 'error',
        text: `The bot can't save right now; nothing was changed. Try again later, and tell an admin (reference \`${ref}\`) if it lasts.`,
      },
    ];
  }
  rt.log.error({ err, ref, command: line, platform: inv.platform, community: inv.communityId, channel: inv.channelId, user: inv.user.id }, 'command failed');
  return [
    {
      visibility: 'private',
      tone: 'error',
      text: `Sorry — something went wrong on our side and nothing was changed. If it keeps happening, tell an admin the reference \`${ref}\`.`,
    },
  ];
}

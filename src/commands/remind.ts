// /remind — a member's own streak reminders: on, off, or at their time.
import { setReminders } from '../domain/enrolment.ts';
import { channelGroup } from './context.ts';
import type { Command, CommandContext, Reply } from './types.ts';

async function confirm(ctx: CommandContext, change: { on?: boolean; time?: string }): Promise<Reply> {
  const group = await channelGroup(ctx);
  const e = await setReminders(ctx.deps, group, ctx.member, change);
  const time = e.reminderTime ?? group.reminderTime;
  return {
    visibility: 'private',
    tone: 'success',
    text: e.remindersOn
      ? `Reminders on: if your streak is alive and you haven't been active by ${time} (${group.timezone}), I'll send you one reminder that day.`
      : 'Reminders off. Turn them back on any time with `/remind on`.',
  };
}

export default {
  name: 'remind',
  description: 'Your streak reminders',
  subcommands: [
    { name: 'on', description: 'Get a reminder before your streak breaks', access: 'everyone', options: [], run: async (ctx) => confirm(ctx, { on: true }) },
    { name: 'off', description: 'Stop streak reminders', access: 'everyone', options: [], run: async (ctx) => confirm(ctx, { on: false }) },
    {
      name: 'time',
      description: 'When to remind you, in the group time zone',
      access: 'everyone',
      options: [{ name: 'time', description: 'HH:MM, e.g. 19:30', type: 'string', required: true }],
      run: async (ctx, args) => confirm(ctx, { time: args.string('time')! }),
    },
  ],
} satisfies Command;

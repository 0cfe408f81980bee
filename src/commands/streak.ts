// /streak — a member's current and longest streak, and banked freezes.
import { requireEnrolment } from '../domain/enrolment.ts';
import { FREEZE_EVERY_DAYS, MAX_FREEZES } from '../domain/streak-rules.ts';
import { streakOf } from '../domain/streaks.ts';
import { streakLine } from './cards.ts';
import { channelGroup } from './context.ts';
import type { Command } from './types.ts';

export default {
  name: 'streak',
  description: 'Your streak (or a member\'s): current, longest and freezes',
  access: 'everyone',
  options: [{ name: 'member', description: 'Whose streak (defaults to yours)', type: 'user' }],
  run: async (ctx, args) => {
    const group = await channelGroup(ctx);
    const who = args.member('member') ?? ctx.member;
    const self = who.id === ctx.member.id;
    await requireEnrolment(ctx.deps, group, who, 'keep a streak', self ? 'you' : 'they');
    const s = await streakOf(ctx.deps, group, who.id);
    return {
      visibility: 'private',
      tone: 'info',
      title: `${self ? 'Your' : `${who.displayName}'s`} streak`,
      text: streakLine(s),
      fields: [
        { name: 'Current', value: `${s.current} day${s.current === 1 ? '' : 's'}`, inline: true },
        { name: 'Longest', value: `${s.longest} day${s.longest === 1 ? '' : 's'}`, inline: true },
        { name: 'Freezes', value: `${s.freezes} of ${MAX_FREEZES}`, inline: true },
      ],
      footer: `A day counts when you answer correctly, submit work or finish a topic. Every ${FREEZE_EVERY_DAYS} active days earn a freeze, which covers one missed day.`,
    };
  },
} satisfies Command;
